import { describe, expect, it } from 'vitest';
import { createProblem, diagonalQuadraticOracles } from '../../src/problems/index.js';
import { createMethod } from '../../src/methods/index.js';
import { run, countingProblem } from '../../src/run/index.js';
import type { Problem } from '../../src/problems/problem.js';

// On a diagonal quadratic, gd/hb/nag take one fused pass per step (gradient computed inline from h and w*).
// The fused path must give bitwise the same iterates as the generic grad-then-update path, and count the same oracle calls.
describe('fused steps on diagonal quadratics', () => {
  const problem = createProblem('quadratic:dim=200,kappa=1000,spectrum=loguniform,seed=3,wstar=0.5');
  // Wrapping grad hides the diagonal structure (recognition is by function identity): the generic two-pass path.
  const generic: Problem = { ...problem, grad: (w, out) => problem.grad(w, out) };

  for (const spec of ['gd:alpha=1.5', 'hb:alpha=1,beta=0.9', 'nag:alpha=1,beta=0.95']) {
    it(`${spec}: fused and generic iterates are bitwise equal over 300 steps`, () => {
      expect(diagonalQuadraticOracles.get(problem.grad)).toBeDefined();
      expect(diagonalQuadraticOracles.get(generic.grad)).toBeUndefined();
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
    expect(diagonalQuadraticOracles.get(counted.grad)?.onQuery).toBeTypeOf('function'); // the fused path, counted
    const m = createMethod('hb:alpha=1,beta=0.9', problem);
    const s = m.init(counted, counted.x0);
    for (let k = 0; k < 25; k++) m.step(s, counted);
    expect(counted.counts.grad).toBe(25);
    const r = run(problem, createMethod('hb:alpha=1,beta=0.9', problem), { steps: 40, tol: 0 });
    expect(r.trace.oracleCalls[r.trace.oracleCalls.length - 1]).toBe(40);
  });

  it('a copy with its own grad is respected (the fused path does not bypass an overridden oracle)', () => {
    const doubled: Problem = { ...problem, grad: (w, out) => { problem.grad(w, out); for (let i = 0; i < out.length; i++) out[i] *= 2; return out; } };
    const a = createMethod('gd:alpha=0.5', problem), b = createMethod('gd:alpha=1', problem), c = createMethod('gd:alpha=0.5', doubled);
    const sb = b.init(problem, problem.x0), sc = c.init(doubled, doubled.x0);
    for (let k = 0; k < 50; k++) { b.step(sb, problem); c.step(sc, doubled); }
    // gd with alpha on 2 grad J equals gd with 2 alpha on grad J, to rounding.
    let maxDiff = 0;
    for (let i = 0; i < problem.dim; i++) maxDiff = Math.max(maxDiff, Math.abs(sb.w[i] - sc.w[i]));
    expect(maxDiff).toBeLessThan(1e-12);
    expect(a.name).toBe('gd');
  });
});
