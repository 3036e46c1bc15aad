import type { Rng } from './rng.js';
import { matvecRows, type DenseMatrix } from './dense.js';

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
  const colSums = new Float64Array(n), s = new Float64Array(n);
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
    // so the result is bitwise the same as striding down columns).
    // Four rows per sweep over colSums (a quarter of its loads and stores); each colSums_j still adds the rows in
    // order i = k, k+1, ..., so the result is bitwise the one-row loop's. (A row with v_i = 0 adds +-0, which leaves
    // a sum that started at +0 unchanged, so the earlier skip of such rows is not needed for equality.)
    colSums.fill(0);
    let i4 = k;
    for (; i4 + 4 <= n; i4 += 4) {
      const v0 = v[i4], v1 = v[i4 + 1], v2 = v[i4 + 2], v3 = v[i4 + 3];
      const a0 = i4 * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
      for (let j = k; j < n; j++) colSums[j] = colSums[j] + v0 * A[a0 + j] + v1 * A[a1 + j] + v2 * A[a2 + j] + v3 * A[a3 + j];
    }
    for (; i4 < n; i4++) {
      const vi = v[i4], row = i4 * n;
      for (let j = k; j < n; j++) colSums[j] += vi * A[row + j];
    }
    // Columns j < k are already reduced and never feed columns >= k, R's diagonal or Q: skip them.
    for (let j = k; j < n; j++) colSums[j] = (2 * colSums[j]) / vv;
    for (let i = k; i < n; i++) {
      const vi = v[i], row = i * n;
      for (let j = k; j < n; j++) A[row + j] -= colSums[j] * vi;
    }
    // Q <- Q (I - 2 v v^T / vv): s = Q[:, k:] v[k:] by matvecRows (four rows at a time, each sum over j in order, so Q
    // is bitwise the one-row loop's, tested), then the rank-one update.
    matvecRows(Q.subarray(k), n, n - k, v.subarray(k), s, n);
    let i = 0;
    for (; i + 4 <= n; i += 4) { // the update four rows at a time too: one load of v_j for four rows
      const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      const s0 = (2 * s[i]) / vv, s1 = (2 * s[i + 1]) / vv, s2 = (2 * s[i + 2]) / vv, s3 = (2 * s[i + 3]) / vv;
      for (let j = k; j < n; j++) {
        const vj = v[j];
        Q[r0 + j] -= s0 * vj; Q[r1 + j] -= s1 * vj; Q[r2 + j] -= s2 * vj; Q[r3 + j] -= s3 * vj;
      }
    }
    for (; i < n; i++) {
      const si = (2 * s[i]) / vv, row = i * n;
      for (let j = k; j < n; j++) Q[row + j] -= si * v[j];
    }
  }
  // Fix signs so that R has a positive diagonal: Q <- Q diag(sign(R_kk)).
  for (let k = 0; k < n; k++) {
    if (A[k * n + k] < 0) for (let i = 0; i < n; i++) Q[i * n + k] = -Q[i * n + k];
  }
  return { rows: n, cols: n, data: Q };
}
