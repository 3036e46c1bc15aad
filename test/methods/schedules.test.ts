import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/problems/registry.js';
import { createMethod, heavyBall, nesterovAspremont } from '../../src/methods/index.js';
import type { AspremontState } from '../../src/methods/index.js';
import type { Optimizer } from '../../src/methods/optimizer.js';
import { dist2 } from '../../src/linalg/index.js';

describe("Nesterov's method in d'Aspremont's form meets J(w_N) - J* <= L ||w0 - w*||^2 / (2 A_N)", () => {
  for (const dim of [2001, 50]) {
    it(`convex schedule on the lecture's worst function (dim ${dim}, L = its largest eigenvalue < 4), every N <= 1000; A_N >= (N + 1)^2 / 4`, () => {
      const problem = createProblem(`nesterov-worst:dim=${dim}`);
      expect(problem.L).toBeLessThanOrEqual(4);
      const method = createMethod('nag-aspremont', problem) as Optimizer<AspremontState>;
      const s = method.init(problem, problem.x0);
      const R2 = dist2(problem.x0, problem.minimizer!) ** 2;
      let worstRatio = 0;
      for (let N = 1; N <= 1000; N++) {
        method.step(s, problem);
        const gap = problem.value(s.w) - problem.minValue!;
        const bound = (problem.L! * R2) / (2 * s.A);
        worstRatio = Math.max(worstRatio, gap / bound);
        expect(s.A).toBeGreaterThanOrEqual(((N + 1) ** 2) / 4);
      }
      expect(worstRatio).toBeLessThanOrEqual(1);
      // the bound is not vacuous: on the 2001-dimensional function the gap stays within a factor 20 of it
      if (dim === 2001) expect(worstRatio).toBeGreaterThan(0.05);
    });
  }

  it('strongly convex schedule on the strongly convex worst function (kappa = 100), every N <= 1000, A_N growing like (1 - sqrt(mu/L))^-N', () => {
    const problem = createProblem('nesterov-worst-sc:dim=500');
    const method = createMethod('nag-aspremont:schedule=strongly-convex', problem) as Optimizer<AspremontState>;
    const s = method.init(problem, problem.x0);
    const R2 = dist2(problem.x0, problem.minimizer!) ** 2;
    const q = problem.mu! / problem.L!;
    for (let N = 1; N <= 1000; N++) {
      method.step(s, problem);
      const gap = problem.value(s.w) - problem.minValue!;
      expect(gap).toBeLessThanOrEqual((problem.L! * R2) / (2 * s.A) + 1e-15);
      expect(s.A).toBeGreaterThanOrEqual((1 - Math.sqrt(q)) ** -(N - 1));
    }
  });

  it('its first step is a gradient step 1/L: J(w1) = 0.3125 on the worst function with L = 4, A_1 = 1', () => {
    const problem = createProblem('nesterov-worst:dim=10');
    const method = nesterovAspremont({ kind: 'convex', L: 4 });
    const s = method.init(problem, problem.x0);
    method.step(s, problem);
    // y0 = w0 = 0, grad J(0) = (-1, 0, ...), w1 = (1/4, 0, ...): J(w1) = 1/2 (3/4)^2 + 1/2 (1/4)^2 = 0.3125
    expect(problem.value(s.w)).toBeCloseTo(0.3125, 15);
    expect(s.A).toBe(1);
  });
});

describe('the Lessard–Recht–Packard counterexample', () => {
  const run = (x0: number, method: Optimizer, steps: number): number[] => {
    const problem = createProblem(`lessard-counterexample:x0=${x0}`);
    const s = method.init(problem, problem.x0);
    const ws: number[] = [s.w[0]];
    for (let k = 0; k < steps; k++) { method.step(s, problem); ws.push(s.w[0]); }
    return ws;
  };

  it("hb:tune=polyak is alpha = 1/9, beta = 4/9 there (mu = 1, L = 25)", () => {
    const m = createMethod('hb:tune=polyak', createProblem('lessard-counterexample'));
    expect(m.params.alpha).toBeCloseTo(1 / 9, 15);
    expect(m.params.beta).toBeCloseTo(4 / 9, 15);
  });

  it('heavy ball with alpha = 1/9, beta = 4/9 from x0 = 3.3 ends in a 3-cycle (period 3, three distinct points)', () => {
    const ws = run(3.3, heavyBall(1 / 9, { beta: 4 / 9 }), 2000);
    for (let k = 1900; k < 1990; k++) {
      expect(Math.abs(ws[k + 3] - ws[k])).toBeLessThan(1e-9); // period 3
      expect(Math.abs(ws[k + 1] - ws[k])).toBeGreaterThan(0.1); // not a fixed point
      expect(Math.abs(ws[k + 2] - ws[k])).toBeGreaterThan(0.1); // not period 2
    }
    expect(Math.max(...ws.slice(1900).map(Math.abs))).toBeGreaterThan(1); // far from x* = 0
  });

  it('from x0 = 0.5 the same heavy ball converges to x* = 0', () => {
    const ws = run(0.5, heavyBall(1 / 9, { beta: 4 / 9 }), 2000);
    expect(Math.abs(ws[2000])).toBeLessThan(1e-12);
  });

  it("Nesterov's method (tune=standard) converges from 3.3", () => {
    const ws = run(3.3, createMethod('nag:tune=standard', createProblem('lessard-counterexample')), 2000);
    expect(Math.abs(ws[2000])).toBeLessThan(1e-12);
  });
});
