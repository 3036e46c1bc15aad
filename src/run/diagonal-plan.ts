import type { LinearForm } from '../methods/linear-form.js';
import type { Optimizer, OptimizerState } from '../methods/optimizer.js';
import type { Problem } from '../problems/problem.js';
import { type LinearDiagonalPlan, shapeOf } from './linear-diagonal-steps.js';

/**
 * A linear form (A, B, C, D = 0) compiled into the per-coordinate operations of run's diagonal kernel (see
 * LinearDiagonalPlan), on the method's own state buffers X[j] = state[form.state[j]]:
 *   y = sum_j C_j x_j;  u = h (y - w*);  then each row:
 *   direct  x_i' = sum_j A_ij x_j + B_i u   (zero coefficients skipped, summed left to right, j ascending, the u term
 *                                            last: the order of the methods' own loops);
 *   derived x_i' = x_i + c x_r'             (when A_i = e_i + c A_r and B_i = c B_r hold exactly, r a direct row: heavy
 *                                            ball's w' = w + v', optax's w' = w + (-lr) t', as their steps add);
 *   accumulating x_i' = x_i + ((A_ii - 1) x_i + sum_{j != i} A_ij x_j + B_i u)   (a direct row with A_ii = 1, as
 *                                            gd's w + (-alpha) u, and row 0 with A_00 in [1/2, 2]: the increment is the
 *                                            method's step, free of the cancellation in w' - w).
 * Multiplying by a coefficient 1 is exact, so ones need no special case. When the state has a velocity buffer v
 * outside the form, the kernel leaves in it the increment of a derived or accumulating row 0 (what such a method adds
 * to w) or else w' - w (vMode 1, 2).
 *
 * @example
 * diagonalPlan(heavyBall(0.5, { beta: 0.9 }).linear!, true).order; // returns [1, 0]: v' = 0.9 v + (-0.5) u, then w' = w + 1 v'
 */
export interface DiagonalPlan extends LinearDiagonalPlan {
  /** The form declares a first step of its own: the method's `step` takes it, the kernel the rest. */
  readonly firstStepPlain: boolean;
}

/** Compile a form (D must be 0; `hasV`: the state carries a velocity buffer v). Plain arrays: a sweep compiles one per run. */
export function diagonalPlan(form: LinearForm, hasV: boolean): DiagonalPlan {
  const { A, B, C } = form, m = A.length;
  const yIdx: number[] = [], yCoef: number[] = [];
  for (let j = 0; j < m; j++) if (C[j] !== 0) { yIdx.push(j); yCoef.push(C[j]); }
  // Derived rows: A_i = e_i + c A_r, B_i = c B_r with r direct and i the source of no derived row; c read off B
  // (B_r != 0), checked exactly.
  const derived: number[] = [], src: number[] = [], cd: number[] = [];
  for (let i = 0; i < m; i++) { derived.push(0); src.push(-1); cd.push(0); }
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < m && derived[i] === 0; r++) {
      if (r === i || derived[r] !== 0 || B[r] === 0 || src.indexOf(i) >= 0) continue;
      const c = B[i] / B[r];
      let ok = c !== 0 && c * B[r] === B[i];
      for (let j = 0; j < m && ok; j++) ok = A[i][j] === (j === i ? 1 : 0) + c * A[r][j];
      if (ok) { derived[i] = 1; src[i] = r; cd[i] = c; }
    }
  }
  // Accumulating rows: a direct row with A_ii = 1 adds the rest to x_i, x_i' = x_i + (sum_{j != i} A_ij x_j + B_i u).
  // Row 0 (the iterate) accumulates also when A_00 is in [1/2, 2], with the self term (A_00 - 1) w (exact, Sterbenz):
  // its increment, the velocity, is then computed without the cancellation of w' - w.
  for (let i = 0; i < m; i++) if (derived[i] === 0 && (A[i][i] === 1 || (i === 0 && A[0][0] >= 0.5 && A[0][0] <= 2))) derived[i] = 2;
  const order: number[] = [];
  for (let i = 0; i < m; i++) if (derived[i] !== 1) order.push(i);
  for (let i = 0; i < m; i++) if (derived[i] === 1) order.push(i);
  const termStart: number[] = [], termIdx: number[] = [], termCoef: number[] = [];
  for (let i = 0; i < m; i++) {
    termStart.push(termIdx.length);
    if (derived[i] !== 1) {
      for (let j = 0; j < m; j++) {
        const a = derived[i] === 2 && j === i ? A[i][i] - 1 : A[i][j];
        if (a !== 0) { termIdx.push(j); termCoef.push(a); }
      }
      if (B[i] !== 0) { termIdx.push(m); termCoef.push(B[i]); }
    }
  }
  termStart.push(termIdx.length);
  const vComponent = form.state.indexOf('v');
  const vMode = !hasV || vComponent >= 0 ? 0 : derived[0] !== 0 ? 1 : 2;
  return { m, yIdx, yCoef, order, derived, src, cd, termStart, termIdx, termCoef, vMode, vComponent, firstStepPlain: form.firstStep !== undefined };
}

/** What run's kernel needs: the packed form (m <= 2) or the general plan, the state buffers, and a few facts. */
export interface KernelPlan {
  plan: DiagonalPlan | null;
  /** The packed form (m <= 2), or null. */
  packed: { P: number[]; F: number[] } | null;
  /** The form's state buffers X[j] = state[form.state[j]], and the buffers a block changes (X, and v when vMode != 0). */
  readonly X: Float64Array[];
  readonly saved: Float64Array[];
  m: number;
  vMode: number;
  vComponent: number;
  firstStepPlain: boolean;
}

// Plans of finished runs, reused by the next ones (a sweep compiles 10^4 forms: no allocation per run for m <= 2). A
// run started inside another's onProgress takes another record; run gives its record back when it returns.
const FREE: KernelPlan[] = [];

function takeRecord(): KernelPlan {
  const r = FREE.pop();
  if (r !== undefined) return r;
  return { plan: null, packed: { P: [0, 0, 0, 0, 0, 0, 0, 0, 0], F: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, X: [], saved: [], m: 0, vMode: 0, vComponent: -1, firstStepPlain: false };
}

/** Give a plan back after its run (run calls this once, when it returns). */
export function releasePlan(plan: KernelPlan | null): void {
  if (plan !== null && plan.packed !== null && FREE.length < 8) {
    // Stores, not length changes (see planFor); the record keeps no buffer of a finished run alive.
    for (let j = 0; j < plan.X.length; j++) plan.X[j] = NO_BUFFER;
    for (let j = 0; j < plan.saved.length; j++) plan.saved[j] = NO_BUFFER;
    plan.plan = null; FREE.push(plan);
  }
}
const NO_BUFFER = new Float64Array(0);

/**
 * The plan for (problem, method) when run may use the diagonal kernel: the problem declares `diagonalHessian` (h, w*)
 * and the method a linear form with D = 0 whose state buffers exist in `state`; else null (the plain step loop).
 */
export function planFor(problem: Problem, method: Optimizer, state: OptimizerState): KernelPlan | null {
  const form = method.linear;
  if (problem.diagonalHessian === undefined || form === undefined || form.D !== 0 || problem.excessAndGrad !== undefined) return null;
  // The buffers named by form.state (as linearStateBuffers resolves them, without its closures: once per run); w and v
  // are the state's own fields, read as such (a property read by a computed name costs more than the rest here).
  const names = form.state, m = names.length, n = problem.dim, record = state as unknown as Record<string, unknown>;
  if (m !== form.A.length || names[0] !== 'w' || state.w.length !== n) return null;
  const r = takeRecord(), X = r.X, saved = r.saved;
  X[0] = state.w;
  for (let j = 1; j < m; j++) {
    const name = names[j];
    let value: unknown;
    if (name === 'v') value = state.v;
    else {
      const dot = name.indexOf('.');
      value = dot < 0 ? record[name] : (record[name.slice(0, dot)] as unknown[] | undefined)?.[Number(name.slice(dot + 1))];
    }
    if (!(value instanceof Float64Array) || value.length !== n) { releasePlan(r); return null; }
    X[j] = value as Float64Array;
  }
  // Lengths are stored only when they change (a length store is a runtime call: a sweep's runs keep the previous one's).
  if (X.length !== m) X.length = m;
  const hasV = state.v !== undefined;
  const packed = packInto(form, hasV, r.packed!.P, r.packed!.F) ? r.packed : null;
  r.firstStepPlain = form.firstStep !== undefined;
  r.m = m;
  if (packed !== null) { r.vMode = packed.F[11]; r.vComponent = packed.F[12]; }
  else {
    const plan = diagonalPlan(form, hasV);
    r.plan = plan; r.packed = null; r.vMode = plan.vMode; r.vComponent = plan.vComponent;
  }
  for (let b = 0; b < m; b++) saved[b] = X[b];
  const s = r.vMode !== 0 ? m + 1 : m;
  if (r.vMode !== 0) saved[m] = state.v!;
  if (saved.length !== s) saved.length = s;
  return r;
}

/**
 * packPlan2(diagonalPlan(form, hasV)) for m <= 2 without the general plan's arrays (a sweep packs one form per run):
 * the same derivations, checked exactly the same way (test/methods/fused-diagonal.test.ts compares the two).
 */
export function packForm2(form: LinearForm, hasV: boolean): { P: number[]; F: number[] } | null {
  const P = [0, 0, 0, 0, 0, 0, 0, 0, 0], F = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  return packInto(form, hasV, P, F) ? { P, F } : null;
}

/** packForm2 into P (9 numbers) and F (16), overwritten; false for m > 2. */
function packInto(form: LinearForm, hasV: boolean, P: number[], F: number[]): boolean {
  const { A, B, C } = form, m = A.length;
  if (m > 2) return false;
  // Zeroed by stores (Array.prototype.fill is a builtin call: a sweep packs one form per run).
  for (let i = 0; i < 9; i++) P[i] = 0;
  for (let i = 0; i < 16; i++) F[i] = 0;
  for (let j = 0; j < m; j++) if (C[j] !== 0) { P[j] = C[j]; F[j] = 1; }
  // Kinds (0 direct, 1 derived, 2 accumulating), as in diagonalPlan.
  let k0 = 0, k1 = 0, c0 = 0, c1 = 0;
  if (m === 2) {
    if (B[1] !== 0) {
      const c = B[0] / B[1];
      if (c !== 0 && c * B[1] === B[0] && A[0][0] === 1 + c * A[1][0] && A[0][1] === 0 + c * A[1][1]) { k0 = 1; c0 = c; }
    }
    if (k0 === 0 && B[0] !== 0) {
      const c = B[1] / B[0];
      if (c !== 0 && c * B[0] === B[1] && A[1][0] === 0 + c * A[0][0] && A[1][1] === 1 + c * A[0][1]) { k1 = 1; c1 = c; }
    }
  }
  if (k0 === 0 && (A[0][0] === 1 || (A[0][0] >= 0.5 && A[0][0] <= 2))) k0 = 2;
  if (m === 2 && k1 === 0 && A[1][1] === 1) k1 = 2;
  const first = k0 === 1 ? 1 : 0;
  packRow(form, first, first === 0 ? k0 : k1, 2, P, F);
  F[13] = (first === 0 ? k0 : k1) === 2 ? 1 : 0;
  if (m === 2) {
    const second = 1 - first, ks = second === 0 ? k0 : k1;
    if (ks === 1) { F[8] = 1; P[8] = second === 0 ? c0 : c1; } else packRow(form, second, ks, 5, P, F);
    F[9] = first;
    F[14] = ks === 2 ? 1 : 0;
  }
  let vComponent = -1;
  for (let j = 0; j < m && vComponent < 0; j++) if (form.state[j] === 'v') vComponent = j;
  F[10] = m === 2 ? 1 : 0; F[11] = !hasV || vComponent >= 0 ? 0 : k0 !== 0 ? 1 : 2; F[12] = vComponent;
  F[15] = shapeOf(F);
  return true;
}

/** Row i's terms (kind 2: the self term A_ii - 1) into P[at..at+2], F[at..at+2] (x0, x1, u). */
function packRow(form: LinearForm, i: number, kind: number, at: number, P: number[], F: number[]): void {
  const { A, B } = form, m = A.length;
  for (let j = 0; j < m; j++) {
    const a = kind === 2 && j === i ? A[i][i] - 1 : A[i][j];
    if (a !== 0) { P[at + j] = a; F[at + j] = 1; }
  }
  if (B[i] !== 0) { P[at + 2] = B[i]; F[at + 2] = 1; }
}
