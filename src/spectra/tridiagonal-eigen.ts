/** Eigenvalues of a symmetric tridiagonal matrix with the first and last components of its unit eigenvectors. */
export interface TridiagonalEigen {
  /** Eigenvalues theta_i, ascending. */
  values: Float64Array;
  /** first[i] = e_1^T s_i: the Gauss quadrature weight of theta_i is first[i]^2 (stochastic Lanczos quadrature). */
  first: Float64Array;
  /** last[i] = e_m^T s_i: the residual of the Ritz pair i after m Lanczos steps is beta_m |last[i]|. */
  last: Float64Array;
}

/**
 * The eigendecomposition T = S diag(theta) S^T of the m x m tridiagonal T with diagonal alpha and off-diagonal beta
 * (beta[i] couples i and i + 1), by the implicit QL method with Wilkinson shifts (Numerical Recipes 11.3, tqli), keeping
 * only the first and last rows of S (all that Lanczos needs): O(m^2) work.
 *
 * @example
 * tridiagonalEigen(Float64Array.of(2, 2), Float64Array.of(1), 2).values; // returns [1, 3]
 */
export function tridiagonalEigen(alpha: Float64Array, beta: Float64Array, m: number): TridiagonalEigen {
  const d = Float64Array.from(alpha.subarray(0, m)), e = new Float64Array(m);
  for (let i = 0; i < m - 1; i++) e[i] = beta[i];
  const z0 = new Float64Array(m), z1 = new Float64Array(m);
  if (m > 0) { z0[0] = 1; z1[m - 1] = 1; }
  for (let l = 0; l < m; l++) {
    let iter = 0, k: number;
    do {
      for (k = l; k < m - 1; k++) {
        const dd = Math.abs(d[k]) + Math.abs(d[k + 1]);
        if (Math.abs(e[k]) + dd === dd) break;
      }
      if (k === l) break;
      if (iter++ === 100) throw new Error(`tridiagonalEigen: no convergence at eigenvalue ${l} of ${m}`);
      let g = (d[l + 1] - d[l]) / (2 * e[l]), r = Math.hypot(g, 1);
      g = d[k] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0, i: number, early = false;
      for (i = k - 1; i >= l; i--) {
        const f = s * e[i], b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) { d[i + 1] -= p; e[k] = 0; early = true; break; }
        s = f / r; c = g / r; g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r; d[i + 1] = g + p; g = c * r - b;
        let t = z0[i + 1]; z0[i + 1] = s * z0[i] + c * t; z0[i] = c * z0[i] - s * t;
        t = z1[i + 1]; z1[i + 1] = s * z1[i] + c * t; z1[i] = c * z1[i] - s * t;
      }
      if (early) continue;
      d[l] -= p; e[l] = g; e[k] = 0;
    } while (k !== l);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => d[a] - d[b]);
  return {
    values: Float64Array.from(order, (i) => d[i]),
    first: Float64Array.from(order, (i) => z0[i]),
    last: Float64Array.from(order, (i) => z1[i]),
  };
}
