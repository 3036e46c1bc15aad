import type { RunStatus } from './run.js';
import { DIAGONAL, DIAGONAL_STEP_MEASURE, EXCESS_AND_GRAD, type RunLoop, VALUE_AND_GRAD } from './start-run.js';

/**
 * Divergence test: loss or gradNorm not finite, or |loss| > divergence * base (base = max(|J(w_0) - J*|, 1e-300)).
 * With lossMax = that bound capped at the largest double, |loss| <= lossMax && gradNorm <= MAX_VALUE is the same test
 * in two comparisons (NaN fails both; gradNorm >= 0) instead of two isFinite calls and one.
 */
function inBounds(loss: number, gradNorm: number, lossMax: number): boolean {
  return Math.abs(loss) <= lossMax && gradNorm <= Number.MAX_VALUE;
}

/** run's measurement of w on a diagonal quadratic: out = [J(w) - J*, ||grad J(w)||], e = w - w*, g = h e. */
function measureDiagonal(w: Float64Array, h: Float64Array, ws: Float64Array, out: Float64Array, Jstar: number): void {
  let s = 0, gg = 0;
  for (let i = 0; i < h.length; i++) { const e = w[i] - ws[i], gi = h[i] * e; s += e * gi; gg += gi * gi; }
  out[0] = 0.5 * s - Jstar;
  out[1] = Math.sqrt(gg);
}

/**
 * The loop: measure w_k, test divergence and tolerance, record, step; until a stop or k = steps. The loop state lives
 * in locals (in registers), written back to `loop` at the end.
 */
export function stepRun(loop: RunLoop): void {
  const { problem, method, oracle, counts, state, g, ws, trace, wantCalls, basic, eigen, eigenCoordinates,
    mode, h, wsd, stepsMeasured, coefficients, steps, recordEvery, divergence, onProgress } = loop;
  // As doubles and booleans (see stepRunInBlocks).
  const Jstar = +loop.Jstar, tol = +loop.tol, tolOnGrad = loop.tolOnGrad === true, recording = loop.recording === true;
  const n = g.length;
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
        measureDiagonal(w, h, wsd, lossAndGradNorm, Jstar);
        loss = lossAndGradNorm[0]; gradNorm = lossAndGradNorm[1];
      } else {
        if (mode === EXCESS_AND_GRAD) loss = problem.excessAndGrad!(w, g);
        else if (mode === VALUE_AND_GRAD) loss = problem.valueAndGrad!(w, g) - Jstar;
        else { problem.grad(w, g); loss = problem.value(w) - Jstar; }
        let s = 0;
        for (let i = 0; i < n; i++) s += g[i] * g[i];
        gradNorm = Math.sqrt(s);
      }
    }
    // Divergence: see inBounds.
    if (k === 0) lossMax = Math.min(divergence * Math.max(Math.abs(loss), 1e-300), Number.MAX_VALUE);
    if (!inBounds(loss, gradNorm, lossMax)) { status = 'diverged'; divergedAt = k; }
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
 * stepRun for a method's DiagonalStepMeasure with at most k, loss and gradNorm recorded: the method takes up to 512
 * steps per call (ending at the next onProgress step when there is an onProgress), then each step's measurement is
 * tested and recorded as in stepRun. When a step stops the run inside a block, w and v are reset to the block's start
 * and the method takes the steps up to that one again (same operations, same bits), so the run ends exactly there.
 * Measured on 10^4 2-D heavy-ball runs x 1000 steps: ~7.5 ns per step (the method's block ~5 ns, this loop's tests and
 * stores ~2.5 ns) instead of ~21 ns with a call of the method's step and run's measurement per step.
 */
export function stepRunInBlocks(loop: RunLoop): void {
  const { counts, state, trace, h, wsd, stepsMeasured, coefficients, steps, recordEvery, divergence, onProgress } = loop;
  // Numbers and flags read from `loop` were re-checked by V8 on every use (is it a small integer or a boxed double? is
  // this value truthy?, seen in --print-opt-code); taken here as doubles and booleans they stay in registers. The same
  // for the module's block buffers (a context load with a hole check per use).
  const Jstar = +loop.Jstar, tol = +loop.tol, tolOnGrad = loop.tolOnGrad === true, recording = loop.recording === true;
  const eHeOf = eHeBlock, ggOf = ggBlock, everyStep = !recording || recordEvery === 1;
  const { w, v } = state, n = w.length;
  const wStart = new Float64Array(n), vStart = v ? new Float64Array(n) : wStart;
  let { kCol, lossCol, gradNormCol } = loop, capacity = kCol?.length ?? lossCol?.length ?? gradNormCol?.length ?? 0;
  // k = 0: the measurement of w_0 (as in stepRun), the divergence bound, the first row.
  const lossAndGradNorm = new Float64Array(2);
  measureDiagonal(w, h, wsd, lossAndGradNorm, Jstar);
  let loss = lossAndGradNorm[0], gradNorm = lossAndGradNorm[1];
  const lossMax = Math.min(divergence * Math.max(Math.abs(loss), 1e-300), Number.MAX_VALUE);
  let status: RunStatus = 'max_steps', divergedAt: number | null = null;
  if (!inBounds(loss, gradNorm, lossMax)) { status = 'diverged'; divergedAt = 0; }
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
    if (everyStep) {
      // Every step is a row (or nothing is recorded): room for the block first, then one row per step. Without the
      // grid and capacity tests per step this loop takes ~1 ns less per step.
      if (recording && row + count > capacity) {
        trace.room(row + count - 1);
        kCol = trace.column('k'); lossCol = trace.column('loss'); gradNormCol = trace.column('gradNorm'); capacity = trace.capacityNow;
      }
      for (let j = 0; j < count; j++) {
        loss = 0.5 * eHeOf[j] - Jstar;
        gradNorm = Math.sqrt(ggOf[j]);
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
        loss = 0.5 * eHeOf[j] - Jstar;
        gradNorm = Math.sqrt(ggOf[j]);
        stopped = !inBounds(loss, gradNorm, lossMax) || (tolOnGrad ? gradNorm : loss) <= tol;
        if (kj === nextRecord || stopped || kj === steps) {
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
    }
    if (stopped) {
      if (!inBounds(loss, gradNorm, lossMax)) { status = 'diverged'; divergedAt = k + taken; }
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
