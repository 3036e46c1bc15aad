import { checkNumber } from '../../errors.js';
import { createMethod } from '../../methods/index.js';
import { createProblem } from '../../problems/index.js';
import { krylovMinimumLoss, krylovSupport } from '../../theory/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors } from '../theme.js';
import { num } from './common.js';

const methodsOnWorst = [
  { key: 'gd', name: 'GD, α = 1/L', spec: 'gd:alpha=0.25' },
  { key: 'nag', name: "Nesterov (d'Aspremont, convex schedule)", spec: 'nag-aspremont' },
  { key: 'cg', name: 'conjugate gradient', spec: 'cg' },
];

/** Loss and Krylov support of each method's iterates on Nesterov's worst function, step by step. */
export function worstFunctionTraces(dim: number, steps: number): { method: string; k: number; loss: number; support: number }[] {
  // The figure's own ranges (dim x steps is capped again by the plot command's work limit).
  checkNumber('dim', dim, { min: 4, max: 1e5, integer: true });
  checkNumber('steps', steps, { min: 2, max: 1e5, integer: true });
  const problem = createProblem(`nesterov-worst:dim=${dim}`);
  const out = [];
  for (const m of methodsOnWorst) {
    const method = createMethod(m.spec, problem);
    const state = method.init(problem, Float64Array.from(problem.x0));
    for (let k = 0; k <= steps; k++) {
      if (k > 0) method.step(state, problem);
      out.push({ method: m.key, k, loss: problem.value(state.w) - (problem.minValue ?? 0), support: krylovSupport(state.w, 1e-12) });
    }
  }
  return out;
}

/**
 * Nesterov's worst function in the world (lecture slide 30): loss of GD, Nesterov and CG against the exact Krylov lower
 * bound 1/(2(k+1)), and the number of nonzero coordinates of each iterate (at most k; entries above 1e-12 counted).
 */
export const nesterovWorstFigure: FigureDef = {
  name: 'nesterov-worst',
  title: "Nesterov's worst function in the world",
  section: 'speed-limits',
  caption: "Left: $\\mathcal J(\\mathbf w^{(k)}) - \\mathcal J^\\star$ on the lecture's worst function ($D$ coordinates, tridiagonal Hessian, $\\mathbf w^{(0)} = \\mathbf 0$, minimum $\\mathcal J^\\star = 0$ at $\\mathbf w^\\star = \\mathbf 1$) for gradient descent, Nesterov's method and conjugate gradient, with the exact lower bound $\\frac{1}{2(k+1)}$ (dashed, for $k < D$) on any method whose iterate $\\mathbf w^{(k)}$ lies in the Krylov subspace $\\mathcal K_k = \\mathrm{span}(\\mathbf e_1, \\dots, \\mathbf e_k)$; the lecture's $1/k$ is its order of magnitude. CG attains the bound, the other two stay above it. Right: the number of leading coordinates of $\\mathbf w^{(k)}$ up to its last entry above $10^{-12}$ in magnitude, which never exceeds $k$ (dashed): information diffuses by at most one coordinate per step. CG's count grows by exactly one per step; the newest entries of gradient descent's iterates ($4^{-k}$ exactly) and of Nesterov's, nonzero in exact arithmetic, drop below $10^{-12}$, so their counts fall behind $k$.",
  params: [
    { name: 'dim', description: 'dimension D', default: 200, kind: 'integer', min: 4, max: 100000 },
    { name: 'steps', description: 'iterations (keep below D)', default: 100, kind: 'integer', min: 2, max: 100000 },
  ],
  quick: { dim: 60, steps: 40 },
  build(params) {
    const dim = num(params, 'dim');
    const steps = Math.min(num(params, 'steps'), dim - 1);
    const traces = worstFunctionTraces(dim, steps);
    const names = methodsOnWorst.map((m) => m.name);
    const nameOf = Object.fromEntries(methodsOnWorst.map((m) => [m.key, m.name]));
    const rows = traces.filter((t) => t.k >= 1).map((t) => ({ k: t.k, loss: sig(t.loss, 6), support: t.support, series: nameOf[t.method] }));
    const bound = [];
    for (let k = 1; k <= steps; k++) bound.push({ k, loss: sig(krylovMinimumLoss(k, dim), 6) });
    const color = seriesColor('series', 'method', names, methodsOnWorst.map((m) => methodColors[m.key]));
    const strokeDash = { field: 'series', type: 'nominal', title: 'method', scale: { domain: names, range: [[1, 0], [6, 3], [2, 2]] } };
    const lossLo = Math.min(...rows.map((r) => r.loss ?? 1), ...bound.map((b) => b.loss ?? 1)) / 1.5;
    return figureSpec("Nesterov's worst function: loss and Krylov support", this.caption, {
      hconcat: [
        {
          width: 330, height: 250,
          layer: [
            { data: { values: rows }, mark: { type: 'line', strokeWidth: 1.8 }, encoding: { x: quant('k', 'iteration k', { log: true, domain: [1, steps] }), y: quant('loss', 'J(w⁽ᵏ⁾) − J*', { log: true, domain: [lossLo, 1] }), color, strokeDash } },
            { data: { values: bound }, mark: { type: 'line', strokeDash: [6, 4], color: methodColors.theory, strokeWidth: 1.5 }, encoding: { x: { field: 'k', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' } } },
          ],
        },
        {
          width: 250, height: 250,
          layer: [
            { data: { values: [{ k: 0, s: 0 }, { k: steps, s: steps }] }, mark: { type: 'line', color: methodColors.theory, strokeDash: [6, 4], strokeWidth: 1.2 }, encoding: { x: { field: 'k', type: 'quantitative' }, y: { field: 's', type: 'quantitative' } } },
            { data: { values: rows }, mark: { type: 'line', strokeWidth: 1.8, interpolate: 'step-after' }, encoding: { x: quant('k', 'iteration k', { domain: [0, steps] }), y: quant('support', 'nonzero coordinates of w⁽ᵏ⁾', { domain: [0, steps + 1] }), color, strokeDash } },
          ],
        },
      ],
    }, `D = ${dim}; dashed: the Krylov lower bound 1/(2(k+1))`);
  },
};
