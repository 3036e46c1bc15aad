import { checkNumber } from '../errors.js';
import { createRng } from '../linalg/index.js';
import type { Problem } from '../problems/problem.js';
import { hessianOperator, lanczos } from './lanczos.js';
import { tridiagonalEigen } from './tridiagonal-eigen.js';

/** Options of `spectralDensity`: PyHessian's density parameters (iter, n_v, sigma_squared, num_bins, overhead). */
export interface SpectralDensityOptions {
  /** Lanczos steps per run (PyHessian's iter, default 100; at most dim). */
  steps?: number;
  /** Independent Rademacher start vectors (PyHessian's n_v, default 1). */
  runs?: number;
  /** Variance of the Gaussian broadening, scaled by max(1, lambda_max - lambda_min) as PyHessian does (default 1e-5). */
  sigma2?: number;
  /** Grid points (PyHessian's num_bins, default 10000). */
  bins?: number;
  /** Margin beyond the extreme nodes (PyHessian's overhead, default 0.01). */
  overhead?: number;
  seed?: number;
}

/** A spectral density on a grid, with the Gauss quadrature nodes and weights of each run. */
export interface SpectralDensity {
  grid: Float64Array;
  density: Float64Array;
  /** nodes[r][i] = theta_i (Ritz values of run r), weights[r][i] = tau_i = (e_1^T s_i)^2 (they sum to 1). */
  nodes: Float64Array[];
  weights: Float64Array[];
  /** The broadening variance used: sigma2 max(1, lambda_max - lambda_min). */
  variance: number;
}

/**
 * The Hessian's spectral density by stochastic Lanczos quadrature (Lin, Saad and Yang 2016; Ghorbani, Krishnan and Xiao
 * 2019; PyHessian's density): phi(t) = 1/runs sum_r sum_i tau_ri N(t; theta_ri, s^2), where theta_ri, tau_ri are the
 * Gauss quadrature nodes and weights of m Lanczos steps from a normalised Rademacher vector, so that
 * integral t phi(t) dt = 1/runs sum_r v_r^T H v_r ~ tr(H) / n. Unlike PyHessian, the grid reaches 5 s beyond
 * the extreme nodes (plus the overhead), so the density integrates to 1 without renormalisation.
 *
 * @example
 * const rho = spectralDensity(createProblem('quadratic:dim=20,kappa=10'), new Float64Array(20), { steps: 20 });
 * rho.nodes[0]; // returns the 20 eigenvalues linspace(0.1, 1, 20) (m = n steps are exact)
 */
export function spectralDensity(problem: Problem, w: Float64Array, options: SpectralDensityOptions = {}): SpectralDensity {
  const { steps = 100, runs = 1, sigma2 = 1e-5, bins = 10_000, overhead = 0.01, seed = 0 } = options;
  checkNumber('steps', steps, { min: 1, integer: true });
  checkNumber('runs', runs, { min: 1, max: 10_000, integer: true });
  checkNumber('sigma2', sigma2, { min: 0, minExclusive: true });
  checkNumber('bins', bins, { min: 2, max: 1e6, integer: true });
  checkNumber('overhead', overhead, { min: 0 });
  const op = hessianOperator(problem, w), n = op.dim, rng = createRng(seed), v = new Float64Array(n);
  const nodes: Float64Array[] = [], weights: Float64Array[] = [];
  let meanMin = 0, meanMax = 0, lo = Infinity, hi = -Infinity;
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < n; i++) v[i] = rng.next() < 0.5 ? -1 : 1;
    const res = lanczos(op, steps, { start: v, seed: seed + 1 + r });
    const eig = tridiagonalEigen(res.alpha, res.beta, res.steps);
    nodes.push(eig.values);
    weights.push(Float64Array.from(eig.first, (x) => x * x));
    meanMin += eig.values[0] / runs;
    meanMax += eig.values[res.steps - 1] / runs;
    lo = Math.min(lo, eig.values[0]);
    hi = Math.max(hi, eig.values[res.steps - 1]);
  }
  const variance = sigma2 * Math.max(1, meanMax - meanMin + 2 * overhead), sd = Math.sqrt(variance);
  const a = lo - overhead - 5 * sd, b = hi + overhead + 5 * sd;
  const grid = new Float64Array(bins), density = new Float64Array(bins), c = 1 / (runs * Math.sqrt(2 * Math.PI * variance));
  for (let j = 0; j < bins; j++) {
    const t = a + ((b - a) * j) / (bins - 1);
    let s = 0;
    for (let r = 0; r < runs; r++) {
      const th = nodes[r], tau = weights[r];
      for (let i = 0; i < th.length; i++) { const d = t - th[i]; s += tau[i] * Math.exp((-d * d) / (2 * variance)); }
    }
    grid[j] = t;
    density[j] = c * s;
  }
  return { grid, density, nodes, weights, variance };
}
