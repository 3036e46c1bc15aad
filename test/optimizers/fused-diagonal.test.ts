import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/problems/index.js';
import { createMethod } from '../../src/optimizers/index.js';
import { run, countingProblem } from '../../src/run/index.js';
import type { Problem } from '../../src/problems/problem.js';

// On a diagonal quadratic, gd/hb/nag take one fused pass per step (gradient computed inline from diagonalHessian).
// The fused path must give bitwise the same iterates as the generic grad-then-update path, and count the same oracle calls.
describe('fused steps on diagonal quadratics', () => {
  const problem = createProblem('quadratic:dim=200,kappa=1000,spectrum=loguniform,seed=3,wstar=0.5');
  const generic: Problem = { ...problem, diagonalHessian: undefined };

  for (const spec of ['gd:alpha=1.5', 'hb:alpha=1,beta=0.9', 'nag:alpha=1,beta=0.95']) {
    it(`${spec}: fused and generic iterates are bitwise equal over 300 steps`, () => {
      expect(problem.diagonalHessian).toBeInstanceOf(Float64Array);
      const a = createMethod(spec, problem), b = createMethod(spec, generic);
      const sa = a.init(problem, problem.x0), sb = b.init(generic, generic.x0);
      let maxDiff = 0;
      for (let k = 0; k < 300; k++) {
        a.step(sa, problem); b.step(sb, generic);
        for (let i = 0; i < problem.dim; i++) maxDiff = Math.max(maxDiff, Math.abs(sa.w[i] - sb.w[i]));
      }
      expect(maxDiff).toBe(0);
      expect(sa.k).toBe(300);
    });
  }

  it('counts one gradient query per fused step', () => {
    const counted = countingProblem(problem);
    const m = createMethod('hb:alpha=1,beta=0.9', problem);
    const s = m.init(counted, counted.x0);
    for (let k = 0; k < 25; k++) m.step(s, counted);
    expect(counted.counts.grad).toBe(25);
    const r = run(problem, createMethod('hb:alpha=1,beta=0.9', problem), { steps: 40, tol: 0 });
    expect(r.trace.oracleCalls[r.trace.oracleCalls.length - 1]).toBe(40);
  });
});
