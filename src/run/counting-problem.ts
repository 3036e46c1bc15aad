import type { Problem } from '../problems/problem.js';

/** Oracle-call counts: one per value, gradient or Hessian-vector product requested (valueAndGrad counts one of each). */
export interface OracleCounts {
  value: number;
  grad: number;
  hvp: number;
}

/** A problem that counts the oracle calls made through it (the lecture's oracle model: each query costs one call). */
export type CountingProblem = Problem & { readonly counts: OracleCounts; calls(): number; reset(): void };

/**
 * Wrap a problem so that every value / grad / hvp call through the wrapper is counted; everything else (mu, L, spectrum,
 * extra members) is inherited unchanged through the prototype chain.
 *
 * @example
 * const p = countingProblem(createProblem('quadratic:dim=2'));
 * p.grad(p.x0, new Float64Array(2)); p.calls(); // returns 1
 */
export function countingProblem(problem: Problem): CountingProblem {
  const counts: OracleCounts = { value: 0, grad: 0, hvp: 0 };
  const countedGrad = (w: Float64Array, out: Float64Array): Float64Array => { counts.grad++; return problem.grad(w, out); };
  const counted = Object.create(problem) as CountingProblem & { value: Problem['value']; grad: Problem['grad']; hvp?: Problem['hvp'] };
  Object.defineProperties(counted, {
    counts: { value: counts },
    value: { value: (w: Float64Array) => { counts.value++; return problem.value(w); } },
    grad: { value: countedGrad },
    calls: { value: () => counts.value + counts.grad + counts.hvp },
    reset: { value: () => { counts.value = 0; counts.grad = 0; counts.hvp = 0; } },
  });
  if (problem.valueAndGrad) {
    const vg = problem.valueAndGrad.bind(problem);
    Object.defineProperty(counted, 'valueAndGrad', { value: (w: Float64Array, out: Float64Array) => { counts.value++; counts.grad++; return vg(w, out); } });
  }
  if (problem.excessAndGrad) {
    const eg = problem.excessAndGrad.bind(problem);
    Object.defineProperty(counted, 'excessAndGrad', { value: (w: Float64Array, out: Float64Array) => { counts.value++; counts.grad++; return eg(w, out); } });
  }
  if (problem.hvp) {
    const hvp = problem.hvp.bind(problem);
    Object.defineProperty(counted, 'hvp', { value: (w: Float64Array, v: Float64Array, out: Float64Array) => { counts.hvp++; return hvp(w, v, out); } });
  }
  return counted;
}
