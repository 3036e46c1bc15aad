// Checks of the lecture's opening recap: gradient descent and gradient flow on quadratics, solved in closed form.
import { gradientFlowField, odeDopri5, odeLinearExact } from '../../../src/dynamics/index.js';
import { fromRows } from '../../../src/linalg/index.js';
import { createMethod } from '../../../src/methods/index.js';
import { createProblem } from '../../../src/problems/index.js';
import { run } from '../../../src/run/index.js';
import { close, type Check } from '../check.js';

export const gradientDescentChecks: Check[] = [
  {
    id: 'gd-closed-form',
    section: 'gradient-descent',
    kind: 'claim',
    claim: 'On a quadratic, gradient descent is $\\mathbf{w}^{(k)} = (\\mathbf I - \\alpha\\mathbf H)^k\\mathbf w^{(0)}$: the distance to the optimum after $k$ steps equals $\\|(\\mathbf I - \\alpha\\mathbf H)^k(\\mathbf w^{(0)} - \\mathbf w^\\star)\\|$.',
    run() {
      const problem = createProblem('quadratic:values=0.01;0.1;0.5;1;1.9,x0=1');
      const alpha = 1;
      const k = 60;
      const res = run(problem, createMethod(`gd:alpha=${alpha}`, problem), { steps: k, tol: 0, record: ['k', 'dist'] });
      const h = problem.spectrum!;
      let s = 0;
      for (let j = 0; j < h.length; j++) s += ((1 - alpha * h[j]) ** k * (problem.x0[j] - problem.minimizer![j])) ** 2;
      return close(Math.sqrt(s), res.trace.dist[res.trace.dist.length - 1], { rel: 1e-12 }, { numbers: { k, alpha }, note: `after ${k} steps of GD with α = 1 on the spectrum {0.01, 0.1, 0.5, 1, 1.9}` });
    },
  },
  {
    id: 'gradient-flow-exp',
    section: 'gradient-descent',
    kind: 'claim',
    claim: 'Gradient flow $\\dot{\\mathbf w} = -\\alpha\\mathbf H\\mathbf w$ is solved by $\\mathbf w(t) = \\exp(-\\alpha t\\mathbf H)\\mathbf w(0)$: DOPRI5 on the flow agrees with the matrix exponential.',
    run() {
      const H = [[2, 0.5], [0.5, 1]];
      const alpha = 0.7;
      const problem = createProblem('quadratic:values=1;1,x0=1');
      // The flow of a dense quadratic: integrate the library's gradient-flow field of J(w) = 1/2 w^T H w.
      const dense = { ...problem, name: 'dense2', grad: (w: Float64Array, out: Float64Array) => { out[0] = H[0][0] * w[0] + H[0][1] * w[1]; out[1] = H[1][0] * w[0] + H[1][1] * w[1]; return out; } };
      const t = 5;
      const num = odeDopri5(gradientFlowField(dense, alpha), [0, t], [1, -1], { rtol: 1e-12, atol: 1e-14 });
      const exact = odeLinearExact(fromRows(H.map((r) => r.map((x) => -alpha * x))), [0, t], [1, -1]);
      const err = Math.hypot(num.yEnd[0] - exact.yEnd[0], num.yEnd[1] - exact.yEnd[1]);
      return close(0, err, { abs: 1e-9 }, { numbers: { t, w1: exact.yEnd[0], w2: exact.yEnd[1], nfev: num.stats.nfev }, note: `$\\|\\mathbf w_{\\text{DOPRI5}}(5) - e^{-5\\alpha\\mathbf H}\\mathbf w(0)\\|$ for a non-diagonal $2\\times2$ $\\mathbf H$` });
    },
  },
];
