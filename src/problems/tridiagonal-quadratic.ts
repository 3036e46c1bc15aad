import { createRng, matvecRows } from '../linalg/index.js';
import type { QuadraticOptions, QuadraticProblem } from './quadratic-problem.js';
import { quadraticFromOperator } from './quadratic-operator.js';

/**
 * A tridiagonal quadratic with a prescribed spectrum: T = V diag(h) V^T is the Jacobi matrix that Lanczos (with full
 * reorthogonalisation) builds from diag(h) and the start vector 1/sqrt(n) (Golub & Van Loan, Matrix Computations, 10.1).
 * Gradients cost O(n); eigen-coordinates are (V^T (w - w*))_j. Lanczos costs O(n^3) once.
 *
 * @example
 * const p = tridiagonalQuadratic(Float64Array.of(0.1, 0.5, 1));
 * p.offDiagonal; // returns two nonzero entries; the eigenvalues of the matrix are 0.1, 0.5, 1
 */
export function tridiagonalQuadratic(h: Float64Array, options: QuadraticOptions & { seed?: number } = {}): QuadraticProblem & {
  diagonal: Float64Array; offDiagonal: Float64Array;
} {
  const n = h.length;
  const spectrum = Float64Array.from(h).sort();
  const { diagonal: a, offDiagonal: b, V } = lanczos(spectrum, options.seed ?? 0);
  const applyH = (v: Float64Array, out: Float64Array): Float64Array => {
    if (n === 1) { out[0] = a[0] * v[0]; return out; }
    out[0] = a[0] * v[0] + b[0] * v[1];
    for (let i = 1; i < n - 1; i++) out[i] = b[i - 1] * v[i - 1] + a[i] * v[i] + b[i] * v[i + 1];
    out[n - 1] = b[n - 2] * v[n - 2] + a[n - 1] * v[n - 1];
    return out;
  };
  const base = quadraticFromOperator(applyH, n, {
    ...options,
    name: options.name ?? 'quadratic',
    label: options.label ?? `tridiagonal quadratic dim=${n}`,
    spectrum,
    // Eigenvector j of T is column j of V (T V = V diag(h)); out_j = sum_k V[k][j] e_k.
    eigenCoordinatesOfError(e, out) {
      out.fill(0);
      for (let k = 0; k < n; k++) {
        const ek = e[k], row = k * n;
        for (let j = 0; j < n; j++) out[j] += V[row + j] * ek;
      }
      return out;
    },
  });
  return {
    ...base, spectrum, mu: spectrum[0], L: spectrum[n - 1], eigenCoordinates: base.eigenCoordinates!, diagonal: a, offDiagonal: b,
  };
}

/**
 * Lanczos on D = diag(h) with full reorthogonalisation: rows v_k of V are orthonormal and V D V^T is tridiagonal.
 * A breakdown (beta ~ 0, from repeated eigenvalues) restarts with a seeded random vector orthogonal to the basis, so the
 * result is still tridiagonal (with a zero off-diagonal entry) and still has spectrum h.
 */
function lanczos(h: Float64Array, seed: number): { diagonal: Float64Array; offDiagonal: Float64Array; V: Float64Array } {
  const n = h.length;
  const V = new Float64Array(n * n);
  const a = new Float64Array(n), b = new Float64Array(Math.max(0, n - 1));
  const r = new Float64Array(n), s = new Float64Array(n);
  const rng = createRng(seed);
  const scaleH = Math.max(...h.map(Math.abs));
  for (let i = 0; i < n; i++) V[i] = 1 / Math.sqrt(n);
  for (let k = 0; k < n; k++) {
    const vk = k * n;
    let alpha = 0;
    for (let i = 0; i < n; i++) alpha += h[i] * V[vk + i] * V[vk + i];
    a[k] = alpha;
    if (k === n - 1) break;
    for (let i = 0; i < n; i++) r[i] = (h[i] - alpha) * V[vk + i] - (k > 0 ? b[k - 1] * V[vk - n + i] : 0);
    orthogonalise(r, V, k + 1, n, s);
    let beta = norm(r);
    if (beta <= 1e-10 * scaleH) {
      // Invariant subspace found: continue with a fresh direction (the coupling is 0).
      for (let i = 0; i < n; i++) r[i] = rng.normal();
      orthogonalise(r, V, k + 1, n, s);
      b[k] = 0;
      beta = norm(r);
    } else {
      b[k] = beta;
    }
    for (let i = 0; i < n; i++) V[vk + n + i] = r[i] / beta;
  }
  return { diagonal: a, offDiagonal: b, V };
}

/**
 * r -= V_{0..count-1}^T (V r) (s: scratch of length >= count), classical Gram-Schmidt on the contiguous rows of V, repeated only when the pass removed
 * more than 1 - 1/sqrt(2) of r's norm (Daniel, Gragg, Kaufman & Stewart 1976: "twice is enough", and once is enough
 * when little cancels). The 3-term recurrence has already made r nearly orthogonal, so one pass is the rule (no second
 * pass at n = 1000, linear spectrum). Four rows of V per sweep over r (matvecRows), each dot still summed in order.
 */
function orthogonalise(r: Float64Array, V: Float64Array, count: number, n: number, s: Float64Array): void {
  let before = norm(r);
  for (let pass = 0; pass < 2; pass++) {
    // s = V_{0..count-1} r: four rows at a time (matvecRows); the update below also takes four rows per pass over r.
    matvecRows(V, count, n, r, s);
    let j = 0;
    for (; j + 4 <= count; j += 4) {
      const r0 = j * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      const s0 = s[j], s1 = s[j + 1], s2 = s[j + 2], s3 = s[j + 3];
      for (let i = 0; i < n; i++) r[i] -= s0 * V[r0 + i] + s1 * V[r1 + i] + s2 * V[r2 + i] + s3 * V[r3 + i];
    }
    for (; j < count; j++) {
      const row = j * n, sj = s[j];
      for (let i = 0; i < n; i++) r[i] -= sj * V[row + i];
    }
    const after = norm(r);
    if (after > Math.SQRT1_2 * before) return;
    before = after;
  }
}

function norm(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i] * r[i];
  return Math.sqrt(s);
}
