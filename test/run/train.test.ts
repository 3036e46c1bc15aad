import { describe, expect, it } from 'vitest';
import { createMethod } from '../../src/methods/registry.js';
import { createProblem } from '../../src/problems/registry.js';
import { stochasticProblem } from '../../src/problems/stochastic.js';
import { train } from '../../src/run/train.js';
import { hessianEigenvalues } from '../../src/spectra/hessian-eigenvalues.js';
import { stabilityEdge } from '../../src/theory/stability-edge.js';

const TOY = 'mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse';

describe('train', () => {
  it('records the loss every n steps and the sharpness every K steps (null elsewhere), the first and last always', () => {
    const p = createProblem(TOY), m = createMethod('gd:alpha=0.05', p);
    const r = train(p, m, { steps: 95, recordEvery: 10, sharpnessEvery: 30, sharpness: (w) => hessianEigenvalues(p, w).values[0] });
    expect(r.trace.k).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    expect(r.trace.sharpness.map((s) => s !== null)).toEqual([true, false, false, true, false, false, true, false, false, true, true]);
    expect(r.trace.loss[10]).toBe(p.value(r.w));
    // Full-batch GD at a small rate on a smooth loss: the loss decreases.
    expect(r.trace.loss[10]!).toBeLessThan(r.trace.loss[0]!);
    expect(r.trace.accuracy.every((a) => a === null)).toBe(true); // a regression: no accuracy
  });

  it('divergence is a result: the step is reported and the trace kept', () => {
    const p = createProblem(TOY), r = train(p, createMethod('gd:alpha=50', p), { steps: 500 });
    expect(r.status).toBe('diverged');
    expect(r.divergedAt).toBeGreaterThan(0);
    expect(r.trace.k[r.trace.k.length - 1]).toBe(r.divergedAt);
    expect(r.trace.loss.slice(0, -1).every((l) => l !== null && Number.isFinite(l))).toBe(true);
  });

  it('mini-batches through stochasticProblem: the recorded loss is the full-batch loss, the classifier reports accuracy', () => {
    const exact = createProblem('mlp:data=iris,hidden=16,act=tanh'), p = stochasticProblem(exact, { batch: 30, seed: 2 });
    const r = train(p, createMethod('hb:alpha=0.1,beta=0.9', exact), { steps: 300, recordEvery: 100, accuracy: (w) => (exact as unknown as { accuracy(w: Float64Array): number }).accuracy(w) });
    expect(r.trace.loss[3]).toBe(exact.value(r.w));
    expect(r.trace.accuracy[0]!).toBeLessThan(0.5);
    expect(r.trace.accuracy[3]!).toBeGreaterThan(0.9);
  });
});

describe('the edge of stability on the Chebyshev toy (Cohen et al. 2021)', () => {
  // Full batch from the seeded start, each method's own threshold h* = 10 from its linear form: GD 2/alpha,
  // HB 2(1 + beta)/alpha, NAG (2 + 2 beta)/(alpha (1 + 2 beta)). The sharpness rises from 2.9 (progressive sharpening)
  // and then hovers at h*: measured medians over the second half 1.007, 0.975, 0.945 of h*, samples in [0.88, 1.12] h*.
  it.each(['gd:alpha=0.2', 'hb:alpha=0.3,beta=0.5', 'nag:alpha=0.1357,beta=0.9'])('%s: the sharpness settles within 10%% of the threshold', (spec) => {
    const p = createProblem(TOY), m = createMethod(spec, p), edge = stabilityEdge(m.linear!).h!;
    expect(Math.abs(edge / 10 - 1)).toBeLessThan(2e-4);
    const steps = 6000;
    const r = train(p, m, { steps, recordEvery: 50, sharpnessEvery: 50, sharpness: (w) => hessianEigenvalues(p, w, { tol: 1e-6 }).values[0] });
    expect(r.status).toBe('finished');
    expect(r.trace.sharpness[0]!).toBeLessThan(0.3 * edge);
    const late = r.trace.sharpness.filter((s, i) => s !== null && r.trace.k[i] >= steps / 2).map((s) => s! / edge).sort((a, b) => a - b);
    const median = late[late.length >> 1], p10 = late[Math.floor(0.1 * late.length)], p90 = late[Math.floor(0.9 * late.length)];
    expect(Math.abs(median - 1)).toBeLessThan(0.1);
    expect(p10).toBeGreaterThan(0.85);
    expect(p90).toBeLessThan(1.15);
  });
});
