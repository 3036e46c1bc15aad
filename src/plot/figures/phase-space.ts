import { closedFormTrajectory, directionMatrix, directionRegime, linearMethod, regimeThresholds } from '../../theory/index.js';
import { figureSpec, quant } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { palette } from '../theme.js';
import { label, num, positiveList } from './common.js';

/**
 * Phase space (w, v) of heavy ball per eigendirection (lecture slide 13, after Goh's "Why momentum really works"):
 * the closed-form orbit of the 2x2 iteration matrix, one panel per curvature; the default curvatures are T/4, T and 40 T.
 */
export const phaseSpace: FigureDef = {
  name: 'phase-space',
  title: 'Phase space of heavy ball',
  section: 'hb-quadratics',
  caption: 'Orbits $(w^{(k)}, v^{(k)})$ of single eigendirections under heavy ball from $(1, 0)$, with $v^{(k)} = w^{(k)} - w^{(k-1)}$: an overdamped direction slides monotonically to the origin, the critically damped one $h = T$ is the fastest monotone approach, an underdamped one spirals in with ratio $\\sqrt\\beta$ per step.',
  params: [
    { name: 'alpha', description: 'learning rate', default: 1, min: 0, minExclusive: true },
    { name: 'beta', description: 'momentum', default: 0.9, min: 0, max: 1, maxExclusive: true },
    { name: 'h', aliases: ['hs'], description: "curvatures separated by ; ('auto': T/4, T, 40 T)", default: 'auto', kind: 'string' },
    { name: 'steps', description: 'iterations', default: 1000, kind: 'integer', min: 10, max: 100000 },
  ],
  build(params) {
    const alpha = num(params, 'alpha');
    const beta = num(params, 'beta');
    const steps = num(params, 'steps');
    const m = linearMethod('hb', { alpha, beta });
    const T = regimeThresholds(m).T!;
    const hs = params.h === 'auto' ? [T / 4, T, 40 * T] : positiveList(params, 'h', 'phase-space');
    const panels = hs.map((h, i) => {
      const { w, v } = closedFormTrajectory(directionMatrix(m, h), [1, 0], steps);
      const rows = [];
      for (let k = 0; k <= steps; k++) rows.push({ k, w: sig(w[k], 5), v: sig(v[k], 5) });
      return {
        title: { text: `h = ${label(h)}: ${directionRegime(m, h)}`, fontSize: 13 },
        width: 220, height: 200,
        layer: [
          { data: { values: rows }, mark: { type: 'line', color: palette[i], strokeWidth: 1.6, point: false }, encoding: { x: quant('w', 'position w'), y: quant('v', 'velocity v'), order: { field: 'k', type: 'quantitative' } } },
          { data: { values: [rows[0]] }, mark: { type: 'point', shape: 'circle', color: palette[i], size: 60, filled: true }, encoding: { x: { field: 'w', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } },
          { data: { values: [{ w: 0, v: 0 }] }, mark: { type: 'point', shape: 'cross', color: '#000', size: 80 }, encoding: { x: { field: 'w', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } },
        ],
      };
    });
    return figureSpec('Heavy ball in phase space (w, v)', this.caption, { hconcat: panels, resolve: { scale: { x: 'independent', y: 'independent' } } },
      `α = ${alpha}, β = ${beta}, T = ${label(T)}; dot: start (1, 0); cross: the minimum`);
  },
};
