import { ParameterError } from '../errors.js';
import type { LinearMethodName } from './linear-method.js';

/** The error `characteristic` raises for |alpha h| > 1e100 (kept out of line so the hot function stays small). */
function refuseCurvature(alpha: number, h: number): never {
  throw new ParameterError('h', h, `a curvature with |alpha h| <= 1e100 (alpha = ${alpha})`);
}

/**
 * Spectral radius of direction h from plain numbers (no objects): the larger root modulus of z^2 - a z + b with
 * a = 1 + beta1 - alpha h (1 + beta2), b = beta1 - alpha h beta2; sqrt(b) when complex, |a|/2 + sqrt(a^2/4 - b) when
 * real. The same arithmetic, in the same order, as `directionRate(linearMethod(...), h)`, so the result is bitwise equal.
 *
 * @example
 * directionRateScalar(1, 0.81, 0, 0.5); // returns 0.9  (heavy ball, underdamped: sqrt(beta))
 */
export function directionRateScalar(alpha: number, beta1: number, beta2: number, h: number): number {
  // As in `characteristic`: beyond |alpha h| = 1e100 the squares overflow, so refuse.
  if (!(Math.abs(alpha * h) <= 1e100)) refuseCurvature(alpha, h);
  return rateUnchecked(alpha, beta1, beta2, h);
}

/** directionRateScalar without the overflow check (the caller has made sure |alpha h| <= 1e100). */
function rateUnchecked(alpha: number, beta1: number, beta2: number, h: number): number {
  const x = alpha * h;
  const a = 1 + beta1 - x * (1 + beta2), b = beta1 - x * beta2;
  const half = a / 2;
  const disc = half * half - b;
  if (disc < 0) return Math.sqrt(b);
  return Math.abs(half) + Math.sqrt(disc);
}

/**
 * x = alpha h of the lower (T) or upper (upperReal) real/complex boundary of the two-term method (beta1, beta2), NaN
 * where there is none; `regimeThresholds` divides the same numerator by alpha, so x / alpha equals its T, upperReal.
 * Heavy ball (1 -+ sqrt(beta))^2, Nesterov ((1 - beta)/(1 + beta))^2 and 1, GD 1 and 1.
 *
 * @example
 * branchX('hb', 0.81, 0, true); // returns 3.61  ((1 + 0.9)^2, to rounding)
 */
export function branchX(method: LinearMethodName, beta1: number, beta2: number, upper: boolean): number {
  if (method === 'hb') {
    const r = Math.sqrt(beta1);
    return upper ? (1 + r) ** 2 : (1 - r) ** 2;
  }
  if (method === 'nag') {
    const q = (1 - beta1) / (1 + beta1);
    return upper ? 1 : q * q;
  }
  if (method === 'gd') return 1;
  return twoTermBranchX(beta1, beta2, upper);
}

/** The general two-term case of branchX: roots of (1 + beta2)^2 x^2 - 2 c1 x + c0 = 0 (as in regimeThresholds). */
function twoTermBranchX(beta1: number, beta2: number, upper: boolean): number {
  const A0 = 1 + beta1, A1 = 1 + beta2;
  const c2 = A1 * A1, c1 = A0 * A1 - 2 * beta2, c0 = A0 * A0 - 4 * beta1;
  const quarterDisc = A1 * A1 * beta1 - A0 * A1 * beta2 + beta2 * beta2;
  if (!(quarterDisc >= 0 && c2 > 0)) return NaN;
  const sq = 2 * Math.sqrt(quarterDisc);
  const big = c1 >= 0 ? c1 + sq : c1 - sq;
  const x1 = big / c2, x2 = big !== 0 ? c0 / big : x1;
  const x = upper ? Math.max(x1, x2) : Math.min(x1, x2);
  return x > 0 ? x : NaN;
}

/**
 * Worst spectral radius over [mu, L] for every alpha of a row (fixed beta1, beta2; branch points xT, xU from branchX):
 * out[offset + j] = max of rho(h) over h = mu, L and, inside (mu, L), T = xT/alpha, upperReal = xU/alpha and
 * a(h) = 0 at h = (1 + beta1)/(alpha (1 + beta2)), alpha = alphas[j]; the candidates and arithmetic of
 * worstRateOverInterval. The loop lives here, with the cell inline, because V8 does not inline a per-cell function this
 * large into a caller's loop, and a call per cell boxes its double arguments and result (garbage per cell).
 *
 * @example
 * const out = new Float64Array(1);
 * worstRateRow(Float64Array.of(1), 0.81, 0, 0.01, 3.61, 0.01, 1, out, 0); // out is [0.9]
 */
export function worstRateRow(
  alphas: Float64Array, beta1: number, beta2: number, xT: number, xU: number, mu: number, L: number, out: Float64Array, offset: number,
): void {
  for (let j = 0; j < alphas.length; j++) {
    const alpha = alphas[j];
    // Every candidate is in [mu, L] with alpha > 0, so alpha h <= alpha L: checking mu, then L, raises the error
    // `characteristic` would raise first in worstRateOverInterval (whose first two candidates are mu and L).
    if (!(Math.abs(alpha * mu) <= 1e100)) refuseCurvature(alpha, mu);
    if (!(Math.abs(alpha * L) <= 1e100)) refuseCurvature(alpha, L);
    const T = xT / alpha, U = xU / alpha, hZero = (1 + beta1) / (alpha * (1 + beta2));
    // Candidates in worstRateOverInterval's order: mu, L, then T, upperReal, hZero when strictly inside (mu, L).
    // A NaN (missing) or infinite branch point fails `h > mu && h < L`, like a null one.
    let rate = -1, r: number;
    r = rateUnchecked(alpha, beta1, beta2, mu);
    if (r > rate) rate = r;
    r = rateUnchecked(alpha, beta1, beta2, L);
    if (r > rate) rate = r;
    if (T > mu && T < L) {
      r = rateUnchecked(alpha, beta1, beta2, T);
      if (r > rate) rate = r;
    }
    if (U > mu && U < L) {
      r = rateUnchecked(alpha, beta1, beta2, U);
      if (r > rate) rate = r;
    }
    if (hZero > mu && hZero < L) {
      r = rateUnchecked(alpha, beta1, beta2, hZero);
      if (r > rate) rate = r;
    }
    out[offset + j] = rate;
  }
}

const alphaScratch = new Float64Array(1), rateScratch = new Float64Array(1);

/**
 * Worst spectral radius over every curvature h in [mu, L] of the two-term method (alpha, beta1, beta2), from plain
 * numbers and without allocating: max of rho(h) over h = mu, L and the branch points inside (mu, L) (the
 * real/complex boundaries T and upperReal of `regimeThresholds`, and a(h) = 0 at h = (1 + beta1)/(alpha (1 + beta2))).
 * Equal to `worstRateOverInterval(linearMethod(method, ...), mu, L).rate` bit for bit (same candidates, same
 * arithmetic): the one-cell case of worstRateRow, which rateMap runs per beta. The caller checks the parameters
 * (mu > 0, L >= mu, alpha > 0, betas).
 *
 * @example
 * worstRateScalar('hb', 1, 0.81, 0, 0.01, 1); // returns 0.9  (every direction underdamped or critical: sqrt(beta))
 */
export function worstRateScalar(method: LinearMethodName, alpha: number, beta1: number, beta2: number, mu: number, L: number): number {
  alphaScratch[0] = alpha;
  worstRateRow(alphaScratch, beta1, beta2, branchX(method, beta1, beta2, false), branchX(method, beta1, beta2, true), mu, L, rateScratch, 0);
  return rateScratch[0];
}
