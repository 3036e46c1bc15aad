/**
 * A block-diagonal semidefinite program in the CSDP / SDPA convention:
 *   primal  max C•X  s.t.  A_k•X = b_k (k = 1..m),  X ⪰ 0,
 *   dual    min bᵀy  s.t.  Z = Σ_k y_k A_k − C ⪰ 0.
 * X, Z, C and A_k share one block structure: semidefinite blocks ('sdp', n×n symmetric) and diagonal LP blocks
 * ('diag', n nonnegative entries). Reference: Borchers, "CSDP, a C library for semidefinite programming" (1999).
 *
 * @example
 * // max x11 s.t. x11 + x22 = 1 (one 2×2 block): optimal value 1
 * const p: SdpProblem = { blocks: [{ kind: 'sdp', n: 2 }], b: Float64Array.of(1),
 *   C: [{ block: 0, i: 0, j: 0, v: 1 }], A: [[{ block: 0, i: 0, j: 0, v: 1 }, { block: 0, i: 1, j: 1, v: 1 }]] };
 */
export interface SdpProblem {
  blocks: SdpBlock[];
  /** Right-hand sides b_k (the dual objective). */
  b: Float64Array;
  /** Entries of C, upper triangle (i <= j), 0-based within the block. */
  C: SdpEntry[];
  /** A[k]: entries of A_k, upper triangle (i <= j), 0-based within the block. */
  A: SdpEntry[][];
}

export interface SdpBlock {
  kind: 'sdp' | 'diag';
  n: number;
}

/** One entry (i <= j; the symmetric partner (j, i) is implied) of a block-diagonal symmetric matrix. */
export interface SdpEntry {
  block: number;
  i: number;
  j: number;
  v: number;
}

/** A block-diagonal matrix: one Float64Array per block (n*n row-major for 'sdp', n for 'diag'). */
export type BlockMatrix = Float64Array[];

/** Allocate a zero block matrix with the problem's structure. */
export function zeroBlocks(blocks: readonly SdpBlock[]): BlockMatrix {
  return blocks.map((b) => new Float64Array(b.kind === 'sdp' ? b.n * b.n : b.n));
}

/** Dense block matrix from sparse upper-triangle entries (both triangles filled). */
export function entriesToBlocks(blocks: readonly SdpBlock[], entries: readonly SdpEntry[], out: BlockMatrix = zeroBlocks(blocks)): BlockMatrix {
  for (const e of entries) {
    const blk = blocks[e.block];
    if (blk.kind === 'diag') out[e.block][e.i] += e.v;
    else {
      out[e.block][e.i * blk.n + e.j] += e.v;
      if (e.i !== e.j) out[e.block][e.j * blk.n + e.i] += e.v;
    }
  }
  return out;
}
