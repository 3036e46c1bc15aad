import { ParameterError } from '../errors.js';
import type { LinearMethod } from './linear-method.js';

/** The curvatures where a linear method's per-direction behaviour changes (null where there is no such point). */
export interface Thresholds {
  /** Lower real/complex boundary: below it the roots are real and positive (overdamped); at it, critically damped. */
  T: number | null;
  /** Upper real/complex boundary: above it the roots are real again, the dominant one negative (oscillating sign). */
  upperReal: number | null;
  /** Stability limit: the spectral radius reaches 1 here (divergence for h >= stability). */
  stability: number | null;
}

/**
 * Thresholds in curvature h for a linear method.
 * Heavy ball: T = (1 - sqrt(beta))^2 / alpha, upperReal = (1 + sqrt(beta))^2 / alpha, stability = 2 (1 + beta) / alpha
 * (DESIGN.md errata: the lecture's T lost its minus sign). Nesterov: T = ((1 - beta)/(1 + beta))^2 / alpha,
 * upperReal = 1 / alpha, stability = 2 (1 + beta) / ((1 + 2 beta) alpha). General (beta1, beta2): roots in x = alpha h of
 * (1 + beta2)^2 x^2 - 2 ((1 + beta1)(1 + beta2) - 2 beta2) x + (1 + beta1)^2 - 4 beta1 = 0 (zero discriminant of
 * z^2 - a z + b), and the Jury condition 1 + a + b > 0, i.e. x < 2 (1 + beta1) / (1 + 2 beta2).
 *
 * @example
 * regimeThresholds(linearMethod('hb', { alpha: 1, beta: 0.81 }));
 * // returns { T: 0.01, upperReal: 3.61, stability: 3.62 }  (to rounding)
 */
export function regimeThresholds(m: LinearMethod): Thresholds {
  const t = thresholdsOf(m);
  // A step size near the smallest double puts every threshold c / alpha past the largest one: an error, not Infinity.
  for (const v of [t.T, t.upperReal, t.stability]) if (v !== null && !Number.isFinite(v)) throw new ParameterError('alpha', m.alpha, `a step size whose thresholds h = c / alpha are finite (here ${v})`);
  return t;
}

function thresholdsOf(m: LinearMethod): Thresholds {
  const { alpha, beta1, beta2 } = m;
  if (m.method === 'hb') {
    const r = Math.sqrt(beta1);
    return { T: (1 - r) ** 2 / alpha, upperReal: (1 + r) ** 2 / alpha, stability: (2 * (1 + beta1)) / alpha };
  }
  if (m.method === 'nag') {
    const q = (1 - beta1) / (1 + beta1);
    return { T: (q * q) / alpha, upperReal: 1 / alpha, stability: (2 * (1 + beta1)) / ((1 + 2 * beta1) * alpha) };
  }
  if (m.method === 'gd') return { T: 1 / alpha, upperReal: 1 / alpha, stability: 2 / alpha };
  // General two-term method: c2 x^2 - 2 c1 x + c0 = 0.
  const A0 = 1 + beta1, A1 = 1 + beta2;
  const c2 = A1 * A1, c1 = A0 * A1 - 2 * beta2, c0 = A0 * A0 - 4 * beta1;
  const quarterDisc = A1 * A1 * beta1 - A0 * A1 * beta2 + beta2 * beta2; // (c1^2 - c2 c0) / 4
  let T: number | null = null, upperReal: number | null = null;
  if (quarterDisc >= 0 && c2 > 0) {
    const sq = 2 * Math.sqrt(quarterDisc);
    // Stable roots of c2 x^2 - 2 c1 x + c0: x1 = (c1 + sign(c1) sq) / c2, x2 = c0 / (c2 x1).
    const big = c1 >= 0 ? c1 + sq : c1 - sq;
    const x1 = big / c2, x2 = big !== 0 ? c0 / big : x1;
    const lo = Math.min(x1, x2), hi = Math.max(x1, x2);
    T = lo > 0 ? lo / alpha : null;
    upperReal = hi > 0 ? hi / alpha : null;
  }
  // Jury: |b| < 1 with b = beta1 - x beta2, 1 - a + b = x > 0, 1 + a + b = 2 (1 + beta1) - (1 + 2 beta2) x > 0.
  const limits: number[] = [];
  if (1 + 2 * beta2 > 0) limits.push((2 * (1 + beta1)) / (1 + 2 * beta2));
  if (beta2 > 0) limits.push((beta1 + 1) / beta2);
  if (beta2 < 0) limits.push((beta1 - 1) / beta2);
  const x = limits.length ? Math.min(...limits) : Infinity;
  return { T, upperReal, stability: Number.isFinite(x) && x > 0 ? x / alpha : null };
}
