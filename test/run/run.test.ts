import { describe, expect, it } from 'vitest';
import type { Optimizer, OptimizerState } from '../../src/methods/optimizer.js';
import { createMethod } from '../../src/methods/registry.js';
import { type Problem, createProblem, diagonalQuadratic } from '../../src/problems/index.js';
import { countingProblem, run } from '../../src/run/index.js';

/** A tiny gradient descent, independent of src/optimizers: w <- w - alpha grad J(w). */
function gd(alpha: number): Optimizer {
  return {
    name: 'gd-inline',
    params: { alpha },
    init: (_p, w0) => ({ k: 0, w: Float64Array.from(w0), g: new Float64Array(w0.length) }) as OptimizerState,
    step(state, p) {
      const s = state as OptimizerState & { g: Float64Array };
      p.grad(s.w, s.g);
      for (let i = 0; i < s.w.length; i++) s.w[i] -= alpha * s.g[i];
      s.k++;
    },
  };
}

/** A tiny heavy ball in the lecture's form, keeping v = w_k - w_{k-1}. */
function hb(alpha: number, beta: number): Optimizer {
  return {
    name: 'hb-inline',
    params: { alpha, beta },
    init: (_p, w0) => ({ k: 0, w: Float64Array.from(w0), v: new Float64Array(w0.length), g: new Float64Array(w0.length) }) as OptimizerState,
    step(state, p) {
      const s = state as OptimizerState & { v: Float64Array; g: Float64Array };
      p.grad(s.w, s.g);
      for (let i = 0; i < s.w.length; i++) { s.v[i] = beta * s.v[i] - alpha * s.g[i]; s.w[i] += s.v[i]; }
      s.k++;
    },
  };
}

const h = Float64Array.of(0.1, 0.4, 0.7, 1);
const quad = () => diagonalQuadratic(h); // w* = 0, x0 = ones

describe('run', () => {
  it('records the GD loss 1/2 sum_j h_j (1 - alpha h_j)^(2k) and eigen-coordinates (1 - alpha h_j)^k exactly', () => {
    const alpha = 1.5;
    const r = run(quad(), gd(alpha), { steps: 30, tol: 0 });
    expect(r.status).toBe('max_steps');
    expect(r.steps).toBe(30);
    expect(Array.from(r.trace.k)).toEqual(Array.from({ length: 31 }, (_, k) => k));
    for (let k = 0; k <= 30; k++) {
      let loss = 0;
      for (const hj of h) loss += 0.5 * hj * (1 - alpha * hj) ** (2 * k);
      expect(r.trace.loss[k]).toBeCloseTo(loss, 14);
      h.forEach((hj, j) => expect(r.trace[`e${j}`][k]).toBeCloseTo((1 - alpha * hj) ** k, 13));
      expect(r.trace.oracleCalls[k]).toBe(k); // one gradient per GD step; run's own measurements are not counted
    }
    expect(r.oracleCalls).toEqual({ value: 0, grad: 30, hvp: 0, total: 30 });
    expect(r.trace.vNorm).toBeUndefined(); // GD has no velocity
  });

  it('stops at the first k with ||grad|| <= tol and reports converged', () => {
    const alpha = 1, tol = 1e-6;
    const gradNorm = (k: number) => Math.sqrt(h.reduce((s, hj) => s + (hj * (1 - alpha * hj) ** k) ** 2, 0));
    let expected = 0;
    while (gradNorm(expected) > tol) expected++;
    const r = run(quad(), gd(alpha), { steps: 10_000, tol });
    expect(r.status).toBe('converged');
    expect(r.steps).toBe(expected);
    expect(r.finalGradNorm!).toBeLessThanOrEqual(tol);
    expect(r.divergedAt).toBeNull();
    expect(r.trace.gradNorm[expected]).toBeCloseTo(gradNorm(expected), 18);
  });

  it('tolOn=loss stops on J - J* <= tol', () => {
    const r = run(quad(), gd(1), { steps: 10_000, tol: 1e-10, tolOn: 'loss' });
    expect(r.status).toBe('converged');
    expect(r.finalLoss!).toBeLessThanOrEqual(1e-10);
    expect(r.trace.loss[r.steps - 1]).toBeGreaterThan(1e-10);
  });

  it('reports divergence at the first step whose loss exceeds 1e12 times the initial loss', () => {
    // alpha = 2.5: the h = 1 coordinate is multiplied by -1.5 per step, so its loss grows like 2.25^k.
    const alpha = 2.5, loss = (k: number) => h.reduce((s, hj) => s + 0.5 * hj * (1 - alpha * hj) ** (2 * k), 0);
    let expected = 0;
    while (loss(expected) <= 1e12 * loss(0)) expected++;
    const r = run(quad(), gd(alpha), { steps: 1000 });
    expect(r.status).toBe('diverged');
    expect(r.divergedAt).toBe(expected);
    expect(r.steps).toBe(expected);
    expect(r.trace.k[r.trace.k.length - 1]).toBe(expected);
  });

  it('reports divergence on a non-finite value, with the step, and never returns NaN as the final loss', () => {
    const base = quad();
    // A copy that changes an oracle drops the declared diagonalHessian (else run would measure h and w* inline).
    const nanAfter: Problem = { ...base, valueAndGrad: undefined, diagonalHessian: undefined, value: (w) => (Math.abs(w[0]) < 0.5 ? NaN : base.value(w)) };
    const r = run(nanAfter, gd(1), { steps: 100 });
    // w_0 after k GD steps is 0.9^k, which drops below 0.5 at k = 7.
    expect(r.status).toBe('diverged');
    expect(r.divergedAt).toBe(7);
    expect(r.finalLoss).toBeNull();
  });

  it('records vNorm = ||w_k - w_(k-1)||, energy = loss + ||v||^2 / 2, and w0, w1 for a 2-D problem', () => {
    const p = diagonalQuadratic(Float64Array.of(0.5, 1));
    const r = run(p, hb(0.5, 0.6), { steps: 20, tol: 0 });
    for (let k = 1; k <= 20; k++) {
      const dv = Math.hypot(r.trace.w0[k] - r.trace.w0[k - 1], r.trace.w1[k] - r.trace.w1[k - 1]);
      expect(r.trace.vNorm[k]).toBeCloseTo(dv, 14);
      expect(r.trace.energy[k]).toBeCloseTo(r.trace.loss[k] + 0.5 * dv * dv, 14);
      expect(r.trace.dist[k]).toBeCloseTo(Math.hypot(r.trace.w0[k], r.trace.w1[k]), 14);
    }
    expect(r.trace.vNorm[0]).toBe(0);
    expect(run(quad(), gd(1), { steps: 2 }).trace.w0).toBeUndefined(); // dim 4 > 3: no coordinate columns
  });

  it('recordEvery keeps the first, every n-th and the last step; record selects columns', () => {
    const r = run(quad(), gd(1), { steps: 25, tol: 0, recordEvery: 10 });
    expect(Array.from(r.trace.k)).toEqual([0, 10, 20, 25]);
    const sel = run(quad(), gd(1), { steps: 5, record: ['loss', 'e'] });
    expect(Object.keys(sel.trace)).toEqual(['loss', 'e0', 'e1', 'e2', 'e3']);
    expect(Object.keys(run(quad(), gd(1), { steps: 5, record: false }).trace)).toEqual([]);
    expect(() => run(quad(), gd(1), { record: ['vNorm'] })).toThrow(/record = "vNorm" is invalid: expected columns available here: k, loss/);
  });

  it('onProgress is called every 1% of the steps with the step number', () => {
    const seen: number[] = [];
    run(quad(), gd(1), { steps: 300, tol: 0, onProgress: (k, steps) => { expect(steps).toBe(300); seen.push(k); } });
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => 3 * (i + 1)));
  });

  it('rejects bad options naming them', () => {
    expect(() => run(quad(), gd(1), { steps: 0 })).toThrow('steps = 0 is invalid: expected an integer >= 1');
    expect(() => run(quad(), gd(1), { tol: -1 })).toThrow(/tol = -1 is invalid/);
    const unknownJ: Problem = { ...quad(), minValue: undefined };
    expect(() => run(unknownJ, gd(1), { tolOn: 'loss' })).toThrow(/tolOn = "loss" .*unknown/);
  });

  it('countingProblem counts value, grad and hvp separately and inherits everything else', () => {
    const p = countingProblem(createProblem('quadratic:dim=3'));
    const w = p.x0, out = new Float64Array(3);
    p.value(w); p.grad(w, out); p.grad(w, out); p.hvp!(w, w, out); p.valueAndGrad!(w, out);
    expect(p.counts).toEqual({ value: 2, grad: 3, hvp: 1 });
    expect(p.calls()).toBe(6);
    expect([p.dim, p.L, p.mu]).toEqual([3, 1, 0.01]);
    expect(p.spectrum![1]).toBeCloseTo(0.505, 15);
  });

  it('heavy ball from the method registry converges on quadratic dim=1000, kappa=100 at rate sqrt(beta) = 0.9', () => {
    const p = createProblem('quadratic:dim=1000,kappa=100');
    const r = run(p, createMethod('hb:alpha=1,beta=0.81', p), { steps: 1000, tol: 1e-8, record: ['gradNorm'] });
    expect(r.status).toBe('converged');
    // Every mode contracts at |lambda| = sqrt(beta) = 0.9 (mu is critically damped: alpha mu = (1 - sqrt(beta))^2), so
    // ||grad|| ~ C k 0.9^k: the measured per-step ratio over the last 50 steps is close to 0.9.
    const g = r.trace.gradNorm, n = g.length;
    const ratio = (g[n - 1] / g[n - 51]) ** (1 / 50);
    expect(ratio).toBeGreaterThan(0.89);
    expect(ratio).toBeLessThan(0.93);
  });
});
