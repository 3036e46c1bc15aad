import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/problems/registry.js';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.js';
import { createRng } from '../../src/linalg/index.js';
import { shadowEnergy } from '../../src/theory/shadow-energy.js';
import {
  aggregatedMomentum, chebyshevIteration, conjugateGradient, createMethod, gradientDescent, heavyBall, kerasSGD, leapfrogMomentum,
  nesterov, nesterovAspremont, nonlinearCG, optaxSGD, preconditionedGD, quasiHyperbolicMomentum, secantLineSearch, tfjsMomentum, torchSGD,
  tuningRule,
} from '../../src/methods/index.js';
import type { Problem } from '../../src/problems/problem.js';
import type { Optimizer } from '../../src/methods/optimizer.js';
import { iterates, maxDeviation } from './helpers.js';

const DENSE = 'quadratic:dim=30,kappa=100,structure=dense,wstar=random,seed=5';

describe('identities between methods', () => {
  for (const spec of [DENSE, 'rosenbrock']) {
    it(`heavy ball with beta=0 is gradient descent, bit for bit (${spec.split(':')[0]}, 300 steps)`, () => {
      const problem = createProblem(spec);
      const alpha = spec === 'rosenbrock' ? 0.001 : 1.2;
      const a = iterates(heavyBall(alpha, { beta: 0 }), problem, 300).ws;
      const b = iterates(gradientDescent(alpha), problem, 300).ws;
      expect(maxDeviation(a, b)).toBe(0);
    });
  }

  it('the leapfrog form has heavy ball\'s iterates, v(k+1/2) = v_hb(k+1) and v(k) = beta v_hb(k) - (alpha/2) grad J(w(k))', () => {
    const problem = createProblem('rosenbrock');
    const alpha = 0.001, beta = 0.9;
    const lf = leapfrogMomentum(alpha, { beta });
    const hb = heavyBall(alpha, { beta });
    const s = lf.init(problem, problem.x0);
    const t = hb.init(problem, problem.x0);
    const vExpected = new Float64Array(2);
    let worst = 0;
    for (let k = 0; k < 500; k++) {
      lf.step(s, problem);
      hb.step(t, problem);
      problem.grad(t.w, vExpected);
      for (let i = 0; i < 2; i++) {
        worst = Math.max(worst, Math.abs(s.w[i] - t.w[i]), Math.abs(s.vHalf[i] - t.v[i]), Math.abs(s.v[i] - (beta * t.v[i] - (alpha / 2) * vExpected[i])));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('undamped leapfrog (beta=1) conserves the shadow Hamiltonian 1/2|v|^2 + alpha J - alpha^2/8 |grad J|^2 on a quadratic, the naive energy does not', () => {
    const problem = createProblem('quadratic:dim=50,kappa=100,structure=dense,seed=2');
    const alpha = 1.9; // alpha h_max = 1.9 < 4: stable, strongly discretised
    const lf = leapfrogMomentum(alpha, { beta: 1 });
    const s = lf.init(problem, problem.x0);
    const g = new Float64Array(problem.dim);
    const energies = (): [number, number, number] => {
      problem.grad(s.w, g);
      let vv = 0, gg = 0;
      for (let i = 0; i < problem.dim; i++) { vv += s.v[i] * s.v[i]; gg += g[i] * g[i]; }
      const J = problem.value(s.w);
      return [0.5 * vv + alpha * J - (alpha * alpha / 8) * gg, 0.5 * vv + alpha * J, J];
    };
    const [shadow0, naive0] = energies();
    let shadowDrift = 0, naiveSpread = 0, theoryGap = 0;
    const prev = Float64Array.from(s.w);
    for (let k = 0; k < 1000; k++) {
      prev.set(s.w);
      lf.step(s, problem);
      const [shadow, naive, J] = energies();
      shadowDrift = Math.max(shadowDrift, Math.abs(shadow - shadow0) / shadow0);
      naiveSpread = Math.max(naiveSpread, Math.abs(naive - naive0) / naive0);
      // src/theory's shadowEnergy is the same invariant in heavy-ball variables (v_hb = w(k) - w(k-1)), divided by alpha
      const vhb = Float64Array.from(s.w, (wi, i) => wi - prev[i]);
      theoryGap = Math.max(theoryGap, Math.abs(alpha * shadowEnergy(alpha, J, vhb, g) - shadow) / shadow0);
    }
    expect(shadowDrift).toBeLessThan(1e-12);
    expect(theoryGap).toBeLessThan(1e-12);
    expect(naiveSpread).toBeGreaterThan(0.05);
  });

  it('QHM with nu=0 is gradient descent and with nu=1 is heavy ball with alpha (1 - beta)', () => {
    const problem = createProblem(DENSE);
    expect(maxDeviation(iterates(quasiHyperbolicMomentum(1.2, { beta: 0.9, nu: 0 }), problem, 200).ws, iterates(gradientDescent(1.2), problem, 200).ws)).toBeLessThan(1e-12);
    expect(maxDeviation(iterates(quasiHyperbolicMomentum(10, { beta: 0.9, nu: 1 }), problem, 200).ws, iterates(heavyBall(1, { beta: 0.9 }), problem, 200).ws)).toBeLessThan(1e-12);
  });

  it('AggMo with a single beta is heavy ball', () => {
    const problem = createProblem(DENSE);
    expect(maxDeviation(iterates(aggregatedMomentum(0.8, [0.85]), problem, 200).ws, iterates(heavyBall(0.8, { beta: 0.85 }), problem, 200).ws)).toBeLessThan(1e-12);
  });

  it("d'Aspremont's form with constant tau = 1 - beta, gamma = alpha/tau is Nesterov's momentum (Sutskever form)", () => {
    const problem = createProblem(DENSE);
    const alpha = 1, beta = 9 / 11;
    const a = iterates(nesterovAspremont({ kind: 'constant', alpha, tau: 1 - beta, gamma: alpha / (1 - beta) }), problem, 200).ws;
    const b = iterates(nesterov(alpha, { beta }), problem, 200).ws;
    expect(maxDeviation(a, b)).toBeLessThan(1e-12);
  });

  it("the strongly convex schedule with mu -> 0 is the convex schedule (same A_k, same iterates)", () => {
    const problem = createProblem('nesterov-worst:dim=50');
    const a = iterates(nesterovAspremont({ kind: 'strongly-convex', mu: 1e-300, L: 4 }), problem, 100);
    const b = iterates(nesterovAspremont({ kind: 'convex', L: 4 }), problem, 100);
    expect(maxDeviation(a.ws, b.ws)).toBeLessThan(1e-12);
    expect(a.state.A).toBeCloseTo(b.state.A, 9);
  });
});

describe('conjugate gradient', () => {
  // 4 distinct eigenvalues, each 10 times, random start: CG is exact after 4 steps.
  const h = Float64Array.from({ length: 40 }, (_, i) => [0.01, 0.1, 0.5, 1][i % 4]);
  const rng = createRng(11);
  const x0 = Float64Array.from({ length: 40 }, () => rng.normal());
  const problem = diagonalQuadratic(h, { x0 });
  const err = (w: Float64Array): number => Math.hypot(...w) / Math.hypot(...x0);

  it('linear CG is exact in as many steps as H has distinct eigenvalues (4), and not before', () => {
    const { ws } = iterates(conjugateGradient(), problem, 6);
    expect(err(ws[2])).toBeGreaterThan(1e-3);
    expect(err(ws[3])).toBeLessThan(1e-12);
    expect(err(ws[5])).toBeLessThan(1e-12); // and stays there (r = 0 steps are no-ops, not NaN)
  });

  it('H p from gradient differences (no hvp) gives the same iterates as the Hessian-vector product', () => {
    const noHvp: Problem = { ...problem, hvp: undefined };
    expect(maxDeviation(iterates(conjugateGradient(), noHvp, 4).ws, iterates(conjugateGradient(), problem, 4).ws)).toBeLessThan(1e-12);
  });

  it('nonlinear CG (Fletcher–Reeves and Polak–Ribière) with the exact line search is linear CG on a quadratic', () => {
    const dense = createProblem('quadratic:dim=12,kappa=100,structure=dense,seed=4');
    const cg = iterates(conjugateGradient(), dense, 12).ws;
    for (const variant of ['fr', 'pr'] as const) {
      expect(maxDeviation(iterates(nonlinearCG(variant, { lineSearch: 'exact' }), dense, 12).ws, cg)).toBeLessThan(1e-12);
      // with a tight tolerance the secant search finds the same steps (phi' is linear: one secant step is exact);
      // with the default sigma = 0.1 it stops earlier, an inexact search, and the iterates differ
      expect(maxDeviation(iterates(nonlinearCG(variant, { lineSearch: 'secant', sigma: 1e-10 }), dense, 12).ws, cg)).toBeLessThan(1e-9);
      expect(maxDeviation(iterates(nonlinearCG(variant, { lineSearch: 'secant' }), dense, 12).ws, cg)).toBeGreaterThan(1e-6);
    }
  });
});

describe('Chebyshev iteration', () => {
  it('its error is exactly the scaled Chebyshev polynomial T_k((theta - h)/delta) / T_k(sigma) of each eigenvalue', () => {
    const problem = createProblem('quadratic:dim=50,kappa=100');
    const mu = problem.mu!, L = problem.L!;
    const theta = (L + mu) / 2, delta = (L - mu) / 2, sigma = theta / delta;
    const T = (k: number, x: number): number => (Math.abs(x) <= 1 ? Math.cos(k * Math.acos(x)) : Math.cosh(k * Math.acosh(x)));
    const { ws } = iterates(chebyshevIteration(mu, L), problem, 60);
    let worst = 0;
    ws.forEach((w, j) => {
      const k = j + 1;
      for (let i = 0; i < 50; i++) worst = Math.max(worst, Math.abs(w[i] - T(k, (theta - problem.spectrum![i]) / delta) / T(k, sigma)));
    });
    expect(worst).toBeLessThan(1e-13);
  });

  it("its beta_k = rho_k rho_(k-1) tends to Polyak's ((sqrt kappa - 1)/(sqrt kappa + 1))^2", () => {
    const problem = createProblem('quadratic:dim=10,kappa=100');
    const { state } = iterates(chebyshevIteration(0.01, 1), problem, 300);
    expect(state.rho ** 2).toBeCloseTo((9 / 11) ** 2, 12);
  });
});

describe('preconditioned GD', () => {
  it('Jacobi preconditioning with alpha = 1 lands on w* in one step of a diagonal quadratic', () => {
    const problem = createProblem('quadratic:dim=100,kappa=1000,wstar=random,seed=1');
    const { ws } = iterates(preconditionedGD(1, 'jacobi'), problem, 1);
    expect(maxDeviation(ws, [problem.minimizer!])).toBeLessThan(1e-14);
  });
  it('the Jacobi diagonal of a dense quadratic is 1/H_ii (checked against hvp columns)', () => {
    const problem = createProblem('quadratic:dim=8,kappa=10,structure=dense,seed=9');
    const state = createMethod('pgd', problem).init(problem, problem.x0) as unknown as { P: Float64Array };
    const e = new Float64Array(8), He = new Float64Array(8);
    for (let i = 0; i < 8; i++) {
      e.fill(0); e[i] = 1;
      problem.hvp!(problem.x0, e, He);
      expect(state.P[i] * He[i]).toBeCloseTo(1, 14);
    }
  });
});

describe('the doc-comment examples hold', () => {
  const one = diagonalQuadratic(Float64Array.of(1), { x0: Float64Array.of(1) }); // J = 1/2 w^2 from 1
  it('hb(0.5, beta 0.5): w1 = 0.5, w2 = 0; nag(0.5, beta 0.5): w1 = 0.5, w2 = 0.125; qhm(1, 0.5, 0.5): w1 = 0.25', () => {
    expect(iterates(heavyBall(0.5, { beta: 0.5 }), one, 2).ws.map((w) => w[0])).toEqual([0.5, 0]);
    expect(iterates(nesterov(0.5, { beta: 0.5 }), one, 2).ws.map((w) => w[0])).toEqual([0.5, 0.125]);
    expect(iterates(quasiHyperbolicMomentum(1, { beta: 0.5, nu: 0.5 }), one, 1).ws[0][0]).toBe(0.25);
    expect(iterates(chebyshevIteration(1, 3), one, 1).ws[0][0]).toBe(0.5);
  });
  it('leapfrog(1, beta 1): v0 = -0.5, w1 = 0, v1 = -1', () => {
    const lf = leapfrogMomentum(1, { beta: 1 });
    const s = lf.init(one, one.x0);
    expect(s.v[0]).toBe(-0.5);
    lf.step(s, one);
    expect([s.w[0], s.vHalf[0], s.v[0]]).toEqual([0, -1, -1]);
  });
  it("nag-aspremont convex schedule: A_1 = 1, A_2 = 1 + (1 + sqrt 5)/2, A_10 = 35.3087...", () => {
    const A = [1, 2, 10].map((k) => iterates(nesterovAspremont({ kind: 'convex', L: 1 }), one, k).state.A);
    expect(A[0]).toBe(1);
    expect(A[1]).toBeCloseTo(1 + (1 + Math.sqrt(5)) / 2, 14);
    expect(A[2]).toBeCloseTo(35.308749453128485, 12);
  });
  it('gd(0.5): w1 = 0.5; aggmo(0.1, [0, 0.9]): w1 = w0 - 0.1 grad; torch/optax/keras SGD and tf.js momentum (0.5, momentum 0.5): 0.5, 0', () => {
    expect(iterates(gradientDescent(0.5), one, 1).ws[0][0]).toBe(0.5);
    expect(iterates(aggregatedMomentum(0.1, [0, 0.9]), one, 1).ws[0][0]).toBeCloseTo(0.9, 15);
    const adapters: Optimizer[] = [torchSGD(0.5, { momentum: 0.5 }), optaxSGD(0.5, { momentum: 0.5 }), kerasSGD(0.5, { momentum: 0.5 }), tfjsMomentum(0.5, 0.5)];
    for (const m of adapters) {
      expect(iterates(m, one, 2).ws.map((w) => w[0])).toEqual([0.5, 0]);
    }
  });
  it('cg and nlcg(fr, exact) on H = diag(1, 2) from (1, 1): two steps reach w* = 0; pgd Jacobi on diag(1, 100): one step', () => {
    const two = diagonalQuadratic(Float64Array.of(1, 2), { x0: Float64Array.of(1, 1) });
    const cgs: Optimizer[] = [conjugateGradient(), nonlinearCG('fr', { lineSearch: 'exact' })];
    for (const m of cgs) {
      const w = iterates(m, two, 2).ws[1];
      expect(Math.hypot(...w)).toBeLessThan(1e-15);
    }
    const stiff = diagonalQuadratic(Float64Array.of(1, 100), { x0: Float64Array.of(1, 1) });
    expect(Array.from(iterates(preconditionedGD(1, 'jacobi'), stiff, 1).ws[0])).toEqual([0, 0]);
  });
  it('secantLineSearch on J = 1/2 w^2 from w = 1 along d = -1, first guess 0.25: lands on a = 1', () => {
    const t = new Float64Array(1), tg = new Float64Array(1);
    expect(secantLineSearch(one, Float64Array.of(1), Float64Array.of(-1), -1, 0.25, t, tg, 0.1, 20)).toBe(1);
    expect([t[0], tg[0]]).toEqual([0, 0]);
  });
  it('the tuning examples: gd optimal 1.98..., hb polyak (3.3057..., 0.6694...), nag standard (1, 0.8181...)', () => {
    expect(tuningRule('gd', 'optimal').params(0.01, 1)).toEqual({ alpha: 1.9801980198019802 });
    expect(tuningRule('hb', 'polyak').params(0.01, 1)).toEqual({ alpha: 3.305785123966942, beta: 0.6694214876033059 });
    expect(tuningRule('nag', 'standard').params(0.01, 1)).toEqual({ alpha: 1, beta: 0.8181818181818182 });
  });
});
