import { matvecRows, type DenseMatrix } from '../linalg/index.js';
import type { QuadraticOptions, QuadraticProblem } from './quadratic-problem.js';
import { quadraticFromOperator } from './quadratic-operator.js';

/**
 * The dense quadratic J(w) = 1/2 (w - w*)^T Q diag(h) Q^T (w - w*), with Q orthogonal (e.g. randomRotation):
 * the same spectrum as diagonalQuadratic(h), rotated. H is formed once (O(n^2) memory), so keep dim moderate.
 *
 * @example
 * denseQuadratic(Float64Array.of(1, 4), identity(2)).value(Float64Array.of(1, 1)); // returns 2.5
 */
export function denseQuadratic(h: Float64Array, Q: DenseMatrix, options: QuadraticOptions = {}): QuadraticProblem {
  const n = h.length;
  if (Q.rows !== n || Q.cols !== n) throw new RangeError(`Q is ${Q.rows}x${Q.cols}, expected ${n}x${n}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => h[a] - h[b]);
  const spectrum = Float64Array.from(order, (j) => h[j]);
  // H = Q diag(h) Q^T, formed once, row by row: with w_k = q_ik h_k, the entries H_ij = sum_k q_jk w_k for j >= i are
  // `matvecRows` of Q's rows i..n-1 with w (four rows at a time, each sum over k in order, so H is bitwise the plain
  // triple loop's, tested), mirrored below the diagonal. applyH is `matvecRows` too.
  const q = Q.data;
  const H = new Float64Array(n * n), w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) w[k] = q[i * n + k] * h[k];
    const row = H.subarray(i * n + i, i * n + n);
    matvecRows(q.subarray(i * n), n - i, n, w, row);
    for (let j = i + 1; j < n; j++) H[j * n + i] = row[j - i];
  }
  const applyH = (v: Float64Array, out: Float64Array): Float64Array => matvecRows(H, n, n, v, out);
  const base = quadraticFromOperator(applyH, n, {
    ...options,
    name: options.name ?? 'quadratic',
    label: options.label ?? `dense quadratic dim=${n}`,
    spectrum,
    // out_j = q_j^T e, q_j the column of Q for the j-th smallest eigenvalue.
    // Row by row (contiguous reads of Q instead of striding down its columns); each out_jj is still summed over i in
    // order starting from 0, so the result is bitwise the column loop's.
    eigenCoordinatesOfError(e, out) {
      out.fill(0);
      for (let i = 0; i < n; i++) {
        const ei = e[i], row = i * n;
        for (let jj = 0; jj < n; jj++) out[jj] += q[row + order[jj]] * ei;
      }
      return out;
    },
  });
  return { ...base, spectrum, mu: spectrum[0], L: spectrum[n - 1], eigenCoordinates: base.eigenCoordinates! };
}
