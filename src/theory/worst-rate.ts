import { checkNumber, ParameterError } from '../errors.js';
import { directionRate } from './direction-matrix.js';
import type { LinearMethod } from './linear-method.js';
import { regimeThresholds } from './thresholds.js';

/**
 * Worst (largest) spectral radius of a linear method over the curvatures in a spectrum.
 *
 * @example
 * worstRateOverSpectrum(linearMethod('gd', { alpha: 1 }), [0.1, 1.5]); // returns 0.9
 */
export function worstRateOverSpectrum(m: LinearMethod, spectrum: ArrayLike<number>): number {
  if (spectrum.length === 0) throw new ParameterError('spectrum', spectrum, 'a non-empty list of curvatures');
  let worst = 0;
  for (let j = 0; j < spectrum.length; j++) worst = Math.max(worst, directionRate(m, spectrum[j]));
  return worst;
}

/**
 * Exact worst spectral radius over every curvature h in [mu, L], with the curvature where it is attained.
 * rho(h) is the larger root modulus of z^2 - a z + b with a, b affine in h. On the complex branch rho = sqrt(b) is
 * monotone; on a real branch a root z obeys (2z - a) z' = a' z - b', which vanishes only where z = beta2/(1 + beta2)
 * for every h at once, so each branch is monotone too. The maximum is therefore attained at mu, L or a branch point
 * (T, upperReal, a = 0), and all of them are evaluated analytically. Heavy ball: the worst is at mu or L.
 *
 * @example
 * worstRateOverInterval(linearMethod('hb', { alpha: 1, beta: 0.81 }), 0.01, 1);
 * // returns { rate: 0.9, h: 0.01 }  (every direction underdamped or critical: sqrt(beta))
 */
export function worstRateOverInterval(m: LinearMethod, mu: number, L: number): { rate: number; h: number } {
  checkNumber('mu', mu, { min: 0, minExclusive: true });
  checkNumber('L', L, { min: mu });
  const { T, upperReal } = regimeThresholds(m);
  const candidates = [mu, L];
  for (const h of [T, upperReal]) if (h !== null && h > mu && h < L) candidates.push(h);
  // a(h) = 0: where the real roots are ±sqrt(-b).
  const hZero = (1 + m.beta1) / (m.alpha * (1 + m.beta2));
  if (Number.isFinite(hZero) && hZero > mu && hZero < L) candidates.push(hZero);
  let rate = -1, at = mu;
  for (const h of candidates) {
    const r = directionRate(m, h);
    if (r > rate) { rate = r; at = h; }
  }
  return { rate, h: at };
}

// The allocation-free scalar forms (used by rateMap), public alongside the object forms.
export { branchX, directionRateScalar, worstRateRow, worstRateScalar } from './worst-rate-scalar.js';
