import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Complex } from './complex.js';
import { type DenseMatrix, checkSquare } from './dense.js';
import { ParameterError } from '../errors.js';
import { eig2x2 } from './eig2.js';
import { eigenvaluesHqr } from './eigenvalues-hqr.js';

function checkSquareFinite(A: DenseMatrix, parameter: string): void {
  checkSquare(A, parameter);
  // Balancing and the QR sweeps square entries: past 1e150 they overflow and the iteration never settles.
  for (let i = 0; i < A.data.length; i++) {
    if (Math.abs(A.data[i]) > 1e150) throw new ParameterError(`${parameter}[${Math.floor(i / A.cols)}][${i % A.cols}]`, A.data[i], 'a number of magnitude at most 1e150');
  }
}

/**
 * Eigenvalues of a general real (non-symmetric) matrix: balancing, Hessenberg reduction and Francis double-shift QR
 * (eigenvaluesHqr, EISPACK balanc + elmhes + hqr), so badly scaled matrices keep their digits as with LAPACK's dgeev;
 * 2x2 matrices use the exact closed form (eig2x2).
 * Sorted by descending modulus, then descending real part, then descending imaginary part.
 *
 * @example
 * eigenvalues(fromRows([[0, 1], [-1, 0]])); // returns [{re: 0, im: 1}, {re: 0, im: -1}]
 */
export function eigenvalues(A: DenseMatrix, parameter = 'matrix'): Complex[] {
  checkSquareFinite(A, parameter);
  if (A.rows > 2) return eigenvaluesHqr(A, parameter);
  const out: Complex[] = A.rows === 1 ? [{ re: A.data[0], im: 0 }] : eig2x2(A.data[0], A.data[1], A.data[2], A.data[3]);
  return out.sort((x, y) => Math.hypot(y.re, y.im) - Math.hypot(x.re, x.im) || y.re - x.re || y.im - x.im);
}

/** Largest eigenvalue modulus. */
export function spectralRadius(A: DenseMatrix, parameter = 'matrix'): number {
  return Math.max(...eigenvalues(A, parameter).map((z) => Math.hypot(z.re, z.im)));
}

/**
 * Symmetric eigendecomposition A = V diag(values) V^T (ascending values; columns of V are eigenvectors).
 * Uses ml-matrix (Householder tridiagonalisation + QL). Symmetry is enforced by averaging A and A^T.
 */
export function symmetricEigen(A: DenseMatrix, parameter = 'matrix'): { values: Float64Array; vectors: DenseMatrix } {
  checkSquareFinite(A, parameter);
  const n = A.rows;
  // Scaled by a power of two to max |entry| ~ 1 (exact, but for subnormals that flush to 0): ml-matrix's QL fails on
  // subnormal entries next to large ones.
  let big = 0;
  for (let i = 0; i < A.data.length; i++) big = Math.max(big, Math.abs(A.data[i]));
  const scale = big > 0 ? 2 ** Math.max(-1000, Math.min(1000, -Math.round(Math.log2(big)))) : 1;
  const S = new Matrix(n, n);
  // Entries still subnormal after scaling are flushed to 0 (a change far below rounding of the ~1-sized ones).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = 0.5 * (A.data[i * n + j] * scale + A.data[j * n + i] * scale);
      S.set(i, j, Math.abs(x) < 2.2250738585072014e-308 ? 0 : x);
    }
  }
  const e = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const vals = e.realEigenvalues.map((v) => v / scale);
  const V = e.eigenvectorMatrix;
  const order = vals.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]).map(([, i]) => i);
  const values = new Float64Array(n);
  const vectors: DenseMatrix = { rows: n, cols: n, data: new Float64Array(n * n) };
  order.forEach((src, dst) => {
    values[dst] = vals[src];
    for (let i = 0; i < n; i++) vectors.data[i * n + dst] = V.get(i, src);
  });
  return { values, vectors };
}
