import { ParameterError, checkNumber } from '../errors.js';
import type { Optimizer } from '../methods/optimizer.js';
import type { Problem } from '../problems/problem.js';
import { borrowCountingProblem } from './borrow-counting-problem.js';
import type { OracleCounts } from './counting-problem.js';
import { releasePlan } from './diagonal-plan.js';
import { DIAGONAL_KERNEL, finishRun, startRun } from './start-run.js';
export { type KernelChoice, WASM_MIN_DIM, setDiagonalKernel } from './start-run.js';
import { stepRun } from './step-run.js';
import { stepRunKernel } from './step-run-kernel.js';
import type { Trace } from './trace.js';

export type RunStatus = 'converged' | 'max_steps' | 'diverged';

/** Options of `run`. */
export interface RunOptions {
  /** Maximum number of steps (default 1000). */
  steps?: number;
  /** Stop when the measure chosen by `tolOn` is <= tol (default 1e-8; 0 never stops early). */
  tol?: number;
  /** 'grad': ||grad J(w_k)||_2 <= tol (default); 'loss': J(w_k) - J* <= tol (needs a known J*). */
  tolOn?: 'grad' | 'loss';
  /** true: every available column (default); false: none; or a list of column names ('e' = all e_j, 'w' = all w_i). */
  record?: boolean | readonly string[];
  /** Record every n-th step (the first and the last step are always recorded). Default 1. */
  recordEvery?: number;
  /** Seed, kept in the result for reproducibility (run itself is deterministic; seeds belong to problems and methods). */
  seed?: number;
  /** Divergence: loss above `divergence` times the initial loss (default 1e12), or any non-finite value. */
  divergence?: number;
  /** Record eigen-coordinates only when dim <= maxEigen (default 64). */
  maxEigen?: number;
  /** Start point (default problem.x0). */
  w0?: Float64Array;
  /** Called about every 1% of `steps` with the current step (e.g. to draw a progress bar). */
  onProgress?: (k: number, steps: number) => void;
}

/** What `run` returns: status, counts, final values and the columnar trace. */
export interface RunResult {
  status: RunStatus;
  /** Steps taken (the index k of the last iterate). */
  steps: number;
  /** J(w_k) - J* (or J(w_k) when J* is unknown) at the last iterate; null when not finite. */
  finalLoss: number | null;
  finalGradNorm: number | null;
  /** The step at which divergence was detected, else null. */
  divergedAt: number | null;
  oracleCalls: OracleCounts & { total: number };
  seed: number | null;
  /** The last iterate. */
  w: Float64Array;
  trace: Trace;
}

/**
 * Run a method on a problem: w_0 = x0, then `method.step` until the tolerance, divergence or `steps`; records a columnar
 * trace of k, loss (J - J*), gradNorm, dist ||w - w*||, vNorm ||v||, energy (J - J*) + 1/2 ||v||^2, oracleCalls, the
 * eigen-coordinates e_j = q_j^T (w - w*) and, for dim <= 3, the coordinates w0, w1, w2. Oracle calls count only the
 * method's own queries (through `countingProblem`), not the measurements made for the trace.
 *
 * @example
 * run(createProblem('quadratic:dim=10,kappa=10'), createMethod('gd:alpha=1'), { steps: 500 }).status; // returns 'converged'
 */
export function run(problem: Problem, method: Optimizer, options: RunOptions = {}): RunResult {
  const {
    steps = 1000, tol = 1e-8, tolOn = 'grad', record = true, recordEvery = 1, seed, divergence = 1e12, maxEigen = 64,
  } = options;
  // The tests written out, checkNumber (its message) only for a value outside: its shared range test reads ranges of
  // many shapes, and a sweep of 10^4 short runs pays it four times per run.
  if (!(Number.isInteger(steps) && steps >= 1)) checkNumber('steps', steps, { min: 1, integer: true });
  if (!(typeof tol === 'number' && tol >= 0 && tol <= Number.MAX_VALUE)) checkNumber('tol', tol, { min: 0 });
  if (!(Number.isInteger(recordEvery) && recordEvery >= 1)) checkNumber('recordEvery', recordEvery, { min: 1, integer: true });
  if (!(typeof divergence === 'number' && divergence > 1 && divergence <= Number.MAX_VALUE)) checkNumber('divergence', divergence, { min: 1, minExclusive: true });
  if (tolOn !== 'grad' && tolOn !== 'loss') throw new ParameterError('tolOn', tolOn, 'grad | loss');
  if (tolOn === 'loss' && problem.minValue === undefined) throw new ParameterError('tolOn', tolOn, `grad (J* of ${problem.name} is unknown)`);
  const n = problem.dim;
  const w0 = options.w0 ?? problem.x0;
  if (w0.length !== n) throw new ParameterError('w0', w0, `a vector of length ${n}`);

  const lease = borrowCountingProblem(problem);
  try {
    // Setup, the stepping loop and the result in three functions: the loop's function is compiled by V8 while its first
    // call is still looping, and setup code inside it (run only once per call, without type feedback yet) made that code
    // deoptimise on the next call; V8 then kept re-entering the loop through on-stack replacement, and a sweep of 10^4
    // runs took 375 instead of 235 ms in about half of the processes.
    const loop = startRun(problem, method, lease, w0, steps, tol, tolOn === 'grad', record, recordEvery, divergence, maxEigen, options.onProgress);
    if (loop.mode === DIAGONAL_KERNEL) stepRunKernel(loop);
    else stepRun(loop);
    const result = finishRun(loop, seed);
    // The kernel's plan goes back to its pool (a run that throws leaves its plan to the garbage collector).
    releasePlan(loop.kernel);
    return result;
  } finally {
    lease.release();
  }
}
