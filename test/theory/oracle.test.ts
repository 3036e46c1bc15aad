// The oracle model: Krylov subspaces on Nesterov's worst function, the exact minimum over them, the strongly convex
// lower bound, and conjugate gradient vs heavy ball on ill-conditioned quadratics (using the library's problems and methods).
import { describe, expect, it } from 'vitest';
import { fromRows, solve } from '../../src/linalg/index.js';
import { createProblem, createMethod, methods, diagonalQuadratic, countingProblem, type Problem } from '../../src/index.js';
import { krylovSupport, krylovMinimumLoss, stronglyConvexLowerBound, fitRate, tuneMethod } from '../../src/theory/index.js';

// The worst function's gradient is computed as H (w - w*) with w* = 1 in floating point, which fills coordinates
// beyond the Krylov subspace with rounding (~1e-16); support is counted above 1e-12.
const SUPPORT_TOL = 1e-12;

describe("Nesterov's worst function J(w) = 1/2 (1 - w_1)^2 + sum 1/2 (w_(j+1) - w_j)^2", () => {
  const D = 40;
  it('the minimum over span(e_1..e_k) is 1/(2 (k + 1)) (solving the k-dimensional problem; the lecture says 1/k)', () => {
    for (let k = 1; k <= 30; k++) {
      // restricted Hessian: tridiag(-1, 2, -1) of size k (k < D), right-hand side e_1
      const H = fromRows(Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0))));
      const rhs = fromRows(Array.from({ length: k }, (_, i) => [i === 0 ? 1 : 0]));
      const w = solve(H, rhs).data;
      let J = 0.5 * (1 - w[0]) ** 2 + 0.5 * w[k - 1] ** 2;
      for (let j = 0; j + 1 < k; j++) J += 0.5 * (w[j + 1] - w[j]) ** 2;
      expect(J).toBeCloseTo(krylovMinimumLoss(k, D), 13);
      expect(w[0]).toBeCloseTo(1 - 1 / (k + 1), 13);
    }
    expect(krylovMinimumLoss(D, D)).toBe(0);
  });
  const all = methods().map((m) => m.name);
  it(`every method in the library (${all.length}) has iterate k supported on the first k coordinates, and J(w_k) >= 1/(2(k+1))`, () => {
    const p = createProblem(`nesterov-worst:dim=${D}`);
    expect(p.value(p.x0)).toBeCloseTo(0.5, 14);
    for (const name of all) {
      const oracle = countingProblem(p); // the oracle model: each gradient (or Hessian-vector) query counts
      const opt = createMethod(name, oracle);
      const s = opt.init(oracle, Float64Array.from(p.x0));
      for (let k = 1; k <= 30; k++) {
        opt.step(s, oracle);
        const support = krylovSupport(s.w, SUPPORT_TOL);
        expect(support).toBeLessThanOrEqual(k);
        expect(support).toBeLessThanOrEqual(oracle.counts.grad + oracle.counts.hvp); // information needs queries
        expect(p.value(s.w)).toBeGreaterThanOrEqual(krylovMinimumLoss(k, D) - 1e-12);
      }
    }
  });
  it('conjugate gradient attains the Krylov minimum exactly: J(w_k) = 1/(2 (k + 1))', () => {
    const p = createProblem(`nesterov-worst:dim=${D}`);
    const opt = createMethod('cg', p);
    const s = opt.init(p, Float64Array.from(p.x0));
    for (let k = 1; k <= 30; k++) {
      opt.step(s, p);
      expect(p.value(s.w)).toBeCloseTo(krylovMinimumLoss(k, D), 12);
    }
  });
});

describe('strongly convex lower bound ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^(2k)', () => {
  it('on the strongly convex worst function, every method keeps ||w_k - w*||^2 >= tail of w* beyond k ~ q^(2k) ||w*||^2', () => {
    const kappa = 100, D = 200;
    const p = createProblem(`nesterov-worst-sc:dim=${D},kappa=${kappa}`);
    const ws = p.minimizer!;
    const tail = (k: number) => { let s = 0; for (let j = k; j < D; j++) s += ws[j] * ws[j]; return s; };
    const total = tail(0);
    for (const k of [5, 10, 20, 40]) {
      // the tail of the finite-dimensional minimiser follows Nesterov's q^(2k) (his proof is for D = infinity)
      expect(tail(k) / total / stronglyConvexLowerBound(kappa, k)).toBeGreaterThan(0.95);
      expect(tail(k) / total / stronglyConvexLowerBound(kappa, k)).toBeLessThan(1.05);
    }
    for (const name of ['gd', 'hb:tune=polyak', 'nag:tune=optimal', 'cg', 'chebyshev']) {
      const opt = createMethod(name, p);
      const s = opt.init(p, Float64Array.from(p.x0));
      for (let k = 1; k <= 40; k++) {
        opt.step(s, p);
        let d2 = 0;
        for (let j = 0; j < D; j++) d2 += (s.w[j] - ws[j]) ** 2;
        expect(d2).toBeGreaterThanOrEqual(tail(k) * (1 - 1e-9));
      }
    }
  });
});

describe('conjugate gradient behaves like heavy ball on ill-conditioned quadratics (kappa = 1e4, dim 20000)', () => {
  const n = 20000, mu = 1e-4, L = 1;
  const q = 99 / 101; // (sqrt(kappa) - 1)/(sqrt(kappa) + 1): Polyak heavy ball's spectral radius
  const chebyshevNodes = Float64Array.from({ length: n }, (_, j) => (L + mu) / 2 - ((L - mu) / 2) * Math.cos((Math.PI * (j + 0.5)) / n));
  const cases: [string, Problem][] = [
    ['Chebyshev-node spectrum', diagonalQuadratic(chebyshevNodes, { x0: new Float64Array(n).fill(1), minimizer: new Float64Array(n) })],
    ['log-uniform spectrum', createProblem('quadratic:dim=20000,kappa=10000,spectrum=loguniform')],
  ];
  for (const [label, p] of cases) {
    it(`${label}: CG's average rate equals heavy ball's q = 99/101 within 0.1%`, () => {
      const logs: Record<string, Float64Array> = {};
      for (const name of ['cg', 'hb:tune=polyak']) {
        const opt = createMethod(name, p);
        const s = opt.init(p, Float64Array.from(p.x0));
        const y = new Float64Array(901);
        for (let k = 0; k <= 900; k++) {
          let d2 = 0;
          for (let i = 0; i < n; i++) d2 += (s.w[i] - p.minimizer![i]) ** 2;
          y[k] = 0.5 * Math.log(d2);
          opt.step(s, p);
        }
        logs[name] = y;
      }
      expect(tuneMethod('hb', mu, L, 'polyak').rate).toBeCloseTo(q, 14);
      const cgRate = fitRate(logs.cg, 100, 601), hbRate = fitRate(logs['hb:tune=polyak'], 100, 901);
      const reach = (y: Float64Array) => y.findIndex((v) => v <= y[0] + Math.log(1e-5));
      console.log(`${label}: fitted rate CG ${cgRate.toFixed(5)}, HB ${hbRate.toFixed(5)}, q ${q.toFixed(5)}; iterations to 1e-5: CG ${reach(logs.cg)}, HB ${reach(logs['hb:tune=polyak'])}`);
      expect(Math.abs(cgRate / q - 1)).toBeLessThan(1e-3);
      expect(Math.abs(hbRate / q - 1)).toBeLessThan(5e-3); // HB's double roots add a k q^k factor
      expect(reach(logs.cg)).toBeLessThanOrEqual(reach(logs['hb:tune=polyak']));
      expect(reach(logs['hb:tune=polyak']) / reach(logs.cg)).toBeLessThan(1.5);
    });
  }
});
