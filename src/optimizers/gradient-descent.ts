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
  const method: Optimizer<GradientDescentState> & WithDiagonalStepMeasure<GradientDescentState> = {
    name: 'gd',
    params: { alpha },
    init(_problem: Problem, w0: Float64Array): GradientDescentState {
      return { k: 0, w: Float64Array.from(w0), g: new Float64Array(w0.length) };
    },
    step(state: GradientDescentState, problem: Problem): void {
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
    },
    // run's fast path on diagonal quadratics (DiagonalStepMeasure): the fused step above and the measurement of w^(k+1)
    // in one pass.
    [diagonalStepMeasure]: { coefficients: Float64Array.of(alpha), step: gdStepMeasure },
  };
  return method;
}

/** Gradient descent's fused step on a diagonal quadratic and the measurement of w^(k+1), coefficients = [alpha] (see heavyBall's). */
function gdStepMeasure(coefficients: Float64Array, state: GradientDescentState, h: Float64Array, ws: Float64Array, gg: Float64Array): number {
  const alpha = coefficients[0];
  const { w } = state;
  let eHe = 0, gNorm2 = 0;
  for (let i = 0, n = w.length; i < n; i++) {
    const wi = w[i] - alpha * (h[i] * (w[i] - ws[i]));
    w[i] = wi;
    const e = wi - ws[i], gi = h[i] * e;
    eHe += e * gi;
    gNorm2 += gi * gi;
  }
  gg[0] = gNorm2;
  state.k++;
  return eHe;
}
