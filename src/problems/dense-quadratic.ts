import type { DenseMatrix } from '../linalg/index.js';
import { type QuadraticOptions, type QuadraticProblem, quadraticDefaults } from './quadratic-problem.js';

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
  const { minimizer: ws, x0 } = quadraticDefaults(n, options);
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
  const e = new Float64Array(n); // scratch for w - w*, allocated once
  const applyH = (v: Float64Array, out: Float64Array): Float64Array => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) s += H[row + j] * v[j];
      out[i] = s;
    }
    return out;
  };
  return {
    name: options.name ?? 'quadratic',
    label: options.label ?? `dense quadratic dim=${n}`,
    dim: n,
    x0,
    minimizer: ws,
    minValue: 0,
    spectrum,
    mu: spectrum[0],
    L: spectrum[n - 1],
    value(w) {
      // 1/2 e^T H e with e = w - w*: row by row, no allocation.
      for (let i = 0; i < n; i++) e[i] = w[i] - ws[i];
      let s = 0;
      for (let i = 0; i < n; i++) {
        let r = 0;
        const row = i * n;
        for (let j = 0; j < n; j++) r += H[row + j] * e[j];
        s += e[i] * r;
      }
      return 0.5 * s;
    },
    grad(w, out) {
      for (let i = 0; i < n; i++) e[i] = w[i] - ws[i];
      return applyH(e, out);
    },
    valueAndGrad(w, out) {
      // g = H e, J = 1/2 e^T g with e = w - w*: one product with H for both.
      for (let i = 0; i < n; i++) e[i] = w[i] - ws[i];
      applyH(e, out);
      let s = 0;
      for (let i = 0; i < n; i++) s += e[i] * out[i];
      return 0.5 * s;
    },
    hvp: (_w, v, out) => applyH(v, out),
    applyH,
    eigenCoordinates(w, out) {
      // out_j = q_j^T (w - w*), q_j the column of Q for the j-th smallest eigenvalue.
      for (let i = 0; i < n; i++) e[i] = w[i] - ws[i];
      for (let jj = 0; jj < n; jj++) {
        const j = order[jj];
        let s = 0;
        for (let i = 0; i < n; i++) s += q[i * n + j] * e[i];
        out[jj] = s;
      }
      return out;
    },
  };
}
