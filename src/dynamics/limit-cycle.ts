import { ParameterError, checkNumber } from '../errors.js';
import type { VectorField } from './vector-field.js';
import { odeDopri5 } from './dopri5.js';
import type { EventHit, OdeEvent } from './events.js';

export interface LimitCycleOptions {
  /** Poincaré section y[component] = value, crossed in `direction` (default: component 0, value 0, upward). */
  component?: number;
  value?: number;
  direction?: -1 | 1;
  /** Time to integrate before looking for the cycle (default 50). */
  transient?: number;
  /** Give up after this much time past the transient (default 1000). */
  maxTime?: number;
  /** Section returns must agree to this distance (relative to the amplitude; default 1e-8). */
  tol?: number;
  rtol?: number;
  atol?: number;
}

export interface LimitCycle {
  /** Period T = time between the last two returns to the section, or null when no cycle was found. */
  period: number | null;
  /** Amplitude: max |y[component]| over the last cycle (from the extrema of y[component]), or null. */
  amplitude: number | null;
  converged: boolean;
  /** The last return to the section (a point on the cycle), the returns counted, and why it stopped. */
  point: Float64Array | null;
  returns: number;
  message: string;
}

/**
 * Detect an attracting limit cycle by its Poincaré section: integrate past a transient, then record returns to the
 * section y[c] = value (located on DOPRI5's dense output) until two successive returns coincide to `tol`; the period
 * is the time between them and the amplitude the largest |y[c]| at the extrema y[c]' = 0 in between
 * (Strogatz §8.7; Hairer, Nørsett & Wanner I, §II.6 for event location).
 * A spiral into an equilibrium (amplitude -> 0) or no return within maxTime gives period = null.
 *
 * @example
 * limitCycle(vanDerPolField(1), [2, 0]); // returns { period: 6.66329, amplitude: 2.00862, converged: true, ... }
 */
export function limitCycle(f: VectorField, y0: ArrayLike<number>, options: LimitCycleOptions = {}): LimitCycle {
  const n = y0.length;
  const c = checkNumber('component', options.component ?? 0, { min: 0, max: n - 1, integer: true });
  const value = checkNumber('value', options.value ?? 0);
  const direction = options.direction ?? 1;
  for (let i = 0; i < n; i++) checkNumber(`y0[${i}]`, y0[i]);
  // Times up to 1e6; DOPRI5's 1e6-step cap bounds the work whatever the field.
  const transient = checkNumber('transient', options.transient ?? 50, { min: 0, max: 1e6 });
  const maxTime = checkNumber('maxTime', options.maxTime ?? 1000, { min: 0, minExclusive: true, max: 1e6 });
  const tol = checkNumber('tol', options.tol ?? 1e-8, { min: 0, minExclusive: true });
  if (direction !== 1 && direction !== -1) throw new ParameterError('direction', direction, '1 | -1');
  const rtol = options.rtol ?? 1e-11, atol = options.atol ?? 1e-12;
  const none = (message: string, returns = 0): LimitCycle => ({ period: null, amplitude: null, converged: false, point: null, returns, message });

  let y: Float64Array = Float64Array.from(y0);
  if (transient > 0) {
    const r = odeDopri5(f, [0, transient], y, { rtol, atol, saveSteps: false });
    if (r.status !== 'success') return none(`transient: ${r.message}`);
    y = r.yEnd;
  }
  const fy = new Float64Array(n);
  let lastT = NaN, last: Float64Array | null = null, returns = 0;
  let amp = 0, ampPrev = 0;
  let result = null as LimitCycle | null;
  const section: OdeEvent = { g: (_t, u) => u[c] - value, direction };
  const extremum: OdeEvent = { g: (t, u) => { f(t, u, fy); return fy[c]; }, direction: 0 };
  const onEvent = (hit: EventHit): boolean => {
    if (hit.index === 1) { amp = Math.max(amp, Math.abs(hit.y[c])); return true; }
    returns++;
    if (last !== null) {
      let d = 0;
      for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(hit.y[i] - last[i]));
      if (amp < 1e-6 * Math.max(1, ampPrev)) { result = none(`the orbit spirals into an equilibrium (amplitude ${amp})`, returns); return false; }
      if (d <= tol * Math.max(1, amp)) {
        result = { period: hit.t - lastT, amplitude: amp, converged: true, point: hit.y, returns, message: 'converged' };
        return false;
      }
    }
    last = hit.y; lastT = hit.t; ampPrev = amp; amp = 0;
    return true;
  };
  const run = odeDopri5(f, [transient, transient + maxTime], y, { rtol, atol, saveSteps: false, events: [section, extremum], onEvent });
  if (result) return result;
  if (returns < 2) return none(`fewer than two returns to the section y[${c}] = ${value} in t <= ${transient + maxTime} (${run.status})`, returns);
  return { ...none(`section returns did not settle to ${tol} by t = ${run.tEnd}`, returns) };
}
