import type { Problem } from '../problems/problem.js';
import { type WithDiagonalStepMeasure, diagonalOracleOf, diagonalStepMeasure } from '../problems/diagonal-quadratic.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { momentumStepsMeasured } from './heavy-ball.js';

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
    [diagonalStepMeasure]: { coefficients: Float64Array.of(alpha, beta, 1), steps: momentumStepsMeasured, step },
  };
  return method;
}
