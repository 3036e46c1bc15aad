import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, curvatureParam, requireMuL } from './definition.js';
import { momentumUpdate } from './heavy-ball.js';

/** Chebyshev iteration state: iterate w, velocity v = w^(k) - w^(k-1), gradient g, and rho_k of the recurrence. */
export interface ChebyshevState extends OptimizerState {
  v: Float64Array;
  g: Float64Array;
  rho: number;
}

/**
 * Chebyshev semi-iterative acceleration for a quadratic with spectrum in [mu, L], written as heavy ball with
 * step-dependent alpha_k, beta_k: v^(k+1) = beta_k v^(k) - alpha_k grad J(w^(k)); w^(k+1) = w^(k) + v^(k+1), where
 * theta = (L + mu)/2, delta = (L - mu)/2, sigma = theta/delta, rho_0 = 1/sigma, alpha_0 = 1/theta, and for k >= 1
 * rho_k = 1/(2 sigma - rho_(k-1)), beta_k = rho_k rho_(k-1), alpha_k = 2 rho_k / delta
 * (Saad, Iterative Methods for Sparse Linear Systems, Alg. 12.1; Golub & Varga 1961). The error is exactly
 * e_k = T_k((theta - H)/delta) e_0 / T_k(sigma): the minimax polynomial on [mu, L]. As k grows alpha_k, beta_k tend to
 * Polyak's heavy-ball tuning 4/(sqrt L + sqrt mu)^2, ((sqrt kappa - 1)/(sqrt kappa + 1))^2.
 *
 * @example
 * // mu = 1, L = 3: theta = 2, so the first step is w1 = w0 - grad J(w0) / 2; on J = 1/2 w^2 from 1 it gives 0.5
 * const cheb = chebyshevIteration(1, 3);
 */
export function chebyshevIteration(mu: number, L: number): Optimizer<ChebyshevState> {
  const theta = (L + mu) / 2;
  const delta = (L - mu) / 2;
  const sigma = theta / delta;
  return {
    name: 'chebyshev',
    params: { mu, L },
    init(_problem: Problem, w0: Float64Array): ChebyshevState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), v: new Float64Array(n), g: new Float64Array(n), rho: 1 / sigma };
    },
    step(state: ChebyshevState, problem: Problem): void {
      const { w, v, g } = state;
      let alpha: number, beta: number;
      if (state.k === 0) {
        alpha = 1 / theta;
        beta = 0;
      } else {
        const rho = 1 / (2 * sigma - state.rho);
        beta = rho * state.rho;
        alpha = (2 * rho) / delta;
        state.rho = rho;
      }
      problem.grad(w, g);
      momentumUpdate(w, v, g, alpha, beta);
      state.k++;
    },
  };
}

export const chebyshevIterationDefinition: MethodDefinition = {
  name: 'chebyshev', description: 'Chebyshev semi-iterative acceleration on [mu, L]',
  equation: 'v <- beta_k v - alpha_k grad J(w); w <- w + v; rho_k = 1/(2 sigma - rho_(k-1)), beta_k = rho_k rho_(k-1), alpha_k = 2 rho_k/delta',
  params: [curvatureParam('mu'), curvatureParam('L')], linear: false,
  build: (p, context) => {
    const { mu, L } = requireMuL('chebyshev', context, p.mu as number | undefined, p.L as number | undefined);
    return chebyshevIteration(mu, L);
  },
};
