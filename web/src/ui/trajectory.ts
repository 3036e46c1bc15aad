// Drive a library optimizer on a library problem and record the path (the `run` loop, kept allocation-free per step
// and recording only what the 2-D views draw). Numbers come from Optimizer.step and Problem.value.
import type { Optimizer, OptimizerState, Problem } from '../lib.js';

export interface Path {
  /** Iterates, interleaved: w[2k], w[2k+1] for 2-D problems (dim coordinates per step in general). */
  w: Float64Array;
  /** Loss J(w^(k)) - J*. */
  loss: Float64Array;
  /** Steps actually taken (stops early at divergence). */
  steps: number;
  /** Step at which the loss became non-finite or exceeded 1e12 times the initial loss (as run() decides), or null. */
  divergedAt: number | null;
}

/** run()'s default divergence factor: |J - J*| above it times max(|J_0 - J*|, 1e-300) is divergence. */
export const DIVERGENCE = 1e12;

export function trajectory(problem: Problem, method: Optimizer, x0: Float64Array, steps: number): Path {
  const dim = problem.dim;
  const w = new Float64Array((steps + 1) * dim);
  const loss = new Float64Array(steps + 1);
  const state: OptimizerState = method.init(problem, x0);
  const jStar = problem.minValue ?? 0;
  w.set(state.w, 0);
  loss[0] = problem.value(state.w) - jStar;
  // The bound run() uses (src/run/step-run-kernel.ts): a start at the optimum (J_0 = J*) does not count as diverging.
  const lossMax = Math.min(DIVERGENCE * Math.max(Math.abs(loss[0]), 1e-300), Number.MAX_VALUE);
  let k = 0;
  let divergedAt: number | null = null;
  while (k < steps) {
    method.step(state, problem);
    k++;
    const J = problem.value(state.w) - jStar;
    w.set(state.w, k * dim);
    loss[k] = J;
    if (!(Math.abs(J) <= lossMax)) { divergedAt = k; break; }
  }
  return { w: w.subarray(0, (k + 1) * dim), loss: loss.subarray(0, k + 1), steps: k, divergedAt };
}

/** First k with loss[k] <= tol (or null): where a converging run's chart can stop. */
export function firstBelow(loss: Float64Array, tol: number): number | null {
  for (let k = 0; k < loss.length; k++) if (loss[k] <= tol) return k;
  return null;
}
