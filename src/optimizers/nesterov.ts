import type { Problem } from '../problems/problem.js';
import { type WithDiagonalStepMeasure, diagonalOracleOf, diagonalStepMeasure } from '../problems/diagonal-quadratic.js';
import type { Optimizer, OptimizerState } from './optimizer.js';

/** Nesterov (Sutskever form) state: iterate w, velocity v, look-ahead point y = w + beta v, gradient g = grad J(y). */
export interface NesterovState extends OptimizerState {
  v: Float64Array;
  y: Float64Array;
  g: Float64Array;
}

/**
 * Nesterov's accelerated gradient in Sutskever et al.'s (2013) momentum form: the gradient is taken at the look-ahead point.
 *
 * v^(k+1) = beta v^(k) - alpha grad J(w^(k) + beta v^(k));  w^(k+1) = w^(k) + v^(k+1)   (Lecture 9, slide 25).
 *
 * @example
 * // J(w) = 1/2 w^2, w0 = 1, v0 = 0, alpha = 0.5, beta = 0.5: y0 = 1, v1 = -0.5, w1 = 0.5; y1 = 0.25, v2 = -0.375, w2 = 0.125
 * const nag = nesterov(0.5, { beta: 0.5 });
 */
export function nesterov(alpha: number, { beta = 0.9 }: { beta?: number } = {}): Optimizer<NesterovState> {
  const step = (state: NesterovState, problem: Problem): void => {
    const { w, v, y, g } = state;
    const n = w.length;
    const diagonal = diagonalOracleOf(problem.grad);
    if (diagonal !== undefined) {
      const { h, ws } = diagonal;
      diagonal.onQuery?.();
      // Diagonal quadratic: grad_i(y) = h_i (y_i - w*_i) inline, one fused pass (same rounding as below).
      for (let i = 0; i < n; i++) {
        const vi = beta * v[i] - alpha * (h[i] * ((w[i] + beta * v[i]) - ws[i]));
        v[i] = vi;
        w[i] += vi;
      }
      state.k++;
      return;
    }
    for (let i = 0; i < n; i++) y[i] = w[i] + beta * v[i];
    problem.grad(y, g);
    for (let i = 0; i < n; i++) {
      const vi = beta * v[i] - alpha * g[i];
      v[i] = vi;
      w[i] += vi;
    }
    state.k++;
  };
  const method: Optimizer<NesterovState> & WithDiagonalStepMeasure<NesterovState> = {
    name: 'nag',
    params: { alpha, beta },
    init(_problem: Problem, w0: Float64Array): NesterovState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), v: new Float64Array(n), y: new Float64Array(n), g: new Float64Array(n) };
    },
    step,
    // run's fast path on diagonal quadratics (DiagonalStepMeasure): blocks of step's fused path, each new iterate
    // measured in the same pass; tied to this `step` (a copy of the method with another step does not take it).
    [diagonalStepMeasure]: { coefficients: Float64Array.of(alpha, beta), steps: nagStepsMeasured, step },
  };
  return method;
}

/**
 * `count` Nesterov steps on a diagonal quadratic, each measured, coefficients = [alpha, beta]:
 *   v_i <- beta v_i - alpha h_i ((w_i + beta v_i) - w*_i),  w_i <- w_i + v_i; coordinate by coordinate in blocks,
 * w - w* skipped where w*_i = +0, as heavyBall's (same sums, same bits).
 */
function nagStepsMeasured(coefficients: Float64Array, state: NesterovState, h: Float64Array, ws: Float64Array, count: number,
  eHe: Float64Array, gg: Float64Array): void {
  const alpha = coefficients[0], beta = coefficients[1];
  const { w, v } = state, n = w.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    // Two coordinates at a time, their w and v in registers for the whole block (stored back at its end).
    let w0 = w[i], w1 = w[i + 1], v0 = v[i], v1 = v[i + 1];
    const h0 = h[i], h1 = h[i + 1], ws0 = ws[i], ws1 = ws[i + 1], z0 = Object.is(ws0, 0), z1 = Object.is(ws1, 0);
    for (let j = 0; j < count; j++) {
      v0 = beta * v0 - alpha * (h0 * (z0 ? w0 + beta * v0 : (w0 + beta * v0) - ws0));
      w0 = w0 + v0;
      v1 = beta * v1 - alpha * (h1 * (z1 ? w1 + beta * v1 : (w1 + beta * v1) - ws1));
      w1 = w1 + v1;
      const e0 = w0 - ws0, g0 = h0 * e0, e1 = w1 - ws1, g1 = h1 * e1;
      // The first coordinates start the sums (0 + ..., as a pass from s = 0 would: the same bits, -0 included).
      eHe[j] = ((i === 0 ? 0 : eHe[j]) + e0 * g0) + e1 * g1;
      gg[j] = ((i === 0 ? 0 : gg[j]) + g0 * g0) + g1 * g1;
    }
    w[i] = w0; w[i + 1] = w1; v[i] = v0; v[i + 1] = v1;
  }
  if (i < n) {
    let w0 = w[i], v0 = v[i];
    const h0 = h[i], ws0 = ws[i], z0 = Object.is(ws0, 0);
    for (let j = 0; j < count; j++) {
      v0 = beta * v0 - alpha * (h0 * (z0 ? w0 + beta * v0 : (w0 + beta * v0) - ws0));
      w0 = w0 + v0;
      const e0 = w0 - ws0, g0 = h0 * e0;
      eHe[j] = (i === 0 ? 0 : eHe[j]) + e0 * g0;
      gg[j] = (i === 0 ? 0 : gg[j]) + g0 * g0;
    }
    w[i] = w0; v[i] = v0;
  }
  state.k += count;
}
