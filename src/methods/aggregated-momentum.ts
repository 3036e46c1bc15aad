import { ParameterError } from '../errors.js';
import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, checkValues, parseNumberList, rateParam } from './definition.js';
import type { LinearForm } from './linear-form.js';

/** AggMo state: iterate w, the K velocities (row j of `velocities` is v^(j), length K*dim), step v = w^(k) - w^(k-1), gradient g. */
export interface AggMoState extends OptimizerState {
  velocities: Float64Array;
  /** Row j of `velocities` as its own view (the buffers of the linear form's state). */
  velocity: Float64Array[];
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
  checkValues('aggmo', params, { alpha });
  if (!Array.isArray(betas) || betas.length < 1 || betas.length > 64 || !betas.every((b) => typeof b === 'number' && b >= 0 && b < 1)) {
    throw new ParameterError('aggmo.betas', betas, 'a list of 1 to 64 numbers in [0, 1)');
  }
  const K = betas.length;
  const beta = Float64Array.from(betas);
  const c = alpha / K;
  return {
    name: 'aggmo',
    params: { alpha, betas: betas.join(';') },
    linear: aggmoLinearForm(alpha, betas),
    init(_problem: Problem, w0: Float64Array): AggMoState {
      const n = w0.length;
      const velocities = new Float64Array(K * n);
      const velocity = Array.from({ length: K }, (_, j) => velocities.subarray(j * n, (j + 1) * n));
      return { k: 0, w: Float64Array.from(w0), velocities, velocity, v: new Float64Array(n), g: new Float64Array(n) };
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

const params = [rateParam(), { name: 'betas', kind: 'string' as const, default: '0;0.9;0.99', description: "';'-separated damping betas, each in [0, 1) (1 to 64 of them)" }];

/**
 * AggMo's linear form, state (w, v_1, ..., v_K): v_j+ = beta_j v_j - u, w+ = w + (alpha/K) sum_j beta_j v_j - alpha u:
 * A = [[1, alpha beta_1/K, ..., alpha beta_K/K], [0, beta_1, 0, ...], ...], B = [-alpha, -1, ..., -1], C = [1, 0, ..., 0].
 *
 * @example
 * aggmoLinearForm(0.5, [0, 0.9]).A[0]; // returns [1, 0, 0.225]
 */
export function aggmoLinearForm(alpha: number, betas: readonly number[]): LinearForm {
  const K = betas.length, n = K + 1;
  const A = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  A[0][0] = 1;
  betas.forEach((b, j) => { A[0][j + 1] = (alpha * b) / K; A[j + 1][j + 1] = b; });
  const zeros = new Array<number>(K).fill(0);
  return { A, B: [-alpha, ...zeros.map(() => -1)], C: [1, ...zeros], D: 0, state: ['w', ...betas.map((_, j) => `velocity.${j}`)], start: { w: [1, ...zeros] } };
}

export const aggregatedMomentumDefinition: MethodDefinition = {
  name: 'aggmo', description: 'aggregated momentum (Lucas et al. 2019)', equation: 'v_j <- beta_j v_j - grad J(w); w <- w + (alpha/K) sum_j v_j',
  params, linear: true,
  build: (p) => aggregatedMomentum(p.alpha as number, parseNumberList('aggmo.betas', p.betas as string, (b) => b >= 0 && b < 1, 'numbers in [0, 1), e.g. 0;0.9;0.99')),
};
