import { ParameterError, checkNumber } from '../errors.js';
import type { OdeResult } from './ode-result.js';
import { ChunkedRows } from './chunked-rows.js';

/** Options of the fixed-step integrators: the number of steps (or the step h), and how often to save. */
export interface FixedStepOptions {
  /** Number of steps over [t0, t1] (default 1000, or derived from h). */
  steps?: number;
  /** Step size; the step count is round(|t1 - t0| / h) and h is adjusted so that the steps end exactly at t1. */
  h?: number;
  /** Save every k-th state (default 1; 0 saves only the initial and the final state). */
  saveEvery?: number;
}

/** One step y -> out of a one-step method, using preallocated stage buffers; returns the evaluations it made. */
export type Stepper = (t: number, y: Float64Array, h: number, out: Float64Array) => number;

/** Check the shared arguments of every integrator. */
export function checkIvp(tspan: readonly [number, number], y0: ArrayLike<number>): void {
  checkNumber('t0', tspan[0]);
  checkNumber('t1', tspan[1]);
  if (y0.length === 0) throw new ParameterError('y0', '[]', 'a non-empty initial state');
  for (let i = 0; i < y0.length; i++) checkNumber(`y0[${i}]`, y0[i]);
}

/** Most steps of one fixed-step integration (about a second for a small system). */
export const FIXED_STEP_MAX_STEPS = 1e7;

/** The number of steps N and step h = (t1 - t0) / N from the options (at most FIXED_STEP_MAX_STEPS). */
export function resolveSteps(tspan: readonly [number, number], { steps, h }: FixedStepOptions): number {
  const span = tspan[1] - tspan[0];
  if (h !== undefined) {
    checkNumber('h', h, { min: 0, minExclusive: true });
    return checkNumber('|t1 - t0| / h', Math.max(1, Math.round(Math.abs(span) / h)), { max: FIXED_STEP_MAX_STEPS });
  }
  return checkNumber('steps', steps ?? 1000, { min: 1, max: FIXED_STEP_MAX_STEPS, integer: true });
}

/**
 * Run a one-step method with N equal steps h = (t1 - t0) / N from y0; stops with status 'diverged' at the first
 * non-finite state.
 */
export function integrateFixed(makeStepper: (dim: number) => Stepper, tspan: readonly [number, number],
  y0: ArrayLike<number>, options: FixedStepOptions = {}): OdeResult {
  checkIvp(tspan, y0);
  const N = resolveSteps(tspan, options);
  const saveEvery = checkNumber('saveEvery', options.saveEvery ?? 1, { min: 0, integer: true });
  const n = y0.length;
  const step = makeStepper(n);
  const h = (tspan[1] - tspan[0]) / N;
  let y = Float64Array.from(y0), next = new Float64Array(n);
  const buf = new ChunkedRows(n);
  buf.push(tspan[0], y);
  let nfev = 0, k = 0, t = tspan[0];
  let status: OdeResult['status'] = 'success', message = '';
  for (k = 1; k <= N; k++) {
    nfev += step(t, y, h, next);
    t = k === N ? tspan[1] : tspan[0] + k * h;
    const tmp = y; y = next; next = tmp;
    let finite = true;
    for (let i = 0; i < n; i++) if (!Number.isFinite(y[i])) { finite = false; break; }
    if (!finite) { status = 'diverged'; message = `state became non-finite at step ${k} (t = ${t})`; break; }
    if ((saveEvery > 0 && k % saveEvery === 0) || k === N) buf.push(t, y);
  }
  if (status === 'diverged') buf.push(t, y);
  const { t: ts, y: ys } = buf.arrays();
  return { t: ts, y: ys, dim: n, tEnd: t, yEnd: y.slice(), stats: { steps: Math.min(k, N), rejected: 0, nfev }, status, message };
}
