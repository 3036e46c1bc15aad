// One colour per method everywhere: the explorer uses the same (colour-blind safe, Okabe–Ito) palette as the CLI's
// figures and the report (src/plot/theme.ts), so a method looks the same on the page, in a PNG and in the report.
import { methodColors, palette } from '../lib.js';

export const METHOD_COLORS: Record<string, string> = {
  ...methodColors,
  aggmo: palette[5], // sky blue
  'nag-aspremont': '#005F46', // dark green: the other form of Nesterov
  lower: methodColors.bound, // grey: bounds
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
