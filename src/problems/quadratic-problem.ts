import { checkNumber } from '../errors.js';
import { type Problem, PROBLEM_MAX_DIM } from './problem.js';

/**
 * A quadratic J(w) = 1/2 (w - w*)^T H (w - w*) with its known structure: spectrum h_j (ascending), w*, J* = 0,
 * mu = h_min, L = h_max, Hessian-vector products and the error's eigen-coordinates q_j^T (w - w*).
 */
export interface QuadraticProblem extends Problem {
  readonly spectrum: Float64Array;
  readonly minimizer: Float64Array;
  readonly minValue: number;
  readonly mu: number;
  readonly L: number;
  hvp(w: Float64Array, v: Float64Array, out: Float64Array): Float64Array;
  eigenCoordinates(w: Float64Array, out: Float64Array): Float64Array;
  /** out <- H v (the Hessian is constant). */
  applyH(v: Float64Array, out: Float64Array): Float64Array;
}

/** Options shared by every quadratic constructor. */
export interface QuadraticOptions {
  /** The minimiser w* (default 0). */
  minimizer?: Float64Array;
  /** Start point (default all ones). */
  x0?: Float64Array;
  /** Spec name (default 'quadratic'). */
  name?: string;
  /** Human-readable label. */
  label?: string;
}

/** Fill missing defaults: w* = 0, x0 = ones; checks lengths. */
export function quadraticDefaults(dim: number, { minimizer, x0 }: QuadraticOptions): { minimizer: Float64Array; x0: Float64Array } {
  checkNumber('dim', dim, { min: 1, max: PROBLEM_MAX_DIM, integer: true });
  const ws = minimizer ?? new Float64Array(dim);
  const start = x0 ?? new Float64Array(dim).fill(1);
  if (ws.length !== dim) throw new RangeError(`minimizer has length ${ws.length}, expected ${dim}`);
  if (start.length !== dim) throw new RangeError(`x0 has length ${start.length}, expected ${dim}`);
  return { minimizer: ws, x0: start };
}
