import type { Problem } from '../problems/problem.js';
import { type WithDiagonalStepMeasure, diagonalOracleOf, diagonalStepMeasure } from '../problems/diagonal-quadratic.js';
import type { Optimizer, OptimizerState } from './optimizer.js';

/** Heavy ball's state: iterate w, velocity v = w^(k) - w^(k-1), gradient buffer g. */
export interface HeavyBallState extends OptimizerState {
  v: Float64Array;
  g: Float64Array;
}

/**
 * The heavy-ball update with a computed gradient g: v <- beta v - alpha g, w <- w + v (in place). Shared by heavy ball
 * and the Chebyshev semi-iterative method, which is heavy ball with step-dependent (alpha_k, beta_k).
 *
 * @example
 * momentumUpdate(Float64Array.of(1), Float64Array.of(0.5), Float64Array.of(2), 0.1, 0.9); // w = [1.25], v = [0.25]
 */
export function momentumUpdate(w: Float64Array, v: Float64Array, g: Float64Array, alpha: number, beta: number): void {
  for (let i = 0, n = w.length; i < n; i++) {
    const vi = beta * v[i] - alpha * g[i];
    v[i] = vi;
    w[i] += vi;
  }
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
  const step = (state: HeavyBallState, problem: Problem): void => {
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
    momentumUpdate(w, v, g, alpha, beta);
    state.k++;
  };
  const method: Optimizer<HeavyBallState> & WithDiagonalStepMeasure<HeavyBallState> = {
    name: 'hb',
    params: { alpha, beta },
    init(_problem: Problem, w0: Float64Array): HeavyBallState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), v: new Float64Array(n), g: new Float64Array(n) };
    },
    step,
    // run's fast path on diagonal quadratics (DiagonalStepMeasure): blocks of step's fused path, each new iterate
    // measured in the same pass; tied to this `step` (a copy of the method with another step does not take it).
    [diagonalStepMeasure]: { coefficients: Float64Array.of(alpha, beta, 0), steps: momentumStepsMeasured, step },
  };
  return method;
}

/**
 * `count` heavy-ball or Nesterov steps on a diagonal quadratic, each with the measurement of the new iterate (see
 * `DiagonalStepMeasure`), coefficients = [alpha, beta, lookahead] (lookahead 1 for Nesterov, 0 for heavy ball):
 *   y_i = w_i + beta v_i (Nesterov) or w_i (heavy ball),  v_i <- beta v_i - alpha h_i (y_i - w*_i),  w_i <- w_i + v_i,
 *   then eHe[j] = sum_i e_i (h_i e_i), gg[j] = sum_i (h_i e_i)^2.
 * Coordinates are independent on a diagonal quadratic, so the block runs coordinate by coordinate (two at a time),
 * each one's w_i and v_i kept in registers for all `count` steps, adding its terms to eHe[j] and gg[j] in the order
 * i = 0, 1, ... of a step-by-step pass: the same sums, the same bits. A step-by-step pass reloads w and v from memory
 * every step and waits for the last step's stores. Where w*_i = +0 (z_i), y_i - w*_i is y_i itself (x - (+0) = x for
 * every double, -0 included) and the subtraction is skipped: a heavy-ball step is then a chain of 4 dependent
 * operations instead of 5, and one run is bound by that chain's latency (the 10^4-run sweep: 96 -> 82 ms). The
 * look-ahead test is on a loop-invariant flag, off the chain: one kernel for both methods measured the same on the
 * sweep (medians of 5 reps: 117-123 ms with two kernels, 112-128 ms with this one).
 * Measured on 10^4 2-D runs x 1000 steps inside run(): ~5 ns per step, against ~21 ns for step() and run's measurement.
 */
export function momentumStepsMeasured(coefficients: Float64Array, state: { k: number; w: Float64Array; v: Float64Array },
  h: Float64Array, ws: Float64Array, count: number, eHe: Float64Array, gg: Float64Array): void {
  const alpha = coefficients[0], beta = coefficients[1], look = coefficients[2] !== 0;
  const { w, v } = state, n = w.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    // Two coordinates at a time, their w and v in registers for the whole block (stored back at its end).
    let w0 = w[i], w1 = w[i + 1], v0 = v[i], v1 = v[i + 1];
    const h0 = h[i], h1 = h[i + 1], ws0 = ws[i], ws1 = ws[i + 1], z0 = Object.is(ws0, 0), z1 = Object.is(ws1, 0);
    for (let j = 0; j < count; j++) {
      const y0 = look ? w0 + beta * v0 : w0, y1 = look ? w1 + beta * v1 : w1;
      v0 = beta * v0 - alpha * (h0 * (z0 ? y0 : y0 - ws0));
      w0 = w0 + v0;
      v1 = beta * v1 - alpha * (h1 * (z1 ? y1 : y1 - ws1));
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
      const y0 = look ? w0 + beta * v0 : w0;
      v0 = beta * v0 - alpha * (h0 * (z0 ? y0 : y0 - ws0));
      w0 = w0 + v0;
      const e0 = w0 - ws0, g0 = h0 * e0;
      eHe[j] = (i === 0 ? 0 : eHe[j]) + e0 * g0;
      gg[j] = (i === 0 ? 0 : gg[j]) + g0 * g0;
    }
    w[i] = w0; v[i] = v0;
  }
  state.k += count;
}
