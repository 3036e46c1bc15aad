import { ParameterError, checkNumber } from '../errors.js';
import type { Optimizer, OptimizerState } from '../optimizers/optimizer.js';
import { type DiagonalStepMeasure, type WithDiagonalStepMeasure, diagonalQuadraticOracles, diagonalStepMeasure } from '../problems/diagonal-quadratic.js';
import type { Problem } from '../problems/problem.js';
import { type CountingLease, borrowCountingProblem } from './borrow-counting-problem.js';
import type { CountingProblem, OracleCounts } from './counting-problem.js';
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

  const lease = borrowCountingProblem(problem);
  try {
    // Setup, the stepping loop and the result in three functions: the loop's function is compiled by V8 while its first
    // call is still looping, and setup code inside it (run only once per call, without type feedback yet) made that code
    // deoptimise on the next call; V8 then kept re-entering the loop through on-stack replacement, and a sweep of 10^4
    // runs took 375 instead of 235 ms in about half of the processes.
    const loop = startRun(problem, method, lease, w0, steps, tol, tolOn === 'grad', record, recordEvery, divergence, maxEigen, options.onProgress);
    if (loop.mode === DIAGONAL_STEP_MEASURE && (loop.basic || !loop.recording)) stepRunInBlocks(loop);
    else stepRun(loop);
    return finishRun(loop, seed);
  } finally {
    lease.release();
  }
}

/** What `stepRun` reads and updates: the run's setup (fixed) and its progress (status, k, rows, loss, gradNorm). */
interface RunLoop {
  readonly problem: Problem;
  readonly method: Optimizer;
  readonly oracle: CountingProblem;
  readonly counts: OracleCounts;
  readonly state: OptimizerState;
  /** Gradient buffer of the measurement. */
  readonly g: Float64Array;
  readonly ws: Float64Array | undefined;
  readonly Jstar: number;
  readonly trace: TraceRecorder;
  /** Whether anything, oracleCalls, or only k / loss / gradNorm are recorded; those three columns (null if not). */
  readonly recording: boolean;
  readonly wantCalls: boolean;
  readonly basic: boolean;
  readonly kCol: Float64Array | null;
  readonly lossCol: Float64Array | null;
  readonly gradNormCol: Float64Array | null;
  readonly eigen: Float64Array | undefined;
  readonly eigenCoordinates: ((w: Float64Array, out: Float64Array) => Float64Array) | undefined;
  /** Measurement mode (below), and for the diagonal modes h, w* and the method's DiagonalStepMeasure. */
  readonly mode: number;
  readonly h: Float64Array;
  readonly wsd: Float64Array;
  readonly stepsMeasured: DiagonalStepMeasure<OptimizerState>['steps'] | undefined;
  readonly coefficients: Float64Array;
  readonly steps: number;
  readonly tol: number;
  readonly tolOnGrad: boolean;
  readonly recordEvery: number;
  readonly divergence: number;
  readonly onProgress: ((k: number, steps: number) => void) | undefined;
  status: RunStatus;
  k: number;
  rows: number;
  divergedAt: number | null;
  loss: number;
  gradNorm: number;
}

// Measurement modes: a fused excessAndGrad, a fused valueAndGrad, grad + value, a diagonal quadratic measured inline,
// and a diagonal quadratic whose method steps and measures in one pass (DiagonalStepMeasure).
const EXCESS_AND_GRAD = 0, VALUE_AND_GRAD = 1, GRAD_AND_VALUE = 2, DIAGONAL = 3, DIAGONAL_STEP_MEASURE = 4;

function startRun(problem: Problem, method: Optimizer, lease: CountingLease, w0: Float64Array, steps: number, tol: number,
  tolOnGrad: boolean, record: boolean | readonly string[], recordEvery: number, divergence: number, maxEigen: number,
  onProgress: ((k: number, steps: number) => void) | undefined): RunLoop {
  const n = problem.dim, oracle = lease.counted;
  const state: OptimizerState = method.init(oracle, new Float64Array(w0));
  const ws = problem.minimizer;
  const hasEigen = problem.eigenCoordinates !== undefined && n <= maxEigen;

  // Columns available for this problem and method, then the selection.
  const eNames = hasEigen ? coordinateNames('e', n) : NO_NAMES;
  const wNames = n <= 3 ? coordinateNames('w', n) : NO_NAMES;
  const available = ['k', 'loss', 'gradNorm'];
  if (ws) available.push('dist');
  if (state.v) available.push('vNorm', 'energy');
  available.push('oracleCalls');
  for (const c of eNames) available.push(c);
  for (const c of wNames) available.push(c);
  const names = selectColumns(record, available, eNames, wNames);
  // Rows of a full run: k = 0, every recordEvery-th step and the last (so the columns are handed over without a copy).
  const rows = 1 + Math.floor(steps / recordEvery) + (steps % recordEvery === 0 ? 0 : 1);

  // The measurement at w_k (loss = J(w_k) - J*, gradNorm = ||grad J(w_k)||_2). Fused oracles first: one pass instead
  // of a gradient and a value. A diagonal quadratic's own valueAndGrad (h, w* known) is measured inline: same
  // operations, no call, no g stores. When its grad is the same diagonal quadratic's and the method carries a
  // DiagonalStepMeasure (gd, hb, nag), that takes each step and measures w_(k+1) in the same pass: the method's own
  // fused step and run's measurement, the same operations in the same order, so the same bits as step + measurement
  // (test/run/run-fast-path.test.ts); 1 instead of 2 passes over w per step.
  const diag = problem.excessAndGrad || !problem.valueAndGrad ? undefined : diagonalQuadraticOracles.get(problem.valueAndGrad);
  const h = diag?.h ?? NO_VALUES, wsd = diag?.ws ?? NO_VALUES;
  const stepDiag = diag ? diagonalQuadraticOracles.get(problem.grad) : undefined;
  const fused = stepDiag !== undefined && stepDiag.h === h && stepDiag.ws === wsd
    ? (method as Partial<WithDiagonalStepMeasure<OptimizerState>>)[diagonalStepMeasure] : undefined;
  const trace = new TraceRecorder(names, Math.min(rows, 4096), eNames, wNames);
  return {
    problem, method, oracle, counts: lease.counts, state, ws, Jstar: problem.minValue ?? 0,
    // The gradient buffer of run's own measurement: not needed when a diagonal quadratic is measured inline.
    g: diag ? NO_VALUES : new Float64Array(n),
    trace, recording: names.length > 0, wantCalls: trace.wantsOracleCalls, basic: trace.onlyBasic,
    kCol: trace.column('k'), lossCol: trace.column('loss'), gradNormCol: trace.column('gradNorm'),
    eigen: trace.wantEigen ? new Float64Array(n) : undefined,
    eigenCoordinates: trace.wantEigen ? problem.eigenCoordinates!.bind(problem) : undefined,
    mode: problem.excessAndGrad ? EXCESS_AND_GRAD : fused ? DIAGONAL_STEP_MEASURE : diag ? DIAGONAL
      : problem.valueAndGrad ? VALUE_AND_GRAD : GRAD_AND_VALUE,
    h, wsd, stepsMeasured: fused?.steps, coefficients: fused?.coefficients ?? NO_VALUES,
    steps, tol, tolOnGrad, recordEvery, divergence, onProgress,
    status: 'max_steps', k: 0, rows: 0, divergedAt: null, loss: 0, gradNorm: 0,
  };
}

/**
 * The loop: measure w_k, test divergence and tolerance, record, step; until a stop or k = steps. The loop state lives
 * in locals (in registers), written back to `loop` at the end.
 */
function stepRun(loop: RunLoop): void {
  const { problem, method, oracle, counts, state, g, ws, trace, wantCalls, basic, eigen, eigenCoordinates,
    mode, h, wsd, stepsMeasured, coefficients, steps, recordEvery, divergence, onProgress } = loop;
  // As doubles and booleans (see stepRunInBlocks).
  const Jstar = +loop.Jstar, tol = +loop.tol, tolOnGrad = loop.tolOnGrad === true, recording = loop.recording === true;
  const n = g.length, dimd = h.length;
  // k, loss and gradNorm alone (the common sweep case) are stored here directly; anything else goes through trace.write.
  let { kCol, lossCol, gradNormCol } = loop, capacity = kCol?.length ?? lossCol?.length ?? gradNormCol?.length ?? 0;
  // The gradient queries of the fused steps, added to the wrapper's count at the end (and before oracleCalls is read):
  // a local counter instead of a counts.grad++ through the wrapper per step.
  let inlineQueries = 0;
  const eHeOut = new Float64Array(1), ggOut = new Float64Array(1), lossAndGradNorm = new Float64Array(2);
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  let status: RunStatus = 'max_steps', k = 0, row = 0, divergedAt: number | null = null;
  let loss = 0, gradNorm = 0, lossMax = 0, nextRecord = recordEvery, nextProgress = progressEvery;
  for (;;) {
    if (k === 0 || mode !== DIAGONAL_STEP_MEASURE) {
      const w = state.w;
      if (mode >= DIAGONAL) {
        let s = 0, gg = 0;
        for (let i = 0; i < dimd; i++) { const e = w[i] - wsd[i], gi = h[i] * e; s += e * gi; gg += gi * gi; }
        loss = 0.5 * s - Jstar;
        gradNorm = Math.sqrt(gg);
      } else {
        if (mode === EXCESS_AND_GRAD) loss = problem.excessAndGrad!(w, g);
        else if (mode === VALUE_AND_GRAD) loss = problem.valueAndGrad!(w, g) - Jstar;
        else { problem.grad(w, g); loss = problem.value(w) - Jstar; }
        let s = 0;
        for (let i = 0; i < n; i++) s += g[i] * g[i];
        gradNorm = Math.sqrt(s);
      }
    }
    // Divergence: loss or gradNorm not finite, or |loss| > divergence * base (base = max(|J(w_0) - J*|, 1e-300)).
    // With lossMax = that bound capped at the largest double, |loss| <= lossMax && gradNorm <= MAX_VALUE is the same
    // test in two comparisons (NaN fails both; gradNorm >= 0): the isFinite calls were ~1 ns of every step.
    if (k === 0) lossMax = Math.min(divergence * Math.max(Math.abs(loss), 1e-300), Number.MAX_VALUE);
    if (!(Math.abs(loss) <= lossMax && gradNorm <= Number.MAX_VALUE)) { status = 'diverged'; divergedAt = k; }
    else if ((tolOnGrad ? gradNorm : loss) <= tol) status = 'converged';
    // Counters instead of k % recordEvery and k % progressEvery (k grows by one, so they hit the same steps).
    const onGrid = k === nextRecord;
    if (onGrid) nextRecord += recordEvery;
    if (recording && (k === 0 || status !== 'max_steps' || onGrid || k === steps)) {
      if (basic) {
        if (row >= capacity) {
          trace.room(row);
          kCol = trace.column('k'); lossCol = trace.column('loss'); gradNormCol = trace.column('gradNorm'); capacity = trace.capacityNow;
        }
        if (kCol !== null) kCol[row] = k;
        if (lossCol !== null) lossCol[row] = loss;
        if (gradNormCol !== null) gradNormCol[row] = gradNorm;
      } else {
        // Through a Float64Array, not as arguments: passing loss and gradNorm to this (not inlined) call made V8 box
        // them, allocating a HeapNumber on every step of the loop, recorded or not (seen in --print-opt-code).
        lossAndGradNorm[0] = loss; lossAndGradNorm[1] = gradNorm;
        trace.write(row, k, lossAndGradNorm, state.w, state.v, ws, wantCalls ? counts.value + counts.grad + counts.hvp + inlineQueries : 0, eigenCoordinates, eigen);
      }
      row++;
    }
    if (k === nextProgress) {
      nextProgress += progressEvery;
      if (onProgress) onProgress(k, steps);
    }
    if (status !== 'max_steps' || k >= steps) break;
    if (mode === DIAGONAL_STEP_MEASURE) {
      stepsMeasured!(coefficients, state, h, wsd, 1, eHeOut, ggOut);
      inlineQueries++;
      loss = 0.5 * eHeOut[0] - Jstar;
      gradNorm = Math.sqrt(ggOut[0]);
    } else method.step(state, oracle);
    k++;
  }
  counts.grad += inlineQueries;
  loop.status = status; loop.k = k; loop.rows = row; loop.divergedAt = divergedAt; loop.loss = loss; loop.gradNorm = gradNorm;
}

// Measurements of a block of steps (DiagonalStepMeasure): shared by all runs, filled and read between two onProgress
// calls only, so a run started from onProgress can use them too.
const BLOCK = 512;
const eHeBlock = new Float64Array(BLOCK), ggBlock = new Float64Array(BLOCK);

/**
 * stepRun for a method's DiagonalStepMeasure with at most k, loss and gradNorm recorded: the method takes up to 128
 * steps per call (ending at the next onProgress step), then each step's measurement is tested and recorded as in
 * stepRun. When a step stops the run inside a block, w and v are reset to the block's start and the method takes the
 * steps up to that one again (same operations, same bits), so the run ends exactly there.
 * Measured on 10^4 2-D heavy-ball runs x 1000 steps: ~12 ns per step instead of ~21 ns with one call per step.
 */
function stepRunInBlocks(loop: RunLoop): void {
  const { counts, state, trace, h, wsd, stepsMeasured, coefficients, steps, recordEvery, divergence, onProgress } = loop;
  // Numbers and flags read from `loop` are re-checked by V8 on every use (is it a small integer or a boxed double? is
  // this value truthy?); taken here as doubles and booleans they stay in registers: ~2 ns of every step. The same for
  // the module's block buffers (a context load with a hole check per use).
  const Jstar = +loop.Jstar, tol = +loop.tol, tolOnGrad = loop.tolOnGrad === true, recording = loop.recording === true;
  const eHeOf = eHeBlock, ggOf = ggBlock;
  const { w, v } = state, n = w.length;
  const wStart = new Float64Array(n), vStart = v ? new Float64Array(n) : wStart;
  let { kCol, lossCol, gradNormCol } = loop, capacity = kCol?.length ?? lossCol?.length ?? gradNormCol?.length ?? 0;
  // k = 0: the measurement of w_0 (as in stepRun), the divergence bound, the first row.
  let s = 0, gg = 0;
  for (let i = 0; i < n; i++) { const e = w[i] - wsd[i], gi = h[i] * e; s += e * gi; gg += gi * gi; }
  let loss = 0.5 * s - Jstar, gradNorm = Math.sqrt(gg);
  const lossMax = Math.min(divergence * Math.max(Math.abs(loss), 1e-300), Number.MAX_VALUE);
  let status: RunStatus = 'max_steps', divergedAt: number | null = null;
  if (!(Math.abs(loss) <= lossMax && gradNorm <= Number.MAX_VALUE)) { status = 'diverged'; divergedAt = 0; }
  else if ((tolOnGrad ? gradNorm : loss) <= tol) status = 'converged';
  if (recording) {
    if (kCol !== null) kCol[0] = 0;
    if (lossCol !== null) lossCol[0] = loss;
    if (gradNormCol !== null) gradNormCol[0] = gradNorm;
  }
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  let k = 0, row = recording ? 1 : 0, nextRecord = recordEvery, nextProgress = progressEvery;
  while (status === 'max_steps' && k < steps) {
    // Blocks end at the onProgress steps only when there is an onProgress (with 1% steps they would be short).
    const count = Math.min(BLOCK, steps - k, onProgress ? nextProgress - k : BLOCK), kStart = state.k;
    for (let i = 0; i < n; i++) wStart[i] = w[i];
    if (v) for (let i = 0; i < n; i++) vStart[i] = v[i];
    stepsMeasured!(coefficients, state, h, wsd, count, eHeOf, ggOf);
    let taken = count, stopped = false;
    for (let j = 0; j < count; j++) {
      const kj = k + 1 + j;
      loss = 0.5 * eHeOf[j] - Jstar;
      gradNorm = Math.sqrt(ggOf[j]);
      // Diverged or converged (which one is sorted out after the block, off this loop).
      stopped = !(Math.abs(loss) <= lossMax && gradNorm <= Number.MAX_VALUE) || (tolOnGrad ? gradNorm : loss) <= tol;
      if (recording && (kj === nextRecord || stopped || kj === steps)) {
        if (kj === nextRecord) nextRecord += recordEvery;
        if (row >= capacity) {
          trace.room(row);
          kCol = trace.column('k'); lossCol = trace.column('loss'); gradNormCol = trace.column('gradNorm'); capacity = trace.capacityNow;
        }
        if (kCol !== null) kCol[row] = kj;
        if (lossCol !== null) lossCol[row] = loss;
        if (gradNormCol !== null) gradNormCol[row] = gradNorm;
        row++;
      }
      if (stopped) { taken = j + 1; break; }
    }
    if (stopped) {
      if (!(Math.abs(loss) <= lossMax && gradNorm <= Number.MAX_VALUE)) { status = 'diverged'; divergedAt = k + taken; }
      else status = 'converged';
    }
    if (taken < count) {
      // Stopped inside the block: back to its start, and again the steps up to the stopping one.
      for (let i = 0; i < n; i++) w[i] = wStart[i];
      if (v) for (let i = 0; i < n; i++) v[i] = vStart[i];
      state.k = kStart;
      stepsMeasured!(coefficients, state, h, wsd, taken, eHeOf, ggOf);
    }
    k += taken;
    if (onProgress && k === nextProgress) {
      nextProgress += progressEvery;
      onProgress(k, steps);
    }
  }
  counts.grad += k;
  loop.status = status; loop.k = k; loop.rows = row; loop.divergedAt = divergedAt; loop.loss = loss; loop.gradNorm = gradNorm;
}

function finishRun(loop: RunLoop, seed: number | undefined): RunResult {
  const { status, k, loss, gradNorm, counts } = loop;
  return {
    status,
    steps: k,
    finalLoss: Number.isFinite(loss) ? loss : null,
    finalGradNorm: Number.isFinite(gradNorm) ? gradNorm : null,
    divergedAt: loop.divergedAt,
    oracleCalls: { value: counts.value, grad: counts.grad, hvp: counts.hvp, total: counts.value + counts.grad + counts.hvp },
    seed: seed ?? null,
    w: new Float64Array(loop.state.w),
    trace: loop.trace.finish(loop.rows),
  };
}

const NO_NAMES: readonly string[] = [];
const NO_VALUES = new Float64Array(0);
const E_NAMES: string[][] = [], W_NAMES: string[][] = [];

/**
 * [prefix0, prefix1, ..., prefix(n-1)] for prefix 'e' or 'w', built once per n: the e_j / w_i column names of every
 * run (building them per run, strings included, was ~0.3 us of a 2-D run's setup).
 */
function coordinateNames(prefix: 'e' | 'w', n: number): readonly string[] {
  const cache = prefix === 'e' ? E_NAMES : W_NAMES;
  let names = cache[n];
  if (names === undefined) {
    names = [];
    for (let j = 0; j < n; j++) names.push(prefix + j);
    cache[n] = names;
  }
  return names;
}

function selectColumns(record: boolean | readonly string[], available: string[], eNames: readonly string[], wNames: readonly string[]): string[] {
  if (record === true) return available;
  if (record === false) return [];
  const wanted: string[] = [];
  for (const name of record) {
    const group = name === 'e' ? eNames : name === 'w' ? wNames : undefined;
    if (group === undefined ? !available.includes(name) : group.length === 0) {
      const groups = [eNames.length ? 'e' : '', wNames.length ? 'w' : ''].filter(Boolean);
      const hint = groups.length ? ` (or ${groups.join(', ')} for all of a group)` : ' (e and w need eigen-coordinates / dim <= 3)';
      throw new ParameterError('record', name, `columns available here: ${available.join(', ')}${hint}`);
    }
    if (group === undefined) wanted.push(name);
    else for (const c of group) wanted.push(c);
  }
  // In the order of `available`.
  const out: string[] = [];
  for (const c of available) if (wanted.includes(c)) out.push(c);
  return out;
}
