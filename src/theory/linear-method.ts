import { checkNumber, ParameterError } from '../errors.js';
import { checkValues } from '../methods/definition.js';
import { methodDefinition } from '../methods/registry.js';
import { twoTermParams } from '../methods/two-term.js';

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
 * Build a linear method from its lecture parameters, checked against the method's own parameter ranges
 * (src/methods: hb and nag beta in [0, 1), two-term beta1 in [-1, 1], beta2 in [-10, 10]).
 * Heavy ball `v <- beta v - alpha grad(w); w <- w + v` is the two-term method with beta1 = beta, beta2 = 0;
 * Nesterov (Sutskever) `v <- beta v - alpha grad(w + beta v); w <- w + v` has beta1 = beta2 = beta. (Any linear form
 * of order 2 maps to these coefficients: `formCharacteristic` in linear-form-analysis.ts; a test checks both agree.)
 *
 * @example
 * linearMethod('nag', { alpha: 0.1, beta: 0.9 });
 * // returns { method: 'nag', alpha: 0.1, beta1: 0.9, beta2: 0.9 }
 */
export function linearMethod(
  method: LinearMethodName,
  { alpha, beta = 0, beta1, beta2 }: { alpha: number; beta?: number; beta1?: number; beta2?: number },
): LinearMethod {
  if (!(['gd', 'hb', 'nag', 'two-term'] as unknown[]).includes(method)) throw new ParameterError('method', method, 'one of gd | hb | nag | two-term');
  const params = method === 'two-term' ? twoTermParams : methodDefinition(method).params;
  const values = method === 'gd' ? { alpha } : method === 'two-term' ? { alpha, beta1, beta2: beta2 ?? 0 } : { alpha, beta };
  checkNumber('alpha', alpha, { min: 0, minExclusive: true });
  checkValues(method, params, values);
  if (method === 'two-term' && beta1 === undefined) throw new ParameterError('two-term.beta1', undefined, 'a number in [-1, 1]');
  switch (method) {
    case 'gd': return { method, alpha, beta1: 0, beta2: 0 };
    case 'hb': return { method, alpha, beta1: beta, beta2: 0 };
    case 'nag': return { method, alpha, beta1: beta, beta2: beta };
    default: return { method, alpha, beta1: beta1!, beta2: beta2 ?? 0 };
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
