import { eig2x2 } from '../linalg/eig2.js';
import type { Complex } from '../linalg/complex.js';
import { characteristic, type LinearMethod } from './linear-method.js';

/** A real 2x2 matrix [[m11, m12], [m21, m22]] acting on the per-direction state (w, v) with v = w - w_prev. */
export type Matrix2 = [number, number, number, number];

/**
 * The iteration matrix of one eigendirection with curvature h, on the state (w, v), v^(k) = w^(k) - w^(k-1):
 * w+ = (a - b) w + b v, v+ = (a - b - 1) w + b v, with a, b from `characteristic`.
 * For heavy ball this is [[1 - alpha h, beta], [-alpha h, beta]] (v+ = beta v - alpha h w, w+ = w + v+).
 *
 * @example
 * directionMatrix(linearMethod('hb', { alpha: 0.5, beta: 0.25 }), 1);
 * // returns [0.5, 0.25, -0.5, 0.25]
 */
export function directionMatrix(m: LinearMethod, h: number): Matrix2 {
  const { a, b } = characteristic(m, h);
  return [a - b, b, a - b - 1, b];
}

/**
 * Eigenvalues of the iteration matrix of direction h (closed form via eig2x2; complex pairs, repeated roots exact
 * where the discriminant is exactly zero).
 *
 * @example
 * directionEigenvalues(linearMethod('hb', { alpha: 1, beta: 0.25 }), 1);
 * // returns [{ re: 0.125, im: 0.4841... }, { re: 0.125, im: -0.4841... }]  (|z| = sqrt(beta) = 0.5)
 */
export function directionEigenvalues(m: LinearMethod, h: number): [Complex, Complex] {
  const [m11, m12, m21, m22] = directionMatrix(m, h);
  return eig2x2(m11, m12, m21, m22);
}

/**
 * Spectral radius of direction h, from the roots of z^2 - a z + b: sqrt(b) when complex (a^2 < 4b),
 * |a|/2 + sqrt(a^2/4 - b) when real (the lecture's 1/2 (gamma + sqrt(gamma^2 - 4 beta)) for heavy ball, h <= T).
 *
 * @example
 * directionRate(linearMethod('hb', { alpha: 1, beta: 0.81 }), 0.5);
 * // returns 0.9  (underdamped: sqrt(beta))
 */
export function directionRate(m: LinearMethod, h: number): number {
  const { a, b } = characteristic(m, h);
  const half = a / 2;
  const disc = half * half - b;
  if (disc < 0) return Math.sqrt(b);
  return Math.abs(half) + Math.sqrt(disc);
}
