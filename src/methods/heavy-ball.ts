import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, type TuningRule, betaParam, checkValues, rateParam, tuneParam } from './definition.js';

/** Heavy ball's state: iterate w, velocity v = w^(k) - w^(k-1), gradient buffer g. */
export interface HeavyBallState extends OptimizerState {
  v: Float64Array;
  g: Float64Array;
}

/** Heavy ball's tuning rules from mu <= h <= L, kappa = L/mu. */
export const heavyBallTuning: readonly TuningRule[] = [
  {
    name: 'polyak', description: 'alpha = 4/(sqrt L + sqrt mu)^2, beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2 (Polyak 1964: rate-optimal on quadratics, rate sqrt beta)',
    params: (mu, L) => {
      const r = (Math.sqrt(L / mu) - 1) / (Math.sqrt(L / mu) + 1);
      return { alpha: 4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2, beta: r * r };
    },
    rate: (mu, L) => (Math.sqrt(L / mu) - 1) / (Math.sqrt(L / mu) + 1),
  },
  {
    name: 'lecture', description: 'alpha = 1/L, beta = (1 - 1/sqrt kappa)^2 (the smallest curvature critically damped, Lecture 9 slide 19; rate 1 - 1/sqrt kappa)',
    params: (mu, L) => ({ alpha: 1 / L, beta: (1 - 1 / Math.sqrt(L / mu)) ** 2 }),
    rate: (mu, L) => 1 - 1 / Math.sqrt(L / mu),
  },
];

// Shared read-only parts of every heavy-ball form (a sweep builds 10^4 methods: fewer allocations per run).
const C_W = Object.freeze([1, 0]) as number[], STATE_WV = Object.freeze(['w', 'v']) as string[], AT_REST = Object.freeze({ w: Object.freeze([1, 0]) as number[] });

const params = [rateParam(), betaParam(0.9, 'momentum beta (1: undamped, marginally stable)', true)];

/**
 * The heavy-ball update with a computed gradient g: v <- beta v - alpha g, w <- w + v (in place). Shared by heavy ball
 * and the Chebyshev semi-iterative method, which is heavy ball with step-dependent (alpha_k, beta_k).
 *
 * @example
 * momentumUpdate(Float64Array.of(1), Float64Array.of(0.5), Float64Array.of(2), 0.1, 0.9); // w = [1.25], v = [0.25]
 */
export function momentumUpdate(w: Float64Array, v: Float64Array, g: Float64Array, alpha: number, beta: number): void {
  for (let i = 0, n = w.length; i < n; i++) {
    const vi = beta * v[i] - alpha * g[i];
    v[i] = vi;
    w[i] += vi;
  }
}

/**
 * Polyak's heavy-ball momentum in the lecture's form:
 *
 * v^(k+1) = beta v^(k) - alpha grad J(w^(k));  w^(k+1) = w^(k) + v^(k+1)   (Lecture 9, "Heavy ball momentum"; Polyak 1964).
 * Starts at rest (v^(0) = 0); set `state.v` after `init` for another start.
 * Linear form: state (w, v), A = [[1, beta], [0, beta]], B = [-alpha, -alpha], C = [1, 0].
 *
 * @example
 * // J(w) = 1/2 w^2, w0 = 1, alpha = 0.5, beta = 0.5: w1 = 0.5, then v2 = 0.5 (-0.5) - 0.5 (0.5) = -0.5, w2 = 0
 * const hb = heavyBall(0.5, { beta: 0.5 });
 */
export function heavyBall(alpha: number, { beta = 0.9 }: { beta?: number } = {}): Optimizer<HeavyBallState> {
  checkValues('hb', params, { alpha, beta });
  return {
    name: 'hb',
    params: { alpha, beta },
    linear: { A: [[1, beta], [0, beta]], B: [-alpha, -alpha], C: C_W, D: 0, state: STATE_WV, start: AT_REST },
    init(_problem: Problem, w0: Float64Array): HeavyBallState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: HeavyBallState, problem: Problem): void {
      const { w, v, g } = state;
      problem.grad(w, g);
      momentumUpdate(w, v, g, alpha, beta);
      state.k++;
    },
  };
}

export const heavyBallDefinition: MethodDefinition = {
  name: 'hb', description: "Polyak's heavy ball (lecture form)", equation: 'v <- beta v - alpha grad J(w); w <- w + v',
  params: [...params, tuneParam(heavyBallTuning)], tuning: heavyBallTuning, linear: true,
  build: (p) => heavyBall(p.alpha as number, { beta: p.beta as number }),
};
