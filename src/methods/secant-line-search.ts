import type { Problem } from '../problems/problem.js';

/**
 * A safeguarded secant line search on the directional derivative phi'(a) = grad J(w + a d)^T d: finds a step a > 0
 * with |phi'(a)| <= sigma |phi'(0)| (the strong Wolfe curvature condition), by secant steps kept inside the bracket
 * [lo, hi] where phi' changes sign (bisection when the secant leaves it, doubling while no bracket is known).
 * On a quadratic phi' is linear, so the first secant step is the exact minimiser along d.
 * Stops after `maxIter` gradient evaluations and returns the last step; on return `t` = w + a d and `tg` = grad J(t).
 * Allocation-free. (Written here: the problem has to be evaluated along the line with our buffers, no library does that.)
 *
 * @example
 * // J(w) = 1/2 w^2, w = 1, d = -1, slope = -1, first guess a = 0.25: the secant step lands on a = 1, the minimiser
 */
export function secantLineSearch(
  problem: Problem, w: Float64Array, d: Float64Array, slope0: number, a1: number,
  t: Float64Array, tg: Float64Array, sigma: number, maxIter: number,
): number {
  const n = w.length;
  let a0 = 0, s0 = slope0;
  let lo = 0, hi = Infinity;
  let a = a1;
  for (let it = 0; it < maxIter; it++) {
    for (let i = 0; i < n; i++) t[i] = w[i] + a * d[i];
    problem.grad(t, tg);
    let s = 0;
    for (let i = 0; i < n; i++) s += tg[i] * d[i];
    if (!Number.isFinite(s) || Math.abs(s) <= sigma * Math.abs(slope0) || it === maxIter - 1) return a;
    if (s < 0) lo = a; else hi = a;
    let next = s > s0 ? a - (s * (a - a0)) / (s - s0) : NaN;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * a : 0.5 * (lo + hi);
    a0 = a; s0 = s; a = next;
  }
  return a;
}
