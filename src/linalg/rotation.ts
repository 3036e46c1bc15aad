import type { Rng } from './rng.js';
import type { DenseMatrix } from './dense.js';

/**
 * A random orthogonal matrix, Haar-distributed: QR of a Gaussian matrix by Householder reflections with the
 * signs of R's diagonal fixed (Mezzadri 2007). Seeded through `rng`.
 */
export function randomRotation(n: number, rng: Rng): DenseMatrix {
  const A = new Float64Array(n * n);
  rng.fillNormal(A);
  // Q accumulates the reflections: start from the identity.
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  const v = new Float64Array(n);
  const colSums = new Float64Array(n);
  for (let k = 0; k < n - 1; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm += A[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const alpha = A[k * n + k] >= 0 ? -norm : norm;
    for (let i = 0; i < n; i++) v[i] = i < k ? 0 : A[i * n + k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    // A <- (I - 2 v v^T / vv) A ; Q <- Q (I - 2 v v^T / vv)
    // colSums_j = sum_i v_i A_ij, accumulated row by row (contiguous reads; same summation order as a column loop,
    // so the result is bitwise the same, ~5x faster at n = 1000 than striding down columns).
    colSums.fill(0);
    for (let i = k; i < n; i++) {
      const vi = v[i], row = i * n;
      if (vi === 0) continue;
      for (let j = k; j < n; j++) colSums[j] += vi * A[row + j];
    }
    // Columns j < k are already reduced and never feed columns >= k, R's diagonal or Q: skip them.
    for (let j = k; j < n; j++) colSums[j] = (2 * colSums[j]) / vv;
    for (let i = k; i < n; i++) {
      const vi = v[i], row = i * n;
      for (let j = k; j < n; j++) A[row + j] -= colSums[j] * vi;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k; j < n; j++) s += Q[i * n + j] * v[j];
      s = (2 * s) / vv;
      for (let j = k; j < n; j++) Q[i * n + j] -= s * v[j];
    }
  }
  // Fix signs so that R has a positive diagonal: Q <- Q diag(sign(R_kk)).
  for (let k = 0; k < n; k++) {
    if (A[k * n + k] < 0) for (let i = 0; i < n; i++) Q[i * n + k] = -Q[i * n + k];
  }
  return { rows: n, cols: n, data: Q };
}
