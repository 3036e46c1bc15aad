import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, betaParam, checkValues, rateParam } from './definition.js';

/** QHM state: iterate w, momentum buffer m (an average of gradients), step v = w^(k) - w^(k-1), gradient g. */
export interface QHMState extends OptimizerState {
  m: Float64Array;
  v: Float64Array;
  g: Float64Array;
}

/**
 * Quasi-hyperbolic momentum: a nu-weighted average of a plain gradient step and a momentum step.
 *
 * m^(k+1) = beta m^(k) + (1 - beta) grad J(w^(k));  w^(k+1) = w^(k) - alpha [(1 - nu) grad J(w^(k)) + nu m^(k+1)]
 * (Ma & Yarats 2019, "Quasi-hyperbolic momentum and Adam for deep learning", eq. 3). nu = 0 is GD with alpha;
 * nu = 1 is heavy ball with learning rate alpha (1 - beta) and the same beta; nu = beta is PyTorch's Nesterov
 * momentum with lr = alpha (1 - beta), whose iterates are the look-ahead points w + beta v of the Sutskever form.
 *
 * @example
 * // J = 1/2 w^2, w0 = 1, alpha = 1, beta = 0.5, nu = 0.5: m1 = 0.5, w1 = 1 - (0.5 + 0.25) = 0.25
 * const q = quasiHyperbolicMomentum(1, { beta: 0.5, nu: 0.5 });
 */
export function quasiHyperbolicMomentum(alpha: number, { beta = 0.999, nu = 0.7 }: { beta?: number; nu?: number } = {}): Optimizer<QHMState> {
  checkValues('qhm', params, { alpha, beta, nu });
  return {
    name: 'qhm',
    params: { alpha, beta, nu },
    // m+ = beta m + (1 - beta) u; w+ = w - alpha nu beta m - alpha (1 - nu beta) u.
    linear: { A: [[1, -alpha * nu * beta], [0, beta]], B: [-alpha * (1 - nu * beta), 1 - beta], C: [1, 0], D: 0, state: ['w', 'm'], start: { w: [1, 0] } },
    init(_problem: Problem, w0: Float64Array): QHMState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), m: new Float64Array(n), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: QHMState, problem: Problem): void {
      const { w, m, v, g } = state;
      problem.grad(w, g);
      for (let i = 0, n = w.length; i < n; i++) {
        const gi = g[i];
        const mi = beta * m[i] + (1 - beta) * gi;
        m[i] = mi;
        const step = -alpha * ((1 - nu) * gi + nu * mi);
        v[i] = step;
        w[i] += step;
      }
      state.k++;
    },
  };
}

const params = [rateParam(), betaParam(0.999, 'momentum averaging beta'), { name: 'nu', default: 0.7, min: 0, max: 1, description: 'immediate discount nu in [0, 1]' }];

export const quasiHyperbolicMomentumDefinition: MethodDefinition = {
  name: 'qhm', description: 'quasi-hyperbolic momentum (Ma & Yarats 2019)', equation: 'm <- beta m + (1 - beta) g; w <- w - alpha ((1 - nu) g + nu m)',
  params, linear: true,
  build: (p) => quasiHyperbolicMomentum(p.alpha as number, { beta: p.beta as number, nu: p.nu as number }),
};
