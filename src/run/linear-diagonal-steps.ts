// run's kernel for linear methods on diagonal quadratics, in TypeScript: the reference for the WebAssembly version
// (linear-diagonal-wasm.ts) and its fallback. A linear method xi' = A xi + B grad J(C xi) on J = 1/2 sum h_i (w_i - w*_i)^2
// acts on each coordinate separately, so a block of `count` steps runs coordinate by coordinate, the coordinate's state
// in registers for the whole block, adding its terms to each step's sums (loss, gradient norm, distance, velocity) in
// index order, as a step-by-step pass would: the same sums, the same bits.

/**
 * A linear form compiled into per-coordinate operations (built by run's `diagonalPlan` from a method's linear form):
 *   y = sum_t yCoef[t] x[yIdx[t]];  u = h (y - w*);  then each row i in `order`:
 *   direct (derived[i] = 0): x_i' = sum of termCoef[t] * (termIdx[t] = m ? u : x[termIdx[t]]), left to right;
 *   derived (derived[i] = 1): x_i' = x_i + cd[i] x'[src[i]];
 *   accumulating (derived[i] = 2): x_i' = x_i + (the sum of its terms; the self term's coefficient is A_ii - 1).
 * Sums of terms start from -0, the exact identity of addition (-0 + t = t for every double), so a sum of the present
 * terms is computed with the operations and in the order written out. The velocity left in `V` (when vMode != 0):
 * vMode 1 the increment of a derived or accumulating row 0, vMode 2 the difference w' - w; vComponent >= 0 names the
 * component that is the velocity.
 */
export interface LinearDiagonalPlan {
  readonly m: number;
  readonly yIdx: readonly number[];
  readonly yCoef: readonly number[];
  readonly order: readonly number[];
  readonly derived: readonly number[];
  readonly src: readonly number[];
  readonly cd: readonly number[];
  readonly termStart: readonly number[];
  readonly termIdx: readonly number[];
  readonly termCoef: readonly number[];
  readonly vMode: number;
  readonly vComponent: number;
}

/** The sums of one block, per step j < count: eHe[j] = sum e_i (h_i e_i), gg[j] = sum (h_i e_i)^2, ee[j] = sum e_i^2,
 * vv[j] = sum v_i^2 (e = w - w* after step j + 1; ee, vv filled when `wantE`, `wantV`). */
export interface BlockSums {
  readonly eHe: Float64Array;
  readonly gg: Float64Array;
  readonly ee: Float64Array;
  readonly vv: Float64Array;
}

// Layout of the packed form of a plan with m <= 2 (the register kernel's and the WebAssembly kernel's arguments).
// P: c0, c1 (y), af0, af1, bf (the row computed first: its x0, x1 and u coefficients), as0, as1, bs (the second row if
// direct), cs (its coefficient if derived). F[0..8]: whether each of those terms is present (F[8]: the second row is
// derived), then F[9] first1 (the first row is row 1), F[10] two (m = 2), F[11] vMode, F[12] vComponent, F[13] and
// F[14]: the first and the second row accumulate (x_i' = x_i + the sum of its terms), F[15] the shape (below).

/**
 * Shapes with a loop of their own (the same operations as the general loop, without its per-term flags, which cost
 * more than the steps in a small run): MOMENTUM, state (w, b) with b' = A_11 b + B_1 u first and w' = w + c b'
 * (heavy ball, Nesterov, the non-Nesterov adapters), y = C_0 w (+ C_1 b); MOMENTUM0, the same with A_11 = 0, b' = B_1 u
 * (heavy ball and Nesterov at beta = 0: the absent term skipped as in the general loop); ACCUMULATE, state (w) with
 * w' = w + B_0 u, y = C_0 w (gradient descent). GENERAL: anything else with m <= 2.
 */
export const GENERAL = 0, MOMENTUM = 1, ACCUMULATE = 2, MOMENTUM0 = 3;

/** Row `row`'s terms into P[at..at+2], F[at..at+2] (x0, x1, u). */
function direct(plan: LinearDiagonalPlan, row: number, at: number, P: number[], F: number[]): void {
  for (let t = plan.termStart[row]; t < plan.termStart[row + 1]; t++) {
    const j = plan.termIdx[t] === plan.m ? 2 : plan.termIdx[t];
    P[at + j] = plan.termCoef[t]; F[at + j] = 1;
  }
}

/** The packed (P, F) of a plan with m <= 2, or null for larger state (see the layout above). */
export function packPlan2(plan: LinearDiagonalPlan): { P: number[]; F: number[] } | null {
  const { m } = plan;
  if (m > 2) return null;
  // Array literals, not typed arrays: a sweep packs one plan per run, and a small typed array costs more to allocate.
  const P = [0, 0, 0, 0, 0, 0, 0, 0, 0], F = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let t = 0; t < plan.yIdx.length; t++) { P[plan.yIdx[t]] = plan.yCoef[t]; F[plan.yIdx[t]] = 1; }
  const first = plan.order[0];
  direct(plan, first, 2, P, F);
  F[13] = plan.derived[first] === 2 ? 1 : 0;
  if (m === 2) {
    const second = plan.order[1];
    if (plan.derived[second] === 1) { F[8] = 1; P[8] = plan.cd[second]; } else direct(plan, second, 5, P, F);
    F[9] = first;
    F[14] = plan.derived[second] === 2 ? 1 : 0;
  }
  F[10] = m === 2 ? 1 : 0; F[11] = plan.vMode; F[12] = plan.vComponent;
  F[15] = shapeOf(F);
  return { P, F };
}

/** The shape (MOMENTUM, MOMENTUM0, ACCUMULATE or GENERAL) of a packed plan's flags F[0..14]. */
export function shapeOf(F: readonly number[]): number {
  const momentum = F[10] === 1 && F[0] === 1 && F[2] === 0 && F[4] === 1 && F[8] === 1 && F[9] === 1 && F[13] === 0
    && (F[11] === 1 || (F[11] === 0 && F[12] !== 0));
  const accumulate = F[10] === 0 && F[0] === 1 && F[1] === 0 && F[2] === 0 && F[3] === 0 && F[4] === 1 && F[13] === 1;
  return momentum ? (F[3] === 1 ? MOMENTUM : MOMENTUM0) : accumulate ? ACCUMULATE : GENERAL;
}

/**
 * `count` steps of a plan with m <= 2 (packed by packPlan2) on coordinates [lo, hi), two at a time, each coordinate's
 * x0, x1 in registers for the whole block; adds each step's terms to `sums` (which start from 0 at coordinate lo when `fresh`), leaves the
 * state in X0, X1 and the velocity (vMode != 0) in V. The flags are loop-invariant branches, off the chain of
 * dependent operations that bounds a small run. Where w*_i = +0 the subtraction y - w*_i is skipped (y - (+0) = y for
 * every double).
 */
export function linearDiagonalSteps2(P: readonly number[], F: readonly number[], X0: Float64Array, X1: Float64Array, V: Float64Array,
  h: Float64Array, ws: Float64Array, lo: number, hi: number, count: number, sums: BlockSums, wantE: boolean, wantV: boolean, fresh: boolean): void {
  if (F[15] === MOMENTUM || F[15] === MOMENTUM0) { momentumSteps(P, F, X0, X1, V, h, ws, lo, hi, count, sums, wantE, wantV, fresh); return; }
  if (F[15] === ACCUMULATE) { accumulateSteps(P, F, X0, V, h, ws, lo, hi, count, sums, wantE, wantV, fresh); return; }
  // Flags as booleans: a flag parameter used in the loop was tested for truthiness on every step.
  const wE = wantE === true, wV = wantV === true;
  const c0 = P[0], c1 = P[1], af0 = P[2], af1 = P[3], bf = P[4], as0 = P[5], as1 = P[6], bs = P[7], cs = P[8];
  const pc0 = F[0] !== 0, pc1 = F[1] !== 0, pf0 = F[2] !== 0, pf1 = F[3] !== 0, pbf = F[4] !== 0;
  const ps0 = F[5] !== 0, ps1 = F[6] !== 0, pbs = F[7] !== 0, sDer = F[8] !== 0, first1 = F[9] !== 0, two = F[10] !== 0;
  const vMode = F[11] | 0, vComp = F[12] | 0, keepV = vMode !== 0, accF = F[13] !== 0, accS = F[14] !== 0;
  const { eHe, gg, ee, vv } = sums;
  let i = lo;
  for (; i + 1 < hi; i += 2) {
    let a0 = X0[i], b0 = X1[i], a1 = X0[i + 1], b1 = X1[i + 1], q0 = 0, q1 = 0;
    const h0 = h[i], h1 = h[i + 1], ws0 = ws[i], ws1 = ws[i + 1], z0 = Object.is(ws0, 0), z1 = Object.is(ws1, 0);
    const st = fresh === true && i === lo; // this call's first coordinate starts the sums (0 + t, as a pass from 0)
    for (let j = 0; j < count; j++) {
      // Coordinate i.
      const y0 = (pc0 ? c0 * a0 : -0) + (pc1 ? c1 * b0 : -0);
      const u0 = h0 * (z0 ? y0 : y0 - ws0);
      const r0 = ((pf0 ? af0 * a0 : -0) + (pf1 ? af1 * b0 : -0)) + (pbf ? bf * u0 : -0);
      const f0 = accF ? (first1 ? b0 : a0) + r0 : r0;
      let s0 = b0, d0 = accF && !first1 ? r0 : -0;
      if (two) {
        if (sDer) { const i0 = cs * f0; s0 = (first1 ? a0 : b0) + i0; if (first1) d0 = i0; }
        else {
          const t0 = ((ps0 ? as0 * a0 : -0) + (ps1 ? as1 * b0 : -0)) + (pbs ? bs * u0 : -0);
          if (accS) { s0 = (first1 ? a0 : b0) + t0; if (first1) d0 = t0; } else s0 = t0;
        }
      }
      const old0 = a0;
      if (first1) { b0 = f0; a0 = s0; } else { a0 = f0; b0 = s0; }
      // Coordinate i + 1.
      const y1 = (pc0 ? c0 * a1 : -0) + (pc1 ? c1 * b1 : -0);
      const u1 = h1 * (z1 ? y1 : y1 - ws1);
      const r1 = ((pf0 ? af0 * a1 : -0) + (pf1 ? af1 * b1 : -0)) + (pbf ? bf * u1 : -0);
      const f1 = accF ? (first1 ? b1 : a1) + r1 : r1;
      let s1 = b1, d1 = accF && !first1 ? r1 : -0;
      if (two) {
        if (sDer) { const i1 = cs * f1; s1 = (first1 ? a1 : b1) + i1; if (first1) d1 = i1; }
        else {
          const t1 = ((ps0 ? as0 * a1 : -0) + (ps1 ? as1 * b1 : -0)) + (pbs ? bs * u1 : -0);
          if (accS) { s1 = (first1 ? a1 : b1) + t1; if (first1) d1 = t1; } else s1 = t1;
        }
      }
      const old1 = a1;
      if (first1) { b1 = f1; a1 = s1; } else { a1 = f1; b1 = s1; }
      // The measurement of the new iterate, in index order.
      const e0 = a0 - ws0, g0 = h0 * e0, e1 = a1 - ws1, g1 = h1 * e1;
      eHe[j] = ((st ? 0 : eHe[j]) + e0 * g0) + e1 * g1;
      gg[j] = ((st ? 0 : gg[j]) + g0 * g0) + g1 * g1;
      if (wE) ee[j] = ((st ? 0 : ee[j]) + e0 * e0) + e1 * e1;
      if (keepV || wV) {
        q0 = vMode === 1 ? d0 : vMode === 2 ? a0 - old0 : vComp === 0 ? a0 : b0;
        q1 = vMode === 1 ? d1 : vMode === 2 ? a1 - old1 : vComp === 0 ? a1 : b1;
        if (wV) vv[j] = ((st ? 0 : vv[j]) + q0 * q0) + q1 * q1;
      }
    }
    X0[i] = a0; X0[i + 1] = a1;
    if (two) { X1[i] = b0; X1[i + 1] = b1; }
    if (keepV && count > 0) { V[i] = q0; V[i + 1] = q1; }
  }
  if (i < hi) {
    let a0 = X0[i], b0 = X1[i], q0 = 0;
    const h0 = h[i], ws0 = ws[i], z0 = Object.is(ws0, 0);
    const st = fresh === true && i === lo; // this call's first coordinate starts the sums (0 + t, as a pass from 0)
    for (let j = 0; j < count; j++) {
      const y0 = (pc0 ? c0 * a0 : -0) + (pc1 ? c1 * b0 : -0);
      const u0 = h0 * (z0 ? y0 : y0 - ws0);
      const r0 = ((pf0 ? af0 * a0 : -0) + (pf1 ? af1 * b0 : -0)) + (pbf ? bf * u0 : -0);
      const f0 = accF ? (first1 ? b0 : a0) + r0 : r0;
      let s0 = b0, d0 = accF && !first1 ? r0 : -0;
      if (two) {
        if (sDer) { const i0 = cs * f0; s0 = (first1 ? a0 : b0) + i0; if (first1) d0 = i0; }
        else {
          const t0 = ((ps0 ? as0 * a0 : -0) + (ps1 ? as1 * b0 : -0)) + (pbs ? bs * u0 : -0);
          if (accS) { s0 = (first1 ? a0 : b0) + t0; if (first1) d0 = t0; } else s0 = t0;
        }
      }
      const old0 = a0;
      if (first1) { b0 = f0; a0 = s0; } else { a0 = f0; b0 = s0; }
      const e0 = a0 - ws0, g0 = h0 * e0;
      eHe[j] = (st ? 0 : eHe[j]) + e0 * g0;
      gg[j] = (st ? 0 : gg[j]) + g0 * g0;
      if (wE) ee[j] = (st ? 0 : ee[j]) + e0 * e0;
      if (keepV || wV) {
        q0 = vMode === 1 ? d0 : vMode === 2 ? a0 - old0 : vComp === 0 ? a0 : b0;
        if (wV) vv[j] = (st ? 0 : vv[j]) + q0 * q0;
      }
    }
    X0[i] = a0;
    if (two) X1[i] = b0;
    if (keepV && count > 0) V[i] = q0;
  }
}

/**
 * `count` steps of any plan on coordinates [lo, hi), one coordinate at a time, its state in `scratch` (2 m doubles):
 * the same operations in the same order as linearDiagonalSteps2, for every state size (aggmo's 1 + K components).
 */
export function linearDiagonalStepsAny(plan: LinearDiagonalPlan, X: readonly Float64Array[], V: Float64Array,
  h: Float64Array, ws: Float64Array, lo: number, hi: number, count: number, sums: BlockSums, wantE: boolean, wantV: boolean,
  fresh: boolean, scratch: Float64Array): void {
  // Flags as booleans: a flag parameter used in the loop was tested for truthiness on every step.
  const wE = wantE === true, wV = wantV === true;
  const { m, yIdx, yCoef, order, derived, src, cd, termStart, termIdx, termCoef, vMode, vComponent } = plan;
  const { eHe, gg, ee, vv } = sums, keepV = vMode !== 0, ny = yIdx.length;
  for (let i = lo; i < hi; i++) {
    for (let c = 0; c < m; c++) scratch[c] = X[c][i];
    const hi0 = h[i], wsi = ws[i], z = Object.is(wsi, 0);
    let q = 0;
    const st = fresh === true && i === lo; // this call's first coordinate starts the sums (0 + t, as a pass from 0)
    for (let j = 0; j < count; j++) {
      let y = -0;
      for (let t = 0; t < ny; t++) y = y + yCoef[t] * scratch[yIdx[t]];
      const u = hi0 * (z ? y : y - wsi);
      let d = -0;
      for (let r = 0; r < m; r++) {
        const row = order[r];
        const kind = derived[row];
        if (kind === 1) {
          const inc = cd[row] * scratch[m + src[row]];
          if (row === 0) d = inc;
          scratch[m + row] = scratch[row] + inc;
        } else {
          let s = -0;
          for (let t = termStart[row]; t < termStart[row + 1]; t++) s = s + termCoef[t] * (termIdx[t] === m ? u : scratch[termIdx[t]]);
          if (kind === 2) { if (row === 0) d = s; s = scratch[row] + s; }
          scratch[m + row] = s;
        }
      }
      const old = scratch[0];
      for (let c = 0; c < m; c++) scratch[c] = scratch[m + c];
      const e = scratch[0] - wsi, g = hi0 * e;
      eHe[j] = (st ? 0 : eHe[j]) + e * g;
      gg[j] = (st ? 0 : gg[j]) + g * g;
      if (wE) ee[j] = (st ? 0 : ee[j]) + e * e;
      if (keepV || wV) {
        q = vMode === 1 ? d : vMode === 2 ? scratch[0] - old : scratch[vComponent];
        if (wV) vv[j] = (st ? 0 : vv[j]) + q * q;
      }
    }
    for (let c = 0; c < m; c++) X[c][i] = scratch[c];
    if (keepV && count > 0) V[i] = q;
  }
}

/**
 * linearDiagonalSteps2 for the MOMENTUM shape: b' = A_11 b + B_1 u, w' = w + c b', u = h (C_0 w (+ C_1 b) - w*), the
 * velocity b (vComponent 1) or c b' (vMode 1); and for MOMENTUM0, b' = B_1 u. A coefficient 1 is not multiplied by (x * 1 = x): a heavy-ball step is
 * then the chain h w, B u, A b + .., w + .. of four dependent operations.
 */
function momentumSteps(P: readonly number[], F: readonly number[], X0: Float64Array, X1: Float64Array, V: Float64Array,
  h: Float64Array, ws: Float64Array, lo: number, hi: number, count: number, sums: BlockSums, wantE: boolean, wantV: boolean, fresh: boolean): void {
  // Flags as booleans: a flag parameter used in the loop was tested for truthiness on every step.
  const wE = wantE === true, wV = wantV === true;
  const c0 = P[0], c1 = P[1], a11 = P[3], b1 = P[4], c = P[8];
  const look = F[1] !== 0, self = F[3] !== 0, c0one = c0 === 1, cOne = c === 1, incV = F[11] === 1, keepV = incV;
  const { eHe, gg, ee, vv } = sums;
  let i = lo;
  if (isUnitMomentum(P, F) && !wE && !wV) {
    // Heavy ball and Nesterov with k, loss and gradNorm recorded (a sweep): the loop without the flags of unit
    // coefficients and of the other columns (the same operations).
    i = unitMomentumPairs(a11, b1, c1, look, X0, X1, V, h, ws, lo, hi, count, eHe, gg, keepV, fresh);
  }
  for (; i + 1 < hi; i += 2) {
    let w0 = X0[i], x0 = X1[i], w1 = X0[i + 1], x1 = X1[i + 1], q0 = 0, q1 = 0;
    const h0 = h[i], h1 = h[i + 1], ws0 = ws[i], ws1 = ws[i + 1], z0 = Object.is(ws0, 0), z1 = Object.is(ws1, 0);
    const st = fresh === true && i === lo; // this call's first coordinate starts the sums (0 + t, as a pass from 0)
    for (let j = 0; j < count; j++) {
      let y0 = c0one ? w0 : c0 * w0, y1 = c0one ? w1 : c0 * w1;
      if (look) { y0 = y0 + c1 * x0; y1 = y1 + c1 * x1; }
      const u0 = b1 * (h0 * (z0 ? y0 : y0 - ws0)), u1 = b1 * (h1 * (z1 ? y1 : y1 - ws1));
      x0 = self ? a11 * x0 + u0 : u0;
      x1 = self ? a11 * x1 + u1 : u1;
      const d0 = cOne ? x0 : c * x0, d1 = cOne ? x1 : c * x1;
      w0 = w0 + d0; w1 = w1 + d1;
      const e0 = w0 - ws0, g0 = h0 * e0, e1 = w1 - ws1, g1 = h1 * e1;
      eHe[j] = ((st ? 0 : eHe[j]) + e0 * g0) + e1 * g1;
      gg[j] = ((st ? 0 : gg[j]) + g0 * g0) + g1 * g1;
      if (wE) ee[j] = ((st ? 0 : ee[j]) + e0 * e0) + e1 * e1;
      if (wV) {
        q0 = incV ? d0 : x0; q1 = incV ? d1 : x1;
        vv[j] = ((st ? 0 : vv[j]) + q0 * q0) + q1 * q1;
      } else if (keepV) { q0 = d0; q1 = d1; }
    }
    X0[i] = w0; X0[i + 1] = w1; X1[i] = x0; X1[i + 1] = x1;
    if (keepV && count > 0) { V[i] = q0; V[i + 1] = q1; }
  }
  if (i < hi) {
    let w0 = X0[i], x0 = X1[i], q0 = 0;
    const h0 = h[i], ws0 = ws[i], z0 = Object.is(ws0, 0);
    const st = fresh === true && i === lo; // this call's first coordinate starts the sums (0 + t, as a pass from 0)
    for (let j = 0; j < count; j++) {
      let y0 = c0one ? w0 : c0 * w0;
      if (look) y0 = y0 + c1 * x0;
      const u0 = b1 * (h0 * (z0 ? y0 : y0 - ws0));
      x0 = self ? a11 * x0 + u0 : u0;
      const d0 = cOne ? x0 : c * x0;
      w0 = w0 + d0;
      const e0 = w0 - ws0, g0 = h0 * e0;
      eHe[j] = (st ? 0 : eHe[j]) + e0 * g0;
      gg[j] = (st ? 0 : gg[j]) + g0 * g0;
      if (wE) ee[j] = (st ? 0 : ee[j]) + e0 * e0;
      if (wV) { q0 = incV ? d0 : x0; vv[j] = (st ? 0 : vv[j]) + q0 * q0; } else if (keepV) q0 = d0;
    }
    X0[i] = w0; X1[i] = x0;
    if (keepV && count > 0) V[i] = q0;
  }
}

/** linearDiagonalSteps2 for the ACCUMULATE shape: w' = w + B_0 u, u = h (C_0 w - w*), the velocity B_0 u (vMode 1). */
function accumulateSteps(P: readonly number[], F: readonly number[], X0: Float64Array, V: Float64Array,
  h: Float64Array, ws: Float64Array, lo: number, hi: number, count: number, sums: BlockSums, wantE: boolean, wantV: boolean, fresh: boolean): void {
  // Flags as booleans: a flag parameter used in the loop was tested for truthiness on every step.
  const wE = wantE === true, wV = wantV === true;
  const c0 = P[0], b0 = P[4], c0one = c0 === 1, keepV = F[11] === 1;
  const { eHe, gg, ee, vv } = sums;
  let i = lo;
  for (; i + 1 < hi; i += 2) {
    let w0 = X0[i], w1 = X0[i + 1], d0 = 0, d1 = 0;
    const h0 = h[i], h1 = h[i + 1], ws0 = ws[i], ws1 = ws[i + 1], z0 = Object.is(ws0, 0), z1 = Object.is(ws1, 0);
    const st = fresh === true && i === lo; // this call's first coordinate starts the sums (0 + t, as a pass from 0)
    for (let j = 0; j < count; j++) {
      const y0 = c0one ? w0 : c0 * w0, y1 = c0one ? w1 : c0 * w1;
      d0 = b0 * (h0 * (z0 ? y0 : y0 - ws0)); d1 = b0 * (h1 * (z1 ? y1 : y1 - ws1));
      w0 = w0 + d0; w1 = w1 + d1;
      const e0 = w0 - ws0, g0 = h0 * e0, e1 = w1 - ws1, g1 = h1 * e1;
      eHe[j] = ((st ? 0 : eHe[j]) + e0 * g0) + e1 * g1;
      gg[j] = ((st ? 0 : gg[j]) + g0 * g0) + g1 * g1;
      if (wE) ee[j] = ((st ? 0 : ee[j]) + e0 * e0) + e1 * e1;
      if (wV) vv[j] = ((st ? 0 : vv[j]) + d0 * d0) + d1 * d1;
    }
    X0[i] = w0; X0[i + 1] = w1;
    if (keepV && count > 0) { V[i] = d0; V[i + 1] = d1; }
  }
  if (i < hi) {
    let w0 = X0[i], d0 = 0;
    const h0 = h[i], ws0 = ws[i], z0 = Object.is(ws0, 0);
    const st = fresh === true && i === lo; // this call's first coordinate starts the sums (0 + t, as a pass from 0)
    for (let j = 0; j < count; j++) {
      const y0 = c0one ? w0 : c0 * w0;
      d0 = b0 * (h0 * (z0 ? y0 : y0 - ws0));
      w0 = w0 + d0;
      const e0 = w0 - ws0, g0 = h0 * e0;
      eHe[j] = (st ? 0 : eHe[j]) + e0 * g0;
      gg[j] = (st ? 0 : gg[j]) + g0 * g0;
      if (wE) ee[j] = (st ? 0 : ee[j]) + e0 * e0;
      if (wV) vv[j] = (st ? 0 : vv[j]) + d0 * d0;
    }
    X0[i] = w0;
    if (keepV && count > 0) V[i] = d0;
  }
}

/**
 * Whether a packed plan is the MOMENTUM shape with C_0 = c = 1 (heavy ball, Nesterov): unitMomentumPairs' case
 * (MOMENTUM0 takes momentumSteps' loop: a branch on A_11 in this one slowed the sweep's MOMENTUM runs by ~5%).
 */
export function isUnitMomentum(P: readonly number[], F: readonly number[]): boolean {
  return F[15] === MOMENTUM && P[0] === 1 && P[8] === 1;
}

/**
 * momentumSteps' pairs of coordinates with C_0 = c = 1 and only eHe, gg measured; returns the first coordinate left.
 * run calls it directly for an even number of coordinates (a sweep's 2-D runs: no dispatch per block).
 */
export function unitMomentumPairs(a11: number, b1: number, c1: number, look: boolean, X0: Float64Array, X1: Float64Array, V: Float64Array,
  h: Float64Array, ws: Float64Array, lo: number, hi: number, count: number, eHe: Float64Array, gg: Float64Array, keepV: boolean,
  fresh: boolean): number {
  // As doubles and booleans: a number or flag parameter used in the loop was converted or tested on every step.
  const a = +a11, c = +c1, nb1 = -b1, ahead = look === true;
  let i = lo;
  for (; i + 1 < hi; i += 2) {
    let w0 = X0[i], x0 = X1[i], w1 = X0[i + 1], x1 = X1[i + 1];
    const h0 = h[i], h1 = h[i + 1], ws0 = ws[i], ws1 = ws[i + 1], z0 = Object.is(ws0, 0), z1 = Object.is(ws1, 0);
    const st = fresh === true && i === lo; // this call's first coordinate starts the sums (0 + t, as a pass from 0)
    for (let j = 0; j < count; j++) {
      const y0 = ahead ? w0 + c * x0 : w0, y1 = ahead ? w1 + c * x1 : w1;
      // a11 x - nb1 t is a11 x + b1 t (nb1 = -b1, a - b = a + (-b) exactly): the same bits; written so, V8's code for
      // this loop ran 25% faster on the sweep (the old fused heavy-ball kernel's form).
      x0 = a * x0 - nb1 * (h0 * (z0 ? y0 : y0 - ws0));
      w0 = w0 + x0;
      x1 = a * x1 - nb1 * (h1 * (z1 ? y1 : y1 - ws1));
      w1 = w1 + x1;
      const e0 = w0 - ws0, g0 = h0 * e0, e1 = w1 - ws1, g1 = h1 * e1;
      eHe[j] = ((st ? 0 : eHe[j]) + e0 * g0) + e1 * g1;
      gg[j] = ((st ? 0 : gg[j]) + g0 * g0) + g1 * g1;
    }
    X0[i] = w0; X0[i + 1] = w1; X1[i] = x0; X1[i + 1] = x1;
    if (keepV && count > 0) { V[i] = x0; V[i + 1] = x1; }
  }
  return i;
}
