import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import type { MethodDefinition } from './definition.js';
import { secantLineSearch } from './secant-line-search.js';

/** Nonlinear CG state: iterate w, gradient g, direction d, buffers, and the last step a (the next line search's first guess). */
export interface NonlinearCGState extends OptimizerState {
  g: Float64Array;
  gNext: Float64Array;
  d: Float64Array;
  t: Float64Array;
  Hd: Float64Array;
  gg: number;
  a: number;
}

/** Options of nonlinear CG. */
export interface NonlinearCGOptions {
  /** 'exact': a = -g^T d / d^T H(w) d from one Hessian-vector product (exact on quadratics); 'secant': see secantLineSearch. */
  lineSearch?: 'exact' | 'secant';
  /** Restart (d = -g) every `restart` steps; 0 = only when d is not a descent direction. */
  restart?: number;
  /** Curvature tolerance of the secant search. */
  sigma?: number;
  /** Gradient evaluations allowed per secant search. */
  maxLineSearch?: number;
}

/**
 * Nonlinear conjugate gradient, Fletcher–Reeves or Polak–Ribière (PR+, i.e. beta clipped at 0).
 *
 * w_(k+1) = w_k + a_k d_k (a_k from the line search);  d_(k+1) = -g_(k+1) + beta_k d_k with
 * beta_FR = g_(k+1)^T g_(k+1) / g_k^T g_k,  beta_PR = max(0, g_(k+1)^T (g_(k+1) - g_k) / g_k^T g_k)
 * (Nocedal & Wright, Numerical Optimization, section 5.2). With the exact line search on a quadratic both equal linear CG.
 *
 * @example
 * // H = diag(1, 2), w0 = (1, 1), variant 'fr', exact line search: two steps reach w* = 0 up to rounding
 * const nlcg = nonlinearCG('fr', { lineSearch: 'exact' });
 */
export function nonlinearCG(
  variant: 'fr' | 'pr',
  { lineSearch = 'secant', restart = 0, sigma = 0.1, maxLineSearch = 20 }: NonlinearCGOptions = {},
): Optimizer<NonlinearCGState> {
  return {
    name: 'nlcg',
    params: { variant, linesearch: lineSearch, restart, sigma, maxls: maxLineSearch },
    init(problem: Problem, w0: Float64Array): NonlinearCGState {
      const n = w0.length;
      const w = Float64Array.from(w0);
      const g = problem.grad(w, new Float64Array(n));
      const d = new Float64Array(n);
      let gg = 0;
      for (let i = 0; i < n; i++) { d[i] = -g[i]; gg += g[i] * g[i]; }
      return { k: 0, w, g, gNext: new Float64Array(n), d, t: new Float64Array(n), Hd: new Float64Array(n), gg, a: 1 / Math.max(1, Math.sqrt(gg)) };
    },
    step(state: NonlinearCGState, problem: Problem): void {
      const { w, g, d, t, Hd } = state;
      const n = w.length;
      state.k++;
      if (!(state.gg > 0)) return;
      let slope = 0;
      for (let i = 0; i < n; i++) slope += g[i] * d[i];
      if (!(slope < 0)) { // not a descent direction: restart with steepest descent
        for (let i = 0; i < n; i++) d[i] = -g[i];
        slope = -state.gg;
      }
      let a = NaN;
      if (lineSearch === 'exact' && problem.hvp) {
        problem.hvp(w, d, Hd);
        let dHd = 0;
        for (let i = 0; i < n; i++) dHd += d[i] * Hd[i];
        if (dHd > 0) {
          a = -slope / dHd;
          for (let i = 0; i < n; i++) w[i] += a * d[i];
          problem.grad(w, state.gNext);
        }
      }
      if (Number.isNaN(a)) {
        a = secantLineSearch(problem, w, d, slope, state.a, t, state.gNext, sigma, maxLineSearch);
        w.set(t);
      }
      state.a = a;
      const gn = state.gNext;
      let ggNext = 0, ggCross = 0;
      for (let i = 0; i < n; i++) { ggNext += gn[i] * gn[i]; ggCross += gn[i] * g[i]; }
      let beta = variant === 'fr' ? ggNext / state.gg : Math.max(0, (ggNext - ggCross) / state.gg);
      if (restart > 0 && state.k % restart === 0) beta = 0;
      for (let i = 0; i < n; i++) d[i] = -gn[i] + beta * d[i];
      state.gNext = g; // swap the gradient buffers (no allocation)
      state.g = gn;
      state.gg = ggNext;
    },
  };
}

export const nonlinearCGDefinition: MethodDefinition = {
  name: 'nlcg', description: 'nonlinear conjugate gradient (Fletcher–Reeves or Polak–Ribière+) with a line search',
  equation: 'w <- w + a d (line search); d <- -g+ + beta d, beta_FR = |g+|^2/|g|^2, beta_PR = max(0, g+.(g+ - g)/|g|^2)',
  params: [
    { name: 'variant', kind: 'string', default: 'pr', choices: ['fr', 'pr'], description: 'Fletcher–Reeves or Polak–Ribière (clipped at 0)' },
    { name: 'linesearch', kind: 'string', default: 'auto', choices: ['auto', 'exact', 'secant'], description: 'exact (one hvp: exact on quadratics), secant (gradients only); auto = exact on quadratics with hvp, else secant' },
    { name: 'restart', kind: 'integer', default: 0, min: 0, description: 'restart d = -g every this many steps (0 = never)' },
    { name: 'sigma', default: 0.1, min: 0, max: 1, minExclusive: true, maxExclusive: true, description: "secant search stops when |phi'(a)| <= sigma |phi'(0)|" },
    { name: 'maxls', kind: 'integer', default: 20, min: 1, description: 'gradient evaluations per secant search' },
  ],
  linear: false,
  build: (p, context) => {
    const auto = context?.hvp !== undefined && context.spectrum !== undefined ? 'exact' : 'secant';
    const lineSearch = p.linesearch === 'auto' ? auto : (p.linesearch as 'exact' | 'secant');
    return nonlinearCG(p.variant as 'fr' | 'pr', { lineSearch, restart: p.restart as number, sigma: p.sigma as number, maxLineSearch: p.maxls as number });
  },
};
