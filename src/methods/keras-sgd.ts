import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, checkValues, rateParam } from './definition.js';

/** Keras SGD state: variables w, Keras's momentum slot `velocity`, step v = w^(k) - w^(k-1), gradient g. */
export interface KerasSGDState extends OptimizerState {
  velocity: Float64Array;
  v: Float64Array;
  g: Float64Array;
}

/**
 * An adapter reproducing Keras 3's keras.optimizers.SGD update (keras/src/optimizers/sgd.py):
 *
 * velocity = momentum velocity - learning_rate g;  w = w + velocity, or with nesterov w = w + momentum velocity - learning_rate g.
 * In the lecture's terms: exactly hb(alpha = learning_rate, beta = momentum) with v = velocity (no first-step special case);
 * with nesterov the iterates are nag's look-ahead points w + beta v, as PyTorch's and optax's.
 *
 * @example
 * // J = 1/2 w^2, w0 = 1, learning_rate = 0.5, momentum = 0.5: w1 = 0.5, w2 = 0
 * const sgd = kerasSGD(0.5, { momentum: 0.5 });
 */
export function kerasSGD(learning_rate: number, { momentum = 0, nesterov = false }: { momentum?: number; nesterov?: boolean } = {}): Optimizer<KerasSGDState> {
  checkValues('keras-sgd', params, { learning_rate, momentum, nesterov });
  const mu = momentum, lr = learning_rate;
  return {
    name: 'keras-sgd',
    params: { learning_rate, momentum, nesterov },
    // velocity+ = mu velocity - lr u; w+ = w + velocity+ (nesterov: w+ = w + mu velocity+ - lr u = w + mu^2 velocity - lr (1 + mu) u).
    linear: mu === 0 ? { A: [[1]], B: [-lr], C: [1], D: 0, state: ['w'], start: { w: [1] } }
      : nesterov ? { A: [[1, mu * mu], [0, mu]], B: [-lr * (1 + mu), -lr], C: [1, 0], D: 0, state: ['w', 'velocity'], start: { w: [1, 0] } }
        : { A: [[1, mu], [0, mu]], B: [-lr, -lr], C: [1, 0], D: 0, state: ['w', 'velocity'], start: { w: [1, 0] } },
    init(_problem: Problem, w0: Float64Array): KerasSGDState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), velocity: new Float64Array(n), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: KerasSGDState, problem: Problem): void {
      const { w, velocity, v, g } = state;
      problem.grad(w, g);
      for (let i = 0, n = w.length; i < n; i++) {
        const gi = g[i];
        const m = -gi * learning_rate + velocity[i] * momentum;
        velocity[i] = m;
        const step = nesterov ? -gi * learning_rate + m * momentum : m;
        v[i] = step;
        w[i] += step;
      }
      state.k++;
    },
  };
}

const params = [rateParam('learning_rate'), { name: 'momentum', default: 0, min: 0, max: 1, description: 'momentum in [0, 1] (as Keras checks)' }, { name: 'nesterov', kind: 'boolean' as const, default: false, description: 'Nesterov momentum' }];

export const kerasSGDDefinition: MethodDefinition = {
  name: 'keras-sgd', description: 'adapter: keras.optimizers.SGD (Keras 3)', equation: 'velocity <- momentum velocity - learning_rate g; w <- w + velocity (nesterov: w <- w + momentum velocity - learning_rate g)',
  params, linear: true,
  build: (p) => kerasSGD(p.learning_rate as number, { momentum: p.momentum as number, nesterov: p.nesterov as boolean }),
};
