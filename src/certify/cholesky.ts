// Dense Cholesky kernels on row-major Float64Array (n×n). Written here rather than taken from ml-matrix because the
// interior-point loop calls them thousands of times on small blocks and must not allocate per call.

/**
 * In-place Cholesky factorisation A = L Lᵀ; the lower triangle of `a` becomes L (the upper triangle is zeroed).
 * Returns false (leaving `a` partly overwritten) when A is not numerically positive definite.
 * Reference: Golub & Van Loan, Matrix Computations, Algorithm 4.2.1.
 *
 * @example
 * const a = Float64Array.of(4, 2, 2, 5); cholesky(a, 2); // returns true; a is [2, 0, 1, 2]
 */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / ljj;
    }
    for (let i = 0; i < j; i++) a[i * n + j] = 0;
  }
  return true;
}

/** Solve L Lᵀ x = rhs in place (rhs becomes x), L from `cholesky`. @example // L = [2,0,1,2], rhs [4, 7] -> [0.375, 1.25] */
export function choleskySolve(l: Float64Array, n: number, rhs: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = rhs[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * rhs[k];
    rhs[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = rhs[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * rhs[k];
    rhs[i] = s / l[i * n + i];
  }
  return rhs;
}

/** out <- (L Lᵀ)⁻¹ from the Cholesky factor L, via L⁻¹ (work: n×n scratch). */
export function choleskyInverse(l: Float64Array, n: number, out: Float64Array, work: Float64Array): Float64Array {
  // work <- L⁻¹ (lower triangular), by forward substitution column by column.
  work.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) {
    work[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * n + k] * work[k * n + j];
      work[i * n + j] = s / l[i * n + i];
    }
  }
  // out <- L⁻ᵀ L⁻¹: out[i][j] = Σ_k work[k][i] work[k][j], k >= max(i, j).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += work[k * n + i] * work[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** out <- L⁻¹ S L⁻ᵀ for symmetric S (both triangular solves in place on a copy; out may not alias l). */
export function congruenceByInverseFactor(l: Float64Array, n: number, s: Float64Array, out: Float64Array): Float64Array {
  out.set(s.subarray(0, n * n));
  // out <- L⁻¹ out (columns)
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let v = out[i * n + c];
      for (let k = 0; k < i; k++) v -= l[i * n + k] * out[k * n + c];
      out[i * n + c] = v / l[i * n + i];
    }
  }
  // out <- out L⁻ᵀ (rows): solve L yᵀ = rowᵀ for each row.
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < n; i++) {
      let v = out[r * n + i];
      for (let k = 0; k < i; k++) v -= l[i * n + k] * out[r * n + k];
      out[r * n + i] = v / l[i * n + i];
    }
  }
  return out;
}
