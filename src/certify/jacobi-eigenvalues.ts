/**
 * Eigenvalues of a symmetric n×n matrix by the cyclic Jacobi method (values only, ascending), working in place on
 * `a` (destroyed). Jacobi is accurate to high relative precision and simple; for the small blocks of the SDP step
 * length and certificate checks (n <= a few dozen) it is fast enough and allocates only the output. Sweeps stop when
 * the squared off-diagonal mass is below offTolerance times the squared diagonal mass.
 * Reference: Golub & Van Loan, Matrix Computations, section 8.5 (cyclic Jacobi).
 *
 * @example
 * jacobiEigenvalues(Float64Array.of(2, 1, 1, 2), 2); // returns Float64Array [1, 3]
 */
export function jacobiEigenvalues(a: Float64Array, n: number, out: Float64Array = new Float64Array(n), offTolerance = 1e-30): Float64Array {
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0, diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i] * a[i * n + i];
      for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    }
    if (!(off > offTolerance * diag) || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p], aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) out[i] = a[i * n + i];
  return out.sort();
}

/** Smallest eigenvalue of a symmetric matrix (copied into `work`, n*n). @example minEigenvalue(Float64Array.of(2, 1, 1, 2), 2) // returns 1 */
export function minEigenvalue(a: Float64Array, n: number, work: Float64Array = new Float64Array(n * n)): number {
  if (n === 0) return Infinity;
  work.set(a.subarray(0, n * n));
  const vals = jacobiEigenvalues(work, n);
  return vals[0];
}
