import type { SdpProblem } from './problem.js';

/** The part of one constraint matrix A_k inside one block, in compressed form for the interior-point kernels. */
export interface ConstraintBlock {
  k: number;
  block: number;
  ii: Int32Array;
  jj: Int32Array;
  vv: Float64Array;
  /** Full n×n copy for semidefinite blocks with at least n entries (then X A_k Z⁻¹ is two matrix products). */
  dense: Float64Array | null;
}

/** Constraints grouped by constraint (byConstraint[k]) and by block (byBlock[b], ascending k). */
export interface SdpData {
  byConstraint: ConstraintBlock[][];
  byBlock: ConstraintBlock[][];
  /** Frobenius norms ‖A_k‖ and ‖C‖. */
  normA: Float64Array;
  normC: number;
}

/** Group the sparse entries of a problem by constraint and block; duplicate entries are summed. */
export function prepareSdpData(problem: SdpProblem): SdpData {
  const { blocks, A } = problem;
  const byConstraint: ConstraintBlock[][] = [];
  const byBlock: ConstraintBlock[][] = blocks.map(() => []);
  const normA = new Float64Array(A.length);
  A.forEach((entries, k) => {
    // Sort a copy by (block, i, j) and merge duplicates (summed, as SDPA readers do).
    const es = entries.slice().sort((a, b) => a.block - b.block || a.i - b.i || a.j - b.j);
    const list: ConstraintBlock[] = [];
    let nrm = 0;
    for (let start = 0; start < es.length;) {
      const block = es[start].block, n = blocks[block].n;
      let end = start;
      while (end < es.length && es[end].block === block) end++;
      const ii: number[] = [], jj: number[] = [], vv: number[] = [];
      for (let t = start; t < end; t++) {
        const e = es[t], last = ii.length - 1;
        if (last >= 0 && ii[last] === e.i && jj[last] === e.j) vv[last] += e.v;
        else { ii.push(e.i); jj.push(e.j); vv.push(e.v); }
      }
      start = end;
      const cb: ConstraintBlock = { k, block, ii: Int32Array.from(ii), jj: Int32Array.from(jj), vv: Float64Array.from(vv), dense: null };
      for (let t = 0; t < vv.length; t++) nrm += (ii[t] === jj[t] ? 1 : 2) * vv[t] * vv[t];
      if (blocks[block].kind === 'sdp' && vv.length >= n) {
        cb.dense = new Float64Array(n * n);
        for (let t = 0; t < vv.length; t++) { cb.dense[ii[t] * n + jj[t]] += vv[t]; if (ii[t] !== jj[t]) cb.dense[jj[t] * n + ii[t]] += vv[t]; }
      }
      list.push(cb); byBlock[block].push(cb);
    }
    normA[k] = Math.sqrt(nrm);
    byConstraint.push(list);
  });
  let nc = 0;
  for (const e of problem.C) nc += (e.i === e.j ? 1 : 2) * e.v * e.v;
  return { byConstraint, byBlock, normA, normC: Math.sqrt(nc) };
}
