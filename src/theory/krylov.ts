// The oracle model's lower bounds. The query-counting oracle itself is run's countingProblem (src/run).
import { checkNumber } from '../errors.js';

/**
 * Krylov support: 1 + the largest index j with |w_j| > tolerance (0 for w = 0). On Nesterov's worst function, started
 * at 0, iterate k lies in K_k = span(e_1..e_k), so its support is at most k.
 *
 * @example
 * krylovSupport(new Float64Array([0.5, 0.2, 0, 0])); // returns 2
 */
export function krylovSupport(w: Float64Array, tolerance = 0): number {
  for (let j = w.length - 1; j >= 0; j--) if (Math.abs(w[j]) > tolerance) return j + 1;
  return 0;
}

/**
 * Exact minimum of Nesterov's worst function J(w) = 1/2 (1 - w_1)^2 + sum_j 1/2 (w_(j+1) - w_j)^2 (dimension D) over
 * the Krylov subspace span(e_1..e_k): the path 1 -> w_1 -> ... -> w_k -> 0 has k + 1 differences summing to 1, so the
 * sum of their halved squares is least when all equal 1/(k + 1): J = 1/(2 (k + 1)), at w_j = 1 - j/(k + 1)
 * (DESIGN.md errata: the lecture's "1/k" is the order of magnitude). For k >= D the minimum 0 is reachable.
 *
 * @example
 * krylovMinimumLoss(3, 10); // returns 0.125
 */
export function krylovMinimumLoss(k: number, D: number): number {
  checkNumber('k', k, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }); // past 2^53 a count is not exact (and 2k overflows)
  checkNumber('D', D, { min: 1, integer: true });
  return k >= D ? 0 : 1 / (2 * (k + 1));
}

/**
 * Nesterov's lower bound for smooth strongly convex functions (Nesterov 2004, Thm 2.1.13): any first-order method has
 * ||w_k - w*||^2 >= ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^(2k) ||w_0 - w*||^2 on a worst-case function.
 *
 * @example
 * stronglyConvexLowerBound(4, 1); // returns 0.1111...  ((1/3)^2)
 */
export function stronglyConvexLowerBound(kappa: number, k: number): number {
  checkNumber('kappa', kappa, { min: 1 });
  checkNumber('k', k, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }); // past 2^53 a count is not exact (and 2k overflows)
  const s = Math.sqrt(kappa);
  return ((s - 1) / (s + 1)) ** (2 * k);
}
