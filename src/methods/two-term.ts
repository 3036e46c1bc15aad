import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, checkValues, rateParam } from './definition.js';
import type { StateSpace } from './linear-form.js';

/** Two-term state: iterate w, previous iterate wPrev, velocity v = w - wPrev, gradient point y and its gradient g. */
export interface TwoTermState extends OptimizerState {
  wPrev: Float64Array;
  v: Float64Array;
  y: Float64Array;
  g: Float64Array;
}

/** The two-term method's parameters: alpha, and the two momenta (of the iterate, of the gradient point). */
export const twoTermParams = [
  rateParam('alpha', 'step size'),
  { name: 'beta1', description: 'momentum of the iterate in [-1, 1]', default: 0.9, min: -1, max: 1 },
  { name: 'beta2', description: 'extrapolation of the gradient point in [-10, 10]', default: 0, min: -10, max: 10 },
];

/**
 * The two-term method x_{k+1} = x_k + β1 (x_k − x_{k−1}) − α ∇f(x_k + β2 (x_k − x_{k−1})) with state (x_k, x_{k−1}):
 * A = [[1+β1, −β1], [1, 0]], B = [−α, 0], C = [1+β2, −β2], D = 0 (Lessard et al. 2016, section 2.2).
 * Gradient descent is β1 = β2 = 0 (reduced to one state), heavy ball β2 = 0, Nesterov β1 = β2.
 *
 * @example
 * twoTermStateSpace(0.5, 0.2, 0).A; // returns [[1.2, -0.2], [1, 0]]
 */
export function twoTermStateSpace(alpha: number, beta1: number, beta2: number): StateSpace {
  if (beta1 === 0 && beta2 === 0) return { A: [[1]], B: [-alpha], C: [1], D: 0 };
  return twoTermMatrices(alpha, beta1, beta2);
}

/** The two-state (x_k, x_{k-1}) matrices, never reduced: the runnable method's state always has both buffers. */
function twoTermMatrices(alpha: number, beta1: number, beta2: number): StateSpace {
  return { A: [[1 + beta1, -beta1], [1, 0]], B: [-alpha, 0], C: [1 + beta2, -beta2], D: 0 };
}

/**
 * The two-term method as a runnable method, started at rest (x_{−1} = x_0):
 *   y_k = w_k + β2 (w_k − w_{k−1});  w_{k+1} = w_k + β1 (w_k − w_{k−1}) − α ∇J(y_k).
 * `name` and `params` let the triple momentum method (a two-term method with tuned coefficients) reuse it.
 *
 * @example
 * twoTerm(0.5, 0.5, 0).params; // returns { alpha: 0.5, beta1: 0.5, beta2: 0 } (heavy ball with beta = 0.5)
 */
export function twoTerm(alpha: number, beta1: number, beta2: number, name = 'two-term', params: Record<string, number> = { alpha, beta1, beta2 }): Optimizer<TwoTermState> {
  checkValues('two-term', twoTermParams, { alpha, beta1, beta2 });
  return {
    name,
    params,
    linear: { ...twoTermMatrices(alpha, beta1, beta2), state: ['w', 'wPrev'], start: { w: [1, 1] } },
    init(_problem: Problem, w0: Float64Array): TwoTermState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), wPrev: Float64Array.from(w0), v: new Float64Array(n), y: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: TwoTermState, problem: Problem): void {
      const { w, wPrev, v, y, g } = state;
      const n = w.length;
      for (let i = 0; i < n; i++) y[i] = w[i] + beta2 * (w[i] - wPrev[i]);
      problem.grad(y, g);
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        const next = wi + beta1 * (wi - wPrev[i]) - alpha * g[i];
        wPrev[i] = wi;
        w[i] = next;
        v[i] = next - wi;
      }
      state.k++;
    },
  };
}

export const twoTermDefinition: MethodDefinition = {
  name: 'two-term', description: 'the two-term linear method of Lessard, Recht & Packard (gd, hb, nag are special cases)',
  equation: 'w+ = w + beta1 (w - w_prev) - alpha grad J(w + beta2 (w - w_prev))',
  params: twoTermParams, linear: true,
  build: (p) => twoTerm(p.alpha as number, p.beta1 as number, p.beta2 as number),
};
