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
  // H = Q diag(h) Q^T, formed once: H_ij = sum_k (q_ik h_k) q_jk, summed in k order. Performance (measured at
  // n = 1000): each entry's sum is one chain of dependent additions, so the loops below work on four entries (rows)
  // at a time with four independent sums. Every sum still runs over k in order, so H is bitwise what the plain
  // triple loop gives (tested), only ~3x faster; the matrix-vector product applyH is `matvecRows`, blocked the same way.
  const q = Q.data;
  const H = new Float64Array(n * n);
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) W[i * n + k] = q[i * n + k] * h[k];
  for (let i = 0; i < n; i++) {
    const wi = i * n;
    let j = i;
    for (; j + 4 <= n; j += 4) {
      const q0 = j * n, q1 = q0 + n, q2 = q1 + n, q3 = q2 + n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < n; k++) {
        const w = W[wi + k];
        s0 += w * q[q0 + k]; s1 += w * q[q1 + k]; s2 += w * q[q2 + k]; s3 += w * q[q3 + k];
      }
      H[wi + j] = s0; H[j * n + i] = s0;
      H[wi + j + 1] = s1; H[(j + 1) * n + i] = s1;
      H[wi + j + 2] = s2; H[(j + 2) * n + i] = s2;
      H[wi + j + 3] = s3; H[(j + 3) * n + i] = s3;
    }
    for (; j < n; j++) {
      let s0 = 0;
      for (let k = 0; k < n; k++) s0 += W[wi + k] * q[j * n + k];
      H[wi + j] = s0; H[j * n + i] = s0;
    }
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
