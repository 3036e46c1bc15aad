import type { FigureSpec } from './figure.js';
import { plotTheme } from './theme.js';
import { logAxis } from './log-axis.js';

/** Options of a quantitative position channel. */
export interface AxisOptions {
  /** Log scale (ticks at powers of ten, labelled 10ⁿ); needs `domain`. */
  log?: boolean;
  /** Scale domain; for log scales also the range of the ticks. */
  domain?: [number, number];
  /** Include zero in a linear scale (Vega-Lite's default is true for some marks; figures say explicitly). */
  zero?: boolean;
  /** d3 number format of the tick labels. */
  format?: string;
  grid?: boolean;
  /** Approximate number of ticks. */
  ticks?: number;
}

/**
 * A quantitative x or y channel with the house conventions: explicit domains, 10ⁿ labels on log scales.
 *
 * @example
 * quant('k', 'iteration k').title; // returns 'iteration k'
 */
export function quant(field: string, title: string, { log = false, domain, zero = false, format, grid = true, ticks }: AxisOptions = {}): Record<string, unknown> {
  const scale: Record<string, unknown> = log ? { type: 'log', nice: domain === undefined } : { zero, nice: domain === undefined };
  if (domain) scale.domain = domain;
  const axis: Record<string, unknown> = { grid };
  if (format) axis.format = format;
  if (ticks) axis.tickCount = ticks;
  if (log && domain) Object.assign(axis, logAxis(domain[0], domain[1]));
  return { field, type: 'quantitative', title, scale, axis };
}

/**
 * A colour channel for named series with fixed order and colours (legend entries in the order given).
 *
 * @example
 * seriesColor('method', 'method', ['GD', 'HB'], ['#0072B2', '#D55E00']).scale; // returns { domain: ['GD', 'HB'], range: [...] }
 */
export function seriesColor(field: string, title: string | null, names: readonly string[], colors?: readonly string[]): Record<string, unknown> {
  const scale: Record<string, unknown> = { domain: [...names] };
  if (colors) scale.range = [...colors];
  return { field, type: 'nominal', title, scale, sort: [...names], legend: { orient: 'right' } };
}

/**
 * The smallest [min, max] of a field over rows, ignoring non-finite and (for log scales) non-positive values.
 *
 * @example
 * extent([{ y: 2 }, { y: -1 }, { y: 0.5 }], 'y', true); // returns [0.5, 2]
 */
export function extent(rows: readonly Record<string, unknown>[], field: string, positiveOnly = false): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const v = r[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return positiveOnly ? [1e-16, 1] : [0, 1];
  return [lo, hi];
}

/**
 * Wrap a chart body (layer, concat, facet or single view) as a complete figure: schema, theme, title and caption.
 *
 * @example
 * figureSpec('T', 'caption', { mark: 'point' }).config === plotTheme; // returns true
 */
export function figureSpec(title: string, description: string, body: Record<string, unknown>, subtitle?: string): FigureSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: subtitle ? { text: title, subtitle } : title,
    description,
    config: plotTheme,
    ...body,
  } as FigureSpec;
}
