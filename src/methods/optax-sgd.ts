import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';

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
  return {
    name: 'optax-sgd',
    params: { learning_rate, momentum, nesterov },
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
