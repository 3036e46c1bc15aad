import { ParameterError } from '../errors.js';
import type { DenseMatrix } from '../linalg/dense.js';
import { eig2x2 } from '../linalg/eig2.js';

/**
 * Phase-portrait types of a 2-D linear system. 'non-isolated' (not in the textbook list) is the degenerate case of
 * an eigenvalue on the stability boundary that is not a centre: det = 0 in continuous time (a line of equilibria),
 * an eigenvalue +1 or -1 in discrete time.
 */
export type PortraitType = 'node' | 'spiral' | 'center' | 'saddle' | 'star' | 'degenerate-node' | 'non-isolated';

/** A classification: the type, and `stable` = asymptotically stable (every orbit tends to 0; a centre is not). */
export interface Classification {
  type: PortraitType;
  stable: boolean;
}

function entries(M: DenseMatrix | ArrayLike<number>): [number, number, number, number] {
  const d = 'data' in M ? M.data : M;
  if (('rows' in M && (M.rows !== 2 || M.cols !== 2)) || d.length !== 4) {
    throw new ParameterError('matrix', 'rows' in M ? `${M.rows}x${M.cols}` : `${d.length} entries`, 'a 2x2 matrix');
  }
  for (let i = 0; i < 4; i++) if (!Number.isFinite(d[i])) throw new ParameterError(`matrix[${i >> 1}][${i & 1}]`, d[i], 'a finite number');
  return [d[0], d[1], d[2], d[3]];
}

/**
 * Classify the continuous-time system w' = M w from tau = tr M, Delta = det M and the discriminant
 * tau^2/4 - Delta, computed as ((a - d)/2)^2 + b c (equal, and exact for triangular M) (Strogatz §5.2, Fig. 5.2.8):
 * Delta < 0 saddle; Delta = 0 non-isolated; discriminant < 0 spiral (tau != 0) or centre (tau = 0);
 * discriminant > 0 node; discriminant = 0 star (M = lambda I) or degenerate node. Stable iff tau < 0 < Delta.
 * For the lecture's w' = -alpha A w pass M = -alpha A (see classifyLinearSystem).
 *
 * @example
 * classifyContinuous2d(fromRows([[0, 1], [-1, 0]])); // returns { type: 'center', stable: false }
 */
export function classifyContinuous2d(M: DenseMatrix | ArrayLike<number>): Classification {
  const [a, b, c, d] = entries(M);
  const tau = a + d, Delta = a * d - b * c;
  const disc = ((a - d) / 2) ** 2 + b * c;
  if (Delta < 0) return { type: 'saddle', stable: false };
  if (Delta === 0) return { type: 'non-isolated', stable: false };
  const stable = tau < 0;
  if (disc < 0) return tau === 0 ? { type: 'center', stable: false } : { type: 'spiral', stable };
  if (disc > 0) return { type: 'node', stable };
  return { type: b === 0 && c === 0 ? 'star' : 'degenerate-node', stable };
}

/**
 * Classify the discrete-time system w_{k+1} = B w_k by where its eigenvalues lie relative to the unit circle,
 * decided from tau = tr B and Delta = det B (complex pair: |lambda|^2 = Delta; real pair from the same
 * discriminant as above): complex pair -> spiral (Delta != 1) or centre (Delta = 1, a rotation);
 * an eigenvalue ±1 (repeated or not, e.g. B = I) -> non-isolated; otherwise a real pair -> node (both inside or both
 * outside) or saddle (one each side), repeated -> star (B = lambda I) or degenerate node. Stable iff the spectral radius is < 1
 * (equivalently the Jury conditions |Delta| < 1, |tau| < 1 + Delta; Elaydi, An Introduction to Difference Equations, §4.3).
 *
 * @example
 * classifyDiscrete2d(fromRows([[0.5, 0], [0, 0.5]])); // returns { type: 'star', stable: true }
 */
export function classifyDiscrete2d(B: DenseMatrix | ArrayLike<number>): Classification {
  const [a, b, c, d] = entries(B);
  const Delta = a * d - b * c;
  const disc = ((a - d) / 2) ** 2 + b * c;
  if (disc < 0) {
    return Delta === 1 ? { type: 'center', stable: false } : { type: 'spiral', stable: Delta < 1 };
  }
  const [l1, l2] = eig2x2(a, b, c, d);
  const m1 = Math.abs(l1.re), m2 = Math.abs(l2.re);
  const stable = m1 < 1 && m2 < 1;
  // An eigenvalue +-1 first, repeated or not (B = I, -I, [[1, 1], [0, 1]]): docs/dynamics.md calls it non-isolated.
  if (m1 === 1 || m2 === 1) return { type: 'non-isolated', stable: false };
  if (disc === 0) return { type: b === 0 && c === 0 ? 'star' : 'degenerate-node', stable };
  if ((m1 < 1) !== (m2 < 1)) return { type: 'saddle', stable: false };
  return { type: 'node', stable };
}
