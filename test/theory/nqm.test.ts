import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { createRng } from '../../src/linalg/rng.js';
import { createMethod } from '../../src/methods/registry.js';
import type { Problem } from '../../src/problems/problem.js';
import {
  NQM_MAX_DIM, logspace10, nqmBatchCurve, nqmBins, nqmCriticalBatch, nqmDirection, nqmExpectedLoss, nqmForm, nqmLowerBound,
  nqmSecondMoment, nqmSecondMomentRecursion, nqmSetup, nqmSteadyStateRisk, nqmStepsToTarget, nqmTune,
} from '../../src/theory/nqm.js';

/** A diagonal NQM as a Problem: grad = h w + eps, eps_i ~ N(0, c_i / B) from a seeded generator. */
function stochasticProblem(h: number[], c: number[], batch: number, seed: number): Problem {
  const rng = createRng(seed);
  const sd = c.map((ci) => Math.sqrt(ci / batch));
  return {
    name: 'nqm', label: 'nqm test problem', dim: h.length, x0: new Float64Array(h.length),
    value: (w) => h.reduce((s, hi, i) => s + 0.5 * hi * w[i] * w[i], 0),
    grad: (w, out) => { for (let i = 0; i < h.length; i++) out[i] = h[i] * w[i] + sd[i] * rng.normal(); return out; },
  };
}

describe('NQM: exact expected dynamics from the linear form', () => {
  it('seeded Monte Carlo runs of the real step() agree with the exact expected loss within 3 standard errors', () => {
    const h = [1, 0.5, 0.2, 0.05], c = h, batch = 2, runs = 4000, ks = [1, 5, 20, 60];
    const setup = nqmSetup({ h, c, s: 1 });
    for (const spec of ['gd:alpha=0.8', 'hb:alpha=0.3,beta=0.8', 'nag:alpha=0.5,beta=0.7', 'leapfrog:alpha=0.4,beta=0.9', 'qhm:alpha=0.5,beta=0.9,nu=0.7']) {
      const exact = nqmExpectedLoss(spec, setup, batch, ks).map((r) => r.loss);
      const problem = stochasticProblem(h, c, batch, 7);
      const start = createRng(11);
      const sum = ks.map(() => 0), sum2 = ks.map(() => 0);
      for (let r = 0; r < runs; r++) {
        const method = createMethod(spec);
        const w0 = Float64Array.from(h, () => start.normal());
        const state = method.init(problem, w0);
        for (let k = 1, j = 0; k <= ks[ks.length - 1]; k++) {
          method.step(state, problem);
          if (k === ks[j]) { const L = problem.value(state.w); sum[j] += L; sum2[j] += L * L; j++; }
        }
      }
      ks.forEach((_, j) => {
        const mean = sum[j] / runs, se = Math.sqrt((sum2[j] / runs - mean * mean) / runs);
        expect(Math.abs(mean - exact[j]), `${spec} k=${ks[j]}: MC ${mean} vs exact ${exact[j]} (se ${se})`).toBeLessThan(3 * se);
      });
    }
  });

  it('the generic second-moment recursion equals the gd closed form E x_k^2 = r^k s + alpha^2 (c/B) (1 - r^k)/(1 - r), r = (1 - alpha h)^2', () => {
    const alpha = 0.3, h = 1.7, c = 0.9, s = 2, batch = 3;
    const d = nqmDirection(nqmForm('gd:alpha=0.3'), h, c, s, batch);
    const rec = nqmSecondMomentRecursion(d, 40);
    const r = (1 - alpha * h) ** 2;
    for (const k of [0, 1, 2, 7, 40]) {
      const closed = r ** k * s + (alpha ** 2 * (c / batch) * (1 - r ** k)) / (1 - r);
      expect(rec[k]).toBeCloseTo(closed, 14);
      expect(nqmSecondMoment(d, k).total[0]).toBeCloseTo(closed, 14);
    }
  });

  it('closed form S_inf + R^k (S_0 - S_inf) R^kT equals the recursion for every linear form, start gradients included', () => {
    for (const spec of ['hb:alpha=0.3,beta=0.8', 'nag:alpha=0.5,beta=0.7', 'leapfrog:alpha=0.4,beta=0.9', 'torch-sgd:lr=0.2,momentum=0.9,dampening=0.5', 'aggmo:alpha=0.1']) {
      const d = nqmDirection(nqmForm(spec), 0.6, 0.6, 1, 4);
      const rec = nqmSecondMomentRecursion(d, 300);
      for (const k of [0, 1, 3, 17, 300]) expect(nqmSecondMoment(d, k).total[0], `${spec} k=${k}`).toBeCloseTo(rec[k], 12);
    }
  });

  it('matches the notebook algorithm (numpy port, scripts/fixtures/nqm-reference.py) on the exact 10^4 directions to 1e-10', () => {
    const ref = JSON.parse(readFileSync('test/fixtures/nqm/reference.json', 'utf8')) as { cases: { method: string; batch: number; k: number; loss: number }[] };
    const setup = nqmSetup();
    for (const { method, batch, k, loss } of ref.cases) {
      const [ours] = nqmExpectedLoss(method, setup, batch, [k]);
      expect(Math.abs(ours.loss - loss) / loss, `${method} B=${batch} k=${k}`).toBeLessThan(1e-10);
    }
  });

  it('the heavy-ball steady-state risk equals the hand-derived closed form 1/2 sum h E x^2, E x^2 = alpha c (1 + beta) / (B h (1 - beta) (2 (1 + beta) - alpha h))', () => {
    // Stationary points of the 3x3 system on (X, V, Y) = (E x^2, E v^2, E x v), a = alpha h, s2 = alpha^2 c / B:
    //   V = beta^2 V + a^2 X - 2 a beta Y + s2,  X = (1 - a)^2 X + beta^2 V + 2 (1 - a) beta Y + s2,
    //   Y = -a (1 - a) X + beta^2 V + beta (1 - 2a) Y + s2.
    // Subtracting the first from the third: Y = (1 - a) X ... eliminating V and Y gives X = s2 (1 + beta) / (a (1 - beta) (2 (1 + beta) - a)).
    const setup = nqmSetup({ h: [1, 0.3, 0.01], c: [0.5, 0.3, 0.02] });
    for (const [alpha, beta, batch] of [[0.5, 0.9, 4], [0.05, 0.99, 64], [1.2, 0.3, 1]]) {
      let closed = 0;
      setup.h.forEach((h, i) => { closed += 0.5 * h * (alpha * setup.c[i] * (1 + beta)) / (batch * h * (1 - beta) * (2 * (1 + beta) - alpha * h)); });
      const r = nqmSteadyStateRisk(`hb:alpha=${alpha},beta=${beta}`, setup, batch);
      expect(r.status).toBe('stable');
      expect(r.risk!).toBeCloseTo(closed, 13);
    }
    // Beyond alpha h = 2 (1 + beta) there is no steady state: reported as unstable, not as a number.
    expect(nqmSteadyStateRisk('hb:alpha=3.9,beta=0.9', setup, 4)).toEqual({ risk: null, status: 'unstable' });
  });

  it('splits the loss into the noise-free part and the noise part; B -> infinity leaves only the deterministic part', () => {
    const setup = nqmSetup({ dim: 50 });
    const [a] = nqmExpectedLoss('hb:alpha=0.5,beta=0.9', setup, 16, [200]);
    const [noiseless] = nqmExpectedLoss('hb:alpha=0.5,beta=0.9', nqmSetup({ dim: 50, c: 0 }), 16, [200]);
    expect(a.deterministic).toBeCloseTo(noiseless.loss, 15);
    expect(a.loss).toBeCloseTo(a.deterministic + a.noise, 15);
    expect(a.noise).toBeGreaterThan(0);
  });
});

describe('NQM: steps to target (exact first crossing)', () => {
  it('equals a brute-force scan of the exact loss, also when the loss is not monotone', () => {
    // A lightly damped heavy ball: the loss oscillates and dips below the target before rising again.
    const setup = nqmSetup({ h: [1, 0.8], c: [0.01, 0.01], s: 1 });
    const spec = 'hb:alpha=0.9,beta=0.8';
    const K = 3000;
    const losses = nqmExpectedLoss(spec, setup, 1, Array.from({ length: K }, (_, k) => k)).map((r) => r.loss);
    let rises = 0;
    for (let k = 1; k < K; k++) if (losses[k] > losses[k - 1]) rises++;
    expect(rises).toBeGreaterThan(20);
    const risk = nqmSteadyStateRisk(spec, setup, 1).risk!;
    for (const target of [0.3, 2 * risk, 1.2 * risk, 1.05 * risk, 1.01 * risk]) {
      const brute = losses.findIndex((L) => L <= target);
      expect(brute, `target ${target}`).toBeGreaterThan(0);
      expect(nqmStepsToTarget(spec, setup, 1, target).steps, `target ${target}`).toBe(brute);
      if (target === 1.2 * risk) expect(losses.slice(brute).some((L) => L > target), 'the loss rises above the target after the first crossing').toBe(true);
    }
    // A target below the steady-state risk, and below every loss of the first 3000 steps, is certified never reached.
    const below = Math.min(0.99 * risk, ...losses) * 0.99;
    const r = nqmStepsToTarget(spec, setup, 1, below);
    expect(r.status).toBe('never');
    expect(r.steps).toBeNull();
  });

  it('reports a target above the initial loss as reached at step 0', () => {
    expect(nqmStepsToTarget('gd:alpha=1', nqmSetup(), 4, 5)).toMatchObject({ steps: 0, status: 'reached-at-start' });
  });

  it('binning the 10^4 directions into 138 bins (ratio 0.05) changes steps by at most 0.1% on the tuned points', () => {
    const full = nqmSetup(), bins = nqmBins(full);
    expect(bins.h.length).toBe(138);
    for (const [spec, batch] of [['gd:alpha=0.2154', 64], ['hb:alpha=0.03162,beta=0.99572', 2048], ['hb:alpha=0.00854,beta=0.99766', 1024]] as const) {
      const a = nqmStepsToTarget(spec, full, batch, 0.01).steps!, b = nqmStepsToTarget(spec, bins, batch, 0.01).steps!;
      expect(Math.abs(a - b) / a, `${spec}: exact ${a}, bins ${b}`).toBeLessThan(1e-3);
    }
  });

  it('refuses bad input, naming the parameter', () => {
    const setup = nqmSetup({ dim: 10 });
    const name = (f: () => unknown): string | undefined => { try { f(); } catch (e) { if (e instanceof ParameterError) return e.parameter; throw e; } return undefined; };
    expect(name(() => nqmStepsToTarget('gd:alpha=1', setup, 0, 0.01))).toBe('batch');
    expect(name(() => nqmStepsToTarget('gd:alpha=1', setup, 2.5, 0.01))).toBe('batch');
    expect(name(() => nqmStepsToTarget('gd:alpha=1', setup, 4, 0))).toBe('target');
    expect(name(() => nqmStepsToTarget('gd:alpha=1', setup, 4, Number.NaN))).toBe('target');
    expect(name(() => nqmSetup({ dim: NQM_MAX_DIM + 1 }))).toBe('dim');
    expect(name(() => nqmTune('gd', setup, -1, 0.01))).toBe('batch');
    expect(name(() => nqmExpectedLoss('cg', setup, 4, [1]))).toBe('method');
  });

  it('never returns NaN or Infinity: an unstable method reports a finite loss and null steps', () => {
    const setup = nqmSetup({ dim: 20 });
    const r = nqmStepsToTarget('gd:alpha=2.5', setup, 4, 0.001, { maxSteps: 5000 });
    expect(r.steps).toBeNull();
    expect(['unstable', 'never']).toContain(r.status);
    expect(Number.isFinite(r.loss)).toBe(true);
    const [big] = nqmExpectedLoss('gd:alpha=2.5', setup, 4, [100000]);
    expect(Number.isFinite(big.loss)).toBe(true);
  });
});

describe('NQM: which algorithmic choices matter at which batch sizes (default setup: 10^4 directions, h = c = 1/i, target 0.01)', () => {
  const setup = nqmSetup();

  it('at small batch HB(alpha, beta) needs the same steps as SGD with the effective learning rate alpha / (1 - beta) (within 1%)', () => {
    const batch = 4, alphaEff = 0.01377, bins = nqmBins(setup);
    const sgd = nqmStepsToTarget(`gd:alpha=${alphaEff}`, bins, batch, 0.01).steps!;
    expect(sgd).toBeGreaterThan(1.4e6);
    for (const beta of [0.5, 0.9, 0.99]) {
      const hb = nqmStepsToTarget(`hb:alpha=${alphaEff * (1 - beta)},beta=${beta}`, bins, batch, 0.01).steps!;
      expect(Math.abs(hb - sgd) / sgd, `beta ${beta}: hb ${hb}, sgd ${sgd}`).toBeLessThan(0.01);
    }
  });

  it('at large batch (2^20) tuned momentum needs over 10x fewer steps than tuned SGD', () => {
    const batch = 2 ** 20;
    const sgd = nqmTune('gd', setup, batch, 0.01);
    const hb = nqmTune('hb', setup, batch, 0.01, { grid: { alphas: logspace10(-1, 1, 21), betas: logspace10(-3, 0, 13).map((x) => 1 - x) } });
    expect(sgd.steps!).toBeGreaterThan(6500);
    expect(sgd.steps! / hb.steps!).toBeGreaterThan(10);
    // SGD's step is capped by stability (alpha < 2 / h_max = 2); momentum's effective rate is not.
    expect(sgd.alpha!).toBeLessThan(2);
    expect(hb.effectiveLearningRate!).toBeGreaterThan(20);
  });

  it('SGD scales perfectly (steps proportional to 1/B within 2%) at small batch, up to a critical batch size near 10^3', () => {
    const batches = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
    const curve = nqmBatchCurve('gd', setup, batches, 0.01);
    const e0 = 4 * curve[0].steps!;
    for (const r of curve.filter((x) => x.batch <= 64)) expect(Math.abs((r.batch * r.steps!) / e0 - 1), `B=${r.batch}`).toBeLessThan(0.02);
    const crit = nqmCriticalBatch(curve);
    expect(crit.batch).toBe(1024);
    expect(crit.interpolated!).toBeGreaterThan(1024);
    expect(crit.interpolated!).toBeLessThan(2048);
    // Tuned SGD stays above the lower bounds; the notebook's D / (2 C B) at B = 4 is 125000 steps.
    const lb = nqmLowerBound(setup, 4, 0.01);
    expect(lb.notebook).toBe(125000);
    expect(lb.bayes!).toBeLessThanOrEqual(125000);
    expect(lb.bayes!).toBeGreaterThan(120000);
    expect(curve[0].steps!).toBeGreaterThan(lb.notebook);
  });
});

describe('NQM: the fast local tuning search equals the full grid search', () => {
  it('same tuned steps as every grid point searched (SGD and HB, notebook grids, 10^4 directions binned) at a few batch sizes', () => {
    const bins = nqmBins(nqmSetup());
    for (const [method, batch] of [['gd', 16], ['hb', 4], ['hb', 2048], ['hb', 131072]] as const) {
      const local = nqmTune(method, bins, batch, 0.01, { search: 'local' });
      const grid = nqmTune(method, bins, batch, 0.01, { search: 'grid' });
      expect(local.steps, `${method} B=${batch}`).toBe(grid.steps);
      expect(local.evaluated * (method === 'gd' ? 3 : 4), `${method} B=${batch}: ${local.evaluated} vs ${grid.evaluated} points`).toBeLessThan(grid.evaluated);
    }
  }, 60_000);
});
