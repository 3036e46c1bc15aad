import { ParameterError, checkNumber } from '../errors.js';
import type { Optimizer, OptimizerState } from '../optimizers/optimizer.js';
import { diagonalQuadraticOracles } from '../problems/diagonal-quadratic.js';
import type { Problem } from '../problems/problem.js';
import { type OracleCounts, countingProblem } from './counting-problem.js';
import type { Trace } from './trace.js';
import { TraceRecorder } from './trace-recorder.js';

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
  const eigen = problem.eigenCoordinates && n <= maxEigen ? new Float64Array(n) : undefined;

  // Columns available for this problem and method, then the selection.
  const available = ['k', 'loss', 'gradNorm'];
  if (ws) available.push('dist');
  if (state.v) available.push('vNorm', 'energy');
  available.push('oracleCalls');
  const eNames = eigen ? Array.from({ length: n }, (_, j) => `e${j}`) : [];
  const wNames = n <= 3 ? Array.from({ length: n }, (_, i) => `w${i}`) : [];
  available.push(...eNames, ...wNames);
  const names = selectColumns(record, available, eNames, wNames);
  // Rows of a full run: k = 0, every recordEvery-th step and the last (so the columns are handed over without a copy).
  const rows = 1 + Math.floor(steps / recordEvery) + (steps % recordEvery === 0 ? 0 : 1);
  const trace = new TraceRecorder(names, Math.min(rows, 4096), eNames.length, wNames.length);
  const eigenCoordinates = eigen ? problem.eigenCoordinates!.bind(problem) : undefined;
  const recording = names.length > 0, wantCalls = trace.wantsOracleCalls, basic = trace.onlyBasic;
  // k, loss and gradNorm alone (the common sweep case) are stored here directly; anything else goes through trace.write.
  let kCol = trace.column('k'), lossCol = trace.column('loss'), gradNormCol = trace.column('gradNorm'), capacity = trace.capacityNow;

  // The measurement at w_k (loss = J(w_k) - J*, gradNorm = ||grad J(w_k)||_2), inlined below without closures so that
  // the loop's variables stay in registers. Fused oracles first: one pass instead of a gradient and a value.
  // A diagonal quadratic's own valueAndGrad (h, w* known) is measured inline: same operations, no call, no g stores.
  const diag = problem.excessAndGrad || !problem.valueAndGrad ? undefined : diagonalQuadraticOracles.get(problem.valueAndGrad);
  const h = diag?.h ?? g, wsd = diag?.ws ?? g, dimd = h.length;
  const mode = problem.excessAndGrad ? 0 : diag ? 3 : problem.valueAndGrad ? 1 : 2;
  const tolOnGrad = tolOn === 'grad', { onProgress } = options;
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  let status: RunStatus = 'max_steps', k = 0, divergedAt: number | null = null;
  let loss = 0, gradNorm = 0, base = 0, nextRecord = recordEvery, nextProgress = progressEvery;
  for (;;) {
    const w = state.w;
    if (mode === 3) {
      let s = 0, gg = 0;
      for (let i = 0; i < dimd; i++) { const e = w[i] - wsd[i], gi = h[i] * e; s += e * gi; gg += gi * gi; }
      loss = 0.5 * s - Jstar;
      gradNorm = Math.sqrt(gg);
    } else {
      if (mode === 0) loss = problem.excessAndGrad!(w, g);
      else if (mode === 1) loss = problem.valueAndGrad!(w, g) - Jstar;
      else { problem.grad(w, g); loss = problem.value(w) - Jstar; }
      let s = 0;
      for (let i = 0; i < n; i++) s += g[i] * g[i];
      gradNorm = Math.sqrt(s);
    }
    if (k === 0) base = Math.max(Math.abs(loss), 1e-300);
    if (!(Number.isFinite(loss) && Number.isFinite(gradNorm) && Math.abs(loss) <= divergence * base)) { status = 'diverged'; divergedAt = k; }
    else if ((tolOnGrad ? gradNorm : loss) <= tol) status = 'converged';
    // Counters instead of k % recordEvery and k % progressEvery (k grows by one, so they hit the same steps).
    const onGrid = k === nextRecord;
    if (onGrid) nextRecord += recordEvery;
    if (recording && (k === 0 || status !== 'max_steps' || onGrid || k === steps)) {
      if (basic) {
        const r = trace.reserve();
        if (r >= capacity) {
          kCol = trace.column('k'); lossCol = trace.column('loss'); gradNormCol = trace.column('gradNorm'); capacity = trace.capacityNow;
        }
        if (kCol !== null) kCol[r] = k;
        if (lossCol !== null) lossCol[r] = loss;
        if (gradNormCol !== null) gradNormCol[r] = gradNorm;
      } else trace.write(k, loss, gradNorm, state.w, state.v, ws, wantCalls ? oracle.calls() : 0, eigenCoordinates, eigen);
    }
    if (k === nextProgress) {
      nextProgress += progressEvery;
      if (onProgress) onProgress(k, steps);
    }
    if (status !== 'max_steps' || k >= steps) break;
    method.step(state, oracle);
    k++;
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
    trace: trace.finish(),
  };
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
