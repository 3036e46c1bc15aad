import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, type TuningRule, betaParam, checkValues, rateParam, tuneParam } from './definition.js';

/** Nesterov (Sutskever form) state: iterate w, velocity v, look-ahead point y = w + beta v, gradient g = grad J(y). */
export interface NesterovState extends OptimizerState {
  v: Float64Array;
  y: Float64Array;
  g: Float64Array;
}

/** Nesterov's tuning rules from mu <= h <= L, kappa = L/mu. */
export const nesterovTuning: readonly TuningRule[] = [
  {
    name: 'optimal', description: 'alpha = 4/(3L + mu), beta = (sqrt(3 kappa + 1) - 2)/(sqrt(3 kappa + 1) + 2) (quadratics; Lessard, Recht & Packard 2016, Prop. 12; rate 1 - 2/sqrt(3 kappa + 1))',
    params: (mu, L) => {
      const q = Math.sqrt(3 * (L / mu) + 1);
      return { alpha: 4 / (3 * L + mu), beta: (q - 2) / (q + 2) };
    },
    rate: (mu, L) => 1 - 2 / Math.sqrt(3 * (L / mu) + 1),
  },
  {
    name: 'standard', description: "alpha = 1/L, beta = (sqrt kappa - 1)/(sqrt kappa + 1) (Nesterov's Introductory Lectures (2.2.22); rate 1 - 1/sqrt kappa)",
    params: (mu, L) => {
      const sk = Math.sqrt(L / mu);
      return { alpha: 1 / L, beta: (sk - 1) / (sk + 1) };
    },
    rate: (mu, L) => 1 - 1 / Math.sqrt(L / mu),
  },
];

// Shared read-only parts of every Nesterov form (fewer allocations per run in sweeps).
const STATE_WV = Object.freeze(['w', 'v']) as string[], AT_REST = Object.freeze({ w: Object.freeze([1, 0]) as number[] });

const params = [rateParam(), betaParam(0.9, 'momentum beta (1: undamped, marginally stable)', true)];

/**
 * Nesterov's accelerated gradient in Sutskever et al.'s (2013) momentum form: the gradient is taken at the look-ahead point.
 *
 * v^(k+1) = beta v^(k) - alpha grad J(w^(k) + beta v^(k));  w^(k+1) = w^(k) + v^(k+1)   (Lecture 9, slide 25).
 * Linear form: state (w, v), A = [[1, beta], [0, beta]], B = [-alpha, -alpha], C = [1, beta] (the look-ahead).
 *
 * @example
 * // J(w) = 1/2 w^2, w0 = 1, v0 = 0, alpha = 0.5, beta = 0.5: y0 = 1, v1 = -0.5, w1 = 0.5; y1 = 0.25, v2 = -0.375, w2 = 0.125
 * const nag = nesterov(0.5, { beta: 0.5 });
 */
export function nesterov(alpha: number, { beta = 0.9 }: { beta?: number } = {}): Optimizer<NesterovState> {
  checkValues('nag', params, { alpha, beta });
  return {
    name: 'nag',
    params: { alpha, beta },
    linear: { A: [[1, beta], [0, beta]], B: [-alpha, -alpha], C: [1, beta], D: 0, state: STATE_WV, start: AT_REST },
    init(_problem: Problem, w0: Float64Array): NesterovState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), v: new Float64Array(n), y: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: NesterovState, problem: Problem): void {
      const { w, v, y, g } = state;
      const n = w.length;
      for (let i = 0; i < n; i++) y[i] = w[i] + beta * v[i];
      problem.grad(y, g);
      for (let i = 0; i < n; i++) {
        const vi = beta * v[i] - alpha * g[i];
        v[i] = vi;
        w[i] += vi;
      }
      state.k++;
    },
  };
}

export const nesterovDefinition: MethodDefinition = {
  name: 'nag', description: "Nesterov's accelerated gradient (Sutskever form)", equation: 'v <- beta v - alpha grad J(w + beta v); w <- w + v',
  params: [...params, tuneParam(nesterovTuning)], tuning: nesterovTuning, linear: true,
  build: (p) => nesterov(p.alpha as number, { beta: p.beta as number }),
};
