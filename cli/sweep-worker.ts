// Worker for `momentum-lab sweep` (run by piscina in worker threads, or inline with --workers 1): measures the empirical
// rate of one method at a chunk of (alpha, beta) grid points on one problem.
import { threadId } from 'node:worker_threads';
import { createMethod } from '../src/methods/registry.js';
import { createProblem } from '../src/problems/registry.js';
import type { Problem } from '../src/problems/problem.js';
import { formatSpec, parseSpec } from '../src/spec.js';
import { fitRate, formWorstRateOverSpectrum } from '../src/theory/index.js';

/** One chunk of work: grid points [index, alpha, beta] on a problem spec with a method spec. */
export interface SweepTask {
  problem: string;
  method: string;
  steps: number;
  /** The method parameters the grid's two axes set (default alpha and beta). */
  alphaKey?: string;
  betaKey?: string;
  points: [number, number, number | null][];
}

/** One measured grid point. */
export interface SweepPoint {
  index: number;
  alpha: number;
  beta: number | null;
  /** Empirical asymptotic rate per step (least-squares slope of the log error over the second half); null if diverged. */
  rate: number | null;
  /** Predicted rate: worst spectral radius over the problem's spectrum (gd, hb, nag on quadratics), else null. */
  predicted: number | null;
  /** Step at which the error exceeded 1e12 times its initial value (or became non-finite), else null. */
  divergedAt: number | null;
}

const problems = new Map<string, Problem>();

/** Error measure: ||w - w*|| when w* is known, else ||grad J(w)||. */
function logError(problem: Problem, w: Float64Array, g: Float64Array): number {
  const n = problem.dim;
  let s = 0;
  if (problem.minimizer) {
    const ws = problem.minimizer;
    for (let i = 0; i < n; i++) { const d = w[i] - ws[i]; s += d * d; }
  } else {
    problem.grad(w, g);
    for (let i = 0; i < n; i++) s += g[i] * g[i];
  }
  return 0.5 * Math.log(s);
}

/** Measure every point of a task (deterministic: the same point gives the same numbers in any chunk or process). */
export function sweepChunk(task: SweepTask): SweepPoint[] {
  let problem = problems.get(task.problem);
  if (!problem) { problem = createProblem(task.problem); problems.set(task.problem, problem); }
  const base = parseSpec(task.method, '--method');
  const g = new Float64Array(problem.dim);
  const logs = new Float64Array(task.steps + 1);
  const out: SweepPoint[] = [];
  for (const [index, alpha, beta] of task.points) {
    const params: Record<string, string | number> = { ...base.params, [task.alphaKey ?? 'alpha']: alpha };
    if (beta !== null) params[task.betaKey ?? 'beta'] = beta;
    const method = createMethod(formatSpec(base.name, params), problem);
    const state = method.init(problem, Float64Array.from(problem.x0));
    logs[0] = logError(problem, state.w, g);
    const floor = logs[0] + Math.log(1e-13), blowUp = logs[0] + Math.log(1e12);
    let k = 0, divergedAt: number | null = null;
    while (k < task.steps) {
      method.step(state, problem);
      k++;
      const y = logError(problem, state.w, g);
      logs[k] = y;
      if (!(y <= blowUp)) { divergedAt = k; break; }
      if (y <= floor) break; // converged to rounding: fit what ran
    }
    const rate = divergedAt !== null ? null : k === 0 ? null : fitRate(logs, Math.floor(k / 2), k + 1);
    let predicted: number | null = null;
    // Theory's prediction from the method's linear form (any linear method; worst radius over the problem's spectrum).
    if (problem.spectrum && method.linear && problem.spectrum.length <= 1e5) {
      predicted = formWorstRateOverSpectrum(method.linear, problem.spectrum);
    }
    out.push({ index, alpha, beta, rate, predicted, divergedAt });
  }
  return out;
}

/** The piscina entry point: the measured points and the worker thread that measured them. */
export default function sweepWorker(task: SweepTask): { threadId: number; points: SweepPoint[] } {
  return { threadId, points: sweepChunk(task) };
}
