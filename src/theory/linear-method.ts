import { checkNumber, ParameterError } from '../errors.js';

/** Names of the methods whose per-eigendirection dynamics on a quadratic are a 2x2 linear map. */
export type LinearMethodName = 'gd' | 'hb' | 'nag' | 'two-term';

/**
 * A two-term linear method `x+ = x - alpha grad(x + beta2 (x - x_prev)) + beta1 (x - x_prev)`:
 * GD is (beta1, beta2) = (0, 0), heavy ball (beta, 0), Nesterov in Sutskever's form (beta, beta).
 */
export interface LinearMethod {
  readonly method: LinearMethodName;
  readonly alpha: number;
  readonly beta1: number;
  readonly beta2: number;
}

/**
 * Build a linear method from its lecture parameters, checking them at the boundary.
 * Heavy ball `v <- beta v - alpha grad(w); w <- w + v` is the two-term method with beta1 = beta, beta2 = 0;
 * Nesterov (Sutskever) `v <- beta v - alpha grad(w + beta v); w <- w + v` has beta1 = beta2 = beta.
 *
 * @example
 * linearMethod('nag', { alpha: 0.1, beta: 0.9 });
 * // returns { method: 'nag', alpha: 0.1, beta1: 0.9, beta2: 0.9 }
 */
export function linearMethod(
  method: LinearMethodName,
  { alpha, beta = 0, beta1, beta2 }: { alpha: number; beta?: number; beta1?: number; beta2?: number },
): LinearMethod {
  checkNumber('alpha', alpha, { min: 0, minExclusive: true });
  switch (method) {
    case 'gd':
      return { method, alpha, beta1: 0, beta2: 0 };
    case 'hb':
      checkNumber('beta', beta, { min: 0, max: 1 });
      return { method, alpha, beta1: beta, beta2: 0 };
    case 'nag':
      checkNumber('beta', beta, { min: 0, max: 1 });
      return { method, alpha, beta1: beta, beta2: beta };
    case 'two-term':
      checkNumber('beta1', beta1, { min: -1, max: 1 });
      checkNumber('beta2', beta2 ?? 0, { min: -10, max: 10 });
      return { method, alpha, beta1: beta1!, beta2: beta2 ?? 0 };
    default:
      throw new ParameterError('method', method, 'one of gd | hb | nag | two-term');
  }
}

/**
 * Coefficients of the characteristic polynomial `z^2 - a z + b` of one eigendirection with curvature h:
 * a = 1 + beta1 - alpha h (1 + beta2), b = beta1 - alpha h beta2 (for heavy ball: gamma = 1 + beta - alpha h and beta).
 *
 * @example
 * characteristic(linearMethod('hb', { alpha: 0.5, beta: 0.25 }), 1);
 * // returns { a: 0.75, b: 0.25 }
 */
export function characteristic(m: LinearMethod, h: number): { a: number; b: number } {
  const x = m.alpha * h;
  // Beyond |alpha h| = 1e100 the squares below overflow and eigenvalues would come out NaN: refuse instead.
  if (!(Math.abs(x) <= 1e100)) throw new ParameterError('h', h, `a curvature with |alpha h| <= 1e100 (alpha = ${m.alpha})`);
  return { a: 1 + m.beta1 - x * (1 + m.beta2), b: m.beta1 - x * m.beta2 };
}

/** The momentum coefficient that multiplies the velocity on a plane: beta for HB and NAG, 0 for GD. */
export function momentumOf(m: LinearMethod): number {
  return m.beta1;
}
