// One colour per method everywhere: the explorer uses the same (colour-blind safe, Okabe–Ito) palette as the CLI's
// figures and the report (src/plot/theme.ts), so a method looks the same on the page, in a PNG and in the report.
import { methodColors } from '../lib.js';

/** Every method's colour: the one table of src/plot/theme.ts (plus `lower`, kept for sections that drew bounds with it). */
export const METHOD_COLORS: Record<string, string> = {
  ...methodColors,
  lower: methodColors.bound, // grey: bounds (new code: SERIES_COLORS.grey)
};

/** Method keys, in the table's order (theory and bounds are series, not methods). */
export const METHOD_KEYS: string[] = Object.keys(methodColors).filter((k) => k !== 'theory' && k !== 'bound');

export const METHOD_LABELS: Record<string, string> = {
  gd: 'GD',
  hb: 'Heavy ball',
  nag: 'Nesterov',
  cg: 'CG',
  chebyshev: 'Chebyshev',
  aggmo: 'AggMo',
  qhm: 'QHM',
  'nag-aspremont': "Nesterov (d'Aspremont)",
  tmm: 'Triple momentum',
  'two-term': 'Two-term',
  leapfrog: 'Leapfrog',
  'torch-sgd': 'torch SGD',
  'optax-sgd': 'optax SGD',
  'keras-sgd': 'Keras SGD',
  'tfjs-momentum': 'tfjs momentum',
  theory: 'theory',
  lower: 'lower bound',
};

/**
 * The palette as CSS custom properties (`--gd`, `--hb`, ..., `--two-term`) on the root element, so style.css and the
 * header legend use the same table as the charts. Called once at startup.
 */
export function applyMethodColors(root: HTMLElement = document.documentElement): void {
  for (const k of METHOD_KEYS) root.style.setProperty(`--${k}`, METHOD_COLORS[k]);
}

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

/**
 * Colours for series that are not methods (reference lines, bounds, thresholds, samples, regimes' companions): never a
 * method's colour, so a colour on this page always means one method.
 */
export const SERIES_COLORS = {
  ink: '#000000',
  grey: '#7F7F7F',
  light: '#BBBBBB',
  purple: '#5E3C99',
  brown: '#8C510A',
} as const;
