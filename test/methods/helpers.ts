import type { Problem } from '../../src/problems/problem.js';
import type { Optimizer, OptimizerState } from '../../src/methods/optimizer.js';

/** Run `steps` steps and return the iterates w^(1..steps) (copies), plus the final state. */
export function iterates<S extends OptimizerState>(method: Optimizer<S>, problem: Problem, steps: number, w0: Float64Array = problem.x0, setup?: (s: S) => void): { ws: Float64Array[]; state: S } {
  const state = method.init(problem, w0);
  setup?.(state);
  const ws: Float64Array[] = [];
  for (let k = 0; k < steps; k++) {
    method.step(state, problem);
    ws.push(Float64Array.from(state.w));
  }
  return { ws, state };
}

/** max over k, i of |a[k][i] - b[k][i]| / max(1, |b[k]|_inf): the relative deviation of two trajectories. */
export function maxDeviation(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    let scale = 1;
    for (let i = 0; i < b[k].length; i++) scale = Math.max(scale, Math.abs(b[k][i]));
    for (let i = 0; i < b[k].length; i++) {
      const d = Math.abs(a[k][i] - b[k][i]) / scale;
      if (!(d <= worst)) worst = d; // NaN propagates as a failure
    }
  }
  return worst;
}

/** A problem J(w) + c/2 ||w||^2 (what weight decay c optimises). */
export function withL2(problem: Problem, c: number): Problem {
  return {
    ...problem,
    name: `${problem.name}+l2`,
    value: (w) => { let s = 0; for (let i = 0; i < w.length; i++) s += w[i] * w[i]; return problem.value(w) + 0.5 * c * s; },
    grad: (w, out) => { problem.grad(w, out); for (let i = 0; i < w.length; i++) out[i] += c * w[i]; return out; },
    hvp: undefined,
  };
}
