import { checkNumber } from '../errors.js';
import { directionRate } from './direction-matrix.js';
import { linearMethod } from './linear-method.js';

/**
 * The effective learning rate of momentum, alpha_eff = alpha / (1 - beta) (lecture, "the overdamped case").
 *
 * @example
 * effectiveLearningRate(0.01, 0.9); // returns 0.1
 */
export function effectiveLearningRate(alpha: number, beta: number): number {
  checkNumber('alpha', alpha, { min: 0, minExclusive: true });
  checkNumber('beta', beta, { min: 0, max: 1, maxExclusive: true });
  return alpha / (1 - beta);
}

/**
 * Terminal velocity of heavy ball on a plane (constant gradient g): the fixed point of v <- beta v - alpha g,
 * v_inf = -alpha/(1 - beta) g; after k steps from v = 0 the velocity is v_inf (1 - beta^k).
 *
 * @example
 * terminalVelocity(0.01, 0.9, new Float64Array([2]), new Float64Array(1)); // returns [-0.2]
 */
export function terminalVelocity(alpha: number, beta: number, g: Float64Array, out: Float64Array): Float64Array {
  const s = -effectiveLearningRate(alpha, beta);
  for (let i = 0; i < g.length; i++) out[i] = s * g[i];
  return out;
}

/**
 * The small-alpha approximation of heavy ball's spectral radius by gradient descent with the effective learning rate,
 * rho ~ 1 - alpha_eff h, with its error: exact - approx = -beta (alpha h)^2 / (1 - beta)^3 + O((alpha h)^3)
 * (from z = 1 + c1 x + c2 x^2 in z^2 - (1 + beta - x) z + beta = 0, x = alpha h: c1 = -1/(1 - beta),
 * c2 = -beta/(1 - beta)^3). Valid in the overdamped range h <= T.
 *
 * @example
 * smallAlphaRate(0.001, 0.5, 1);
 * // returns { exact: 0.997995976..., approx: 0.998, error: -4.024e-6, leadingError: -4e-6 }
 */
export function smallAlphaRate(alpha: number, beta: number, h: number): { exact: number; approx: number; error: number; leadingError: number } {
  checkNumber('h', h, { min: 0 });
  const approx = 1 - effectiveLearningRate(alpha, beta) * h;
  const exact = directionRate(linearMethod('hb', { alpha, beta }), h);
  const x = alpha * h;
  return { exact, approx, error: exact - approx, leadingError: (-beta * x * x) / (1 - beta) ** 3 };
}
