import { directionRate, linearMethod, regimeThresholds } from '../../theory/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors, palette } from '../theme.js';
import { label, num } from './common.js';

const betasDefault = [0, 0.5, 0.81, 0.9, 0.99];

/**
 * Spectral radius of heavy ball against curvature (lecture slide 19): rho(h) from the closed form per direction, with
 * alpha = 1/h_max and T marked; a second panel continues past h_max to show the regimes the lecture's formula omits.
 */
export const spectralRadius: FigureDef = {
  name: 'spectral-radius',
  title: 'Spectral radius of heavy ball against curvature',
  section: 'spectral-radius',
  caption: 'Left, the lecture\'s plot: $\\rho(h)$ for $\\alpha = 1/h_{\\max}$ and several $\\beta$, with $T = (1-\\sqrt\\beta)^2/\\alpha$ dashed; below $T$ the rate follows $\\frac12(\\gamma + \\sqrt{\\gamma^2 - 4\\beta})$, above it stays at $\\sqrt\\beta$. Right: one $\\beta$ over a wider range of $\\alpha h$, where the eigenvalues turn real and negative past $(1+\\sqrt\\beta)^2$ and $\\rho$ crosses 1 at $\\alpha h = 2(1+\\beta)$ (grey rules).',
  params: [
    { name: 'hmax', description: 'largest curvature h_max (alpha = 1/h_max)', default: 1, min: 0, minExclusive: true },
    { name: 'hmin', description: 'left end of the log axis', default: 1e-4, min: 0, minExclusive: true },
    { name: 'beta', description: 'momentum of the right panel', default: 0.25, min: 0, max: 1, maxExclusive: true },
    { name: 'samples', description: 'curvatures per curve', default: 300, kind: 'integer', min: 10, max: 10000 },
  ],
  build(params) {
    const hmax = num(params, 'hmax');
    const hmin = Math.min(num(params, 'hmin'), hmax / 10);
    const beta = num(params, 'beta');
    const n = num(params, 'samples');
    const alpha = 1 / hmax;
    const names = betasDefault.map((b) => `β = ${b}`);
    const rows = [];
    const rules = [];
    for (const [i, b] of betasDefault.entries()) {
      const m = linearMethod('hb', { alpha, beta: b });
      for (let s = 0; s < n; s++) {
        const h = hmin * (hmax / hmin) ** (s / (n - 1));
        rows.push({ h: sig(h, 5), rho: sig(directionRate(m, h), 6), series: names[i] });
      }
      const T = regimeThresholds(m).T!;
      if (T >= hmin && T <= hmax) rules.push({ T: sig(T, 5), series: names[i] });
    }
    const left = {
      title: { text: `α = 1/h_max = ${label(alpha)}`, fontSize: 13 },
      width: 340, height: 250,
      layer: [
        { data: { values: rows }, mark: { type: 'line' }, encoding: { x: quant('h', 'curvature h', { log: true, domain: [hmin, hmax] }), y: quant('rho', 'spectral radius ρ', { domain: [0, 1] }), color: seriesColor('series', 'momentum', names, palette.slice(0, names.length)) } },
        { data: { values: rules }, mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.3 }, encoding: { x: { field: 'T', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } },
      ],
    };
    const m = linearMethod('hb', { alpha: 1, beta });
    const th = regimeThresholds(m);
    const xmax = 2.3 * (1 + beta);
    const wide = [];
    for (let s = 0; s <= 2 * n; s++) {
      const x = (xmax * s) / (2 * n);
      wide.push({ x: sig(x, 5), rho: sig(Math.min(directionRate(m, x), 1.6), 6) });
    }
    const marks = [
      { x: th.T!, name: 'T' }, { x: th.upperReal!, name: '(1+√β)²' }, { x: th.stability!, name: '2(1+β)' },
    ].map((r) => ({ x: sig(r.x, 5), name: r.name }));
    const right = {
      title: { text: `β = ${beta}, all regimes`, fontSize: 13 },
      width: 300, height: 250,
      layer: [
        { data: { values: [{ y: 1 }] }, mark: { type: 'rule', color: '#c0271b', strokeWidth: 1 }, encoding: { y: { field: 'y', type: 'quantitative' } } },
        { data: { values: marks }, mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
        { data: { values: marks }, mark: { type: 'text', angle: 270, align: 'right', dx: -4, dy: -6, fontSize: 11, color: '#444' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { datum: 1.55 }, text: { field: 'name' } } },
        { data: { values: wide }, mark: { type: 'line', color: methodColors.hb, clip: true }, encoding: { x: quant('x', 'α h', { domain: [0, xmax] }), y: quant('rho', 'spectral radius ρ', { domain: [0, 1.6] }) } },
      ],
    };
    return figureSpec('Spectral radius of heavy ball per eigendirection', this.caption, { hconcat: [left, right], resolve: { scale: { color: 'independent' } } });
  },
};
