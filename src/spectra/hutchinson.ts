import { ParameterError, checkNumber } from '../errors.js';
import { createRng } from '../linalg/index.js';
import type { Problem } from '../problems/problem.js';
import { hessianOperator } from './lanczos.js';

/** A trace estimate with its standard error. */
export interface TraceEstimate {
  /** Mean of z^T H z over the samples. */
  trace: number;
  /** Sample standard deviation / sqrt(samples). */
  standardError: number;
  samples: number;
}

/**
 * Hutchinson's estimator of the Hessian's trace: tr H = E[z^T H z] for Rademacher z (entries +-1), whose variance
 * 2 (||H||_F^2 - sum_i H_ii^2) is the least among i.i.d. probes (Hutchinson 1990; Avron and Toledo 2011).
 *
 * @example
 * hutchinsonTrace(createProblem('quadratic:dim=100,kappa=10'), new Float64Array(100)).trace; // returns 55 (exact for a diagonal H)
 */
export function hutchinsonTrace(problem: Problem, w: Float64Array, { samples = 100, seed = 0 }: { samples?: number; seed?: number } = {}): TraceEstimate {
  checkNumber('samples', samples, { min: 2, max: 1e6, integer: true });
  const op = hessianOperator(problem, w), n = op.dim, rng = createRng(seed);
  const z = new Float64Array(n), Hz = new Float64Array(n);
  let mean = 0, m2 = 0;
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < n; i++) z[i] = rng.next() < 0.5 ? -1 : 1;
    op.apply(z, Hz);
    let q = 0;
    for (let i = 0; i < n; i++) q += z[i] * Hz[i];
    if (!Number.isFinite(q)) throw new ParameterError('w', 'a point', `one where the Hessian-vector product is finite (z^T H z = ${q} at sample ${s})`);
    // Welford's running mean and sum of squared deviations.
    const d = q - mean;
    mean += d / (s + 1);
    m2 += d * (q - mean);
  }
  return { trace: mean, standardError: Math.sqrt(m2 / (samples - 1) / samples), samples };
}
