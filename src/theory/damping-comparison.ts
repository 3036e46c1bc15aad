import { directionMatrix, directionRate } from './direction-matrix.js';
import { directionRegime, type Regime } from './direction-regime.js';
import { linearMethod, type LinearMethod } from './linear-method.js';
import { matrixPower2 } from './matrix-power2.js';
import type { Matrix2 } from './direction-matrix.js';

/** Per-direction decay of one method: modulus |z|, regime, |w_k / w_0| after k steps and the peak over 1..k. */
export interface DirectionDecay {
  modulus: number;
  regime: Regime;
  amplitudeAtK: number;
  peak: number;
  /** Steps for the envelope |z|^k to halve: ln 2 / -ln |z| (0 if |z| = 0, Infinity if |z| >= 1). */
  halfLife: number;
}

function decay(m: LinearMethod, h: number, k: number): DirectionDecay {
  const R = directionMatrix(m, h);
  const P: Matrix2 = [0, 0, 0, 0];
  let peak = 0;
  for (let j = 1; j <= k; j++) peak = Math.max(peak, Math.abs(matrixPower2(R, j, P)[0]));
  const modulus = directionRate(m, h);
  const halfLife = modulus === 0 ? 0 : modulus >= 1 ? Infinity : Math.LN2 / -Math.log(modulus);
  return { modulus, regime: directionRegime(m, h), amplitudeAtK: Math.abs(matrixPower2(R, k, P)[0]), peak, halfLife };
}

/**
 * Heavy ball vs Nesterov at the same (alpha, beta), direction by direction (lecture: "NAG dampens the high-frequency
 * oscillations"): underdamped heavy ball has |z| = sqrt(beta) at every h in (T, upperReal), Nesterov has
 * |z| = sqrt(beta (1 - alpha h)) when complex, so high-curvature directions die much faster; at small alpha h both
 * share the slow rate 1 - alpha h/(1 - beta) + O((alpha h)^2). Amplitudes start from w_0 = 1, v_0 = 0.
 *
 * @example
 * dampingComparison(0.5, 0.81, [1], 10)[0].nag.modulus; // returns 0.6364  (sqrt(0.81 * 0.5)); hb: 0.9
 */
export function dampingComparison(alpha: number, beta: number, hs: ArrayLike<number>, k = 20): { h: number; hb: DirectionDecay; nag: DirectionDecay }[] {
  const hb = linearMethod('hb', { alpha, beta });
  const nag = linearMethod('nag', { alpha, beta });
  return Array.from(hs, (h) => ({ h, hb: decay(hb, h, k), nag: decay(nag, h, k) }));
}
