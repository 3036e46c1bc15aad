// The three matrix products of an MLP's passes over a chunk of m rows, register-blocked (4 x 2 or 2 x 4) so that each loaded number
// feeds several multiply-adds (plain loops load two numbers per multiply-add). Matrices are row-major Float64Arrays
// addressed from an offset: W (dout x din) at W[wo..], A (m x din), G (m x dout).

/**
 * Z[t][o] (+)= sum_k W[o][k] A[t][k] (Z = A W^T; `add` false overwrites Z, true adds to it).
 *
 * @example
 * const Z = new Float64Array(1);
 * rowsTimesWt(Float64Array.of(1, 2), 0, Float64Array.of(3, 4), 1, 2, 1, Z, false); // Z = [11]
 */
export function rowsTimesWt(W: Float64Array, wo: number, A: Float64Array, m: number, din: number, dout: number, Z: Float64Array, add: boolean): void {
  const o4 = dout - (dout % 4), m2 = m - (m % 2);
  let t = 0;
  for (; t < m2; t += 2) {
    const ra = t * din, rb = ra + din, rz = t * dout, ry = rz + dout;
    let o = 0;
    for (; o < o4; o += 4) {
      const r0 = wo + o * din, r1 = r0 + din, r2 = r1 + din, r3 = r2 + din;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, u0 = 0, u1 = 0, u2 = 0, u3 = 0;
      for (let k = 0; k < din; k++) {
        const a = A[ra + k], b = A[rb + k], w0 = W[r0 + k], w1 = W[r1 + k], w2 = W[r2 + k], w3 = W[r3 + k];
        s0 += w0 * a; s1 += w1 * a; s2 += w2 * a; s3 += w3 * a;
        u0 += w0 * b; u1 += w1 * b; u2 += w2 * b; u3 += w3 * b;
      }
      if (add) {
        Z[rz + o] += s0; Z[rz + o + 1] += s1; Z[rz + o + 2] += s2; Z[rz + o + 3] += s3;
        Z[ry + o] += u0; Z[ry + o + 1] += u1; Z[ry + o + 2] += u2; Z[ry + o + 3] += u3;
      } else {
        Z[rz + o] = s0; Z[rz + o + 1] = s1; Z[rz + o + 2] = s2; Z[rz + o + 3] = s3;
        Z[ry + o] = u0; Z[ry + o + 1] = u1; Z[ry + o + 2] = u2; Z[ry + o + 3] = u3;
      }
    }
    for (; o < dout; o++) {
      const r0 = wo + o * din;
      let s = 0, u = 0;
      for (let k = 0; k < din; k++) { s += W[r0 + k] * A[ra + k]; u += W[r0 + k] * A[rb + k]; }
      Z[rz + o] = add ? Z[rz + o] + s : s;
      Z[ry + o] = add ? Z[ry + o] + u : u;
    }
  }
  for (; t < m; t++) {
    const ra = t * din, rz = t * dout;
    for (let o = 0; o < dout; o++) {
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
  const t4 = m - (m % 4), o2 = dout - (dout % 2);
  let o = 0;
  for (; o < o2; o += 2) {
    const rw = wo + o * din, rv = rw + din;
    let t = 0;
    for (; t < t4; t += 4) {
      const i0 = t * dout + o, i1 = i0 + dout, i2 = i1 + dout, i3 = i2 + dout;
      const g0 = c * G[i0], g1 = c * G[i1], g2 = c * G[i2], g3 = c * G[i3];
      const h0 = c * G[i0 + 1], h1 = c * G[i1 + 1], h2 = c * G[i2 + 1], h3 = c * G[i3 + 1];
      const a0 = t * din, a1 = a0 + din, a2 = a1 + din, a3 = a2 + din;
      for (let k = 0; k < din; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
        out[rw + k] += g0 * x0 + g1 * x1 + g2 * x2 + g3 * x3;
        out[rv + k] += h0 * x0 + h1 * x1 + h2 * x2 + h3 * x3;
      }
    }
    for (; t < m; t++) {
      const g = c * G[t * dout + o], h = c * G[t * dout + o + 1], a0 = t * din;
      for (let k = 0; k < din; k++) { out[rw + k] += g * A[a0 + k]; out[rv + k] += h * A[a0 + k]; }
    }
  }
  for (; o < dout; o++) {
    const rw = wo + o * din;
    for (let t = 0; t < m; t++) {
      const g = c * G[t * dout + o], a0 = t * din;
      for (let k = 0; k < din; k++) out[rw + k] += g * A[a0 + k];
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
  const o4 = dout - (dout % 4), m2 = m - (m % 2);
  let t = 0;
  for (; t < m2; t += 2) {
    const rp = t * din, rq = rp + din, rg = t * dout, rh = rg + dout;
    let o = 0;
    for (; o < o4; o += 4) {
      const g0 = G[rg + o], g1 = G[rg + o + 1], g2 = G[rg + o + 2], g3 = G[rg + o + 3];
      const h0 = G[rh + o], h1 = G[rh + o + 1], h2 = G[rh + o + 2], h3 = G[rh + o + 3];
      const r0 = wo + o * din, r1 = r0 + din, r2 = r1 + din, r3 = r2 + din;
      for (let k = 0; k < din; k++) {
        const w0 = W[r0 + k], w1 = W[r1 + k], w2 = W[r2 + k], w3 = W[r3 + k];
        P[rp + k] += g0 * w0 + g1 * w1 + g2 * w2 + g3 * w3;
        P[rq + k] += h0 * w0 + h1 * w1 + h2 * w2 + h3 * w3;
      }
    }
    for (; o < dout; o++) {
      const g = G[rg + o], h = G[rh + o], r0 = wo + o * din;
      for (let k = 0; k < din; k++) { P[rp + k] += g * W[r0 + k]; P[rq + k] += h * W[r0 + k]; }
    }
  }
  for (; t < m; t++) {
    const rp = t * din, rg = t * dout;
    for (let o = 0; o < dout; o++) {
      const g = G[rg + o], r0 = wo + o * din;
      for (let k = 0; k < din; k++) P[rp + k] += g * W[r0 + k];
    }
  }
}
