import type { Problem } from '../problems/problem.js';
import { type WithDiagonalStepMeasure, diagonalOracleOf, diagonalStepMeasure } from '../problems/diagonal-quadratic.js';
import type { Optimizer, OptimizerState } from './optimizer.js';

/** Heavy ball's state: iterate w, velocity v = w^(k) - w^(k-1), gradient buffer g. */
export interface HeavyBallState extends OptimizerState {
  v: Float64Array;
  g: Float64Array;
}

/**
 * Polyak's heavy-ball momentum in the lecture's form, one fused pass over memory per step.
 *
 * v^(k+1) = beta v^(k) - alpha grad J(w^(k));  w^(k+1) = w^(k) + v^(k+1)   (Lecture 9, "Heavy ball momentum"; Polyak 1964).
 * Starts at rest (v^(0) = 0); set `state.v` after `init` for another start.
 *
 * @example
 * // J(w) = 1/2 w^2, w0 = 1, alpha = 0.5, beta = 0.5: w1 = 0.5, then v2 = 0.5 (-0.5) - 0.5 (0.5) = -0.5, w2 = 0
 * const hb = heavyBall(0.5, { beta: 0.5 });
 */
export function heavyBall(alpha: number, { beta = 0.9 }: { beta?: number } = {}): Optimizer<HeavyBallState> {
  const method: Optimizer<HeavyBallState> & WithDiagonalStepMeasure<HeavyBallState> = {
    name: 'hb',
    params: { alpha, beta },
    init(_problem: Problem, w0: Float64Array): HeavyBallState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step(state: HeavyBallState, problem: Problem): void {
      const { w, v, g } = state;
      const diagonal = diagonalOracleOf(problem.grad);
      if (diagonal !== undefined) {
        const { h, ws } = diagonal;
        diagonal.onQuery?.();
        // Diagonal quadratic: grad_i = h_i (w_i - w*_i) computed inline, one fused pass (same rounding as below).
        for (let i = 0, n = w.length; i < n; i++) {
          const vi = beta * v[i] - alpha * (h[i] * (w[i] - ws[i]));
          v[i] = vi;
          w[i] += vi;
        }
        state.k++;
        return;
      }
      problem.grad(w, g);
      for (let i = 0, n = w.length; i < n; i++) {
        const vi = beta * v[i] - alpha * g[i];
        v[i] = vi;
        w[i] += vi;
      }
      state.k++;
    },
    // run's fast path on diagonal quadratics (DiagonalStepMeasure): the fused step above and the measurement of w^(k+1)
    // in one pass.
    [diagonalStepMeasure]: { coefficients: Float64Array.of(alpha, beta), step: hbStepMeasure },
  };
  return method;
}

/**
 * Heavy ball's fused step on a diagonal quadratic and the measurement of the new iterate in the same pass (see
 * `DiagonalStepMeasure`), coefficients = [alpha, beta]: w_i is read once per step instead of twice (the step, then run's
 * measurement). Measured on 10^4 2-D runs x 1000 steps: 11 ns per step instead of 17 ns for step + measurement.
 */
function hbStepMeasure(coefficients: Float64Array, state: HeavyBallState, h: Float64Array, ws: Float64Array, gg: Float64Array): number {
  const alpha = coefficients[0], beta = coefficients[1];
  const { w, v } = state;
  let eHe = 0, gNorm2 = 0;
  for (let i = 0, n = w.length; i < n; i++) {
    const vi = beta * v[i] - alpha * (h[i] * (w[i] - ws[i]));
    v[i] = vi;
    const wi = w[i] + vi;
    w[i] = wi;
    const e = wi - ws[i], gi = h[i] * e;
    eHe += e * gi;
    gNorm2 += gi * gi;
  }
  gg[0] = gNorm2;
  state.k++;
  return eHe;
}
