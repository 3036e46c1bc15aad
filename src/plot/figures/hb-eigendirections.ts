import { createMethod } from '../../methods/index.js';
import { createProblem } from '../../problems/index.js';
import { run } from '../../run/index.js';
import { closedFormTrajectory, directionMatrix, directionRegime, linearMethod, regimeThresholds } from '../../theory/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { palette } from '../theme.js';
import { label, num, positiveList } from './common.js';

/**
 * Heavy ball per eigendirection (lecture slide 12, after Lucas et al.): w_j^(k) = [R(h_j)^k (w0, v0)]_1 from the closed
 * form of the 2x2 iteration matrix, for several curvatures; with beta = 0.9 all are overdamped, with 0.999 underdamped.
 */
export const hbEigendirections: FigureDef = {
  name: 'hb-eigendirections',
  title: 'Heavy ball, one curve per eigendirection',
  section: 'hb-quadratics',
  caption: 'Coordinate $w_j^{(k)}$ along eigendirections of curvature $h_j$ under heavy ball from $w_j^{(0)} = 1$, $v^{(0)} = 0$: lines are the closed form $R(h_j)^k$ of the $2\\times2$ iteration matrix, dots the library\'s heavy ball run on the diagonal quadratic with these curvatures. Each legend entry names the regime: below $T = (1-\\sqrt\\beta)^2/\\alpha$ the approach is monotone (overdamped), above it the coordinate oscillates inside the envelope $\\pm\\beta^{k/2}$ (underdamped).',
  params: [
    { name: 'alpha', description: 'learning rate', default: 1, min: 0, minExclusive: true },
    { name: 'beta', description: 'momentum (0.9: all overdamped, 0.999: all underdamped)', default: 0.9, min: 0, max: 1, maxExclusive: true },
    { name: 'h', aliases: ['hs'], description: 'curvatures h_j, separated by ;', default: '0.0005;0.001;0.002', kind: 'string' },
    { name: 'steps', description: 'iterations k', default: 1000, kind: 'integer', min: 10, max: 100000 },
  ],
  build(params) {
    const alpha = num(params, 'alpha');
    const beta = num(params, 'beta');
    const steps = num(params, 'steps');
    const hs = positiveList(params, 'h', 'hb-eigendirections');
    const m = linearMethod('hb', { alpha, beta });
    const T = regimeThresholds(m).T!;
    const stride = Math.max(1, Math.floor(steps / 1000));
    const rows: Record<string, unknown>[] = [];
    const names: string[] = [];
    for (const h of hs) {
      const name = `h = ${label(h)} (${directionRegime(m, h)})`;
      names.push(name);
      const { w } = closedFormTrajectory(directionMatrix(m, h), [1, 0], steps);
      for (let k = 0; k <= steps; k += stride) rows.push({ k, w: sig(w[k], 5), direction: name });
    }
    // Simulation: heavy ball run on the diagonal quadratic with these curvatures; its error coordinates e_j, every few steps.
    const problem = createProblem(`quadratic:values=${hs.join(';')},x0=1`);
    const sim = run(problem, createMethod(`hb:alpha=${alpha},beta=${beta}`, problem), { steps, tol: 0, record: ['k', 'e'], recordEvery: Math.max(1, Math.round(steps / 25)) });
    const simRows: Record<string, unknown>[] = [];
    const order = Array.from(problem.spectrum!);
    hs.forEach((h, j) => {
      const col = sim.trace[`e${order.indexOf(h)}`];
      for (let i = 0; i < sim.trace.k.length; i++) simRows.push({ k: sim.trace.k[i], w: sig(col[i], 5), direction: names[j] });
    });
    const envelope = [];
    if (hs.some((h) => h > T)) for (let k = 0; k <= steps; k += stride) envelope.push({ k, up: sig(beta ** (k / 2), 5), down: sig(-(beta ** (k / 2)), 5) });
    const layers: Record<string, unknown>[] = [
      { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#999', strokeWidth: 1 }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 1.8 },
        encoding: {
          x: quant('k', 'iteration k', { domain: [0, steps] }),
          y: quant('w', 'coordinate wⱼ⁽ᵏ⁾', { domain: [-1, 1] }),
          color: seriesColor('direction', 'eigendirection', names, palette.slice(0, names.length)),
        },
      },
    ];
    layers.push({ data: { values: simRows }, mark: { type: 'point', size: 22, filled: true, opacity: 0.9 }, encoding: { x: { field: 'k', type: 'quantitative' }, y: { field: 'w', type: 'quantitative' }, color: { field: 'direction', type: 'nominal' } } });
    if (envelope.length) {
      for (const f of ['up', 'down']) {
        layers.push({ data: { values: envelope }, mark: { type: 'line', strokeDash: [4, 3], color: '#777', strokeWidth: 1 }, encoding: { x: { field: 'k', type: 'quantitative' }, y: { field: f, type: 'quantitative' } } });
      }
    }
    return figureSpec(`Heavy ball per eigendirection, β = ${beta}`, this.caption,
      { width: 480, height: 240, layer: layers },
      `α = ${alpha}, T = (1 − √β)²/α = ${label(T)}; lines: closed form, dots: simulation${envelope.length ? '; dashed: ±β^(k/2)' : ''}`);
  },
};
