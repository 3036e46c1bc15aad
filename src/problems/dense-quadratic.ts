import type { DenseMatrix } from '../linalg/index.js';
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
  // H = Q diag(h) Q^T, formed once.
  const q = Q.data;
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k] * h[k] * q[j * n + k];
      H[i * n + j] = s;
      H[j * n + i] = s;
    }
  }
  const applyH = (v: Float64Array, out: Float64Array): Float64Array => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) s += H[row + j] * v[j];
      out[i] = s;
    }
    return out;
  };
  const base = quadraticFromOperator(applyH, n, {
    ...options,
    name: options.name ?? 'quadratic',
    label: options.label ?? `dense quadratic dim=${n}`,
    spectrum,
    // out_j = q_j^T e, q_j the column of Q for the j-th smallest eigenvalue.
    eigenCoordinatesOfError(e, out) {
      for (let jj = 0; jj < n; jj++) {
        const j = order[jj];
        let s = 0;
        for (let i = 0; i < n; i++) s += q[i * n + j] * e[i];
        out[jj] = s;
      }
      return out;
    },
  });
  return { ...base, spectrum, mu: spectrum[0], L: spectrum[n - 1], eigenCoordinates: base.eigenCoordinates! };
}
