import type { Complex } from './complex.js';

/**
 * Closed-form eigenvalues of the real 2x2 matrix [[a, b], [c, d]].
 * lambda = tr/2 ± sqrt(((a - d)/2)^2 + b c); the discriminant is formed as ((a-d)/2)^2 + bc, which is exact
 * for triangular matrices, so repeated roots come out exactly repeated. Real roots use the stable
 * product form lambda2 = det / lambda1. Complex pairs are returned with positive imaginary part first.
 *
 * @example
 * eig2x2(0, -1, 1, 0); // returns [{re: 0, im: 1}, {re: 0, im: -1}]
 */
export function eig2x2(a: number, b: number, c: number, d: number): [Complex, Complex] {
  const m = (a + d) / 2;
  const h = (a - d) / 2;
  const disc = h * h + b * c;
  if (disc < 0) {
    const s = Math.sqrt(-disc);
    return [{ re: m, im: s }, { re: m, im: -s }];
  }
  if (disc === 0) return [{ re: m, im: 0 }, { re: m, im: 0 }];
  const s = Math.sqrt(disc);
  const l1 = m >= 0 ? m + s : m - s;
  const det = a * d - b * c;
  const l2 = l1 !== 0 ? det / l1 : m - (l1 - m);
  return l1 >= l2 ? [{ re: l1, im: 0 }, { re: l2, im: 0 }] : [{ re: l2, im: 0 }, { re: l1, im: 0 }];
}

/** Spectral radius of a real 2x2 matrix. @example spectralRadius2x2(0.5, 0, 0, -0.9) // returns 0.9 */
export function spectralRadius2x2(a: number, b: number, c: number, d: number): number {
  const [z1, z2] = eig2x2(a, b, c, d);
  return Math.max(Math.hypot(z1.re, z1.im), Math.hypot(z2.re, z2.im));
}
