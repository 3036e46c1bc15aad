/**
 * Smallest eigenvalue of a symmetric n×n matrix: Householder reduction to tridiagonal form (values only, in place on
 * `a`, which is destroyed), then bisection on the Sturm sequence count. About (4/3) n³ flops against Jacobi's ~10
 * sweeps of 4 n³, for the step lengths of the interior-point method on larger blocks.
 * Reference: Golub & Van Loan, Matrix Computations, sections 8.3.1 (Householder tridiagonalisation) and 8.4.1
 * (Sturm sequence bisection).
 *
 * @example
 * minEigenvalueSturm(Float64Array.of(2, 1, 0, 1, 2, 1, 0, 1, 2), 3, new Float64Array(9)); // returns 2 − √2 (to 1e-15)
 */
export function minEigenvalueSturm(a: Float64Array, n: number, work: Float64Array): number {
  if (n === 1) return a[0];
  const d = work.subarray(0, n), e = work.subarray(n, 2 * n), v = work.subarray(2 * n, 3 * n), w = work.subarray(3 * n, 4 * n);
  for (let k = 0; k < n - 2; k++) {
    let sigma = 0;
    for (let i = k + 1; i < n; i++) sigma += a[i * n + k] * a[i * n + k];
    const x0 = a[(k + 1) * n + k];
    const alpha = sigma === 0 ? 0 : -(x0 >= 0 ? 1 : -1) * Math.sqrt(sigma);
    d[k] = a[k * n + k];
    e[k] = sigma === 0 ? x0 : alpha;
    if (sigma === 0) continue;
    // v = x − alpha e1 (on indices k+1..n−1), H = I − beta v vᵀ with beta = 2 / vᵀv.
    let vv = 0;
    for (let i = k + 1; i < n; i++) { v[i] = a[i * n + k]; }
    v[k + 1] -= alpha;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    const beta = 2 / vv;
    // p = beta A v, K = beta vᵀp / 2, w = p − K v, A <- A − v wᵀ − w vᵀ on the trailing block.
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += a[i * n + j] * v[j];
      w[i] = beta * s;
      vp += v[i] * w[i];
    }
    const K = 0.5 * beta * vp;
    for (let i = k + 1; i < n; i++) w[i] -= K * v[i];
    for (let i = k + 1; i < n; i++) for (let j = k + 1; j < n; j++) a[i * n + j] -= v[i] * w[j] + w[i] * v[j];
  }
  d[n - 2] = a[(n - 2) * n + n - 2];
  d[n - 1] = a[(n - 1) * n + n - 1];
  e[n - 2] = a[(n - 1) * n + n - 2];
  // Gershgorin interval, then bisection on count(x) = #{eigenvalues < x}.
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
    lo = Math.min(lo, d[i] - r); hi = Math.max(hi, d[i] + r);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return NaN;
  const scale = Math.max(Math.abs(lo), Math.abs(hi), Number.MIN_VALUE);
  for (let it = 0; it < 200 && hi - lo > 2e-16 * scale; it++) {
    const x = 0.5 * (lo + hi);
    let q = d[0] - x, count = q < 0 ? 1 : 0;
    for (let i = 1; i < n; i++) {
      q = d[i] - x - (e[i - 1] * e[i - 1]) / (q !== 0 ? q : 1e-300 * scale);
      if (q < 0) count++;
    }
    if (count >= 1) hi = x; else lo = x;
  }
  return 0.5 * (lo + hi);
}
