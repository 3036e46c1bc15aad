import { rateMap, rateMapCurves } from '../../theory/index.js';
import { figureSpec, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { rasterLayers } from '../raster.js';
import { sig } from '../round.js';
import { label, num } from './common.js';

const curveNames: Record<string, string> = {
  stability: 'stability α = 2(1+β)/L',
  criticalDamping: 'μ critically damped: α = (1−√β)²/μ',
  upperRealComplex: 'L turns real-negative: α = (1+√β)²/L',
};

/**
 * The (alpha, beta) rate map of heavy ball: the worst spectral radius over [mu, L] on a grid (theory's rateMap), with
 * the curves that organise it (rateMapCurves) and Polyak's optimal point.
 */
export const rateMapFigure: FigureDef = {
  name: 'rate-map',
  title: 'Rate map of heavy ball over (α, β)',
  section: 'spectral-radius',
  caption: 'Worst spectral radius $\\max_{h\\in[\\mu, L]}\\rho(h)$ of heavy ball for each $(\\alpha, \\beta)$ (white: divergent, $\\rho \\ge 1$). The best rate sits where the flattest direction $\\mu$ is critically damped and the steepest $L$ is about to turn real-negative: Polyak\'s $\\alpha = 4/(\\sqrt L + \\sqrt\\mu)^2$, $\\beta = ((\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1))^2$ (diamond).',
  params: [
    { name: 'kappa', description: 'condition number L/mu (L = 1)', default: 100, min: 1, minExclusive: true, max: 1e8 },
    { name: 'n', description: 'grid points per axis', default: 240, kind: 'integer', min: 8, max: 1024 },
  ],
  quick: { n: 64 },
  build(params) {
    const kappa = num(params, 'kappa');
    const n = num(params, 'n');
    const L = 1;
    const mu = 1 / kappa;
    const amax = 4.2 / L;
    const alphas = Array.from({ length: n }, (_, j) => ((j + 0.5) / n) * amax);
    const betas = Array.from({ length: n }, (_, i) => 1 - (i + 0.5) / n); // row 0 at the top (beta near 1)
    const map = rateMap('hb', alphas, betas, { mu, L });
    const values = map.rho.map((r) => (r < 1 ? r : NaN));
    const { curves, optimal } = rateMapCurves('hb', Array.from({ length: 201 }, (_, i) => i / 200), { mu, L });
    const floor = Math.max(0, Math.floor(optimal.rate * 20) / 20 - 0.05);
    const raster = rasterLayers({ width: n, height: n, values }, {
      x: [0, amax], y: [0, 1], xTitle: 'learning rate α', yTitle: 'momentum β', scheme: 'viridis', domain: [floor, 1], missing: [255, 255, 255], legendTitle: 'ρ',
    });
    const rows = [];
    for (const c of curves) {
      for (let i = 0; i < c.betas.length; i++) {
        if (c.alphas[i] <= amax) rows.push({ alpha: sig(c.alphas[i], 5), beta: sig(c.betas[i], 5), curve: curveNames[c.name] });
      }
    }
    const names = curves.map((c) => curveNames[c.name]);
    return figureSpec(`Rate map of heavy ball, κ = ${label(kappa)}`, this.caption, {
      width: 380, height: 300,
      layer: [
        ...raster,
        { data: { values: rows }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x: { field: 'alpha', type: 'quantitative' }, y: { field: 'beta', type: 'quantitative' }, color: seriesColor('curve', 'boundary', names, ['#d62728', '#ff7f0e', '#2b59c3']), order: { field: 'beta', type: 'quantitative' } } },
        { data: { values: [{ alpha: optimal.alpha, beta: optimal.beta }] }, mark: { type: 'point', shape: 'diamond', size: 140, filled: true, color: '#fff', stroke: '#000', strokeWidth: 1.2 }, encoding: { x: { field: 'alpha', type: 'quantitative' }, y: { field: 'beta', type: 'quantitative' } } },
      ],
      resolve: { scale: { color: 'independent' } },
    }, `μ = ${label(mu)}, L = 1; optimum α = ${label(optimal.alpha)}, β = ${label(optimal.beta)}, ρ = ${label(optimal.rate)}`);
  },
};
