// Shared checks for problem tests: central finite differences of J against grad J.
import type { Problem } from '../../src/problems/index.js';

/** max_i |g_i - (J(w + h e_i) - J(w - h e_i)) / 2h| relative to max(1, ||g||_inf), over the first `count` coordinates. */
export function gradientError(problem: Problem, w: Float64Array, { h = 1e-6, count = problem.dim } = {}): number {
  const g = problem.grad(w, new Float64Array(problem.dim));
  const x = Float64Array.from(w);
  let err = 0, scale = 1;
  for (let i = 0; i < problem.dim; i++) scale = Math.max(scale, Math.abs(g[i]));
  for (let i = 0; i < Math.min(count, problem.dim); i++) {
    x[i] = w[i] + h; const fp = problem.value(x);
    x[i] = w[i] - h; const fm = problem.value(x);
    x[i] = w[i];
    err = Math.max(err, Math.abs(g[i] - (fp - fm) / (2 * h)));
  }
  return err / scale;
}
