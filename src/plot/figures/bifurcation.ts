import { logisticBifurcation, logisticLyapunov, rasterizeBifurcation } from '../../dynamics/index.js';
import { figureSpec, quant } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { imageLayer } from '../raster.js';
import { sig } from '../round.js';
import { methodColors } from '../theme.js';
import { num } from './common.js';

/**
 * Bifurcation diagram of the logistic map with its Lyapunov exponent underneath: period doubling at r = 3 and
 * 1 + sqrt(6), chaos (positive exponent) past about 3.57, the period-3 window at 1 + sqrt(8).
 */
export const bifurcationFigure: FigureDef = {
  name: 'bifurcation',
  title: 'Bifurcation diagram of the logistic map',
  section: 'nonlinear-dynamics',
  caption: 'Top: the values visited by $x_{k+1} = r x_k(1 - x_k)$ after a transient, for each $r$ (darker = visited more often). Bottom: the Lyapunov exponent $\\lambda(r)$; it touches 0 at each period doubling ($r = 3$, $1 + \\sqrt 6$, ...) and is positive where the map is chaotic. Dashed: the lecture\'s $r = 3.5$ (period 4) and the period-3 window at $1 + \\sqrt 8$.',
  params: [
    { name: 'rMin', aliases: ['rmin', 'r_min'], description: 'smallest r', default: 2.8, min: 0, max: 4 },
    { name: 'rMax', aliases: ['rmax', 'r_max'], description: 'largest r', default: 4, min: 0, max: 4 },
    { name: 'width', description: 'pixels across (values of r)', default: 700, kind: 'integer', min: 20, max: 4000 },
    { name: 'height', description: 'pixels up', default: 300, kind: 'integer', min: 20, max: 4000 },
    { name: 'keep', description: 'iterates kept per r', default: 400, kind: 'integer', min: 10, max: 100000 },
  ],
  quick: { width: 240, height: 120, keep: 120 },
  build(params) {
    const rMin = num(params, 'rMin');
    const rMax = Math.max(num(params, 'rMax'), rMin + 1e-3);
    const W = num(params, 'width'), H = num(params, 'height');
    const data = logisticBifurcation(rMin, rMax, W, { keep: num(params, 'keep') });
    const rgba = rasterizeBifurcation(data, W, H, rMin, rMax);
    const lyap = [];
    const nl = Math.min(W, 400);
    for (let i = 0; i < nl; i++) {
      const r = rMin + ((rMax - rMin) * i) / (nl - 1);
      lyap.push({ r: sig(r, 6), lambda: sig(Math.max(logisticLyapunov(r, { iterations: 4000 }), -2.5), 5) });
    }
    const marks = [{ r: 3.5 }, { r: 1 + Math.sqrt(8) }].filter((m) => m.r >= rMin && m.r <= rMax);
    const ruleLayer = { data: { values: marks }, mark: { type: 'rule', strokeDash: [4, 3], color: methodColors.hb, strokeWidth: 1 }, encoding: { x: { field: 'r', type: 'quantitative' } } };
    return figureSpec('Bifurcation diagram and Lyapunov exponent of the logistic map', this.caption, {
      vconcat: [
        { width: 600, height: 260, layer: [imageLayer(W, H, rgba, { x: [rMin, rMax], y: [0, 1], xTitle: 'r', yTitle: 'x (after transient)' }), ruleLayer] },
        {
          width: 600, height: 140,
          layer: [
            { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#888' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
            { data: { values: lyap }, mark: { type: 'line', color: methodColors.gd, strokeWidth: 1.2 }, encoding: { x: quant('r', 'r', { domain: [rMin, rMax] }), y: quant('lambda', 'Lyapunov exponent λ', { domain: [-2.5, 1] }) } },
            ruleLayer,
          ],
        },
      ],
    });
  },
};
