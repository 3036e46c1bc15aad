import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, type TuningRule, checkValues, defaultRate, rateParam, tuneParam } from './definition.js';

/** Gradient descent's state: the iterate w and the gradient buffer g. */
export interface GradientDescentState extends OptimizerState {
  g: Float64Array;
}

/** gd's tuning rules from mu <= h <= L, kappa = L/mu. */
export const gradientDescentTuning: readonly TuningRule[] = [
  {
    name: 'optimal', description: 'alpha = 2/(L + mu), the rate-optimal constant step, rate (kappa - 1)/(kappa + 1)',
    params: (mu, L) => ({ alpha: 2 / (L + mu) }), rate: (mu, L) => (L / mu - 1) / (L / mu + 1),
  },
  { name: 'standard', description: 'alpha = 1/L, rate 1 - 1/kappa', params: (_mu, L) => ({ alpha: 1 / L }), rate: (mu, L) => 1 - mu / L },
];

const params = [rateParam()];

/**
 * Gradient descent with a constant learning rate.
 *
 * w^(k+1) = w^(k) - alpha grad J(w^(k))   (Lecture 9, slide "So far...").
 * Linear form: state (w), A = [1], B = [-alpha], C = [1].
 *
 * @example
 * // J(w) = 1/2 w^2 from w0 = 1 with alpha = 0.5: one step gives w1 = 0.5
 * const gd = gradientDescent(0.5);
 */
export function gradientDescent(alpha: number): Optimizer<GradientDescentState> {
  checkValues('gd', params, { alpha });
  return {
    name: 'gd',
    params: { alpha },
    linear: { A: [[1]], B: [-alpha], C: [1], D: 0, state: ['w'], start: { w: [1] } },
    init(_problem: Problem, w0: Float64Array): GradientDescentState {
      return { k: 0, w: Float64Array.from(w0), g: new Float64Array(w0.length) };
    },
    step(state: GradientDescentState, problem: Problem): void {
      const { w, g } = state;
      problem.grad(w, g);
      for (let i = 0, n = w.length; i < n; i++) w[i] -= alpha * g[i];
      state.k++;
    },
  };
}

export const gradientDescentDefinition: MethodDefinition = {
  name: 'gd', description: 'gradient descent', equation: 'w <- w - alpha grad J(w)',
  params: [...params, tuneParam(gradientDescentTuning)], tuning: gradientDescentTuning, linear: true,
  build: (p, context) => gradientDescent((p.alpha as number | undefined) ?? defaultRate(context)),
};
