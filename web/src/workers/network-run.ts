// One training run advanced in chunks: the loop of the library's `train` (src/run/train.ts) step for step (the
// method's own init/step, the loss J(w_k), the sharpness by Lanczos, divergence at 1e12 times the start's loss), cut
// into time slices so that the worker can answer a newer run or a stop between them. Same inputs, same trace as
// train(problem, method, { steps, recordEvery, sharpnessEvery, sharpness }) in Node.
import { createProblem, createMethod, hessianEigenvalues, spectralDensity, type Problem } from '../lib.js';
import type { NetworkRow, NetworkStart, NetworkStatus } from './network-protocol.js';

/** Divergence: a loss above this many times the start's (train's default). */
const DIVERGENCE = 1e12;

/** The SLQ density options of the section: PyHessian's broadening, a grid fine enough for its Gaussians. */
export const DENSITY = { steps: 80, runs: 1, bins: 1500, sigma2: 1e-5 } as const;

const problems = new Map<string, Problem>();
/** The problem of a spec (built once per spec: a slider drag restarts the run many times on the same network). */
function problemOf(spec: string): Problem {
  let p = problems.get(spec);
  if (!p) {
    p = createProblem(spec);
    if (problems.size > 8) problems.clear();
    problems.set(spec, p);
  }
  return p;
}

export interface NetworkRun {
  readonly problem: Problem;
  readonly k: number;
  readonly status: NetworkStatus;
  readonly divergedAt: number | null;
  /** Compute time so far (ms). */
  readonly ms: number;
  /** Run steps for about `budgetMs` (none for 0); returns the rows recorded since the last call. */
  advance(budgetMs: number): NetworkRow[];
  /** Whether step k (just reached) is due for a density. */
  densityDue(): boolean;
  /** The spectral density at the current weights (null after divergence: the weights are not finite). */
  density(): { k: number; grid: Float64Array; density: Float64Array; top: number; ms: number } | null;
  stop(): void;
}

export function networkRun(job: NetworkStart): NetworkRun {
  const problem = problemOf(job.problem), method = createMethod(job.method, problem);
  const { steps, recordEvery, sharpnessEvery, densityEvery, seed } = job;
  const sharpness = (w: Float64Array) => hessianEigenvalues(problem, w, { k: 1, tol: 1e-6, seed }).values[0];
  const t0 = performance.now();
  const state = method.init(problem, new Float64Array(problem.x0));
  let k = 0, status: NetworkStatus = 'running', divergedAt: number | null = null, ms = 0, lastDensity = -1;
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  let pending: NetworkRow[] = [];
  const record = (loss: number, withSharpness: boolean) => {
    pending.push({ k, loss: finite(loss), sharpness: withSharpness && Number.isFinite(loss) ? finite(sharpness(state.w)) : null });
  };
  const loss0 = problem.value(state.w);
  const lossMax = DIVERGENCE * Math.max(Math.abs(loss0), 1e-300);
  record(loss0, sharpnessEvery > 0);
  ms += performance.now() - t0;

  return {
    problem,
    get k() { return k; },
    get status() { return status; },
    get divergedAt() { return divergedAt; },
    get ms() { return ms; },
    advance(budgetMs) {
      const start = performance.now();
      while (budgetMs > 0 && status === 'running' && k < steps) {
        method.step(state, problem);
        k++;
        const last = k === steps, onSharpness = sharpnessEvery > 0 && (k % sharpnessEvery === 0 || last);
        if (k % recordEvery === 0 || last || onSharpness) {
          const loss = problem.value(state.w);
          const bad = !(Math.abs(loss) <= lossMax);
          record(loss, onSharpness && !bad);
          if (bad) { status = 'diverged'; divergedAt = k; break; }
        } else if (!Number.isFinite(state.w[0])) {
          record(NaN, false);
          status = 'diverged'; divergedAt = k; break;
        }
        if (last) status = 'finished';
        // The clock after every step: with the sharpness every step on a large net, one step can take a second.
        if (performance.now() - start >= budgetMs) break;
        if (densityEvery > 0 && k % densityEvery === 0) break;
      }
      ms += performance.now() - start;
      const out = pending;
      pending = [];
      return out;
    },
    densityDue() {
      return status === 'running' && densityEvery > 0 && k > 0 && k % densityEvery === 0 && lastDensity !== k;
    },
    density() {
      if (status === 'diverged') return null;
      const t = performance.now();
      const d = spectralDensity(problem, state.w, { ...DENSITY, steps: Math.min(DENSITY.steps, problem.dim), seed });
      let top = -Infinity;
      for (const nodes of d.nodes) for (const x of nodes) top = Math.max(top, x);
      lastDensity = k;
      const took = performance.now() - t;
      ms += took;
      return { k, grid: d.grid, density: d.density, top, ms: took };
    },
    stop() {
      if (status === 'running') status = 'stopped';
    },
  };
}
