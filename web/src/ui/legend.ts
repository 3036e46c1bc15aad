// Legends that show every drawn series whole: a grid with as many columns as the plot's width holds at the labels'
// length (never a cut label or an entry pushed past the edge), generated from the series the chart draws.

/** Vega-Lite legend properties for `labels` in a plot `width` px wide (about 7.5 px a character plus the symbol). */
export function legendGrid(labels: string[], width: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const longest = Math.max(1, ...labels.map((l) => l.length));
  const cell = longest * 7.5 + 34;
  const columns = Math.max(1, Math.min(labels.length, Math.floor(Math.max(200, width) / cell)));
  return { orient: 'top', direction: 'horizontal', columns, labelLimit: 0, symbolLimit: 0, ...extra };
}

/** Put a legend grid on a spec's colour encoding, and the same legend on channels of the same field (merged into one). */
export function fitLegend<T>(spec: T, labels: string[], el: HTMLElement, extra: Record<string, unknown> = {}): T {
  const enc = (spec as { encoding?: Record<string, { field?: string; legend?: unknown }> }).encoding;
  if (!enc?.color) return spec;
  const legend = legendGrid(labels, el.clientWidth || el.parentElement?.clientWidth || 400, extra);
  enc.color.legend = legend;
  for (const ch of ['strokeDash', 'strokeWidth', 'opacity'] as const) if (enc[ch] && enc[ch].field === enc.color.field) enc[ch].legend = { ...legend };
  return spec;
}
