import type { LinearForm } from '../methods/linear-form.js';
import type { Optimizer, OptimizerState } from '../methods/optimizer.js';
import type { Problem } from '../problems/problem.js';
import type { LinearDiagonalPlan } from './linear-diagonal-steps.js';

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

/**
 * The plan for (problem, method) when run may use the diagonal kernel: the problem declares `diagonalHessian` (h, w*)
 * and the method a linear form with D = 0 whose state buffers exist in `state`; else null (the plain step loop).
 */
export function planFor(problem: Problem, method: Optimizer, state: OptimizerState): { plan: DiagonalPlan; X: Float64Array[] } | null {
  const form = method.linear;
  if (problem.diagonalHessian === undefined || form === undefined || form.D !== 0 || problem.excessAndGrad !== undefined) return null;
  // The buffers named by form.state (as linearStateBuffers resolves them, without its closures: once per run).
  const names = form.state, n = problem.dim, record = state as unknown as Record<string, unknown>, X: Float64Array[] = [];
  if (names.length !== form.A.length) return null;
  for (let j = 0; j < names.length; j++) {
    const name = names[j], dot = name.indexOf('.');
    const value = dot < 0 ? record[name] : (record[name.slice(0, dot)] as unknown[] | undefined)?.[Number(name.slice(dot + 1))];
    if (!(value instanceof Float64Array) || value.length !== n) return null;
    X.push(value);
  }
  if (X[0] !== state.w) return null;
  return { plan: diagonalPlan(form, state.v !== undefined), X };
}
