import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { createRng, randomRotation } from '../../src/linalg/index.js';
import { createMethod, linearMethodNames } from '../../src/methods/registry.js';
import {
  createProblem, denseQuadratic, diagonalQuadratic, leastSquares, stochasticProblem,
} from '../../src/problems/index.js';
import { run } from '../../src/run/index.js';
import { nqmExpectedLoss, nqmSetup } from '../../src/theory/nqm.js';

const norm2 = (x: Float64Array): number => Math.sqrt(x.reduce((s, v) => s + v * v, 0));

describe('mini-batches of a finite sum', () => {
  const exact = createProblem('logistic-regression');
  const w = Float64Array.of(0.3, -0.2, 0.5, 0.1, -0.4);

  it('a batch of every example is the full gradient', () => {
    const N = exact.finiteSum!.count;
    expect(N).toBe(100);
    const p = stochasticProblem(exact, { batch: N, seed: 5 });
    const g = p.grad(w, new Float64Array(5)), full = exact.grad(w, new Float64Array(5));
    for (let j = 0; j < 5; j++) expect(g[j]).toBeCloseTo(full[j], 14);
  });

  it('the batches of one epoch are a partition: their mean is the full gradient', () => {
    // 100 examples in batches of 20: five batches without replacement cover each example once.
    const p = stochasticProblem(exact, { batch: 20, seed: 7 });
    const mean = new Float64Array(5), g = new Float64Array(5);
    for (let b = 0; b < 5; b++) { p.grad(w, g); for (let j = 0; j < 5; j++) mean[j] += g[j] / 5; }
    const full = exact.grad(w, new Float64Array(5));
    for (let j = 0; j < 5; j++) expect(mean[j]).toBeCloseTo(full[j], 14);
    // A single batch is not the full gradient (the noise is real).
    const one = stochasticProblem(exact, { batch: 20, seed: 7 }).grad(w, new Float64Array(5));
    expect(norm2(one.map((x, j) => x - full[j]))).toBeGreaterThan(1e-3);
  });

  it('the same seed gives the same gradients; another seed others', () => {
    const a = stochasticProblem(exact, { batch: 10, seed: 3 }), b = stochasticProblem(exact, { batch: 10, seed: 3 });
    const c = stochasticProblem(exact, { batch: 10, seed: 4 });
    for (let t = 0; t < 25; t++) {
      const ga = a.grad(w, new Float64Array(5)), gb = b.grad(w, new Float64Array(5)), gc = c.grad(w, new Float64Array(5));
      expect(Array.from(ga)).toEqual(Array.from(gb));
      if (t === 0) expect(Array.from(ga)).not.toEqual(Array.from(gc));
    }
  });

  it('value stays exact', () => {
    const p = stochasticProblem(exact, { batch: 10, seed: 3 });
    expect(p.value(w)).toBe(exact.value(w));
    expect(p.diagonalHessian).toBeUndefined();
  });

  it('least squares: the minimiser zeroes the full gradient; batches of all rows are the gradient', () => {
    const ls = createProblem('least-squares:n=50,d=4,noise=0.5,seed=2');
    expect(norm2(ls.grad(ls.minimizer!, new Float64Array(4)))).toBeLessThan(1e-13);
    const all = Uint32Array.from({ length: 50 }, (_, i) => i);
    const a = ls.finiteSum!.batchGrad(w.subarray(0, 4), all, new Float64Array(4)), b = ls.grad(w.subarray(0, 4), new Float64Array(4));
    for (let j = 0; j < 4; j++) expect(a[j]).toBeCloseTo(b[j], 14);
    // Hand-derived: one example a = (1), b = (2): J = 1/2 (w - 2)^2, w* = 2, J* = 0.
    const one = leastSquares(Float64Array.of(1), Float64Array.of(2), 1, 1, 0);
    expect(one.minimizer![0]).toBeCloseTo(2, 15);
    expect(one.value(Float64Array.of(0))).toBe(2);
  });
});

describe('NQM noise on quadratics', () => {
  it('diagonal: grad = h (w - w*) + eps with E eps = 0 and Var eps_i = h_i / B', () => {
    // Unsorted h and a non-zero w*: the noise follows each coordinate's own curvature.
    const h = Float64Array.of(0.5, 2, 0.1), ws = Float64Array.of(1, -1, 0.5), B = 4;
    const p = stochasticProblem(diagonalQuadratic(h, { minimizer: ws }), { batch: B, seed: 11 });
    const w = Float64Array.of(0, 0, 0), M = 40_000, g = new Float64Array(3);
    const sum = new Float64Array(3), sq = new Float64Array(3);
    for (let t = 0; t < M; t++) { p.grad(w, g); for (let i = 0; i < 3; i++) { sum[i] += g[i]; sq[i] += g[i] * g[i]; } }
    for (let i = 0; i < 3; i++) {
      const mean = sum[i] / M, variance = sq[i] / M - mean * mean, want = h[i] / B;
      expect(Math.abs(mean - h[i] * (w[i] - ws[i]))).toBeLessThan(4 * Math.sqrt(want / M));
      // The sample variance's relative standard error is sqrt(2 / M) = 0.7%.
      expect(Math.abs(variance / want - 1)).toBeLessThan(0.035);
    }
  });

  it('dense: the noise covariance is Q diag(c / B) Q^T (= H / B by default)', () => {
    const h = Float64Array.of(0.2, 1, 3), Q = randomRotation(3, createRng(4)), B = 2;
    const q = denseQuadratic(h, Q);
    const p = stochasticProblem(q, { batch: B, seed: 2 });
    const w = q.minimizer, M = 60_000, g = new Float64Array(3), cov = new Float64Array(9);
    for (let t = 0; t < M; t++) { p.grad(w, g); for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) cov[i * 3 + j] += (g[i] * g[j]) / M; }
    const Hcol = new Float64Array(3), e = new Float64Array(3);
    for (let j = 0; j < 3; j++) {
      e.fill(0); e[j] = 1; q.applyH(e, Hcol);
      for (let i = 0; i < 3; i++) expect(Math.abs(cov[i * 3 + j] - Hcol[i] / B)).toBeLessThan(0.03 * (3 / B));
    }
  });

  it('seeded Monte Carlo runs of run() agree with the exact expected loss within 3 standard errors', () => {
    // 8 directions h_i = 1/i, c = h, B = 2, fixed start x0 = 1 (E x0^2 = 1, as the NQM's s = 1), heavy ball.
    const n = 8, h = Float64Array.from({ length: n }, (_, i) => 1 / (i + 1)), B = 2, K = 60, R = 400;
    const spec = 'hb:alpha=0.5,beta=0.6';
    const [want] = nqmExpectedLoss(spec, nqmSetup({ h }), B, [K]);
    let s = 0, ss = 0;
    for (let r = 0; r < R; r++) {
      const p = stochasticProblem(diagonalQuadratic(h), { batch: B, seed: 100 + r });
      const loss = run(p, createMethod(spec), { steps: K, tol: 0, record: ['loss'] }).trace.loss[K];
      s += loss; ss += loss * loss;
    }
    const mean = s / R, se = Math.sqrt((ss / R - mean * mean) / R);
    expect(want.noise).toBeGreaterThan(0.5 * want.loss); // the noise floor dominates at step 60
    expect(Math.abs(mean - want.loss)).toBeLessThan(3 * se);
  });

  it('every linear method runs unchanged on a stochastic oracle (finite losses, below the start at a small rate)', () => {
    const exact = createProblem('logistic-regression');
    for (const name of linearMethodNames()) {
      const p = stochasticProblem(exact, { batch: 10, seed: 1 });
      const res = run(p, createMethod(name, p), { steps: 200, tol: 0, record: ['loss'] });
      expect(res.status, name).not.toBe('diverged');
      expect(res.finalLoss!, name).toBeLessThan(res.trace.loss[0]);
      expect(res.oracleCalls.grad, name).toBeGreaterThanOrEqual(200);
    }
  });
});

describe('bad input', () => {
  const exact = createProblem('logistic-regression');
  it.each([[0], [1.5], [-3], [NaN]])('batch %s is refused, naming batch', (batch) => {
    expect(() => stochasticProblem(exact, { batch })).toThrow(ParameterError);
    expect(() => stochasticProblem(exact, { batch })).toThrow(/^batch = /);
  });
  it('a batch larger than the data set is refused with the data set size', () => {
    expect(() => stochasticProblem(exact, { batch: 101 })).toThrow(/batch = 101 is invalid: expected an integer in \[1, 100\]/);
  });
  it('a problem that is neither a finite sum nor a quadratic is refused', () => {
    expect(() => stochasticProblem(createProblem('rosenbrock'), { batch: 4 })).toThrow(/batch = 4 is invalid.*rosenbrock is neither/);
  });
  it('negative or mis-sized per-direction noise is refused', () => {
    const q = diagonalQuadratic(Float64Array.of(1, 2));
    expect(() => stochasticProblem(q, { batch: 1, noise: Float64Array.of(1) })).toThrow(/^noise = /);
    expect(() => stochasticProblem(q, { batch: 1, noise: Float64Array.of(1, -1) })).toThrow(/^noise\[1\] = -1/);
  });
});
