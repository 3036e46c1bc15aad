import { checkNumber } from '../errors.js';

/** Options shared by the NQM functions: the preconditioning power p of P = H^-p (0, none, by default). */
export interface NqmPreconditionOption {
  precondition?: number;
}

/** Check a preconditioning power: a number in [0, 1]. */
export function checkPrecondition(p: unknown, parameter = 'precondition'): number {
  return checkNumber(parameter, p, { min: 0, max: 1 });
}

/**
 * The direction a linear method sees when its gradient is preconditioned by P = H^-p (Zhang et al. 2019, section 3.3):
 * in direction i it receives h_i^-p (h_i w_i + eps_i) = h'_i w_i + eps'_i with
 *   h'_i = h_i^(1-p),   eps'_i ~ N(0, c'_i / B),   c'_i = h_i^(-2p) c_i,
 * so the preconditioned method is the same linear method on the curvature h' and noise c' (its start's gradient
 * included), while the loss it is measured in stays 1/2 h_i w_i^2. p = 0 returns h and c unchanged (bit for bit).
 *
 * @example
 * nqmPreconditionDirection(0.25, 0.25, 0.5); // returns { h: 0.5, c: 1 }  (h^(1/2), h^-1 c)
 */
export function nqmPreconditionDirection(h: number, c: number, p: number): { h: number; c: number } {
  if (p === 0) return { h, c };
  return { h: h ** (1 - p), c: c * h ** (-2 * p) };
}
