import { checkNumber } from '../errors.js';

/**
 * Predicted iterations for the error to shrink by a factor `tolerance` at asymptotic rate rho:
 * the smallest k with rho^k <= tolerance, k = ceil(ln(tolerance) / ln(rho)); Infinity if rho >= 1 (no convergence),
 * 1 if rho = 0. Polynomial factors (k rho^k at repeated roots) are ignored: this is the rate's prediction.
 *
 * @example
 * iterationsTo(0.9, 1e-6); // returns 132
 */
export function iterationsTo(rho: number, tolerance: number): number {
  checkNumber('rate', rho, { min: 0 });
  checkNumber('tolerance', tolerance, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  if (rho >= 1) return Infinity;
  if (rho === 0) return 1;
  return Math.max(0, Math.ceil(Math.log(tolerance) / Math.log(rho) - 1e-12));
}
