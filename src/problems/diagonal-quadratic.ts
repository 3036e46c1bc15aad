import type { Problem } from './problem.js';
import { type QuadraticOptions, type QuadraticProblem, quadraticDefaults } from './quadratic-problem.js';

/**
 * The grad and valueAndGrad functions made by `diagonalQuadratic`, with the h and w* they read. `run` recognises a
 * problem's valueAndGrad here and measures 1/2 sum_j e_j (h_j e_j), e = w - w*, inline in its loop; gd, hb and nag
 * recognise its grad and take one fused pass per step. Both compute the same operations in the same order, so the same
 * bits. Keyed by function identity: a copy whose grad is replaced or wrapped is not recognised and takes the generic
 * path, unless the wrapper registers itself (as `countingProblem` does, with an `onQuery` that counts inline queries).
 *
 * @example
 * diagonalQuadraticOracles.get(diagonalQuadratic(Float64Array.of(1, 4)).valueAndGrad!)!.h; // returns [1, 4]
 */
export const diagonalQuadraticOracles = new WeakMap<object, DiagonalQuadraticOracle>();

/** What a recognised grad computes: h (w - w*); `onQuery` is called by a method that evaluated it inline (counting). */
export interface DiagonalQuadraticOracle {
  h: Float64Array;
  ws: Float64Array;
  onQuery?: () => void;
}

/**
 * Key of a method's fused step-and-measure on a diagonal quadratic (gd, hb and nag carry one, see `DiagonalStepMeasure`).
 * `run` takes it instead of `step` plus its own measurement when the problem's grad and valueAndGrad are both the
 * diagonal quadratic's own (same h and w*).
 *
 * @example
 * (heavyBall(0.5, { beta: 0.9 }) as WithDiagonalStepMeasure<HeavyBallState>)[diagonalStepMeasure].coefficients; // returns [0.5, 0.9, 0]
 */
export const diagonalStepMeasure: unique symbol = Symbol('diagonalStepMeasure');

/**
 * `count` steps of a method on J(w) = 1/2 sum_i h_i (w_i - w*_i)^2 (gradient h_i (w_i - w*_i) inline, exactly as the
 * method's fused `step`), each followed by the measurement of the new iterate in the same pass:
 * `steps(coefficients, state, h, ws, count, eHe, gg)` stores sum_i e_i (h_i e_i) in eHe[j] and sum_i (h_i e_i)^2 in
 * gg[j] after step j + 1, e = w - w* (run's measurement: the same operations in the same order, so the same bits). It
 * changes only state.w, state.v and state.k (so a caller may save w and v and replay fewer steps); counting the
 * gradient queries is the caller's job.
 * `steps` is one function per method (module level) and reads the method's parameters from `coefficients`: a closure per
 * method instance made V8 inline it into run's loop only sometimes (its feedback is per closure).
 */
export interface DiagonalStepMeasure<S> {
  /** The method's parameters in the order `steps` reads them, e.g. [alpha, beta, lookahead]. */
  readonly coefficients: Float64Array;
  /** The method's own `step`, which `steps` repeats: a method whose `step` is not this one (replaced, or a copy with
   * another step) is run with its `step`. */
  readonly step: (state: S, problem: Problem) => void;
  steps(coefficients: Float64Array, state: S, h: Float64Array, ws: Float64Array, count: number, eHe: Float64Array, gg: Float64Array): void;
}

/** A method that carries a `DiagonalStepMeasure` under the key `diagonalStepMeasure`. */
export type WithDiagonalStepMeasure<S> = { readonly [diagonalStepMeasure]: DiagonalStepMeasure<S> };

let lastGrad: unknown = null;
let lastOracle: DiagonalQuadraticOracle | undefined;

/**
 * The diagonal-quadratic oracle behind a grad function, or undefined. A one-entry cache in front of the WeakMap keeps the
 * per-step cost of the lookup at one comparison (runs of 2-D problems take ~15 ns per step).
 */
export function diagonalOracleOf(grad: unknown): DiagonalQuadraticOracle | undefined {
  if (grad !== lastGrad) { lastGrad = grad; lastOracle = diagonalQuadraticOracles.get(grad as object); }
  return lastOracle;
}

/**
 * The diagonal quadratic J(w) = 1/2 sum_j h_j (w_j - w*_j)^2: the lecture's model problem in the eigenbasis
 * (Lecture 9, "analysis on quadratics"). The eigenvectors are the coordinate axes.
 *
 * @example
 * const p = diagonalQuadratic(Float64Array.of(1, 4));
 * p.value(Float64Array.of(1, 1)); // returns 2.5
 */
export function diagonalQuadratic(h: Float64Array, options: QuadraticOptions = {}): QuadraticProblem {
  const dim = h.length;
  const { minimizer: ws, x0 } = quadraticDefaults(dim, options);
  // Sort order of the eigenvalues, so that eigenCoordinates follows `spectrum` (ascending); skipped when h is sorted.
  let sorted = true;
  for (let i = 1; i < dim && sorted; i++) sorted = h[i - 1] <= h[i];
  const order = sorted ? null : Array.from({ length: dim }, (_, i) => i).sort((a, b) => h[a] - h[b]);
  const spectrum = sorted ? Float64Array.from(h) : Float64Array.from(order!, (j) => h[j]);
  const applyH = (v: Float64Array, out: Float64Array): Float64Array => {
    for (let i = 0; i < dim; i++) out[i] = h[i] * v[i];
    return out;
  };
  const valueAndGrad = (w: Float64Array, out: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < dim; i++) { const e = w[i] - ws[i], g = h[i] * e; out[i] = g; s += e * g; }
    return 0.5 * s;
  };
  const grad = (w: Float64Array, out: Float64Array): Float64Array => {
    for (let i = 0; i < dim; i++) out[i] = h[i] * (w[i] - ws[i]);
    return out;
  };
  diagonalQuadraticOracles.set(valueAndGrad, { h, ws });
  diagonalQuadraticOracles.set(grad, { h, ws });
  return {
    name: options.name ?? 'quadratic',
    label: options.label ?? `diagonal quadratic dim=${dim}`,
    dim,
    x0,
    minimizer: ws,
    minValue: 0,
    spectrum,
    mu: spectrum[0],
    L: spectrum[dim - 1],
    value(w) {
      let s = 0;
      for (let i = 0; i < dim; i++) { const e = w[i] - ws[i]; s += h[i] * e * e; }
      return 0.5 * s;
    },
    grad,
    valueAndGrad,
    hvp: (_w, v, out) => applyH(v, out),
    applyH,
    eigenCoordinates(w, out) {
      if (order === null) for (let i = 0; i < dim; i++) out[i] = w[i] - ws[i];
      else for (let i = 0; i < dim; i++) out[i] = w[order[i]] - ws[order[i]];
      return out;
    },
  };
}
