import type { RunStatus } from './run.js';
import { DIAGONAL, EXCESS_AND_GRAD, type RunLoop, VALUE_AND_GRAD } from './start-run.js';

/**
 * Divergence test: loss or gradNorm not finite, or |loss| > divergence * base (base = max(|J(w_0) - J*|, 1e-300)).
 * With lossMax = that bound capped at the largest double, |loss| <= lossMax && gradNorm <= MAX_VALUE is the same test
 * in two comparisons (NaN fails both; gradNorm >= 0) instead of two isFinite calls and one.
 */
export function inBounds(loss: number, gradNorm: number, lossMax: number): boolean {
  return Math.abs(loss) <= lossMax && gradNorm <= Number.MAX_VALUE;
}

/** run's measurement of w on a diagonal quadratic: out = [J(w) - J*, ||grad J(w)||], e = w - w*, g = h e. */
export function measureDiagonal(w: Float64Array, h: Float64Array, ws: Float64Array, out: Float64Array, Jstar: number): void {
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
    mode, h, wsd, steps, recordEvery, divergence, onProgress } = loop;
  // As doubles and booleans: numbers and flags read from `loop` were re-checked by V8 on every use (--print-opt-code).
  const Jstar = +loop.Jstar, tol = +loop.tol, tolOnGrad = loop.tolOnGrad === true, recording = loop.recording === true;
  const n = g.length;
  // k, loss and gradNorm alone (the common sweep case) are stored here directly; anything else goes through trace.write.
  let { kCol, lossCol, gradNormCol } = loop, capacity = kCol?.length ?? lossCol?.length ?? gradNormCol?.length ?? 0;
  const lossAndGradNorm = new Float64Array(2);
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  let status: RunStatus = 'max_steps', k = 0, row = 0, divergedAt: number | null = null;
  let loss = 0, gradNorm = 0, lossMax = 0, nextRecord = recordEvery, nextProgress = progressEvery;
  for (;;) {
    {
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
        trace.write(row, k, lossAndGradNorm, state.w, state.v, ws, wantCalls ? counts.value + counts.grad + counts.hvp : 0, eigenCoordinates, eigen);
      }
      row++;
    }
    if (k === nextProgress) {
      nextProgress += progressEvery;
      if (onProgress) onProgress(k, steps);
    }
    if (status !== 'max_steps' || k >= steps) break;
    method.step(state, oracle);
    k++;
  }
  loop.status = status; loop.k = k; loop.rows = row; loop.divergedAt = divergedAt; loop.loss = loss; loop.gradNorm = gradNorm;
}
