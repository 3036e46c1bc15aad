// One colour per method everywhere in the explorer (and the same order in every legend).
export const METHOD_COLORS: Record<string, string> = {
  gd: '#6b7280', // grey
  hb: '#2563eb', // blue
  nag: '#ea580c', // orange
  cg: '#16a34a', // green
  aggmo: '#9333ea', // purple
  chebyshev: '#0d9488', // teal
  'nag-aspremont': '#b45309', // dark amber
  theory: '#111827',
  lower: '#dc2626', // red: bounds
};

export const METHOD_LABELS: Record<string, string> = {
  gd: 'GD',
  hb: 'Heavy ball',
  nag: 'Nesterov',
  cg: 'CG',
  aggmo: 'AggMo',
  chebyshev: 'Chebyshev',
  'nag-aspremont': "Nesterov (d'Aspremont)",
  theory: 'theory',
  lower: 'lower bound',
};

/** A Vega-Lite colour encoding with the fixed method palette for the given method keys. */
export function methodColor(keys: string[], field = 'method'): Record<string, unknown> {
  return {
    field,
    type: 'nominal',
    title: null,
    scale: { domain: keys.map((k) => METHOD_LABELS[k] ?? k), range: keys.map((k) => METHOD_COLORS[k] ?? '#000') },
    legend: { orient: 'top', direction: 'horizontal' },
  };
}

/** Regime colours (per-eigendirection labels). */
export const REGIME_COLORS: Record<string, string> = {
  overdamped: '#0891b2',
  critical: '#16a34a',
  underdamped: '#c026d3',
  oscillating: '#d97706',
  divergent: '#dc2626',
};
