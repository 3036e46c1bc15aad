// Preconditioned methods on the NQM (issue #13 point 2): P = H^-p turns direction i into (h^(1-p), h^-2p c), loss weights h.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { createRng } from '../../src/linalg/rng.js';
import {
  nqmBatchCurve, nqmBins, nqmCriticalBatch, nqmExpectedLoss, nqmModel, nqmPreconditionDirection, nqmSampledRun, nqmSetup,
  nqmSteadyStateRisk, nqmStepsToTarget, nqmTune,
} from '../../src/theory/nqm.js';

/** SGD preconditioned by h^-p in one direction, by hand: x+ = (1 - alpha h^(1-p)) x - alpha h^-p eps, loss 1/2 h E x^2. */
function sgdClosedForm(alpha: number, h: number, c: number, s: number, batch: number, p: number, k: number): number {
  const r = (1 - alpha * h ** (1 - p)) ** 2, q = alpha ** 2 * h ** (-2 * p) * (c / batch);
  return 0.5 * h * (r ** k * s + (q * (1 - r ** k)) / (1 - r));
}

describe('NQM with preconditioning H^-p', () => {
  it('one direction, SGD with p = 1/2 (h = c = 1/4, alpha = 1/2, B = 2): loss 1/8, 11/128, 131/2048, ... -> 1/28, as derived by hand', () => {
    // h' = 1/2, c' = 4 c = 1, r = (1 - 1/4)^2 = 9/16, noise per step alpha^2 c'/B = 1/8: E x1^2 = 9/16 + 1/8 = 11/16.
    const setup = nqmSetup({ h: [0.25] });
    const losses = nqmExpectedLoss('gd:alpha=0.5', setup, 2, [0, 1, 2, 50], { precondition: 0.5 }).map((r) => r.loss);
    expect(losses[0]).toBe(0.125);
    expect(losses[1]).toBe(11 / 128);
    expect(losses[2]).toBeCloseTo(131 / 2048, 16);
    expect(losses[3]).toBeCloseTo(sgdClosedForm(0.5, 0.25, 0.25, 1, 2, 0.5, 50), 15);
    expect(nqmSteadyStateRisk('gd:alpha=0.5', setup, 2, { precondition: 0.5 }).risk).toBeCloseTo(1 / 28, 15);
    // Without preconditioning the same SGD is slower and quieter: r = (7/8)^2, noise 1/32.
    expect(nqmExpectedLoss('gd:alpha=0.5', setup, 2, [1])[0].loss).toBe(0.125 * (49 / 64 + 1 / 32));
  });

  it('the closed form r^k s + alpha^2 h^-2p (c/B) (1 - r^k)/(1 - r), r = (1 - alpha h^(1-p))^2, holds for any p, k', () => {
    const [alpha, h, c, s, batch] = [0.9, 0.7, 0.4, 1.5, 3];
    for (const p of [0, 0.3, 0.5, 1]) {
      const ks = [0, 1, 7, 100];
      const exact = nqmExpectedLoss(`gd:alpha=${alpha}`, nqmSetup({ h: [h], c: [c], s: [s] }), batch, ks, { precondition: p });
      ks.forEach((k, j) => expect(exact[j].loss, `p=${p} k=${k}`).toBeCloseTo(sgdClosedForm(alpha, h, c, s, batch, p, k), 14));
    }
  });

  it('the model is the same method on the transformed directions: curvature h^(1-p), noise h^-2p c / B, loss weights h / 2', () => {
    const setup = nqmSetup({ dim: 4 });
    const model = nqmModel('hb:alpha=0.3,beta=0.8', setup, 8, { precondition: 0.5 });
    expect(model.precondition).toBe(0.5);
    model.directions.forEach((d, i) => {
      const h = setup.h[i];
      expect(d.h).toBeCloseTo(Math.sqrt(h), 15);
      expect(d.sigma2).toBeCloseTo(setup.c[i] / h / 8, 15);
      expect(model.weight[i]).toBe(h / 2);
    });
    expect(nqmPreconditionDirection(0.25, 0.25, 0.5)).toEqual({ h: 0.5, c: 1 });
    expect(nqmPreconditionDirection(0.01, 0.01, 1)).toEqual({ h: 1, c: 0.01 / 0.01 ** 2 });
  });

  it('seeded Monte Carlo runs of the real step() on the preconditioned oracle agree with the exact expected loss within 3 standard errors', () => {
    const setup = nqmSetup({ h: [1, 0.5, 0.2, 0.05] }), batch = 2, runs = 3000, ks = [1, 5, 20, 60];
    for (const [spec, p] of [['gd:alpha=0.4', 0.5], ['hb:alpha=0.2,beta=0.8', 0.5], ['nag:alpha=0.15,beta=0.7', 1]] as const) {
      const exact = nqmExpectedLoss(spec, setup, batch, ks, { precondition: p }).map((r) => r.loss);
      const seeds = createRng(17);
      const sum = ks.map(() => 0), sum2 = ks.map(() => 0);
      for (let r = 0; r < runs; r++) {
        const run = nqmSampledRun(spec, setup, batch, 60, { seed: Math.floor(seeds.next() * 2 ** 31), precondition: p });
        ks.forEach((k, j) => { sum[j] += run.loss[k]; sum2[j] += run.loss[k] ** 2; });
      }
      ks.forEach((k, j) => {
        const mean = sum[j] / runs, se = Math.sqrt((sum2[j] / runs - mean * mean) / runs);
        expect(Math.abs(mean - exact[j]), `${spec} p=${p} k=${k}: MC ${mean} vs exact ${exact[j]} (se ${se})`).toBeLessThan(3 * se);
      });
    }
  });

  it('p = 0 is exactly the unpreconditioned result (losses, steps, tuned points, curves)', () => {
    const setup = nqmSetup({ dim: 300 });
    expect(nqmExpectedLoss('hb:alpha=0.1,beta=0.9', setup, 16, [0, 10, 1000], { precondition: 0 })).toEqual(nqmExpectedLoss('hb:alpha=0.1,beta=0.9', setup, 16, [0, 10, 1000]));
    expect(nqmStepsToTarget('gd:alpha=0.5', setup, 64, 0.01, { precondition: 0 })).toEqual(nqmStepsToTarget('gd:alpha=0.5', setup, 64, 0.01));
    expect(nqmTune('hb', setup, 256, 0.01, { precondition: 0 })).toEqual(nqmTune('hb', setup, 256, 0.01));
    expect(nqmBatchCurve('gd', setup, [1, 32, 1024], 0.01, { precondition: 0 })).toEqual(nqmBatchCurve('gd', setup, [1, 32, 1024], 0.01));
  });

  it('preconditioning extends perfect scaling to larger batch sizes (paper setup, 10^4 directions): SGD critical batch ~1.2e3 -> ~3e4 with p = 1/2', () => {
    const setup = nqmSetup(), bins = nqmBins(setup);
    const batches = Array.from({ length: 16 }, (_, i) => 2 ** (i + 2));
    const plain = nqmCriticalBatch(nqmBatchCurve('gd', setup, batches, 0.01, { bins }));
    const pre = nqmBatchCurve('gd', setup, batches, 0.01, { bins, precondition: 0.5 });
    const half = nqmCriticalBatch(pre);
    expect(plain.batch).toBe(1024);
    expect(plain.interpolated!).toBeCloseTo(1216, -1);
    expect(half.batch).toBe(16384);
    expect(half.interpolated!).toBeCloseTo(29595, -2);
    expect(half.interpolated! / plain.interpolated!).toBeGreaterThan(20);
    // Up to B = 2^12 the preconditioned curve scales perfectly (examples within 2% of their value at B = 4).
    const e0 = 4 * pre[0].steps!;
    for (const r of pre.filter((x) => x.batch <= 4096)) expect(Math.abs((r.batch * r.steps!) / e0 - 1), `B=${r.batch}`).toBeLessThan(0.02);
  }, 60_000);

  it('refuses p outside [0, 1] naming the parameter, and a compiled model with another p', () => {
    const setup = nqmSetup({ dim: 10 });
    for (const p of [-0.1, 1.5, NaN]) {
      expect(() => nqmExpectedLoss('gd:alpha=0.5', setup, 1, [1], { precondition: p })).toThrow(ParameterError);
      expect(() => nqmTune('gd', setup, 1, 0.01, { precondition: p })).toThrow(/precondition/);
    }
    const model = nqmModel('gd:alpha=0.5', setup, 1, { precondition: 0.5 });
    expect(() => nqmStepsToTarget(model, setup, 1, 0.01, { precondition: 0 })).toThrow(/precondition/);
    expect(nqmStepsToTarget(model, setup, 1, 0.01).steps).toBe(nqmStepsToTarget('gd:alpha=0.5', setup, 1, 0.01, { precondition: 0.5 }).steps);
  });
});
