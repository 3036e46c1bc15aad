import type { Config } from 'vega-lite';

/** The one font of every figure: DejaVu Sans covers Greek, sub/superscripts and math symbols; the CLI ships it for PNG. */
export const plotFont = 'DejaVu Sans, Verdana, sans-serif';

/** Default figure size in CSS pixels (the plotting area; axes and legends are added around it). */
export const plotSize = { width: 440, height: 260 } as const;

/**
 * Colours for the methods, the same in every figure, on the page and in the report: one entry per method key of the
 * registry (and cg, chebyshev). The first eight are Okabe–Ito and Paul Tol's colour-blind safe sets; past those no
 * palette stays safe for every pair, so the rarer methods (and the framework adapters, which equal heavy ball) take
 * further Tol colours that differ in lightness. `theory` and `bound` are kept for the figures that draw them.
 *
 * @example
 * methodColors.hb; // returns '#D55E00'
 */
export const methodColors: Readonly<Record<string, string>> = {
  gd: '#0072B2', // blue
  hb: '#D55E00', // vermilion
  nag: '#009E73', // bluish green
  cg: '#CC79A7', // reddish purple
  chebyshev: '#E69F00', // orange
  aggmo: '#56B4E9', // sky blue
  qhm: '#882255', // wine
  'nag-aspremont': '#005F46', // dark green: the other form of Nesterov
  tmm: '#332288', // indigo
  'two-term': '#999933', // olive
  leapfrog: '#44AA99', // teal
  'torch-sgd': '#CC6677', // rose
  'optax-sgd': '#AA4499', // purple
  'keras-sgd': '#6699CC', // steel blue
  'tfjs-momentum': '#997700', // dark gold
  theory: '#000000',
  bound: '#7F7F7F',
};

/** A categorical palette for series that are not methods (Okabe–Ito order, then greys). */
export const palette: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999', '#F0E442'];

/**
 * The house style as a Vega-Lite config: readable fonts, light grid, no ARIA text per mark (keeps SVGs small
 * and byte-stable; each figure carries a `description` instead).
 */
export const plotTheme: Config = {
  font: plotFont,
  background: 'white',
  padding: 8,
  aria: false,
  view: { stroke: '#c8c8c8', continuousWidth: plotSize.width, continuousHeight: plotSize.height },
  title: { fontSize: 15, fontWeight: 'normal', anchor: 'start', offset: 10, subtitleFontSize: 12, subtitleColor: '#555' },
  axis: {
    labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', titleColor: '#222', labelColor: '#333',
    gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888', labelOverlap: true, labelFlush: false,
  },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', symbolStrokeWidth: 2.5, labelLimit: 320, orient: 'right' },
  header: { labelFontSize: 13, titleFontSize: 13 },
  line: { strokeWidth: 2 },
  point: { size: 30, filled: true },
  range: { category: [...palette] },
  concat: { spacing: 24 },
  facet: { spacing: 16 },
};
