// The three matrix products of an MLP's passes over a chunk of m rows, blocked by four so that each loaded number
// feeds four multiply-adds (plain loops load two numbers per multiply-add). Matrices are row-major Float64Arrays
// addressed from an offset: W (dout x din) at W[wo..], A (m x din), G (m x dout).

/**
 * Z[t][o] (+)= sum_k W[o][k] A[t][k] (Z = A W^T; `add` false overwrites Z, true adds to it).
 *
 * @example
 * const Z = new Float64Array(1);
 * rowsTimesWt(Float64Array.of(1, 2), 0, Float64Array.of(3, 4), 1, 2, 1, Z, false); // Z = [11]
 */
export function rowsTimesWt(W: Float64Array, wo: number, A: Float64Array, m: number, din: number, dout: number, Z: Float64Array, add: boolean): void {
  const o4 = dout - (dout % 4);
  for (let t = 0; t < m; t++) {
    const ra = t * din, rz = t * dout;
    let o = 0;
    for (; o < o4; o += 4) {
      const r0 = wo + o * din, r1 = r0 + din, r2 = r1 + din, r3 = r2 + din;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < din; k++) {
        const a = A[ra + k];
        s0 += W[r0 + k] * a; s1 += W[r1 + k] * a; s2 += W[r2 + k] * a; s3 += W[r3 + k] * a;
      }
      if (add) { Z[rz + o] += s0; Z[rz + o + 1] += s1; Z[rz + o + 2] += s2; Z[rz + o + 3] += s3; } else { Z[rz + o] = s0; Z[rz + o + 1] = s1; Z[rz + o + 2] = s2; Z[rz + o + 3] = s3; }
    }
    for (; o < dout; o++) {
      const r0 = wo + o * din;
      let s = 0;
      for (let k = 0; k < din; k++) s += W[r0 + k] * A[ra + k];
      Z[rz + o] = add ? Z[rz + o] + s : s;
    }
  }
}

/**
 * out[wo + o din + k] += c sum_t G[t][o] A[t][k] (the weight gradient c G^T A).
 *
 * @example
 * const out = new Float64Array(2);
 * addGtA(Float64Array.of(2), Float64Array.of(3, 4), 1, 2, 1, 0.5, out, 0); // out = [3, 4]
 */
export function addGtA(G: Float64Array, A: Float64Array, m: number, din: number, dout: number, c: number, out: Float64Array, wo: number): void {
  const t4 = m - (m % 4);
  for (let o = 0; o < dout; o++) {
    const rw = wo + o * din;
    let t = 0;
    for (; t < t4; t += 4) {
      const g0 = c * G[t * dout + o], g1 = c * G[(t + 1) * dout + o], g2 = c * G[(t + 2) * dout + o], g3 = c * G[(t + 3) * dout + o];
      const a0 = t * din, a1 = a0 + din, a2 = a1 + din, a3 = a2 + din;
      for (let k = 0; k < din; k++) out[rw + k] += g0 * A[a0 + k] + g1 * A[a1 + k] + g2 * A[a2 + k] + g3 * A[a3 + k];
    }
    for (; t < m; t++) {
      const g = c * G[t * dout + o], a0 = t * din;
      if (g !== 0) for (let k = 0; k < din; k++) out[rw + k] += g * A[a0 + k];
    }
  }
}

/**
 * P[t][k] += sum_o G[t][o] W[o][k] (back-propagation P += G W).
 *
 * @example
 * const P = new Float64Array(2);
 * addGW(Float64Array.of(2), Float64Array.of(3, 4), 0, 1, 2, 1, P); // P = [6, 8]
 */
export function addGW(G: Float64Array, W: Float64Array, wo: number, m: number, din: number, dout: number, P: Float64Array): void {
  const o4 = dout - (dout % 4);
  for (let t = 0; t < m; t++) {
    const rp = t * din, rg = t * dout;
    let o = 0;
    for (; o < o4; o += 4) {
      const g0 = G[rg + o], g1 = G[rg + o + 1], g2 = G[rg + o + 2], g3 = G[rg + o + 3];
      const r0 = wo + o * din, r1 = r0 + din, r2 = r1 + din, r3 = r2 + din;
      for (let k = 0; k < din; k++) P[rp + k] += g0 * W[r0 + k] + g1 * W[r1 + k] + g2 * W[r2 + k] + g3 * W[r3 + k];
    }
    for (; o < dout; o++) {
      const g = G[rg + o], r0 = wo + o * din;
      for (let k = 0; k < din; k++) P[rp + k] += g * W[r0 + k];
    }
  }
}
