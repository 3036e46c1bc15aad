import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import type { MethodDefinition } from './definition.js';

/** Linear CG's state: iterate w, residual r = -grad J(w), search direction p, product Hp, scratch t, rr = r^T r. */
export interface ConjugateGradientState extends OptimizerState {
  r: Float64Array;
  p: Float64Array;
  Hp: Float64Array;
  t: Float64Array;
  rr: number;
}

/**
 * Linear conjugate gradient for a quadratic J(w) = 1/2 (w - w*)^T H (w - w*): exact in at most dim steps
 * (in exact arithmetic; as many steps as H has distinct eigenvalues).
 *
 * alpha_k = r_k^T r_k / p_k^T H p_k;  w_(k+1) = w_k + alpha_k p_k;  r_(k+1) = r_k - alpha_k H p_k;
 * beta_k = r_(k+1)^T r_(k+1) / r_k^T r_k;  p_(k+1) = r_(k+1) + beta_k p_k   (Hestenes & Stiefel 1952; Nocedal & Wright Alg. 5.2).
 * H p comes from the problem's Hessian-vector product, or else from a gradient difference grad J(w + p) - grad J(w),
 * which is exact for quadratics up to rounding. Once r = 0 (or p^T H p <= 0, not a convex quadratic) steps leave w unchanged.
 *
 * @example
 * // H = diag(1, 2), w* = 0, w0 = (1, 1): two steps reach w = (0, 0) up to rounding
 * const cg = conjugateGradient();
 */
export function conjugateGradient(): Optimizer<ConjugateGradientState> {
  return {
    name: 'cg',
    params: {},
    init(problem: Problem, w0: Float64Array): ConjugateGradientState {
      const n = w0.length;
      const w = Float64Array.from(w0);
      const r = problem.grad(w, new Float64Array(n));
      let rr = 0;
      for (let i = 0; i < n; i++) { r[i] = -r[i]; rr += r[i] * r[i]; }
      return { k: 0, w, r, p: Float64Array.from(r), Hp: new Float64Array(n), t: new Float64Array(n), rr };
    },
    step(state: ConjugateGradientState, problem: Problem): void {
      const { w, r, p, Hp, t } = state;
      const n = w.length;
      state.k++;
      if (!(state.rr > 0)) return;
      if (problem.hvp) {
        problem.hvp(w, p, Hp);
      } else {
        // H p = grad J(w + p) - grad J(w), with grad J(w) = -r.
        for (let i = 0; i < n; i++) t[i] = w[i] + p[i];
        problem.grad(t, Hp);
        for (let i = 0; i < n; i++) Hp[i] += r[i];
      }
      let pHp = 0;
      for (let i = 0; i < n; i++) pHp += p[i] * Hp[i];
      if (!(pHp > 0)) return;
      const alpha = state.rr / pHp;
      let rrNext = 0;
      for (let i = 0; i < n; i++) {
        w[i] += alpha * p[i];
        const ri = r[i] - alpha * Hp[i];
        r[i] = ri;
        rrNext += ri * ri;
      }
      const beta = rrNext / state.rr;
      for (let i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
      state.rr = rrNext;
    },
  };
}

export const conjugateGradientDefinition: MethodDefinition = {
  name: 'cg', description: 'linear conjugate gradient (quadratics; H p by hvp or gradient differences)',
  equation: 'a = r.r / p.Hp; w <- w + a p; r <- r - a Hp; p <- r + (r+.r+ / r.r) p', params: [], linear: false,
  build: () => conjugateGradient(),
};
