import { checkNumber } from '../errors.js';
import type { VectorField } from './vector-field.js';
import { rk4Stepper } from './rk4.js';

/** Jacobian-vector product of a field or map: out <- Df(y) v (no allocation). */
export type Jvp = (t: number, y: Float64Array, v: Float64Array, out: Float64Array) => void;

export interface LyapunovFlowOptions {
  /** RK4 step (default 0.01), renormalisation interval (default 1), transient (default 100), averaging time (default 1000). */
  dt?: number;
  renormEvery?: number;
  transient?: number;
  time?: number;
}

export interface LyapunovEstimate {
  /** The largest Lyapunov exponent, (1 / T) sum_k ln(|v_k| / |v_{k-1}|). */
  exponent: number;
  /** Running estimate after each renormalisation (to judge convergence). */
  running: Float64Array;
  nfev: number;
}

/** Most RK4 steps (flow) or iterations (map) of one Lyapunov estimate: about 10 s for a 3-D flow. */
export const LYAPUNOV_MAX_STEPS = 1e7;

/**
 * The largest Lyapunov exponent of a flow y' = f(y) by Benettin's method (Benettin et al. 1980): integrate y with the
 * tangent vector v' = Df(y) v (RK4 on the joint system, with the exact Jacobian product `jvp`), renormalise |v| = 1
 * every `renormEvery` time units and average the logarithms of the growth factors.
 *
 * @example
 * largestLyapunovFlow(lorenzField(), lorenzJvp(), [1, 1, 1], { time: 1000 }).exponent; // returns ≈ 0.906
 */
export function largestLyapunovFlow(f: VectorField, jvp: Jvp, y0: ArrayLike<number>, options: LyapunovFlowOptions = {}): LyapunovEstimate {
  const dt = checkNumber('dt', options.dt ?? 0.01, { min: 0, minExclusive: true });
  const every = checkNumber('renormEvery', options.renormEvery ?? 1, { min: dt });
  const transient = checkNumber('transient', options.transient ?? 100, { min: 0 });
  const time = checkNumber('time', options.time ?? 1000, { min: every });
  for (let i = 0; i < y0.length; i++) checkNumber(`y0[${i}]`, y0[i]);
  // (transient + time) / dt RK4 steps of the 2n-dimensional tangent flow: at most LYAPUNOV_MAX_STEPS (about 10 s).
  checkNumber('(transient + time) / dt', (transient + time) / dt, { max: LYAPUNOV_MAX_STEPS });
  const n = y0.length, N = 2 * n;
  const F: VectorField = (t, z, out) => {
    const y = z.subarray(0, n);
    f(t, y, out.subarray(0, n) as Float64Array);
    jvp(t, y, z.subarray(n), out.subarray(n));
  };
  const z = new Float64Array(N), step = rk4Stepper(F, N);
  z.set(Array.from(y0));
  for (let i = 0; i < n; i++) z[n + i] = 1 / Math.sqrt(n);
  let t = 0, nfev = 0;
  const rk4 = (h: number) => {
    nfev += step(t, z, h, z);
    t += h;
  };
  const renorm = (): number => {
    let s = 0;
    for (let i = n; i < N; i++) s += z[i] * z[i];
    const norm = Math.sqrt(s);
    for (let i = n; i < N; i++) z[i] /= norm;
    return norm;
  };
  const stepsPer = Math.max(1, Math.round(every / dt)), h = every / stepsPer;
  const transientBlocks = Math.round(transient / every), blocks = Math.round(time / every);
  for (let b = 0; b < transientBlocks; b++) { for (let s = 0; s < stepsPer; s++) rk4(h); renorm(); }
  const running = new Float64Array(blocks);
  let sum = 0;
  for (let b = 0; b < blocks; b++) {
    for (let s = 0; s < stepsPer; s++) rk4(h);
    const g = renorm();
    if (!Number.isFinite(g) || g === 0) throw new RangeError(`largestLyapunovFlow: the tangent vector became ${g} at t = ${t}`);
    sum += Math.log(g);
    running[b] = sum / ((b + 1) * every);
  }
  return { exponent: sum / (blocks * every), running, nfev };
}

/**
 * The largest Lyapunov exponent of a map x_{k+1} = g(x_k) by Benettin's method: iterate the tangent vector
 * v_{k+1} = Dg(x_k) v_k, renormalise every step and average ln |v_{k+1}|. In 1-D this is the orbit average of
 * ln |g'(x_k)| (for the logistic map at r = 4 it is ln 2).
 *
 * @example
 * largestLyapunovMap((x, out) => { out[0] = 4 * x[0] * (1 - x[0]); }, (x, v, out) => { out[0] = 4 * (1 - 2 * x[0]) * v[0]; }, [0.3]).exponent; // returns ≈ 0.693
 */
export function largestLyapunovMap(g: (x: Float64Array, out: Float64Array) => void, jvp: (x: Float64Array, v: Float64Array, out: Float64Array) => void,
  x0: ArrayLike<number>, { iterations = 100000, transient = 1000 } = {}): LyapunovEstimate {
  checkNumber('iterations', iterations, { min: 1, max: LYAPUNOV_MAX_STEPS, integer: true });
  checkNumber('transient', transient, { min: 0, max: LYAPUNOV_MAX_STEPS, integer: true });
  const n = x0.length;
  let x = Float64Array.from(x0), xn = new Float64Array(n), v = new Float64Array(n), vn = new Float64Array(n);
  v.fill(1 / Math.sqrt(n));
  for (let k = 0; k < transient; k++) { g(x, xn); const t = x; x = xn; xn = t; }
  const running = new Float64Array(iterations);
  let sum = 0;
  for (let k = 0; k < iterations; k++) {
    jvp(x, v, vn);
    g(x, xn);
    let s = 0;
    for (let i = 0; i < n; i++) s += vn[i] * vn[i];
    const norm = Math.sqrt(s);
    sum += Math.log(norm);
    for (let i = 0; i < n; i++) vn[i] /= norm;
    let tmp = x; x = xn; xn = tmp;
    tmp = v; v = vn; vn = tmp;
    running[k] = sum / (k + 1);
  }
  return { exponent: sum / iterations, running, nfev: iterations };
}
