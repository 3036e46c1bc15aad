import { ParameterError, checkNumber } from '../errors.js';

/** Check r in [0, 4] (the logistic map sends [0, 1] into itself exactly for these r). */
function checkR(r: number): number {
  return checkNumber('r', r, { min: 0, max: 4 });
}
function checkX(x0: number): number {
  return checkNumber('x0', x0, { min: 0, max: 1 });
}

/** Caps of the logistic-map functions (memory and about 10 s of iterations): orbit length, iteration counts. */
export const LOGISTIC_MAX_ORBIT = 1e7;
export const LOGISTIC_MAX_ITERATIONS = 1e8;

/**
 * An orbit of the logistic map x_{k+1} = r x_k (1 - x_k) (May 1976), x_0 .. x_n; n <= LOGISTIC_MAX_ORBIT.
 *
 * @example
 * logisticOrbit(2, 0.25, 2); // returns [0.25, 0.375, 0.46875]
 */
export function logisticOrbit(r: number, x0: number, n: number, out?: Float64Array): Float64Array {
  checkR(r); checkX(x0); checkNumber('n', n, { min: 0, max: LOGISTIC_MAX_ORBIT, integer: true });
  out ??= new Float64Array(n + 1);
  if (out.length < n + 1) throw new ParameterError('out', `${out.length} entries`, `at least n + 1 = ${n + 1} entries`);
  let x = x0;
  out[0] = x;
  for (let k = 1; k <= n; k++) { x = r * x * (1 - x); out[k] = x; }
  return out;
}

export interface LogisticPeriodOptions {
  x0?: number;
  /** Iterations discarded before looking for a cycle (default 100000). */
  transient?: number;
  /** Longest period looked for (default 128). */
  maxPeriod?: number;
  /** Two points of the orbit are the same when they differ by less than tol (default 1e-9). */
  tol?: number;
}

/**
 * The period of the attractor of the logistic map at r: after a transient, the smallest p <= maxPeriod with
 * |x_{k+p} - x_k| < tol for 2 p consecutive k; null when there is none (chaos, or convergence too slow to decide,
 * e.g. exactly at a bifurcation point). Also returns the cycle and its multiplier prod_i r (1 - 2 x_i),
 * whose modulus is < 1 for an attracting cycle and passes -1 at a period doubling.
 *
 * @example
 * logisticPeriod(3.5).period; // returns 4 (the lecture's f(x) = 3.5 x (1 - x))
 */
export function logisticPeriod(r: number, { x0 = 0.3, transient = 100000, maxPeriod = 128, tol = 1e-9 }: LogisticPeriodOptions = {}):
  { period: number | null; cycle: Float64Array; multiplier: number | null } {
  checkR(r); checkX(x0);
  checkNumber('transient', transient, { min: 0, max: LOGISTIC_MAX_ITERATIONS, integer: true });
  checkNumber('tol', tol, { min: 0, minExclusive: true });
  checkNumber('maxPeriod', maxPeriod, { min: 1, max: 1 << 16, integer: true });
  let x = x0;
  for (let k = 0; k < transient; k++) x = r * x * (1 - x);
  const orbit = new Float64Array(3 * maxPeriod);
  for (let k = 0; k < orbit.length; k++) { orbit[k] = x; x = r * x * (1 - x); }
  for (let p = 1; p <= maxPeriod; p++) {
    let ok = true;
    for (let k = 0; k < 2 * p && ok; k++) if (!(Math.abs(orbit[k + p] - orbit[k]) < tol)) ok = false;
    if (ok) {
      const cycle = orbit.slice(0, p);
      let m = 1;
      for (let i = 0; i < p; i++) m *= r * (1 - 2 * cycle[i]);
      return { period: p, cycle, multiplier: m };
    }
  }
  return { period: null, cycle: new Float64Array(0), multiplier: null };
}

/**
 * The Lyapunov exponent of the logistic map, lambda = lim (1/N) sum_k ln |r (1 - 2 x_k)| (the 1-D case of Benettin's
 * method: the tangent vector is a scalar, so renormalising every step is taking the log of |f'(x_k)|).
 * -Infinity for a superstable cycle (one through x = 1/2).
 *
 * @example
 * logisticLyapunov(4); // returns ≈ 0.6931 (= ln 2)
 */
export function logisticLyapunov(r: number, { x0 = 0.3, transient = 1000, iterations = 1000000 } = {}): number {
  checkR(r); checkX(x0);
  checkNumber('iterations', iterations, { min: 1, max: LOGISTIC_MAX_ITERATIONS, integer: true });
  checkNumber('transient', transient, { min: 0, max: LOGISTIC_MAX_ITERATIONS, integer: true });
  let x = x0;
  for (let k = 0; k < transient; k++) x = r * x * (1 - x);
  let sum = 0;
  for (let k = 0; k < iterations; k++) {
    const slope = r * (1 - 2 * x);
    // An orbit through x = 1/2 (superstable, e.g. r = 2 where x* = 1/2) lands within an ulp or two of it in floating
    // point: ln|f'| = -36 instead of -Infinity. Within 4 machine epsilons of 1/2 the cycle is superstable.
    if (Math.abs(x - 0.5) <= 4 * Number.EPSILON) return -Infinity;
    sum += Math.log(Math.abs(slope));
    x = r * x * (1 - x);
  }
  return sum / iterations;
}

/**
 * Bifurcation-diagram data: for nr values of r in [rMin, rMax], the `keep` iterates after `transient` steps, as
 * parallel columns (r_i, x_i).
 *
 * @example
 * logisticBifurcation(2.5, 4, 300).x.length; // returns 300 * 200
 */
export function logisticBifurcation(rMin: number, rMax: number, nr: number, { x0 = 0.3, transient = 1000, keep = 200 } = {}):
  { r: Float64Array; x: Float64Array } {
  checkR(rMin); checkNumber('rMax', rMax, { min: rMin, max: 4 });
  checkNumber('nr', nr, { min: 1, max: 1e6, integer: true });
  checkNumber('keep', keep, { min: 1, max: 1e5, integer: true });
  checkNumber('transient', transient, { min: 0, max: LOGISTIC_MAX_ITERATIONS, integer: true });
  checkNumber('nr x keep', nr * keep, { max: LOGISTIC_MAX_ORBIT });
  checkNumber('nr x (transient + keep)', nr * (transient + keep), { max: 20 * LOGISTIC_MAX_ITERATIONS });
  const R = new Float64Array(nr * keep), X = new Float64Array(nr * keep);
  for (let i = 0; i < nr; i++) {
    const r = nr === 1 ? rMin : rMin + ((rMax - rMin) * i) / (nr - 1);
    let x = x0;
    for (let k = 0; k < transient; k++) x = r * x * (1 - x);
    for (let k = 0; k < keep; k++) { x = r * x * (1 - x); R[i * keep + k] = r; X[i * keep + k] = x; }
  }
  return { r: R, x: X };
}

/**
 * Cobweb-plot vertices for n iterations: (x0, 0), (x0, f(x0)), (f(x0), f(x0)), (f(x0), f(f(x0))), ...
 *
 * @example
 * logisticCobweb(2, 0.25, 1); // returns { x: [0.25, 0.25, 0.375], y: [0, 0.375, 0.375] }
 */
export function logisticCobweb(r: number, x0: number, n: number): { x: Float64Array; y: Float64Array } {
  checkR(r); checkX(x0); checkNumber('n', n, { min: 0, max: 1e6, integer: true });
  const X = new Float64Array(2 * n + 1), Y = new Float64Array(2 * n + 1);
  let x = x0;
  X[0] = x; Y[0] = 0;
  for (let k = 0; k < n; k++) {
    const fx = r * x * (1 - x);
    X[2 * k + 1] = x; Y[2 * k + 1] = fx;
    X[2 * k + 2] = fx; Y[2 * k + 2] = fx;
    x = fx;
  }
  return { x: X, y: Y };
}
