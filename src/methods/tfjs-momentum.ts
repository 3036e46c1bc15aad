import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, checkValues, rateParam } from './definition.js';
import { traceLinearForm } from './optax-sgd.js';

/** tf.js momentum state: variables w, tf.js's `accumulation` (initialised to zeros), step v = w^(k) - w^(k-1), gradient g. */
export interface TfjsMomentumState extends OptimizerState {
  accumulation: Float64Array;
  v: Float64Array;
  g: Float64Array;
}

/**
 * An adapter reproducing tf.js's `tf.train.momentum(learningRate, momentum, useNesterov)` (MomentumOptimizer in
 * tfjs-core/src/methods/momentum_optimizer.ts, with c = -learningRate from SGDOptimizer):
 *
 * accumulation = momentum accumulation + g;  w = w + c (g + momentum accumulation) if useNesterov, else w + c accumulation.
 * In the lecture's terms: hb(alpha = learningRate, beta = momentum) with v = -learningRate accumulation (the same
 * update as optax's trace and PyTorch's dampening-free buffer); useNesterov gives nag's look-ahead points w + beta v.
 *
 * @example
 * // J = 1/2 w^2, w0 = 1, learningRate = 0.5, momentum = 0.5: w1 = 0.5, w2 = 0
 * const opt = tfjsMomentum(0.5, 0.5);
 */
export function tfjsMomentum(learningRate: number, momentum: number, useNesterov = false): Optimizer<TfjsMomentumState> {
  checkValues('tfjs-momentum', params, { learningRate, momentum, useNesterov });
  const c = -learningRate;
  return {
    name: 'tfjs-momentum',
    params: { learningRate, momentum, useNesterov },
    linear: traceLinearForm(learningRate, momentum, useNesterov, 'accumulation'),
    init(_problem: Problem, w0: Float64Array): TfjsMomentumState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), accumulation: new Float64Array(n), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: TfjsMomentumState, problem: Problem): void {
      const { w, accumulation, v, g } = state;
      problem.grad(w, g);
      for (let i = 0, n = w.length; i < n; i++) {
        const gi = g[i];
        const acc = momentum * accumulation[i] + gi;
        accumulation[i] = acc;
        const step = c * (useNesterov ? gi + acc * momentum : acc);
        v[i] = step;
        w[i] = step + w[i];
      }
      state.k++;
    },
  };
}

const params = [rateParam('learningRate'), { name: 'momentum', default: 0.9, min: 0, max: 1, description: 'momentum in [0, 1] (tf.js requires it; default here 0.9)' },
  { name: 'useNesterov', kind: 'boolean' as const, default: false, description: 'Nesterov momentum' }];

export const tfjsMomentumDefinition: MethodDefinition = {
  name: 'tfjs-momentum', description: 'adapter: tf.train.momentum (tf.js MomentumOptimizer)', equation: 'accumulation <- momentum accumulation + g; w <- w - learningRate (useNesterov ? g + momentum accumulation : accumulation)',
  params, linear: true,
  build: (p) => tfjsMomentum(p.learningRate as number, p.momentum as number, p.useNesterov as boolean),
};
