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
    const perBlock = new Map<number, Map<number, number>>();
    for (const e of entries) {
      const n = blocks[e.block].n;
      const key = e.i * n + e.j;
      let m = perBlock.get(e.block);
      if (!m) perBlock.set(e.block, (m = new Map()));
      m.set(key, (m.get(key) ?? 0) + e.v);
    }
    const list: ConstraintBlock[] = [];
    let nrm = 0;
    for (const [block, m] of [...perBlock.entries()].sort((x, y) => x[0] - y[0])) {
      const n = blocks[block].n;
      const keys = [...m.keys()].filter((key) => m.get(key) !== 0);
      const cb: ConstraintBlock = {
        k, block, ii: new Int32Array(keys.length), jj: new Int32Array(keys.length), vv: new Float64Array(keys.length), dense: null,
      };
      keys.forEach((key, t) => {
        cb.ii[t] = Math.floor(key / n); cb.jj[t] = key % n; cb.vv[t] = m.get(key)!;
        nrm += (cb.ii[t] === cb.jj[t] ? 1 : 2) * cb.vv[t] * cb.vv[t];
      });
      if (blocks[block].kind === 'sdp' && keys.length >= n) {
        cb.dense = new Float64Array(n * n);
        for (let t = 0; t < keys.length; t++) {
          cb.dense[cb.ii[t] * n + cb.jj[t]] = cb.vv[t];
          cb.dense[cb.jj[t] * n + cb.ii[t]] = cb.vv[t];
        }
      }
      if (keys.length > 0) { list.push(cb); byBlock[block].push(cb); }
    }
    normA[k] = Math.sqrt(nrm);
    byConstraint.push(list);
  });
  let nc = 0;
  for (const e of problem.C) nc += (e.i === e.j ? 1 : 2) * e.v * e.v;
  return { byConstraint, byBlock, normA, normC: Math.sqrt(nc) };
}
