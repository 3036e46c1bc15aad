import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/problems/index.js';
import { createMethod, methods } from '../../src/methods/index.js';

// The lecture: on Nesterov's worst function, started at 0, the k-th iterate lies in the Krylov subspace K_k spanned by
// the first k coordinate vectors. With the gradient computed from the definition, coordinates beyond k are exactly 0.
describe("Nesterov's worst function: iterate k has exact zeros beyond coordinate k", () => {
  const problem = createProblem('nesterov-worst:dim=40');
  for (const info of methods()) {
    it(info.name, () => {
      const method = createMethod(info.name, problem);
      const state = method.init(problem, problem.x0);
      let outside = 0, inside = 0;
      for (let k = 1; k <= 25; k++) {
        method.step(state, problem);
        for (let i = k; i < problem.dim; i++) if (state.w[i] !== 0) outside++;
        if (state.w[k - 1] !== 0) inside++;
      }
      expect(outside).toBe(0);
      expect(inside).toBeGreaterThan(0); // the support does grow (the test is not vacuous)
    });
  }
});
