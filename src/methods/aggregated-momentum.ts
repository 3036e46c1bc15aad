import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';

/** AggMo state: iterate w, the K velocities (row j of `velocities` is v^(j), length K*dim), step v = w^(k) - w^(k-1), gradient g. */
export interface AggMoState extends OptimizerState {
  velocities: Float64Array;
  v: Float64Array;
  g: Float64Array;
}

/**
 * Aggregated momentum: K heavy-ball velocities with different damping betas, averaged.
 *
 * v_j^(k+1) = beta_j v_j^(k) - grad J(w^(k))  (j = 1..K);  w^(k+1) = w^(k) + (alpha/K) sum_j v_j^(k+1)
 * (Lucas, Sun, Zemel & Grosse 2019, "Aggregated momentum: stability through passive damping", eq. 3).
 * With one beta it is heavy ball with learning rate alpha and velocity v_hb = alpha v_1.
 *
 * @example
 * // betas [0, 0.9]: the first step is w1 = w0 - alpha grad J(w0) (both velocities equal -grad J(w0))
 * const agg = aggregatedMomentum(0.1, [0, 0.9]);
 */
export function aggregatedMomentum(alpha: number, betas: readonly number[]): Optimizer<AggMoState> {
  const K = betas.length;
  const beta = Float64Array.from(betas);
  const c = alpha / K;
  return {
    name: 'aggmo',
    params: { alpha, betas: betas.join(';') },
    init(_problem: Problem, w0: Float64Array): AggMoState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), velocities: new Float64Array(K * n), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: AggMoState, problem: Problem): void {
      const { w, velocities, v, g } = state;
      const n = w.length;
      problem.grad(w, g);
      for (let i = 0; i < n; i++) {
        const gi = g[i];
        let s = 0;
        for (let j = 0, idx = i; j < K; j++, idx += n) {
          const vj = beta[j] * velocities[idx] - gi;
          velocities[idx] = vj;
          s += vj;
        }
        const step = c * s;
        v[i] = step;
        w[i] += step;
      }
      state.k++;
    },
  };
}
