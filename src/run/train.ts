import { checkNumber } from '../errors.js';
import type { Optimizer } from '../methods/optimizer.js';
import type { Problem } from '../problems/problem.js';

/** Options of `train`. */
export interface TrainOptions {
  /** Steps (default 1000). */
  steps?: number;
  /** Record the loss (and accuracy) every n-th step (default 1; the first and last step always). */
  recordEvery?: number;
  /** Measure the sharpness every K-th step (default 0: never; the first and last step too when K > 0). */
  sharpnessEvery?: number;
  /** The sharpness at w (e.g. the top Hessian eigenvalue by Lanczos, src/spectra); needed when sharpnessEvery > 0. */
  sharpness?: (w: Float64Array) => number;
  /** The accuracy at w (a classifier's), or undefined. */
  accuracy?: (w: Float64Array) => number | undefined;
  /** The loss recorded at w (default problem.value: the full-batch loss, also when the gradients are mini-batches). */
  loss?: (w: Float64Array) => number;
  /** Start point (default problem.x0). */
  w0?: Float64Array;
  /** Divergence: loss above `divergence` times the initial loss (default 1e12), or a non-finite loss. */
  divergence?: number;
  /** Called about every 1% of the steps. */
  onProgress?: (k: number, steps: number) => void;
}

/** What `train` returns: rows k with the loss, accuracy and sharpness (null where not measured). */
export interface TrainResult {
  status: 'finished' | 'diverged';
  /** Steps taken. */
  steps: number;
  divergedAt: number | null;
  /** The last iterate. */
  w: Float64Array;
  trace: { k: number[]; loss: (number | null)[]; accuracy: (number | null)[]; sharpness: (number | null)[] };
}

/**
 * Train: the method's own steps on `problem` (full batch, or mini-batches through a stochasticProblem), recording the
 * loss J(w_k) (and accuracy) every `recordEvery` steps and the sharpness every `sharpnessEvery` steps. Divergence is a
 * result: the run stops at the first step whose loss is not finite or exceeds `divergence` times the start's, and the
 * trace is kept.
 *
 * @example
 * train(p, createMethod('gd:alpha=0.1'), { steps: 100, sharpnessEvery: 10, sharpness: (w) => hessianEigenvalues(p, w).values[0] })
 * // trace.k = [0, 1, ..., 100], trace.sharpness = [s0, null x 9, s10, ...]
 */
export function train(problem: Problem, method: Optimizer, options: TrainOptions = {}): TrainResult {
  const { steps = 1000, recordEvery = 1, sharpnessEvery = 0, sharpness, accuracy, divergence = 1e12, onProgress } = options;
  checkNumber('steps', steps, { min: 1, max: 1e9, integer: true });
  checkNumber('recordEvery', recordEvery, { min: 1, integer: true });
  checkNumber('sharpnessEvery', sharpnessEvery, { min: 0, integer: true });
  checkNumber('divergence', divergence, { min: 1, minExclusive: true });
  if (sharpnessEvery > 0 && sharpness === undefined) throw new TypeError('train: sharpnessEvery > 0 needs a sharpness function');
  const lossAt = options.loss ?? ((w: Float64Array) => problem.value(w));
  const state = method.init(problem, new Float64Array(options.w0 ?? problem.x0));
  const trace: TrainResult['trace'] = { k: [], loss: [], accuracy: [], sharpness: [] };
  const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
  const record = (k: number, loss: number, withSharpness: boolean): void => {
    trace.k.push(k);
    trace.loss.push(finite(loss));
    trace.accuracy.push(accuracy ? finite(accuracy(state.w)) : null);
    trace.sharpness.push(withSharpness && Number.isFinite(loss) ? finite(sharpness!(state.w)) : null);
  };
  const loss0 = lossAt(state.w);
  const lossMax = divergence * Math.max(Math.abs(loss0), 1e-300);
  record(0, loss0, sharpnessEvery > 0);
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  let status: TrainResult['status'] = 'finished', divergedAt: number | null = null, k = 0;
  while (k < steps) {
    method.step(state, problem);
    k++;
    const last = k === steps, onSharpness = sharpnessEvery > 0 && (k % sharpnessEvery === 0 || last);
    if (k % recordEvery === 0 || last || onSharpness) {
      const loss = lossAt(state.w);
      const bad = !(Math.abs(loss) <= lossMax);
      record(k, loss, onSharpness && !bad);
      if (bad) { status = 'diverged'; divergedAt = k; break; }
    } else if (!Number.isFinite(state.w[0])) {
      // Between records: a non-finite iterate ends the run at once (its loss is recorded as null).
      record(k, NaN, false);
      status = 'diverged'; divergedAt = k; break;
    }
    if (onProgress && k % progressEvery === 0) onProgress(k, steps);
  }
  return { status, steps: k, divergedAt, w: state.w, trace };
}
