import type { BlockMatrix, SdpBlock } from './problem.js';
import { congruenceByInverseFactor } from './cholesky.js';
import { jacobiEigenvalues } from './jacobi-eigenvalues.js';
import { minEigenvalueSturm } from './min-eigenvalue-sturm.js';

/**
 * Largest alpha with X + alpha dX ⪰ 0 (Infinity if every block allows any step): for a semidefinite block with
 * X = L Lᵀ, alpha = −1 / λmin(L⁻¹ dX L⁻ᵀ) when that eigenvalue is negative; for a diagonal block, min −x_t / dx_t.
 * `L` holds the Cholesky factors of X; T1, T2 are n×n scratch per block.
 *
 * @example
 * // X = I (2×2), dX = diag(-2, 1): returns 0.5
 */
export function stepToBoundary(blocks: readonly SdpBlock[], X: BlockMatrix, L: BlockMatrix, dX: BlockMatrix, T1: BlockMatrix, T2: BlockMatrix): number {
  let alpha = Infinity;
  for (let i = 0; i < blocks.length; i++) {
    const n = blocks[i].n;
    if (blocks[i].kind === 'diag') {
      const x = X[i], d = dX[i];
      for (let t = 0; t < n; t++) if (d[t] < 0) alpha = Math.min(alpha, -x[t] / d[t]);
      continue;
    }
    congruenceByInverseFactor(L[i], n, dX[i], T1[i]);
    // A step length needs only modest relative accuracy (the fraction-to-boundary factor is 0.9 - 0.95);
    // Jacobi for small blocks, tridiagonalisation + Sturm bisection (fewer flops) from n = 8 on.
    const lmin = n >= 8 ? minEigenvalueSturm(T1[i], n, T2[i]) : jacobiEigenvalues(T1[i], n, T2[i].subarray(0, n), 1e-20)[0];
    if (lmin < 0) alpha = Math.min(alpha, -1 / lmin);
  }
  return alpha;
}
