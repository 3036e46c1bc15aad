import { ParameterError, checkNumber } from '../errors.js';
import type { Optimizer, OptimizerState } from '../optimizers/optimizer.js';
import type { Problem } from '../problems/problem.js';
import { type OracleCounts, countingProblem } from './counting-problem.js';
import { type Trace, TraceColumns } from './trace.js';

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
  checkNumber('steps', steps, { min: 1, integer: true });
  checkNumber('tol', tol, { min: 0 });
  checkNumber('recordEvery', recordEvery, { min: 1, integer: true });
  checkNumber('divergence', divergence, { min: 1, minExclusive: true });
  if (tolOn !== 'grad' && tolOn !== 'loss') throw new ParameterError('tolOn', tolOn, 'grad | loss');
  if (tolOn === 'loss' && problem.minValue === undefined) throw new ParameterError('tolOn', tolOn, `grad (J* of ${problem.name} is unknown)`);
  const n = problem.dim;
  const w0 = options.w0 ?? problem.x0;
  if (w0.length !== n) throw new ParameterError('w0', w0, `a vector of length ${n}`);

  const oracle = countingProblem(problem);
  const state: OptimizerState = method.init(oracle, Float64Array.from(w0));
  const g = new Float64Array(n);
  const ws = problem.minimizer, Jstar = problem.minValue ?? 0;
  const eigen = problem.eigenCoordinates && n <= maxEigen ? new Float64Array(n) : null;

  // Columns available for this problem and method, then the selection.
  const available = ['k', 'loss', 'gradNorm'];
  if (ws) available.push('dist');
  if (state.v) available.push('vNorm', 'energy');
  available.push('oracleCalls');
  const eNames = eigen ? Array.from({ length: n }, (_, j) => `e${j}`) : [];
  const wNames = n <= 3 ? Array.from({ length: n }, (_, i) => `w${i}`) : [];
  available.push(...eNames, ...wNames);
  const names = selectColumns(record, available, eNames, wNames);
  const columns = new TraceColumns(names, Math.min(Math.floor(steps / recordEvery) + 2, 4096));
  const row = new Float64Array(names.length);
  const slot = (name: string) => names.indexOf(name);
  const at = { k: slot('k'), loss: slot('loss'), gradNorm: slot('gradNorm'), dist: slot('dist'), vNorm: slot('vNorm'), energy: slot('energy'), oracle: slot('oracleCalls') };
  const eAt = eNames.map(slot), wAt = wNames.map(slot);
  const wantEigen = eigen !== null && eAt.some((j) => j >= 0);

  let loss = 0, gradNorm = 0;
  const measure = (): void => {
    const w = state.w;
    if (problem.excessAndGrad) loss = problem.excessAndGrad(w, g);
    else loss = (problem.valueAndGrad ? problem.valueAndGrad(w, g) : (problem.grad(w, g), problem.value(w))) - Jstar;
    gradNorm = norm2(g);
  };
  const write = (k: number): void => {
    if (names.length === 0) return;
    const w = state.w;
    if (at.k >= 0) row[at.k] = k;
    if (at.loss >= 0) row[at.loss] = loss;
    if (at.gradNorm >= 0) row[at.gradNorm] = gradNorm;
    if (at.dist >= 0) { let s = 0; for (let i = 0; i < n; i++) { const d = w[i] - ws![i]; s += d * d; } row[at.dist] = Math.sqrt(s); }
    const vNorm = state.v && (at.vNorm >= 0 || at.energy >= 0) ? norm2(state.v) : 0;
    if (at.vNorm >= 0) row[at.vNorm] = vNorm;
    if (at.energy >= 0) row[at.energy] = loss + 0.5 * vNorm * vNorm;
    if (at.oracle >= 0) row[at.oracle] = oracle.calls();
    if (wantEigen) {
      problem.eigenCoordinates!(w, eigen!);
      for (let j = 0; j < eAt.length; j++) if (eAt[j] >= 0) row[eAt[j]] = eigen![j];
    }
    for (let i = 0; i < wAt.length; i++) if (wAt[i] >= 0) row[wAt[i]] = w[i];
    columns.push(row);
  };

  measure();
  const base = Math.max(Math.abs(loss), 1e-300);
  const done = (): boolean => (tolOn === 'grad' ? gradNorm : loss) <= tol;
  const blewUp = (): boolean => !(Number.isFinite(loss) && Number.isFinite(gradNorm) && Math.abs(loss) <= divergence * base);
  let status: RunStatus = 'max_steps', k = 0, divergedAt: number | null = null;
  const { onProgress } = options;
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  if (blewUp()) { status = 'diverged'; divergedAt = 0; } else if (done()) status = 'converged';
  write(0);
  while (status === 'max_steps' && k < steps) {
    method.step(state, oracle);
    k++;
    measure();
    if (blewUp()) { status = 'diverged'; divergedAt = k; } else if (done()) status = 'converged';
    if (status !== 'max_steps' || k % recordEvery === 0 || k === steps) write(k);
    if (onProgress && k % progressEvery === 0) onProgress(k, steps);
  }
  const counts = oracle.counts;
  return {
    status,
    steps: k,
    finalLoss: Number.isFinite(loss) ? loss : null,
    finalGradNorm: Number.isFinite(gradNorm) ? gradNorm : null,
    divergedAt,
    oracleCalls: { ...counts, total: oracle.calls() },
    seed: seed ?? null,
    w: Float64Array.from(state.w),
    trace: columns.finish(),
  };
}

/** ||x||_2 in one pass (overflow only past 1e154, far beyond the divergence threshold; NaN propagates). */
function norm2(x: Float64Array): number {
  let s = 0;
  for (let i = 0, n = x.length; i < n; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

function selectColumns(record: boolean | readonly string[], available: string[], eNames: string[], wNames: string[]): string[] {
  if (record === true) return available;
  if (record === false) return [];
  const out: string[] = [];
  for (const name of record) {
    const group = name === 'e' ? eNames : name === 'w' ? wNames : [name];
    if (group.length === 0 || group.some((c) => !available.includes(c))) {
      const groups = [eNames.length ? 'e' : '', wNames.length ? 'w' : ''].filter(Boolean);
      const hint = groups.length ? ` (or ${groups.join(', ')} for all of a group)` : ' (e and w need eigen-coordinates / dim <= 3)';
      throw new ParameterError('record', name, `columns available here: ${available.join(', ')}${hint}`);
    }
    for (const c of group) if (!out.includes(c)) out.push(c);
  }
  return available.filter((c) => out.includes(c));
}
