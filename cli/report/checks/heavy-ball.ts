// Checks of heavy ball on quadratics: beta = 0 is GD, the threshold T, the regimes, the effective learning rate.
import { createMethod } from '../../../src/methods/index.js';
import type { Problem } from '../../../src/problems/index.js';
import { createProblem } from '../../../src/problems/index.js';
import { run } from '../../../src/run/index.js';
import {
  closedFormTrajectory, directionEigenvalues, fitRate, directionMatrix, directionRate, directionRegime, linearMethod, regimeThresholds,
  smallAlphaRate, terminalVelocity,
} from '../../../src/theory/index.js';
import { close, type Check } from '../check.js';

/** Largest |a_i - b_i| over two traces of iterates. */
function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Iterates w_1..w_k of a method on a problem, concatenated (driving init/step directly). */
function iterates(problem: Problem, spec: string, k: number): Float64Array {
  const m = createMethod(spec, problem);
  const s = m.init(problem, Float64Array.from(problem.x0));
  const out = new Float64Array(k * problem.dim);
  for (let i = 0; i < k; i++) { m.step(s, problem); out.set(s.w, i * problem.dim); }
  return out;
}

export const heavyBallChecks: Check[] = [
  {
    id: 'hb-beta-0-is-gd',
    section: 'heavy-ball',
    kind: 'claim',
    claim: 'Gradient descent is heavy ball with $\\beta = 0$: the iterates agree exactly (every bit) over 200 steps on a $\\kappa = 100$ quadratic.',
    run() {
      const p = createProblem('quadratic:dim=50,kappa=100,wstar=random,seed=2');
      return close(0, maxDiff(iterates(p, 'hb:alpha=1.5,beta=0', 200), iterates(p, 'gd:alpha=1.5', 200)), { abs: 0 });
    },
  },
  {
    id: 'hb-fixed-point',
    section: 'hb-quadratics',
    kind: 'claim',
    claim: 'The fixed point is $\\nabla\\mathcal J(\\mathbf w) = \\mathbf 0$, $\\mathbf v = \\mathbf 0$: started at the optimum with zero velocity, heavy ball does not move.',
    run() {
      const p = createProblem('quadratic:dim=20,kappa=10,wstar=random,seed=4');
      const m = createMethod('hb:alpha=1,beta=0.9', p);
      const s = m.init(p, Float64Array.from(p.minimizer!));
      for (let i = 0; i < 100; i++) m.step(s, p);
      return close(0, maxDiff(s.w, p.minimizer!), { abs: 0 });
    },
  },
  {
    id: 'hb-rotation-invariant',
    section: 'hb-quadratics',
    kind: 'claim',
    claim: 'Heavy ball is rotation invariant, so each eigendirection evolves on its own: on a rotated quadratic $\\mathbf Q\\,\\mathrm{diag}(h)\\mathbf Q^\\top$ the error coordinates $e_j = \\mathbf q_j^\\top(\\mathbf w - \\mathbf w^\\star)$ of a run follow the scalar closed form $R(h_j)^k$.',
    run() {
      const p = createProblem('quadratic:dim=12,kappa=50,structure=dense,seed=3,x0=1');
      const alpha = 1, beta = 0.8, K = 100;
      const res = run(p, createMethod(`hb:alpha=${alpha},beta=${beta}`, p), { steps: K, tol: 0, record: ['k', 'e'] });
      const m = linearMethod('hb', { alpha, beta });
      let worst = 0;
      p.spectrum!.forEach((h, j) => {
        const e = res.trace[`e${j}`];
        const { w } = closedFormTrajectory(directionMatrix(m, h), [e[0], 0], K);
        for (let k = 0; k <= K; k++) worst = Math.max(worst, Math.abs(e[k] - w[k]));
      });
      return close(0, worst, { abs: 1e-12 }, { numbers: { directions: p.dim, steps: K }, note: 'largest $|e_j^{(k)} - [R(h_j)^k(e_j^{(0)}, 0)]_1|$ over 12 directions and 100 steps' });
    },
  },
  {
    id: 'hb-threshold-T',
    section: 'hb-quadratics',
    kind: 'claim',
    claim: 'At the critical curvature $T = (1-\\sqrt\\beta)^2/\\alpha$ the two eigenvalues of the iteration matrix merge into $\\sqrt\\beta$ (critical damping).',
    run() {
      const m = linearMethod('hb', { alpha: 0.5, beta: 0.81 });
      const T = regimeThresholds(m).T!;
      const [z1, z2] = directionEigenvalues(m, T);
      const r = close(Math.sqrt(0.81), (z1.re + z2.re) / 2, { abs: 1e-7 }, { numbers: { T, gap: Math.hypot(z1.re - z2.re, z1.im - z2.im) } });
      return { ...r, pass: r.pass && Math.hypot(z1.re - z2.re, z1.im - z2.im) < 1e-6 && directionRegime(m, T) === 'critical', note: `α = 0.5, β = 0.81: T = ${T}` };
    },
  },
  {
    id: 'hb-overdamped-monotone',
    section: 'hb-quadratics',
    kind: 'claim',
    claim: 'Directions with $0 < h < T$ approach 0 monotonically (overdamped), directions with $h > T$ oscillate (underdamped): sign changes of $w^{(k)}$ over 3000 steps, for the figure\'s curvatures at $\\beta = 0.9$ and $\\beta = 0.999$.',
    run() {
      const signChanges = (beta: number, h: number) => {
        const { w } = closedFormTrajectory(directionMatrix(linearMethod('hb', { alpha: 1, beta }), h), [1, 0], 3000);
        let n = 0;
        for (let k = 1; k < w.length; k++) if (Math.sign(w[k]) !== Math.sign(w[k - 1]) && w[k] !== 0) n++;
        return n;
      };
      const hs = [0.0005, 0.001, 0.002];
      const over = hs.map((h) => signChanges(0.9, h));
      const under = hs.map((h) => signChanges(0.999, h));
      const pass = over.every((n) => n === 0) && under.every((n) => n >= 10);
      return { predicted: 'β=0.9: 0 sign changes; β=0.999: many', measured: `β=0.9: ${over.join(', ')}; β=0.999: ${under.join(', ')}`, tolerance: 'equal / >= 10', pass, numbers: { overdamped: over, underdamped: under } };
    },
  },
  {
    id: 'hb-underdamped-modulus',
    section: 'hb-quadratics',
    kind: 'claim',
    claim: 'Every underdamped direction ($T < h < (1+\\sqrt\\beta)^2/\\alpha$) has complex eigenvalues of modulus exactly $\\sqrt\\beta$: the largest deviation over 200 curvatures.',
    run() {
      const alpha = 1, beta = 0.9;
      const m = linearMethod('hb', { alpha, beta });
      const { T, upperReal } = regimeThresholds(m);
      let worst = 0, complex = 0;
      for (let i = 1; i < 200; i++) {
        const h = T! + ((upperReal! - T!) * i) / 200;
        const [z] = directionEigenvalues(m, h);
        if (z.im !== 0) complex++;
        worst = Math.max(worst, Math.abs(Math.hypot(z.re, z.im) - Math.sqrt(beta)));
      }
      const r = close(0, worst, { abs: 1e-14 }, { numbers: { complexCount: complex, of: 199 } });
      return { ...r, pass: r.pass && complex === 199 };
    },
  },
  {
    id: 'terminal-velocity',
    section: 'overdamped',
    kind: 'claim',
    claim: 'On a plane (constant gradient $\\mathbf g$) the velocity reaches the terminal value $-\\frac{\\alpha}{1-\\beta}\\mathbf g$.',
    run() {
      const g = Float64Array.of(0.3, -1.2, 2);
      const plane: Problem = {
        name: 'plane', label: 'J(w) = g^T w', dim: 3, x0: new Float64Array(3),
        value: (w) => g[0] * w[0] + g[1] * w[1] + g[2] * w[2],
        grad: (_w, out) => { out.set(g); return out; },
      };
      const alpha = 0.01, beta = 0.9;
      const m = createMethod(`hb:alpha=${alpha},beta=${beta}`, plane);
      const s = m.init(plane, new Float64Array(3));
      for (let k = 0; k < 400; k++) m.step(s, plane);
      const vInf = terminalVelocity(alpha, beta, g, new Float64Array(3));
      return close(vInf[2], s.v![2], { rel: 1e-12 }, { numbers: { vx: s.v![0], vy: s.v![1], vz: s.v![2], predictedX: vInf[0], predictedY: vInf[1] }, note: 'third coordinate of $\\mathbf v^{(400)}$, $\\alpha = 0.01$, $\\beta = 0.9$: $-0.1 \\times 2$' });
    },
  },
  {
    id: 'effective-learning-rate',
    section: 'overdamped',
    kind: 'claim',
    claim: 'For small $\\alpha h$ the spectral radius $\\frac12(\\gamma + \\sqrt{\\gamma^2-4\\beta})$ is approximately $1 - \\tilde\\alpha h$ with $\\tilde\\alpha = \\alpha/(1-\\beta)$: the error is second order, so dividing $\\alpha$ by 10 divides it by 100.',
    run() {
      const beta = 0.9, h = 1;
      const e1 = smallAlphaRate(1e-4, beta, h).error;
      const e2 = smallAlphaRate(1e-5, beta, h).error;
      const exact = smallAlphaRate(1e-4, beta, h).exact;
      return close(100, e1 / e2, { rel: 0.02 }, { numbers: { errorAt1e4: e1, errorAt1e5: e2, rho: exact, direct: directionRate(linearMethod('hb', { alpha: 1e-4, beta }), h) } });
    },
  },
  {
    id: 'hb-measured-rate',
    section: 'overdamped',
    kind: 'claim',
    claim: 'The measured rate of heavy ball on a quadratic equals the predicted spectral radius (worst over the spectrum).',
    run({ quick }) {
      const p = createProblem(`quadratic:dim=${quick ? 40 : 200},kappa=100,seed=5,wstar=random`);
      const alpha = 1, beta = 0.81;
      const steps = 260;
      const res = run(p, createMethod(`hb:alpha=${alpha},beta=${beta}`, p), { steps, tol: 0, record: ['k', 'dist'] });
      const measured = fitRate(Array.from(res.trace.dist, Math.log), 130, res.trace.dist.length);
      return close(0.9, measured, { rel: 0.01 }, { note: 'least-squares log-slope of $\\|\\mathbf w^{(k)} - \\mathbf w^\\star\\|$ over $k \\in [130, 260]$ (before rounding floors it); $\\rho = \\sqrt\\beta = 0.9$' });
    },
  },
];
