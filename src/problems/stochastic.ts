import { ParameterError, checkNumber } from '../errors.js';
import { fromRows, symmetricEigen } from '../linalg/index.js';
import { type Rng, createRng } from '../linalg/rng.js';
import type { Problem } from './problem.js';

/** Largest dimension of a non-diagonal quadratic given NQM noise (its Hessian is eigendecomposed once, O(n^3)). */
export const NQM_DENSE_MAX_DIM = 2000;

/** Options of `stochasticProblem`. */
export interface StochasticOptions {
  /** Mini-batch size B (a positive integer; at most the number of examples of a finite sum). */
  batch: number;
  /** Seed of the sampler (default 1): the same seed gives the same gradients. */
  seed?: number;
  /** NQM gradient covariance per eigendirection c_j, in the order of `problem.spectrum` (default c = h, the NQM's C = H). */
  noise?: Float64Array;
}

/** A stochastic Problem: what `stochasticProblem` returns. */
export interface StochasticProblem extends Problem {
  /** 'minibatch' (a finite sum sampled without replacement within an epoch) or 'nqm' (Gaussian noise C / B). */
  readonly noiseModel: 'minibatch' | 'nqm';
  readonly batch: number;
  readonly seed: number;
}

/**
 * A seeded stochastic gradient oracle over `problem`: `grad` returns a mini-batch estimate, `value`, `valueAndGrad` and
 * `excessAndGrad` stay exact (run measures the true loss and gradient norm; the methods query only `grad`).
 *
 * - A finite sum (`problem.finiteSum`, e.g. logistic regression): the batch's mean gradient, examples drawn without
 *   replacement within an epoch (a seeded shuffle, consecutive batches of B; the last N mod B examples of an epoch are
 *   dropped, as PyTorch's DataLoader with drop_last=True), then a new shuffle.
 * - A quadratic J = 1/2 (w - w*)^T H (w - w*) (spectrum and minimiser known): the Noisy Quadratic Model of Zhang et al.
 *   (2019), grad = H (w - w*) + eps, eps ~ N(0, C / B), C = Q diag(c) Q^T in H's eigenbasis (c = h unless `noise`).
 *
 * The result does not declare `diagonalHessian`, so run steps it with the method's own `step` (its kernel is exact).
 *
 * @example
 * const p = stochasticProblem(diagonalQuadratic(Float64Array.of(1, 0.5)), { batch: 4, seed: 2 });
 * p.grad(Float64Array.of(0, 0), new Float64Array(2)); // returns eps with eps_i ~ N(0, h_i / 4)
 */
export function stochasticProblem(problem: Problem, { batch, seed = 1, noise }: StochasticOptions): StochasticProblem {
  checkNumber('batch', batch, { min: 1, max: 2 ** 31 - 1, integer: true });
  checkNumber('seed', seed, { min: 0, max: 2 ** 32 - 1, integer: true });
  const rng = createRng(seed);
  const base = {
    name: problem.name, dim: problem.dim, x0: problem.x0, mu: problem.mu, L: problem.L, minimizer: problem.minimizer,
    minValue: problem.minValue, spectrum: problem.spectrum, value: problem.value, valueAndGrad: problem.valueAndGrad,
    excessAndGrad: problem.excessAndGrad, hvp: problem.hvp, eigenCoordinates: problem.eigenCoordinates, batch, seed,
  };
  if (problem.finiteSum !== undefined) {
    if (noise !== undefined) throw new ParameterError('noise', 'given', `no per-direction noise for ${problem.name}: its noise is the mini-batch's`);
    const grad = minibatchGradient(problem, batch, rng);
    return { ...base, label: `${problem.label}, mini-batch ${batch} of ${problem.finiteSum.count}, seed ${seed}`, noiseModel: 'minibatch', grad };
  }
  if (problem.spectrum !== undefined && problem.minimizer !== undefined && problem.hvp !== undefined) {
    const grad = nqmGradient(problem, batch, rng, noise);
    return { ...base, label: `${problem.label}, NQM noise C/B with B = ${batch}, seed ${seed}`, noiseModel: 'nqm', grad };
  }
  throw new ParameterError('batch', batch, `a problem with a finite sum (logistic-regression) or a quadratic (NQM noise); ${problem.name} is neither`);
}

/** The mean gradient of consecutive batches of a seeded permutation of the examples, reshuffled every epoch. */
function minibatchGradient(problem: Problem, batch: number, rng: Rng): Problem['grad'] {
  const sum = problem.finiteSum!, N = sum.count;
  if (batch > N) throw new ParameterError('batch', batch, `an integer in [1, ${N}] (${problem.name} has ${N} examples)`);
  const order = new Uint32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  let next = N; // start with a shuffle
  return (w, out) => {
    if (next + batch > N) {
      // Fisher-Yates with the seeded generator: a new epoch.
      for (let i = N - 1; i > 0; i--) { const j = rng.int(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
      next = 0;
    }
    sum.batchGrad(w, order.subarray(next, next + batch), out);
    next += batch;
    return out;
  };
}

/** grad = H (w - w*) + Q diag(sqrt(c / B)) z with z ~ N(0, I): in place for a diagonal H, through Q otherwise. */
function nqmGradient(problem: Problem, batch: number, rng: Rng, noise: Float64Array | undefined): Problem['grad'] {
  const n = problem.dim, h = problem.spectrum!, ws = problem.minimizer!;
  if (noise !== undefined && noise.length !== n) throw new ParameterError('noise', `${noise.length} values`, `${n} values c_j >= 0, one per eigendirection`);
  const c = noise ?? h;
  for (let j = 0; j < n; j++) if (!(Number.isFinite(c[j]) && c[j] >= 0)) throw new ParameterError(`noise[${j}]`, c[j], 'a finite number >= 0');
  const sd = Float64Array.from(c, (cj) => Math.sqrt(cj / batch)), e = new Float64Array(n), z = new Float64Array(n);
  const diag = problem.diagonalHessian;
  if (diag !== undefined) {
    // Eigendirection j is coordinate order[j]: the coordinates sorted by h_i, ascending (as `spectrum`), ties by index.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => diag.h[a] - diag.h[b] || a - b);
    const sdAt = new Float64Array(n);
    for (let j = 0; j < n; j++) sdAt[order[j]] = sd[j];
    return (w, out) => {
      for (let i = 0; i < n; i++) out[i] = diag.h[i] * (w[i] - diag.ws[i]) + sdAt[i] * rng.normal();
      return out;
    };
  }
  if (n > NQM_DENSE_MAX_DIM) throw new ParameterError('problem.dim', n, `at most ${NQM_DENSE_MAX_DIM} for NQM noise on a non-diagonal quadratic (its eigenvectors are computed)`);
  // H column by column (n Hessian-vector products), then its eigenvectors Q, ascending as `spectrum`.
  const rows: number[][] = [], unit = new Float64Array(n), col = new Float64Array(n);
  for (let k = 0; k < n; k++) { unit.fill(0); unit[k] = 1; rows.push(Array.from(problem.hvp!(ws, unit, col))); }
  const Q = symmetricEigen(fromRows(rows), 'problem').vectors;
  return (w, out) => {
    for (let i = 0; i < n; i++) e[i] = w[i] - ws[i];
    problem.hvp!(ws, e, out);
    for (let j = 0; j < n; j++) z[j] = sd[j] * rng.normal();
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += Q.data[i * n + j] * z[j];
      out[i] += s;
    }
    return out;
  };
}
