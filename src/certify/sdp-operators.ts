import type { BlockMatrix, SdpBlock } from './problem.js';
import type { ConstraintBlock, SdpData } from './sdp-data.js';
import { blockMul } from './block-ops.js';

/** out_k <- A_k • M = tr(A_k M) for every constraint (M need not be symmetric). */
export function applyA(blocks: readonly SdpBlock[], data: SdpData, M: BlockMatrix, out: Float64Array): Float64Array {
  for (let k = 0; k < data.byConstraint.length; k++) {
    let s = 0;
    for (const cb of data.byConstraint[k]) {
      const m = M[cb.block];
      if (blocks[cb.block].kind === 'diag') {
        for (let t = 0; t < cb.vv.length; t++) s += cb.vv[t] * m[cb.ii[t]];
      } else {
        const n = blocks[cb.block].n;
        for (let t = 0; t < cb.vv.length; t++) {
          const i = cb.ii[t], j = cb.jj[t];
          s += i === j ? cb.vv[t] * m[i * n + i] : cb.vv[t] * (m[i * n + j] + m[j * n + i]);
        }
      }
    }
    out[k] = s;
  }
  return out;
}

/** out <- Σ_k y_k A_k (both triangles), overwriting out. */
export function applyAT(blocks: readonly SdpBlock[], data: SdpData, y: Float64Array, out: BlockMatrix): BlockMatrix {
  for (const o of out) o.fill(0);
  for (let k = 0; k < data.byConstraint.length; k++) {
    const yk = y[k];
    if (yk === 0) continue;
    for (const cb of data.byConstraint[k]) {
      const o = out[cb.block];
      if (blocks[cb.block].kind === 'diag') {
        for (let t = 0; t < cb.vv.length; t++) o[cb.ii[t]] += yk * cb.vv[t];
      } else {
        const n = blocks[cb.block].n;
        for (let t = 0; t < cb.vv.length; t++) {
          const i = cb.ii[t], j = cb.jj[t];
          o[i * n + j] += yk * cb.vv[t];
          if (i !== j) o[j * n + i] += yk * cb.vv[t];
        }
      }
    }
  }
  return out;
}

/**
 * The Schur complement of the HKM direction: O_ik = tr(A_i X A_k Z⁻¹) (m×m, row-major, symmetric).
 * For each k and block, G = X A_k Z⁻¹ is formed densely (two products if A_k is dense in the block, else a sum of
 * rank-one terms), then O_ik = A_i • Gᵀ for i <= k touching the block. Reference: Helmberg, Rendl, Vanderbei and
 * Wolkowicz (1996), SIAM J. Optim. 6(2); Borchers (1999), CSDP, section 3 (the "O" matrix).
 */
export function schurComplement(
  blocks: readonly SdpBlock[], data: SdpData, X: BlockMatrix, Zinv: BlockMatrix, O: Float64Array, G: BlockMatrix, T: BlockMatrix,
): Float64Array {
  const m = data.byConstraint.length;
  O.fill(0, 0, m * m);
  for (let b = 0; b < blocks.length; b++) {
    const list = data.byBlock[b];
    const x = X[b], zi = Zinv[b], g = G[b], n = blocks[b].n;
    for (let q = 0; q < list.length; q++) {
      const ck = list[q], k = ck.k;
      if (blocks[b].kind === 'diag') {
        g.fill(0);
        for (let t = 0; t < ck.vv.length; t++) { const i = ck.ii[t]; g[i] = ck.vv[t] * x[i] * zi[i]; }
        for (let p = 0; p <= q; p++) {
          const ci = list[p];
          let s = 0;
          for (let t = 0; t < ci.vv.length; t++) s += ci.vv[t] * g[ci.ii[t]];
          O[ci.k * m + k] += s;
        }
        continue;
      }
      // Cost of forming G = X A_k Z⁻¹ and reading it at A_i's entries, against summing entry pairs directly.
      const nk = ck.vv.length;
      let nnzBefore = 0;
      for (let p = 0; p <= q; p++) nnzBefore += list[p].vv.length;
      const costG = (ck.dense ? 2 * n * n * n : 2 * n * n * nk) + nnzBefore;
      if (nk * nnzBefore * 4 < costG) {
        for (let p = 0; p <= q; p++) O[list[p].k * m + k] += pairwiseTrace(list[p], ck, x, zi, n);
        continue;
      }
      if (ck.dense) {
        blockMul(x, ck.dense, n, T[b]);
        blockMul(T[b], zi, n, g);
      } else {
        g.fill(0);
        for (let t = 0; t < ck.vv.length; t++) {
          const r = ck.ii[t], c = ck.jj[t], v = ck.vv[t];
          for (let i = 0; i < n; i++) {
            const a1 = v * x[i * n + r], a2 = r !== c ? v * x[i * n + c] : 0;
            const io = i * n, co = c * n, ro = r * n;
            for (let j = 0; j < n; j++) g[io + j] += a1 * zi[co + j] + a2 * zi[ro + j];
          }
        }
      }
      for (let p = 0; p <= q; p++) {
        const ci = list[p];
        let s = 0;
        for (let t = 0; t < ci.vv.length; t++) {
          const i = ci.ii[t], j = ci.jj[t];
          s += i === j ? ci.vv[t] * g[i * n + i] : ci.vv[t] * (g[i * n + j] + g[j * n + i]);
        }
        O[ci.k * m + k] += s;
      }
    }
  }
  for (let i = 0; i < m; i++) for (let k = 0; k < i; k++) O[i * m + k] = O[k * m + i];
  return O;
}

/**
 * tr(A_i X A_k Z⁻¹) summed over pairs of stored entries (p, q, v) of A_i and (r, s, w) of A_k (upper triangles):
 * v w c (X_qr Z_sp + X_qs Z_rp + X_pr Z_sq + X_ps Z_rq) with c = 1/2 per diagonal entry (it has one image, not two).
 * Cheaper than forming X A_k Z⁻¹ when both matrices are very sparse (CSDP does the same for sparse constraints).
 */
function pairwiseTrace(ci: ConstraintBlock, ck: ConstraintBlock, x: Float64Array, zi: Float64Array, n: number): number {
  let s = 0;
  for (let a = 0; a < ci.vv.length; a++) {
    const p = ci.ii[a], q = ci.jj[a];
    const ca = p === q ? 0.5 * ci.vv[a] : ci.vv[a];
    for (let c = 0; c < ck.vv.length; c++) {
      const r = ck.ii[c], t = ck.jj[c];
      const cc = r === t ? 0.5 * ck.vv[c] : ck.vv[c];
      s += ca * cc * (x[q * n + r] * zi[t * n + p] + x[q * n + t] * zi[r * n + p] + x[p * n + r] * zi[t * n + q] + x[p * n + t] * zi[r * n + q]);
    }
  }
  return s;
}
