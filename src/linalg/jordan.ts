import type { Complex } from './complex.js';
import type { DenseMatrix } from './dense.js';
import { eigenvalues } from './eig.js';
import { normInf } from './dense.js';

/** One distinct eigenvalue with its multiplicities and Jordan block sizes (largest first). */
export interface JordanEigenvalue {
  value: Complex;
  /** Algebraic multiplicity: how often it is a root of the characteristic polynomial. */
  algebraic: number;
  /** Geometric multiplicity: n - rank(A - lambda I), the number of independent eigenvectors (= number of blocks). */
  geometric: number;
  /** Sizes of the Jordan blocks, from the ranks of (A - lambda I)^k; sum = algebraic. */
  blocks: number[];
  /** True when geometric < algebraic (A is not diagonalisable). */
  defective: boolean;
}

/**
 * Numerical rank of the complex matrix (Mr + i Mi) (n x n, row-major) by Gaussian elimination with complete
 * pivoting; pivots below `tol` count as zero.
 */
export function complexRank(Mr: Float64Array, Mi: Float64Array, n: number, tol: number): number {
  const R = Mr.slice(), I = Mi.slice();
  let rank = 0;
  for (let k = 0; k < n; k++) {
    let best = -1, pi = -1, pj = -1;
    for (let i = k; i < n; i++) for (let j = k; j < n; j++) {
      const a = Math.hypot(R[i * n + j], I[i * n + j]);
      if (a > best) { best = a; pi = i; pj = j; }
    }
    if (best <= tol) break;
    rank++;
    for (let j = 0; j < n; j++) { // swap rows k and pi
      let t = R[k * n + j]; R[k * n + j] = R[pi * n + j]; R[pi * n + j] = t;
      t = I[k * n + j]; I[k * n + j] = I[pi * n + j]; I[pi * n + j] = t;
    }
    for (let i = 0; i < n; i++) { // swap columns k and pj
      let t = R[i * n + k]; R[i * n + k] = R[i * n + pj]; R[i * n + pj] = t;
      t = I[i * n + k]; I[i * n + k] = I[i * n + pj]; I[i * n + pj] = t;
    }
    const pr = R[k * n + k], pim = I[k * n + k], d = pr * pr + pim * pim;
    for (let i = k + 1; i < n; i++) {
      // f = M[i][k] / M[k][k]
      const ar = R[i * n + k], ai = I[i * n + k];
      const fr = (ar * pr + ai * pim) / d, fi = (ai * pr - ar * pim) / d;
      for (let j = k; j < n; j++) {
        const br = R[k * n + j], bi = I[k * n + j];
        R[i * n + j] -= fr * br - fi * bi;
        I[i * n + j] -= fr * bi + fi * br;
      }
    }
  }
  return rank;
}

/**
 * Jordan structure of a real square matrix: its distinct eigenvalues with algebraic and geometric multiplicity and
 * block sizes. Eigenvalues closer than `clusterTol * max(1, ||A||)` are taken as one: a defective eigenvalue of
 * a k-block is computed only to ~eps^(1/k), so the default is 10 (n eps)^(1/n) (1.3e-7 for n = 2, 1.7e-3 for n = 4;
 * distinct eigenvalues closer than that are reported as one). Ranks use the threshold `rankTol * max(1, ||A||)^k`.
 * Number of blocks of size >= k = rank(N^(k-1)) - rank(N^k), N = A - lambda I (Horn & Johnson, Thm 3.1.11).
 *
 * @example
 * jordanStructure(fromRows([[2, 1], [0, 2]]));
 * // returns [{value: {re: 2, im: 0}, algebraic: 2, geometric: 1, blocks: [2], defective: true}]
 */
export function jordanStructure(A: DenseMatrix, { clusterTol = NaN, rankTol = 1e-7 } = {}): JordanEigenvalue[] {
  const n = A.rows;
  if (Number.isNaN(clusterTol)) clusterTol = 10 * (n * Number.EPSILON) ** (1 / Math.max(n, 1));
  const lambdas = eigenvalues(A);
  const scale = Math.max(1, normInf(A));
  const groups: { sumRe: number; sumIm: number; count: number }[] = [];
  for (const z of lambdas) {
    const g = groups.find((h) => Math.hypot(h.sumRe / h.count - z.re, h.sumIm / h.count - z.im) <= clusterTol * scale);
    if (g) { g.sumRe += z.re; g.sumIm += z.im; g.count++; } else groups.push({ sumRe: z.re, sumIm: z.im, count: 1 });
  }
  return groups.map((g) => {
    const value = { re: g.sumRe / g.count, im: g.sumIm / g.count };
    if (Math.abs(value.im) <= clusterTol * scale) value.im = 0;
    // Powers of N = A - lambda I in complex arithmetic; ranks r_0 = n, r_1, ..., until they stop falling.
    const Nr = new Float64Array(n * n), Ni = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) Nr[i] = A.data[i];
    for (let i = 0; i < n; i++) { Nr[i * n + i] -= value.re; Ni[i * n + i] = -value.im; }
    const ranks = [n];
    let Pr: Float64Array = Nr.slice(), Pi: Float64Array = Ni.slice();
    for (let k = 1; k <= g.count + 1; k++) {
      ranks.push(complexRank(Pr, Pi, n, rankTol * scale ** k));
      if (ranks[k] === ranks[k - 1] || n - ranks[k] >= g.count) break;
      [Pr, Pi] = cmatmul(Pr, Pi, Nr, Ni, n);
    }
    // Keep consistency with the algebraic multiplicity: nullity of N^k cannot exceed it.
    const atLeast: number[] = [];
    for (let k = 1; k < ranks.length; k++) atLeast.push(Math.max(0, ranks[k - 1] - ranks[k]));
    const blocks: number[] = [];
    for (let k = 0; k < atLeast.length; k++) {
      const exactly = atLeast[k] - (atLeast[k + 1] ?? 0);
      for (let b = 0; b < exactly; b++) blocks.push(k + 1);
    }
    blocks.sort((x, y) => y - x);
    const geometric = Math.min(atLeast[0] ?? 0, g.count) || 1;
    let total = blocks.reduce((s, b) => s + b, 0);
    // If rounding hid part of the structure, fold the remainder into the largest block.
    if (blocks.length === 0) blocks.push(g.count);
    else if (total !== g.count) { blocks[0] += g.count - total; total = g.count; }
    return { value, algebraic: g.count, geometric, blocks, defective: geometric < g.count };
  });
}

function cmatmul(Ar: Float64Array, Ai: Float64Array, Br: Float64Array, Bi: Float64Array, n: number): [Float64Array, Float64Array] {
  const Cr = new Float64Array(n * n), Ci = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const ar = Ar[i * n + k], ai = Ai[i * n + k];
    if (ar === 0 && ai === 0) continue;
    for (let j = 0; j < n; j++) {
      Cr[i * n + j] += ar * Br[k * n + j] - ai * Bi[k * n + j];
      Ci[i * n + j] += ar * Bi[k * n + j] + ai * Br[k * n + j];
    }
  }
  return [Cr, Ci];
}
