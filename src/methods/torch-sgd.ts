import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { ParameterError } from '../errors.js';
import { type MethodDefinition, checkValues, rateParam } from './definition.js';
import type { LinearForm } from './linear-form.js';

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
  checkValues('torch-sgd', params, { lr, momentum, dampening, nesterov, weight_decay });
  if (nesterov && (!(momentum > 0) || dampening !== 0)) {
    throw new ParameterError('torch-sgd.nesterov', true, 'nesterov=false unless momentum > 0 and dampening = 0 (as PyTorch requires)');
  }
  return {
    name: 'torch-sgd',
    params: { lr, momentum, dampening, nesterov, weight_decay },
    linear: torchSGDLinearForm(lr, momentum, dampening, nesterov, weight_decay),
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

const params = [rateParam('lr'), { name: 'momentum', default: 0, min: 0, max: 1, description: 'momentum in [0, 1]' },
  { name: 'dampening', default: 0, min: 0, max: 1, description: 'dampening in [0, 1]' }, { name: 'nesterov', kind: 'boolean' as const, default: false, description: 'Nesterov momentum' },
  { name: 'weight_decay', default: 0, min: 0, description: 'L2 penalty (>= 0)' }];

/**
 * torch.optim.SGD's linear form, with d_p = u + wd p (weight decay is linear in p): without momentum, state (p),
 * p+ = (1 - lr wd) p - lr u; with momentum mu, state (p, buf), buf+ = mu buf + (1 - d) d_p and p+ = p - lr buf+
 * (nesterov, d = 0: p+ = p - lr ((1 + mu) d_p + mu^2 buf)). PyTorch's first step sets buf = d_p instead of
 * (1 - d) d_p: that is the form started from buf_0 = (d/mu) d_p(w_0) (`start`), so the rate is unchanged.
 *
 * @example
 * torchSGDLinearForm(0.1, 0.9, 0, false, 0).A; // returns [[1, -0.09], [0, 0.9]]
 */
export function torchSGDLinearForm(lr: number, mu: number, d: number, nesterov: boolean, wd: number): LinearForm {
  if (mu === 0) return { A: [[1 - lr * wd]], B: [-lr], C: [1], D: 0, state: ['w'], start: { w: [1] } };
  const form: LinearForm = nesterov
    ? { A: [[1 - lr * (1 + mu) * wd, -lr * mu * mu], [wd, mu]], B: [-lr * (1 + mu), 1], C: [1, 0], D: 0, state: ['w', 'buf'], start: { w: [1, 0] } }
    : { A: [[1 - lr * (1 - d) * wd, -lr * mu], [(1 - d) * wd, mu]], B: [-lr * (1 - d), 1 - d], C: [1, 0], D: 0, state: ['w', 'buf'], start: { w: [1, (d / mu) * wd], g: [0, d / mu] } };
  if (d !== 0) form.firstStep = 'PyTorch sets buf = d_p on the first step: the form started from buf_0 = (dampening/momentum) d_p(w_0)';
  return form;
}

export const torchSGDDefinition: MethodDefinition = {
  name: 'torch-sgd', description: 'adapter: torch.optim.SGD', equation: 'buf <- momentum buf + (1 - dampening) g (first step buf = g); g <- g + momentum buf if nesterov else buf; p <- p - lr g',
  params, linear: true,
  build: (p) => torchSGD(p.lr as number, { momentum: p.momentum as number, dampening: p.dampening as number, nesterov: p.nesterov as boolean, weight_decay: p.weight_decay as number }),
};
