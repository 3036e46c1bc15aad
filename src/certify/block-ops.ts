// Dense kernels on one n×n row-major block, with `out` arguments (no allocation). Shared by the SDP solver and checks.

/** out <- A B for n×n blocks (out must not alias A or B). */
export function blockMul(a: Float64Array, b: Float64Array, n: number, out: Float64Array): Float64Array {
  out.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[io + k];
      if (aik === 0) continue;
      const ko = k * n;
      for (let j = 0; j < n; j++) out[io + j] += aik * b[ko + j];
    }
  }
  return out;
}

/** a <- (a + aᵀ) / 2 in place. */
export function symmetrize(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** Frobenius inner product Σ a_ij b_ij over the first len entries. */
export function frob(a: Float64Array, b: Float64Array, len: number): number {
  let s = 0;
  for (let t = 0; t < len; t++) s += a[t] * b[t];
  return s;
}
