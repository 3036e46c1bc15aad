import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';

/** PyTorch SGD state: parameters w (PyTorch's p), momentum buffer buf, step v = w^(k) - w^(k-1), gradient g. */
export interface TorchSGDState extends OptimizerState {
  buf: Float64Array;
  v: Float64Array;
  g: Float64Array;
}

/** PyTorch SGD's hyper-parameters (torch.optim.SGD keyword names). */
export interface TorchSGDOptions {
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weight_decay?: number;
}

/**
 * An adapter reproducing torch.optim.SGD's update exactly (torch/optim/sgd.py, `_single_tensor_sgd`):
 *
 * g = grad J(p) + weight_decay p;  buf = g at the first step, else buf = momentum buf + (1 - dampening) g;
 * g = g + momentum buf if nesterov else buf;  p = p - lr g.
 * In the lecture's terms (proved in test/methods/adapters.test.ts): with dampening = 0 it is hb(alpha = lr,
 * beta = momentum) with v = -lr buf; with dampening d it is hb(alpha = lr (1 - d), beta = momentum) except that the
 * first step uses lr instead of lr (1 - d); nesterov = true gives iterates p_k = w_k + beta v_k, the look-ahead points of
 * nag(alpha = lr, beta = momentum); weight_decay wd is hb on J(w) + wd/2 ||w||^2.
 *
 * @example
 * // J = 1/2 w^2, p0 = 1, lr = 0.5, momentum = 0.5: p1 = 0.5, p2 = 0 (as hb)
 * const sgd = torchSGD(0.5, { momentum: 0.5 });
 */
export function torchSGD(lr: number, { momentum = 0, dampening = 0, nesterov = false, weight_decay = 0 }: TorchSGDOptions = {}): Optimizer<TorchSGDState> {
  return {
    name: 'torch-sgd',
    params: { lr, momentum, dampening, nesterov, weight_decay },
    init(_problem: Problem, w0: Float64Array): TorchSGDState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), buf: new Float64Array(n), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: TorchSGDState, problem: Problem): void {
      const { w: p, buf, v, g } = state;
      problem.grad(p, g);
      const first = state.k === 0;
      for (let i = 0, n = p.length; i < n; i++) {
        let d_p = g[i];
        if (weight_decay !== 0) d_p = d_p + weight_decay * p[i];
        if (momentum !== 0) {
          const b = first ? d_p : momentum * buf[i] + (1 - dampening) * d_p;
          buf[i] = b;
          d_p = nesterov ? d_p + momentum * b : b;
        }
        const step = -lr * d_p;
        v[i] = step;
        p[i] += step;
      }
      state.k++;
    },
  };
}
