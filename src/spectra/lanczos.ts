import { ParameterError, checkNumber } from '../errors.js';
import { createRng } from '../linalg/index.js';
import type { Problem } from '../problems/index.js';

/** A symmetric linear operator: out <- A v. */
export interface SymmetricOperator {
  readonly dim: number;
  apply(v: Float64Array, out: Float64Array): Float64Array;
}

/** Lanczos basis storage cap: steps x dim numbers (400 MB). */
export const LANCZOS_MAX_STORAGE = 5e7;

/** What `lanczos` returns: the tridiagonal T_m = Q_m^T A Q_m and the residual norm beta_m. */
export interface LanczosResult {
  /** Steps taken m (fewer than asked when the Krylov space of dim is exhausted). */
  steps: number;
  /** Diagonal alpha_1..alpha_m and off-diagonal beta_1..beta_{m-1} of T_m (0 where a new start vector was drawn). */
  alpha: Float64Array;
  beta: Float64Array;
  /** ||r_m||: A Q_m = Q_m T_m + r_m e_m^T. */
  residual: number;
}

/**
 * The Hessian of `problem` at w as an operator (its hvp), checked at the boundary.
 *
 * @example
 * hessianOperator(createProblem('quadratic:dim=3,kappa=4'), new Float64Array(3)).dim; // returns 3
 */
export function hessianOperator(problem: Problem, w: Float64Array): SymmetricOperator {
  const hvp = problem.hvp;
  if (hvp === undefined) throw new ParameterError('problem', problem.name, 'a problem with Hessian-vector products (hvp)');
  if (w.length !== problem.dim) throw new ParameterError('w', `${w.length} values`, `a vector of length ${problem.dim}`);
  return { dim: problem.dim, apply: (v, out) => hvp(w, v, out) };
}

/**
 * Lanczos with full reorthogonalisation (Golub and Van Loan 10.1; every new vector is orthogonalised twice against the
 * whole basis, "twice is enough"): T_m = Q_m^T A Q_m for a seeded Gaussian start (or `start`). On exhaustion of the Krylov
 * space (beta below 1e-13 of ||T||) a new random vector orthogonal to the basis continues it with beta = 0, so multiple
 * eigenvalues are found too. `onStep(j)` after each step may return true to stop (used to test convergence).
 *
 * @example
 * lanczos({ dim: 2, apply: (v, out) => { out[0] = 2 * v[0]; out[1] = v[1]; return out; } }, 2).steps; // returns 2
 */
export function lanczos(op: SymmetricOperator, steps: number, { seed = 0, start, onStep }: {
  seed?: number; start?: Float64Array; onStep?: (j: number, result: LanczosResult) => boolean;
} = {}): LanczosResult {
  const n = op.dim;
  checkNumber('steps', steps, { min: 1, integer: true });
  const m = Math.min(steps, n);
  if (m * n > LANCZOS_MAX_STORAGE) throw new ParameterError('steps', steps, `at most ${Math.floor(LANCZOS_MAX_STORAGE / n)} for dim ${n} (steps x dim <= ${LANCZOS_MAX_STORAGE})`);
  const rng = createRng(seed), Q = new Float64Array(m * n), r = new Float64Array(n);
  const alpha = new Float64Array(m), beta = new Float64Array(m);
  const result: LanczosResult = { steps: 0, alpha, beta, residual: 0 };
  if (start !== undefined) {
    if (start.length !== n) throw new ParameterError('start', `${start.length} values`, `a vector of length ${n}`);
    r.set(start);
  } else rng.fillNormal(r);
  let norm = orthonormalise(r, Q, 0, n);
  if (!(norm > 0)) throw new ParameterError('start', 'a zero vector', 'a nonzero finite vector');
  let scale = 0;
  for (let j = 0; j < m; j++) {
    const q = Q.subarray(j * n, (j + 1) * n);
    q.set(r);
    op.apply(q, r);
    let a = 0;
    for (let i = 0; i < n; i++) a += q[i] * r[i];
    if (!Number.isFinite(a)) throw new ParameterError('operator', a, 'finite values of A v (the Hessian-vector product is not finite here)');
    alpha[j] = a;
    norm = orthonormalise(r, Q, j + 1, n);
    scale = Math.max(scale, Math.abs(a) + norm + (j > 0 ? beta[j - 1] : 0));
    result.steps = j + 1;
    if (norm <= 1e-13 * scale && j + 1 < m) {
      // Invariant subspace: continue from a random vector orthogonal to the basis, decoupled (beta = 0).
      beta[j] = 0;
      rng.fillNormal(r);
      orthonormalise(r, Q, j + 1, n);
      result.residual = 0;
    } else {
      beta[j] = norm;
      result.residual = norm;
    }
    if (onStep?.(j, result)) break;
  }
  return { steps: result.steps, alpha: alpha.slice(0, result.steps), beta: beta.slice(0, Math.max(0, result.steps - 1)), residual: result.residual };
}

/** r <- (I - Q Q^T)^2 r over the first `count` rows of Q (two classical Gram-Schmidt passes), then r / ||r||; returns ||r||. */
function orthonormalise(r: Float64Array, Q: Float64Array, count: number, n: number): number {
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < count; k++) {
      let c = 0;
      const o = k * n;
      for (let i = 0; i < n; i++) c += Q[o + i] * r[i];
      for (let i = 0; i < n; i++) r[i] -= c * Q[o + i];
    }
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += r[i] * r[i];
  const norm = Math.sqrt(s);
  if (norm > 0) for (let i = 0; i < n; i++) r[i] /= norm;
  return norm;
}
