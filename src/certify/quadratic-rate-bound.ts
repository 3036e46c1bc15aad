import { eigenvalues } from '../linalg/eig.js';
import { fromRows } from '../linalg/dense.js';
import type { StateSpace } from './state-space.js';

/**
 * The largest spectral radius of the closed loop A + h B (1 − h D)⁻¹ C over h ∈ {μ, L}: the algorithm's rate on the
 * quadratics h y²/2, a lower bound on any rate certified over S(μ, L) (which contains them). Infinity if 1 − hD = 0.
 *
 * @example
 * quadraticRateBound({ A: [[1]], B: [-0.5], C: [1], D: 0 }, 1, 3); // returns 0.5
 */
export function quadraticRateBound(ss: StateSpace, mu: number, L: number): number {
  let r = 0;
  const n = ss.A.length;
  for (const h of [mu, L]) {
    const den = 1 - h * ss.D;
    if (den === 0) return Infinity;
    const rows = ss.A.map((row, i) => row.map((a, j) => a + (h * ss.B[i] * ss.C[j]) / den));
    const vals = n === 1 ? [{ re: rows[0][0], im: 0 }] : eigenvalues(fromRows(rows), 'closed-loop matrix');
    for (const z of vals) r = Math.max(r, Math.hypot(z.re, z.im));
  }
  return r;
}
