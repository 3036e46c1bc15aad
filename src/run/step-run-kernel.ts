import { type BlockSums, linearDiagonalSteps2, linearDiagonalStepsAny, unitMomentumPairs } from './linear-diagonal-steps.js';
import type { RunStatus } from './run.js';
import { BLOCK, type RunLoop } from './start-run.js';
import { inBounds, measureDiagonal } from './step-run.js';

// Buffers shared by all runs (a sweep of 10^4 runs would allocate them 10^4 times): each is filled and read inside one
// block or one record, never across an onProgress call, so a run started from onProgress can use them too. The copies
// of a block's start state are shared up to POOLED doubles (larger runs allocate their own, not kept afterwards).
const POOLED = 1 << 16;
const NONE = new Float64Array(0), VALUES = new Float64Array(5), LOSS_AND_GRAD_NORM = new Float64Array(2);
// A block's sums (module constants: V8 then knows their length in the loops that read them).
const E_HE = new Float64Array(BLOCK), GG = new Float64Array(BLOCK), EE = new Float64Array(BLOCK), VV = new Float64Array(BLOCK);
const SUMS: BlockSums = { eHe: E_HE, gg: GG, ee: EE, vv: VV };
let startPool = new Float64Array(64), scratchPool = new Float64Array(16);
function startsFor(size: number): Float64Array {
  if (size > POOLED) return new Float64Array(size);
  if (startPool.length < size) startPool = new Float64Array(size);
  return startPool;
}
/** out[at..at+n) = x[from..from+n): a loop for short vectors (a typed array's `set` costs more than a 2-D copy), else `set`. */
function copyInto(out: Float64Array, at: number, x: Float64Array, from: number, n: number): void {
  if (n <= 64) for (let i = 0; i < n; i++) out[at + i] = x[from + i];
  else out.set(from === 0 && n === x.length ? x : x.subarray(from, from + n), at);
}
function scratchFor(size: number): Float64Array {
  if (scratchPool.length < size) scratchPool = new Float64Array(size);
  return scratchPool;
}

/**
 * One block of `count` steps of run's diagonal kernel: the WebAssembly kernel when the run has one, else the
 * TypeScript register kernel (state size <= 2) or the general one; each step's sums go to loop.sums[..][j].
 */
function kernelBlock(loop: RunLoop, count: number, wantE: boolean, wantV: boolean, scratch: Float64Array): void {
  const { X, P, F, wasm, h, wsd, state } = loop, sums = SUMS;
  const V = state.v ?? X[0], n = X[0].length;
  if (wasm !== null) wasm.steps2(P, F!, X[0], X[X.length - 1], V, h, wsd, n, count, sums, wantE, wantV, true);
  else if (loop.unitPairs && !wantE && !wantV) unitMomentumPairs(P[3], P[4], P[1], F![1] !== 0, X[0], X[1], V, h, wsd, 0, n, count, sums.eHe, sums.gg, F![11] === 1, true);
  else if (F !== null) linearDiagonalSteps2(P, F, X[0], X[X.length - 1], V, h, wsd, 0, n, count, sums, wantE, wantV, true);
  else linearDiagonalStepsAny(loop.kernel!.plan!, X, V, h, wsd, 0, n, count, sums, wantE, wantV, true, scratch);
  state.k += count;
}

/** One step of the method itself (a form's declared first step), measured into the sums' slot 0 as the kernel does. */
function plainBlock(loop: RunLoop, wantV: boolean): void {
  const { state, h, wsd } = loop, sums = SUMS;
  loop.method.step(state, loop.oracle);
  const w = state.w;
  let s = 0, gg = 0, ee = 0, vv = 0;
  for (let i = 0; i < h.length; i++) { const e = w[i] - wsd[i], gi = h[i] * e; s += e * gi; gg += gi * gi; ee += e * e; }
  if (wantV) { const v = state.v!; for (let i = 0; i < v.length; i++) vv += v[i] * v[i]; }
  sums.eHe[0] = s; sums.gg[0] = gg; sums.ee[0] = ee; sums.vv[0] = vv;
}

/**
 * stepRun for a linear method on a diagonal quadratic (mode DIAGONAL_KERNEL): the kernel takes blocks of up to BLOCK
 * steps (ending at the next onProgress step when there is an onProgress) and measures every iterate in the same pass;
 * then each step's measurement is tested and recorded as in stepRun. When a step stops the run inside a block, the
 * state is reset to the block's start and the kernel takes the steps up to that one again (same operations, same bits),
 * so the run ends exactly there. Traces with e_j or w_i columns read the state after every step: blocks of one step.
 * A form with a declared first step (`firstStep`) takes it with the method's own `step`.
 */
export function stepRunKernel(loop: RunLoop): void {
  const { counts, state, trace, h, wsd, steps, recordEvery, divergence, onProgress } = loop, plan = loop.kernel!;
  // As doubles and booleans: numbers and flags read from `loop` were re-checked by V8 on every use.
  const Jstar = +loop.Jstar, tol = +loop.tol, tolOnGrad = loop.tolOnGrad === true, recording = loop.recording === true;
  const basic = loop.basic === true, byState = trace.wantsState;
  // dist and vNorm from the kernel's sums, or from the state after one-step blocks (trace.write: the same sums).
  const wantE = trace.wantsDist && !byState, wantV = trace.wantsVelocity && !byState;
  const eHe = E_HE, gg = GG, ee = EE, vv = VV, n = state.w.length, m = plan.m;
  const everyStep = !recording || recordEvery === 1;
  // The buffers a block changes (the form's state, and v when the kernel fills it), and their copies at its start.
  const saved = plan.saved;
  const starts = byState ? NONE : startsFor(saved.length * n);
  const scratch = scratchFor(2 * m), values = VALUES, lossAndGradNorm = LOSS_AND_GRAD_NORM;
  let { kCol, lossCol, gradNormCol } = loop, capacity = kCol?.length ?? lossCol?.length ?? gradNormCol?.length ?? 0;
  // k = 0: the measurement of w_0 (as in stepRun), the divergence bound, the first row.
  measureDiagonal(state.w, h, wsd, lossAndGradNorm, Jstar);
  let loss = lossAndGradNorm[0], gradNorm = lossAndGradNorm[1];
  const lossMax = Math.min(divergence * Math.max(Math.abs(loss), 1e-300), Number.MAX_VALUE);
  let status: RunStatus = 'max_steps', divergedAt: number | null = null;
  if (!inBounds(loss, gradNorm, lossMax)) { status = 'diverged'; divergedAt = 0; }
  else if ((tolOnGrad ? gradNorm : loss) <= tol) status = 'converged';
  // Kernel steps, added to the wrapper's gradient count at the end (and to oracleCalls as they are recorded).
  let inline = 0;
  let row = 0;
  if (recording) {
    if (basic) {
      if (kCol !== null) kCol[0] = 0;
      if (lossCol !== null) lossCol[0] = loss;
      if (gradNormCol !== null) gradNormCol[0] = gradNorm;
    } else trace.write(0, 0, lossAndGradNorm, state.w, state.v, wsd, counts.value + counts.grad + counts.hvp, loop.eigenCoordinates, loop.eigen);
    row = 1;
  }
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  let k = 0, nextRecord = recordEvery, nextProgress = progressEvery, first = plan.firstStepPlain;
  while (status === 'max_steps' && k < steps) {
    const plain = first;
    const count = plain || byState ? 1 : Math.min(BLOCK, steps - k, onProgress ? nextProgress - k : BLOCK), kStart = state.k;
    first = false;
    if (count > 1) for (let b = 0; b < saved.length; b++) copyInto(starts, b * n, saved[b], 0, n);
    if (plain) plainBlock(loop, wantV);
    else { kernelBlock(loop, count, wantE, wantV, scratch); inline += count; }
    let taken = count, stopped = false;
    if (everyStep && basic) {
      // Every step is a row (or nothing is recorded): room for the block first, then one row per step.
      if (recording && row + count > capacity) {
        trace.room(row + count - 1);
        kCol = trace.column('k'); lossCol = trace.column('loss'); gradNormCol = trace.column('gradNorm'); capacity = trace.capacityNow;
      }
      for (let j = 0; j < count; j++) {
        loss = 0.5 * eHe[j] - Jstar;
        gradNorm = Math.sqrt(gg[j]);
        if (kCol !== null) kCol[row + j] = k + 1 + j;
        if (lossCol !== null) lossCol[row + j] = loss;
        if (gradNormCol !== null) gradNormCol[row + j] = gradNorm;
        // Diverged or converged (which one is sorted out after the block, off this loop).
        if (!inBounds(loss, gradNorm, lossMax) || (tolOnGrad ? gradNorm : loss) <= tol) {
          stopped = true; taken = j + 1; break;
        }
      }
      if (recording) row += taken;
    } else {
      for (let j = 0; j < count; j++) {
        const kj = k + 1 + j;
        loss = 0.5 * eHe[j] - Jstar;
        gradNorm = Math.sqrt(gg[j]);
        stopped = !inBounds(loss, gradNorm, lossMax) || (tolOnGrad ? gradNorm : loss) <= tol;
        if (recording && (kj === nextRecord || stopped || kj === steps || recordEvery === 1)) {
          if (basic) {
            if (row >= capacity) {
              trace.room(row);
              kCol = trace.column('k'); lossCol = trace.column('loss'); gradNormCol = trace.column('gradNorm'); capacity = trace.capacityNow;
            }
            if (kCol !== null) kCol[row] = kj;
            if (lossCol !== null) lossCol[row] = loss;
            if (gradNormCol !== null) gradNormCol[row] = gradNorm;
          } else {
            const calls = counts.value + counts.grad + counts.hvp + inline - (plain ? 0 : count - 1 - j);
            if (byState) {
              // One-step blocks: the state is this step's; trace.write measures dist and vNorm from it (same sums).
              lossAndGradNorm[0] = loss; lossAndGradNorm[1] = gradNorm;
              trace.write(row, kj, lossAndGradNorm, state.w, state.v, wsd, calls, loop.eigenCoordinates, loop.eigen);
            } else {
              values[0] = loss; values[1] = gradNorm; values[2] = wantE ? Math.sqrt(ee[j]) : 0;
              values[3] = wantV ? Math.sqrt(vv[j]) : 0; values[4] = calls;
              trace.writeMeasured(row, kj, values);
            }
          }
          row++;
        }
        if (kj === nextRecord) nextRecord += recordEvery;
        if (stopped) { taken = j + 1; break; }
      }
    }
    if (stopped) {
      if (!inBounds(loss, gradNorm, lossMax)) { status = 'diverged'; divergedAt = k + taken; }
      else status = 'converged';
    }
    if (taken < count) {
      // Stopped inside the block: back to its start, and again the steps up to the stopping one.
      for (let b = 0; b < saved.length; b++) copyInto(saved[b], 0, starts, b * n, n);
      state.k = kStart;
      inline -= count;
      kernelBlock(loop, taken, wantE, wantV, scratch);
      inline += taken;
    }
    k += taken;
    if (onProgress && k >= nextProgress) {
      while (nextProgress <= k) nextProgress += progressEvery;
      onProgress(k, steps);
    }
  }
  counts.grad += inline;
  loop.status = status; loop.k = k; loop.rows = row; loop.divergedAt = divergedAt; loop.loss = loss; loop.gradNorm = gradNorm;
}
