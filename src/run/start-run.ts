import { ParameterError } from '../errors.js';
import type { Optimizer, OptimizerState } from '../methods/optimizer.js';
import { type DiagonalStepMeasure, type WithDiagonalStepMeasure, diagonalQuadraticOracles, diagonalStepMeasure } from '../problems/diagonal-quadratic.js';
import type { Problem } from '../problems/problem.js';
import type { CountingLease } from './borrow-counting-problem.js';
import type { CountingProblem, OracleCounts } from './counting-problem.js';
import type { RunResult, RunStatus } from './run.js';
import { TraceRecorder } from './trace-recorder.js';

// run's setup and result, around the loops of step-run.ts (three functions, see `run`).

/** What `stepRun` reads and updates: the run's setup (fixed) and its progress (status, k, rows, loss, gradNorm). */
export interface RunLoop {
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
export const EXCESS_AND_GRAD = 0, VALUE_AND_GRAD = 1, GRAD_AND_VALUE = 2, DIAGONAL = 3, DIAGONAL_STEP_MEASURE = 4;

/** Everything a run needs before its first step: the state, the columns, the measurement mode. */
export function startRun(problem: Problem, method: Optimizer, lease: CountingLease, w0: Float64Array, steps: number, tol: number,
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
  const carried = stepDiag !== undefined && stepDiag.h === h && stepDiag.ws === wsd
    ? (method as Partial<WithDiagonalStepMeasure<OptimizerState>>)[diagonalStepMeasure] : undefined;
  const fused = carried !== undefined && carried.step === method.step ? carried : undefined;
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

/** The result of a finished run. */
export function finishRun(loop: RunLoop, seed: number | undefined): RunResult {
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
