import { checkNumber } from '../errors.js';
import type { VectorField } from './vector-field.js';
import type { OdeResult } from './ode-result.js';
import { ChunkedRows } from './chunked-rows.js';
import { checkIvp } from './fixed-step.js';
import { Dopri5Dense } from './dense-output.js';
import { type EventHit, type OdeEvent, crosses, illinoisRoot } from './events.js';
import { hinit } from './hinit.js';
import * as tableau from './dopri5-tableau.js';

/** log(1e-4): the lower bound of facold in the PI controller. */
const LOG_FACOLD_MIN = Math.log(1e-4);

/** Options of odeDopri5 (defaults as in Hairer's dopri5.f where it has one). */
export interface Dopri5Options {
  rtol?: number;
  atol?: number;
  /** Initial step; default: Hairer's hinit estimate. */
  h0?: number;
  /** Largest step (default |t1 - t0|). */
  hMax?: number;
  /** Most steps attempted before stopping with status 'max-steps' (default 1e6). */
  maxSteps?: number;
  /** Save every accepted step (default true unless tEval is given). */
  saveSteps?: boolean;
  /** Times (inside [t0, t1], monotone in the direction of integration) at which to save the dense output. */
  tEval?: ArrayLike<number>;
  events?: readonly OdeEvent[];
  /** Called for each located event, in time order; return false to stop there (status 'terminal-event'). */
  onEvent?: (hit: EventHit) => boolean | void;
  /** Called after each accepted step with its dense output; return false to stop (status 'terminal-event'). */
  onStep?: (dense: Dopri5Dense) => boolean | void;
  /**
   * PI-controller exponent beta (Hairer's work(5), default 0.04; 0 is plain I control as in SciPy's RK45); safety
   * factor (default 0.9) and step-ratio bounds (facMin 0.2, facMax 10). Defaults chosen by a work-precision study.
   */
  beta?: number;
  safety?: number;
  facMin?: number;
  facMax?: number;
}

export interface Dopri5Result extends OdeResult {
  events: EventHit[];
}

/**
 * The Dormand–Prince 5(4) method with Hairer's PI step-size control, initial-step selection, 4th-order dense output
 * and event location on the dense output; a transcription of dopri5.f (Hairer, Nørsett & Wanner, Solving ODEs I,
 * §II.4-II.6, and the "PI control" of §IV.2), without its stiffness detection.
 * The error norm is the RMS of h (e . k)_i / (atol + rtol max(|y_i|, |y1_i|)); a step is accepted when it is <= 1.
 *
 * @example
 * odeDopri5((t, y, out) => { out[0] = -y[0]; }, [0, 1], [1], { rtol: 1e-10, atol: 1e-12 }).yEnd; // returns ≈ [0.36787944117]
 */
export function odeDopri5(f: VectorField, tspan: readonly [number, number], y0: ArrayLike<number>, options: Dopri5Options = {}): Dopri5Result {
  checkIvp(tspan, y0);
  const t0 = +tspan[0], t1 = +tspan[1];
  if (t0 === t1) {
    return { t: Float64Array.of(t0), y: Float64Array.from(y0), dim: y0.length, tEnd: t0, yEnd: Float64Array.from(y0),
      stats: { steps: 0, rejected: 0, nfev: 0 }, status: 'success', message: 'empty interval', events: [] };
  }
  const rtol = +checkNumber('rtol', options.rtol ?? 1e-6, { min: 0 });
  const atol = +checkNumber('atol', options.atol ?? 1e-6, { min: 0 });
  if (rtol === 0 && atol === 0) checkNumber('atol', atol, { min: 0, minExclusive: true });
  const maxSteps = checkNumber('maxSteps', options.maxSteps ?? 1e6, { min: 1, integer: true });
  const hMax = Math.abs(checkNumber('hMax', options.hMax ?? Math.abs(t1 - t0), { min: 0, minExclusive: true }));
  // Checked against Hairer's Fortran dopri5.f itself (inside SciPy as scipy.integrate.ode 'dopri5'): the same nfev on
  // 40 (problem, tolerance) pairs (test/dynamics/work-precision.test.ts).
  // Defaults kept at Hairer's (beta 0.04, safety 0.9): in a work-precision study of 30 controllers none saves
  // evaluations on one measure without losing more on the other (docs/dynamics.md, "DOPRI5 step-size control";
  // test/dynamics/work-precision.test.ts). The steady state of the PI controller is err = safety^(1/(0.2 - 1.75 beta))
  // = 0.445 (SciPy 0.9^5 = 0.590), so at tight tolerances it takes (0.590/0.445)^(1/5) = 5.8% more evaluations than
  // SciPy at the same tolerance, for 1.33x smaller errors.
  const beta = +checkNumber('beta', options.beta ?? 0.04, { min: 0, max: 0.2 });
  const safe = +checkNumber('safety', options.safety ?? 0.9, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  const facc1 = 1 / checkNumber('facMin', options.facMin ?? 0.2, { min: 0, max: 1, minExclusive: true });
  const facc2 = 1 / checkNumber('facMax', options.facMax ?? 10, { min: 1 });
  const events = options.events ?? [];
  const tEval = options.tEval;
  const saveSteps = options.saveSteps ?? tEval === undefined;
  // As dopri5.f (iout = 2 only): the dense-output coefficients are computed only when something reads them.
  const needDense = events.length > 0 || tEval !== undefined || options.onStep !== undefined;
  const n = y0.length, posneg = t1 >= t0 ? 1 : -1, expo1 = 0.2 - beta * 0.75, uround = Number.EPSILON;

  // The tableau as function locals, made numbers once here by the unary +, so the loop reads plain numbers, not the
  // imported bindings (the same for t0, t1, rtol, atol, beta, safe and h above and below; why: docs/bench.md, "Engine
  // notes moved from comments").
  const C2 = +tableau.C2, C3 = +tableau.C3, C4 = +tableau.C4, C5 = +tableau.C5;
  const A21 = +tableau.A21, A31 = +tableau.A31, A32 = +tableau.A32, A41 = +tableau.A41, A42 = +tableau.A42;
  const A43 = +tableau.A43, A51 = +tableau.A51, A52 = +tableau.A52, A53 = +tableau.A53, A54 = +tableau.A54;
  const A61 = +tableau.A61, A62 = +tableau.A62, A63 = +tableau.A63, A64 = +tableau.A64, A65 = +tableau.A65;
  const A71 = +tableau.A71, A73 = +tableau.A73, A74 = +tableau.A74, A75 = +tableau.A75, A76 = +tableau.A76;
  const E1 = +tableau.E1, E3 = +tableau.E3, E4 = +tableau.E4, E5 = +tableau.E5, E6 = +tableau.E6, E7 = +tableau.E7;
  // One workspace w holds y, y1, ysti and the stages k1..k7 (n entries each: w[K3 + i] is k3_i); f gets subarray views
  // of it, so each loop indexes one array (docs/bench.md, "Engine notes moved from comments").
  const Y = 0, Y1 = n, YSTI = 2 * n, K1 = 3 * n, K2 = 4 * n, K3 = 5 * n, K4 = 6 * n, K5 = 7 * n, K6 = 8 * n, K7 = 9 * n;
  const w = new Float64Array(10 * n);
  w.set(y0);
  const y = slot(w, Y, n), y1 = slot(w, Y1, n), ysti = slot(w, YSTI, n), k1 = slot(w, K1, n), k2 = slot(w, K2, n);
  const k3 = slot(w, K3, n), k4 = slot(w, K4, n), k5 = slot(w, K5, n), k6 = slot(w, K6, n), k7 = slot(w, K7, n);
  const yev = new Float64Array(n);
  const dense = new Dopri5Dense(n);
  const buf = new ChunkedRows(n);
  const hits: EventHit[] = [];
  const counts = events.map(() => 0);
  // No closure in this function may capture a variable of the loop (hence a plain loop here, not
  // events.map((e) => e.g(t0, y))): a captured variable would move to the heap (docs/bench.md, "Engine notes ...").
  const gOld: number[] = [];
  for (const e of events) gOld.push(e.g(t0, y));
  let iEval = 0;
  if (saveSteps) buf.push(t0, y);
  while (tEval && iEval < tEval.length && tEval[iEval] === t0) { buf.push(t0, y); iEval++; }

  let t = t0;
  f(t, y, k1);
  let nfev = 1, naccpt = 0, nrejct = 0, nstep = 0;
  let h: number;
  if (options.h0 !== undefined) h = posneg * Math.min(Math.abs(checkNumber('h0', options.h0, { min: 0, minExclusive: true })), hMax);
  else { h = +hinit(f, t, y, posneg, k1, k2, k3, hMax, rtol, atol, 5); nfev++; }
  let facold = 1e-4, logFacold = LOG_FACOLD_MIN, reject = false, last = false, nonFinite = false;
  let status: OdeResult['status'] = 'success', message = '';
  // A field that is not finite at the start (e.g. x^x^x^... at x = 2) would make every step fail, and a NaN first
  // step would never shrink: stop at once with status 'diverged' (accepted steps keep the derivative finite: the
  // error estimate includes k7, the next step's k1).
  let finiteStart = true;
  for (let i = 0; i < n; i++) if (!Number.isFinite(w[K1 + i])) { finiteStart = false; break; }
  if (!finiteStart || !Number.isFinite(h)) {
    status = 'diverged';
    message = `the vector field is not finite at t = ${t}, y = [${Array.from(y).join(', ')}]`;
  }

  while (status === 'success') {
    if (nstep >= maxSteps) { status = 'max-steps'; message = `more than ${maxSteps} steps needed (stopped at t = ${t})`; break; }
    if (0.1 * Math.abs(h) <= Math.abs(t) * uround || h === 0) {
      status = nonFinite ? 'diverged' : 'step-too-small';
      message = nonFinite ? `the solution diverged near t = ${t} (non-finite stage values)` : `step size underflow at t = ${t}`;
      break;
    }
    if ((t + 1.01 * h - t1) * posneg > 0) { h = t1 - t; last = true; }
    nstep++;
    // The seven stages (k7 at the new point doubles as the next step's k1: "first same as last").
    for (let i = 0; i < n; i++) w[Y1 + i] = w[Y + i] + h * A21 * w[K1 + i];
    f(t + C2 * h, y1, k2);
    for (let i = 0; i < n; i++) w[Y1 + i] = w[Y + i] + h * (A31 * w[K1 + i] + A32 * w[K2 + i]);
    f(t + C3 * h, y1, k3);
    for (let i = 0; i < n; i++) w[Y1 + i] = w[Y + i] + h * (A41 * w[K1 + i] + A42 * w[K2 + i] + A43 * w[K3 + i]);
    f(t + C4 * h, y1, k4);
    for (let i = 0; i < n; i++) {
      w[Y1 + i] = w[Y + i] + h * (A51 * w[K1 + i] + A52 * w[K2 + i] + A53 * w[K3 + i] + A54 * w[K4 + i]);
    }
    f(t + C5 * h, y1, k5);
    for (let i = 0; i < n; i++) {
      w[YSTI + i] = w[Y + i] + h * (A61 * w[K1 + i] + A62 * w[K2 + i] + A63 * w[K3 + i] + A64 * w[K4 + i] + A65 * w[K5 + i]);
    }
    const xph = t + h;
    f(xph, ysti, k6);
    for (let i = 0; i < n; i++) {
      w[Y1 + i] = w[Y + i] + h * (A71 * w[K1 + i] + A73 * w[K3 + i] + A74 * w[K4 + i] + A75 * w[K5 + i] + A76 * w[K6 + i]);
    }
    f(xph, y1, k7);
    nfev += 6;
    let err = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol + rtol * Math.max(Math.abs(w[Y + i]), Math.abs(w[Y1 + i]));
      const e = (h * (E1 * w[K1 + i] + E3 * w[K3 + i] + E4 * w[K4 + i] + E5 * w[K5 + i] + E6 * w[K6 + i]
        + E7 * w[K7 + i])) / sk;
      err += e * e;
    }
    err = Math.sqrt(err / n);
    nonFinite = !Number.isFinite(err);
    if (nonFinite) { // reject and shrink as much as allowed
      h /= facc1; reject = true; last = false; if (naccpt >= 1) nrejct++;
      continue;
    }
    // PI control: fac = err^(0.2 - 0.75 beta) / facold^beta, bounded, with safety factor.
    // Written with one exp and one log instead of two powers, which cost more (docs/bench.md, "Engine notes ...").
    const logErr = Math.log(err);
    let fac = Math.exp(expo1 * logErr - beta * logFacold);
    fac = Math.max(facc2, Math.min(facc1, fac / safe));
    let hnew = h / fac;
    if (err <= 1) {
      facold = Math.max(err, 1e-4);
      logFacold = facold === err ? logErr : LOG_FACOLD_MIN; // = Math.log(facold), bit for bit, one log fewer
      naccpt++;
      if (needDense) dense.prepare(t, h, y, y1, k1, k3, k4, k5, k6, k7);
      // k1 <- k7, y <- y1, copied (cheaper than swapping the slots' offsets: docs/bench.md, "Engine notes ...")
      for (let i = 0; i < n; i++) { w[K1 + i] = w[K7 + i]; w[Y + i] = w[Y1 + i]; }
      t = last ? t1 : xph;
      let stop = false;
      if (events.length > 0) {
        const located = locateEvents(events, dense, gOld, t, y, yev);
        for (const hit of located) {
          hits.push(hit);
          const e = events[hit.index];
          counts[hit.index]++;
          const byCallback = options.onEvent !== undefined && options.onEvent(hit) === false;
          if (byCallback || (e.terminal !== undefined && e.terminal > 0 && counts[hit.index] >= e.terminal)) {
            t = +hit.t; y.set(hit.y); stop = true; status = 'terminal-event';
            message = `event ${hit.index} occurred ${counts[hit.index]} times (t = ${hit.t})`;
            break;
          }
        }
      }
      if (tEval) {
        while (iEval < tEval.length && (tEval[iEval] - t) * posneg <= 0) { buf.push(tEval[iEval], dense.at(tEval[iEval], yev)); iEval++; }
      }
      if (saveSteps) buf.push(t, y);
      if (!stop && options.onStep && options.onStep(dense) === false) {
        stop = true; status = 'terminal-event'; message = `stopped by onStep at t = ${t}`;
      }
      if (stop || last) break;
      if (Math.abs(hnew) > hMax) hnew = posneg * hMax;
      if (reject) hnew = posneg * Math.min(Math.abs(hnew), Math.abs(h));
      reject = false;
    } else {
      const fac11 = Math.exp(expo1 * logErr); // err^expo1, needed only here
      hnew = h / Math.min(facc1, fac11 / safe);
      reject = true;
      if (naccpt >= 1) nrejct++;
      last = false;
    }
    h = hnew;
  }
  const { t: ts, y: ys } = buf.arrays();
  return { t: ts, y: ys, dim: n, tEnd: t, yEnd: y.slice(), stats: { steps: naccpt, rejected: nrejct, nfev }, status, message, events: hits };
}

/** The n entries of the workspace w from offset o, as a view. */
function slot(w: Float64Array, o: number, n: number): Float64Array {
  return w.subarray(o, o + n);
}

/** Check every event for a crossing in the step just taken; locate the crossings on the dense output, in time order. */
function locateEvents(events: readonly OdeEvent[], dense: Dopri5Dense, gOld: number[], t: number, y: Float64Array,
  yev: Float64Array): EventHit[] {
  const hits: EventHit[] = [];
  const a = dense.tOld;
  for (let j = 0; j < events.length; j++) {
    const e = events[j];
    const gNew = e.g(t, y);
    if (crosses(gOld[j], gNew, e.direction ?? 0)) {
      const g = (s: number) => e.g(s, dense.at(s, yev));
      const root = illinoisRoot(g, a, t, gOld[j], gNew);
      hits.push({ index: j, t: root, y: dense.at(root, new Float64Array(dense.dim)) });
    }
    gOld[j] = gNew;
  }
  return hits.sort((p, q) => (p.t - q.t) * Math.sign(dense.h));
}
