import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, checkValues, rateParam } from './definition.js';
import type { LinearForm } from './linear-form.js';

/** optax sgd state: parameters w, the trace t (optax TraceState.trace, initialised to zeros), step v, gradient g. */
export interface OptaxSGDState extends OptimizerState {
  trace: Float64Array;
  v: Float64Array;
  g: Float64Array;
}

/**
 * An adapter reproducing optax.sgd(learning_rate, momentum, nesterov) = chain(trace(decay=momentum, nesterov),
 * scale_by_learning_rate(learning_rate)), then optax.apply_updates (optax/_src/alias.py, transform.py):
 *
 * t = g + momentum t (t starts at zeros, so the first trace is g: no special first step, no dampening);
 * u = g + momentum t if nesterov else t;  u = -learning_rate u;  w = w + u.
 * In the lecture's terms: hb(alpha = learning_rate, beta = momentum) with v = -learning_rate t, identical to
 * torch-sgd with dampening 0; with nesterov the iterates are nag's look-ahead points w + beta v (as PyTorch's).
 * momentum = 0 is optax's `momentum=None` (plain SGD).
 *
 * @example
 * // J = 1/2 w^2, w0 = 1, learning_rate = 0.5, momentum = 0.5: w1 = 0.5, w2 = 0
 * const sgd = optaxSGD(0.5, { momentum: 0.5 });
 */
export function optaxSGD(learning_rate: number, { momentum = 0, nesterov = false }: { momentum?: number; nesterov?: boolean } = {}): Optimizer<OptaxSGDState> {
  checkValues('optax-sgd', params, { learning_rate, momentum, nesterov });
  return {
    name: 'optax-sgd',
    params: { learning_rate, momentum, nesterov },
    linear: traceLinearForm(learning_rate, momentum, nesterov, 'trace'),
    init(_problem: Problem, w0: Float64Array): OptaxSGDState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), trace: new Float64Array(n), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: OptaxSGDState, problem: Problem): void {
      const { w, trace, v, g } = state;
      problem.grad(w, g);
      for (let i = 0, n = w.length; i < n; i++) {
        const gi = g[i];
        const t = gi + momentum * trace[i];
        trace[i] = t;
        const u = -learning_rate * (nesterov ? gi + momentum * t : t);
        v[i] = u;
        w[i] += u;
      }
      state.k++;
    },
  };
}

/**
 * The linear form of a trace-then-scale update (optax.sgd, tf.train.momentum): t+ = mu t + u, w+ = w - lr t+ (nesterov:
 * w+ = w - lr (u + mu t+)), state (w, t) with `t` the state's trace buffer; without momentum, state (w) (gradient descent).
 *
 * @example
 * traceLinearForm(0.1, 0.5, false, 'trace').A; // returns [[1, -0.05], [0, 0.5]]
 */
export function traceLinearForm(lr: number, mu: number, nesterov: boolean, buffer: string): LinearForm {
  if (mu === 0) return { A: [[1]], B: [-lr], C: [1], D: 0, state: ['w'], start: { w: [1] } };
  return nesterov
    ? { A: [[1, -lr * mu * mu], [0, mu]], B: [-lr * (1 + mu), 1], C: [1, 0], D: 0, state: ['w', buffer], start: { w: [1, 0] } }
    : { A: [[1, -lr * mu], [0, mu]], B: [-lr, 1], C: [1, 0], D: 0, state: ['w', buffer], start: { w: [1, 0] } };
}

const params = [rateParam('learning_rate'), { name: 'momentum', default: 0, min: 0, max: 1, description: 'trace decay in [0, 1] (0 = optax momentum=None)' }, { name: 'nesterov', kind: 'boolean' as const, default: false, description: 'Nesterov momentum' }];

export const optaxSGDDefinition: MethodDefinition = {
  name: 'optax-sgd', description: 'adapter: optax.sgd (trace then scale by -learning_rate)', equation: 't <- g + momentum t; u = g + momentum t if nesterov else t; w <- w - learning_rate u',
  params, linear: true,
  build: (p) => optaxSGD(p.learning_rate as number, { momentum: p.momentum as number, nesterov: p.nesterov as boolean }),
};
