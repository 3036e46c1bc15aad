import { ParameterError } from '../errors.js';

/**
 * Empirical asymptotic rate from a sequence of log error norms: exp of the least-squares slope of
 * logNorm[k] over k in [from, to). Fit late, over many steps, so that transients, oscillations of complex roots and
 * the k rho^k factor of repeated roots (a slope error of about 1/k) fade.
 *
 * @example
 * fitRate(Float64Array.from([0, 1, 2, 3], (k) => k * Math.log(0.5)), 0, 4); // returns 0.5
 */
export function fitRate(logNorm: ArrayLike<number>, from = Math.floor(logNorm.length / 2), to = logNorm.length): number {
  const n = to - from;
  if (!(n >= 2) || from < 0 || to > logNorm.length) throw new ParameterError('window', `[${from}, ${to})`, `at least 2 indices inside [0, ${logNorm.length})`);
  let sk = 0, sy = 0, skk = 0, sky = 0;
  for (let k = from; k < to; k++) {
    const y = logNorm[k];
    if (!Number.isFinite(y)) return y === -Infinity ? 0 : Infinity; // exact convergence / divergence
    sk += k; sy += y; skk += k * k; sky += k * y;
  }
  return Math.exp((n * sky - sk * sy) / (n * skk - sk * sk));
}
