import type { Problem } from '../problems/problem.js';
import { type WithDiagonalStepMeasure, diagonalOracleOf, diagonalStepMeasure } from '../problems/diagonal-quadratic.js';
import type { Optimizer, OptimizerState } from './optimizer.js';

/** Gradient descent's state: the iterate w and the gradient buffer g. */
export interface GradientDescentState extends OptimizerState {
  g: Float64Array;
}

/**
 * Gradient descent with a constant learning rate.
 *
 * w^(k+1) = w^(k) - alpha grad J(w^(k))   (Lecture 9, slide "So far...").
 *
 * @example
 * // J(w) = 1/2 w^2 from w0 = 1 with alpha = 0.5: one step gives w1 = 0.5
 * const gd = gradientDescent(0.5);
 */
export function gradientDescent(alpha: number): Optimizer<GradientDescentState> {
  const step = (state: GradientDescentState, problem: Problem): void => {
    const { w, g } = state;
    const diagonal = diagonalOracleOf(problem.grad);
    if (diagonal !== undefined) {
      const { h, ws } = diagonal;
      diagonal.onQuery?.();
      // Diagonal quadratic: grad_i = h_i (w_i - w*_i) inline, one fused pass (same rounding as below).
      for (let i = 0, n = w.length; i < n; i++) w[i] -= alpha * (h[i] * (w[i] - ws[i]));
      state.k++;
      return;
    }
    problem.grad(w, g);
    for (let i = 0, n = w.length; i < n; i++) w[i] -= alpha * g[i];
    state.k++;
  };
  const method: Optimizer<GradientDescentState> & WithDiagonalStepMeasure<GradientDescentState> = {
    name: 'gd',
    params: { alpha },
    init(_problem: Problem, w0: Float64Array): GradientDescentState {
      return { k: 0, w: Float64Array.from(w0), g: new Float64Array(w0.length) };
    },
    step,
    // run's fast path on diagonal quadratics (DiagonalStepMeasure): blocks of step's fused path, each new iterate
    // measured in the same pass; tied to this `step` (a copy of the method with another step does not take it).
    [diagonalStepMeasure]: { coefficients: Float64Array.of(alpha), steps: gdStepsMeasured, step },
  };
  return method;
}

/**
 * `count` gradient-descent steps on a diagonal quadratic, each measured, coefficients = [alpha]:
 *   w_i <- w_i - alpha h_i (w_i - w*_i); coordinate by coordinate in blocks, w - w* skipped where w*_i = +0, as heavyBall's (same sums, same bits).
 */
function gdStepsMeasured(coefficients: Float64Array, state: GradientDescentState, h: Float64Array, ws: Float64Array, count: number,
  eHe: Float64Array, gg: Float64Array): void {
  const alpha = coefficients[0];
  const { w } = state, n = w.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    // Two coordinates at a time, their w in registers for the whole block (stored back at its end).
    let w0 = w[i], w1 = w[i + 1];
    const h0 = h[i], h1 = h[i + 1], ws0 = ws[i], ws1 = ws[i + 1], z0 = Object.is(ws0, 0), z1 = Object.is(ws1, 0);
    for (let j = 0; j < count; j++) {
      w0 = w0 - alpha * (h0 * (z0 ? w0 : w0 - ws0));
      w1 = w1 - alpha * (h1 * (z1 ? w1 : w1 - ws1));
      const e0 = w0 - ws0, g0 = h0 * e0, e1 = w1 - ws1, g1 = h1 * e1;
      // The first coordinates start the sums (0 + ..., as a pass from s = 0 would: the same bits, -0 included).
      eHe[j] = ((i === 0 ? 0 : eHe[j]) + e0 * g0) + e1 * g1;
      gg[j] = ((i === 0 ? 0 : gg[j]) + g0 * g0) + g1 * g1;
    }
    w[i] = w0; w[i + 1] = w1;
  }
  if (i < n) {
    let w0 = w[i];
    const h0 = h[i], ws0 = ws[i], z0 = Object.is(ws0, 0);
    for (let j = 0; j < count; j++) {
      w0 = w0 - alpha * (h0 * (z0 ? w0 : w0 - ws0));
      const e0 = w0 - ws0, g0 = h0 * e0;
      eHe[j] = (i === 0 ? 0 : eHe[j]) + e0 * g0;
      gg[j] = (i === 0 ? 0 : gg[j]) + g0 * g0;
    }
    w[i] = w0;
  }
  state.k += count;
}
