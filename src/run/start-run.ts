import { ParameterError } from '../errors.js';
import type { Optimizer, OptimizerState } from '../methods/optimizer.js';
import { MOMENTUM, isUnitMomentum } from './linear-diagonal-steps.js';
import { type LinearDiagonalWasm, linearDiagonalWasm } from './linear-diagonal-wasm.js';
import type { Problem } from '../problems/problem.js';
import type { CountingLease } from './borrow-counting-problem.js';
import { type KernelPlan, planFor } from './diagonal-plan.js';
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
  /** Measurement mode (below), and for the diagonal modes the declared h and w*. */
  readonly mode: number;
  readonly h: Float64Array;
  readonly wsd: Float64Array;
  /** The diagonal kernel (mode DIAGONAL_KERNEL): the compiled form, the state buffers it updates, their packed form
   * for m <= 2 (else null), the WebAssembly kernel when it is used (else null), the block sums. */
  readonly kernel: KernelPlan | null;
  readonly X: readonly Float64Array[];
  readonly P: readonly number[];
  readonly F: readonly number[] | null;
  readonly wasm: LinearDiagonalWasm | null;
  /** The packed plan is heavy ball's or Nesterov's unit MOMENTUM shape on an even number of coordinates: the kernel
   * calls unitMomentumPairs directly when only loss and gradNorm are measured. */
  readonly unitPairs: boolean;
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

// Measurement modes: a fused excessAndGrad, a fused valueAndGrad, grad + value, a diagonal quadratic measured inline
// (method.step, then run's measurement from h and w*), and a linear method on a diagonal quadratic stepped and measured
// by run's kernel.
export const EXCESS_AND_GRAD = 0, VALUE_AND_GRAD = 1, GRAD_AND_VALUE = 2, DIAGONAL = 3, DIAGONAL_KERNEL = 4;

/** Steps per kernel block (the sums of a block are BLOCK doubles each). */
export const BLOCK = 512;

/**
 * Which diagonal kernel run uses: 'auto' (WebAssembly SIMD from WASM_MIN_DIM coordinates on, where available, else
 * TypeScript), 'ts' (the TypeScript kernel: the fallback, forced for tests), 'wasm' (WebAssembly at every size, where
 * available: tests), 'off' (the plain step loop, the reference).
 */
export type KernelChoice = 'auto' | 'ts' | 'wasm' | 'off';
let kernelChoice: KernelChoice = 'auto';

/** Set run's kernel choice (tests and benchmarks compare the paths); returns the previous one. */
export function setDiagonalKernel(choice: KernelChoice): KernelChoice {
  const previous = kernelChoice;
  kernelChoice = choice;
  return previous;
}

/** From this dimension on the WebAssembly kernel is used (measured crossover, docs/bench.md). */
export const WASM_MIN_DIM = 4096;

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
  // of a gradient and a value. A problem that declares itself a diagonal quadratic (h, w*) is measured inline: the
  // operations of its valueAndGrad, no call, no g stores. If the method declares a linear form with D = 0 as well,
  // run's kernel takes the steps (see stepRunKernel), the plain loop stays the reference.
  const diag = problem.excessAndGrad ? undefined : problem.diagonalHessian;
  const h = diag?.h ?? NO_VALUES, wsd = diag?.ws ?? NO_VALUES;
  const kernel = diag !== undefined && kernelChoice !== 'off' ? planFor(problem, method, state) : null;
  const packed = kernel?.packed ?? null;
  // The WebAssembly kernel for the MOMENTUM shape from WASM_MIN_DIM coordinates on (or always, when chosen).
  const wasm = packed !== null && packed.F[15] === MOMENTUM && (kernelChoice === 'wasm' || (kernelChoice === 'auto' && n >= WASM_MIN_DIM))
    ? linearDiagonalWasm() : null;
  const trace = new TraceRecorder(names, Math.min(rows, 4096), eNames, wNames);
  return {
    problem, method, oracle, counts: lease.counts, state, ws, Jstar: problem.minValue ?? 0,
    // The gradient buffer of run's own measurement: not needed when a diagonal quadratic is measured inline.
    g: diag ? NO_VALUES : new Float64Array(n),
    trace, recording: names.length > 0, wantCalls: trace.wantsOracleCalls, basic: trace.onlyBasic,
    kCol: trace.column('k'), lossCol: trace.column('loss'), gradNormCol: trace.column('gradNorm'),
    eigen: trace.wantEigen ? new Float64Array(n) : undefined,
    eigenCoordinates: trace.wantEigen ? problem.eigenCoordinates!.bind(problem) : undefined,
    mode: problem.excessAndGrad ? EXCESS_AND_GRAD : kernel ? DIAGONAL_KERNEL : diag ? DIAGONAL
      : problem.valueAndGrad ? VALUE_AND_GRAD : GRAD_AND_VALUE,
    h, wsd, kernel, X: kernel?.X ?? NO_BUFFERS, P: packed?.P ?? NO_NUMBERS, F: packed?.F ?? null, wasm,
    unitPairs: wasm === null && packed !== null && isUnitMomentum(packed.P, packed.F) && n % 2 === 0,
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
const NO_BUFFERS: readonly Float64Array[] = [];
const NO_NUMBERS: readonly number[] = [];

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
