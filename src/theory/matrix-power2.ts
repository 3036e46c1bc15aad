import { checkNumber } from '../errors.js';
import type { Matrix2 } from './direction-matrix.js';

/**
 * U_k = (z1^k - z2^k) / (z1 - z2) for the roots of z^2 - a z + b (U_k = k z^(k-1) for a repeated root),
 * in closed form and without cancellation near repeated roots:
 * complex roots r e^(±i theta): U_k = r^(k-1) sin(k theta) / sin(theta);
 * real roots z1 (larger modulus), d = (z2 - z1)/z1: U_k = z1^(k-1) expm1(k log1p(d)) / d.
 * Reference: Cayley–Hamilton for 2x2 matrices (Sylvester's formula); U_k is a scaled Chebyshev polynomial of the 2nd kind.
 *
 * @example
 * rootDifferenceQuotient(2, 1, 5); // returns 5  (repeated root z = 1: U_k = k)
 */
export function rootDifferenceQuotient(a: number, b: number, k: number): number {
  if (k === 0) return 0;
  const half = a / 2;
  const disc = half * half - b;
  if (disc < 0) {
    const r = Math.sqrt(b);
    const s = Math.sqrt(-disc);
    const theta = Math.atan2(s, half);
    return r ** (k - 1) * (Math.sin(k * theta) / Math.sin(theta));
  }
  const s = Math.sqrt(disc);
  const z1 = half >= 0 ? half + s : half - s;
  if (z1 === 0) return k === 1 ? 1 : 0; // a = b = 0: nilpotent part only
  const d = (-2 * s) / Math.abs(z1); // (z2 - z1) / z1, in (-2, 0]
  if (d === 0) return k * z1 ** (k - 1);
  if (d > -1) return z1 ** (k - 1) * (Math.expm1(k * Math.log1p(d)) / d);
  return z1 ** (k - 1) * ((1 - (1 + d) ** k) / -d);
}

/**
 * R^k for a 2x2 matrix in closed form (Cayley–Hamilton): R^k = U_k R - det(R) U_(k-1) I, with U from
 * `rootDifferenceQuotient(trace, det, k)`. Exact for repeated roots (Jordan blocks), stable for complex ones.
 *
 * @example
 * matrixPower2([1, 1, 0, 1], 3); // returns [1, 3, 0, 1]
 */
export function matrixPower2(R: Matrix2, k: number, out: Matrix2 = [0, 0, 0, 0]): Matrix2 {
  if (k === 0) { out[0] = 1; out[1] = 0; out[2] = 0; out[3] = 1; return out; }
  const a = R[0] + R[3];
  const b = R[0] * R[3] - R[1] * R[2];
  const uk = rootDifferenceQuotient(a, b, k);
  const uk1 = rootDifferenceQuotient(a, b, k - 1);
  out[0] = uk * R[0] - b * uk1;
  out[1] = uk * R[1];
  out[2] = uk * R[2];
  out[3] = uk * R[3] - b * uk1;
  return out;
}

/**
 * The closed-form trajectory of one direction: state_k = R^k state_0 for k = 0..K, returned as two columns
 * (w_k, v_k) so theory can be drawn over simulation.
 *
 * @example
 * closedFormTrajectory([0.5, 0, 0, 0.5], [1, 2], 2);
 * // returns { w: [1, 0.5, 0.25], v: [2, 1, 0.5] }
 */
export function closedFormTrajectory(R: Matrix2, state0: readonly [number, number], K: number): { w: Float64Array; v: Float64Array } {
  checkNumber('K', K, { min: 0, max: 1e7, integer: true });
  const w = new Float64Array(K + 1);
  const v = new Float64Array(K + 1);
  const P: Matrix2 = [0, 0, 0, 0];
  for (let k = 0; k <= K; k++) {
    matrixPower2(R, k, P);
    w[k] = P[0] * state0[0] + P[1] * state0[1];
    v[k] = P[2] * state0[0] + P[3] * state0[1];
  }
  return { w, v };
}
