import type { BlockMatrix, SdpBlock } from './problem.js';
import { minEigenvalue } from './jacobi-eigenvalues.js';

/**
 * Smallest eigenvalue over all blocks of a block-diagonal symmetric matrix (diagonal blocks: smallest entry).
 *
 * @example
 * minEigenvalueBlocks([{ kind: 'sdp', n: 2 }, { kind: 'diag', n: 1 }], [Float64Array.of(2, 1, 1, 2), Float64Array.of(3)]); // returns 1
 */
export function minEigenvalueBlocks(blocks: readonly SdpBlock[], M: BlockMatrix): number {
  let lmin = Infinity;
  for (let i = 0; i < blocks.length; i++) {
    const n = blocks[i].n;
    if (blocks[i].kind === 'diag') { for (let t = 0; t < n; t++) lmin = Math.min(lmin, M[i][t]); continue; }
    lmin = Math.min(lmin, minEigenvalue(M[i], n));
  }
  return lmin;
}
