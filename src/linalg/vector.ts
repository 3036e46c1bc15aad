// Float64Array kernels in the style of BLAS level 1 (stdlib's ddot/daxpy): plain loops, explicit length, `out` arguments.
import { checkNumber } from '../errors.js';

/** x^T y. @example dot(new Float64Array([1, 2]), new Float64Array([3, 4])) // returns 11 */
export function dot(x: Float64Array, y: Float64Array, n = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

/** y <- a x + y. */
export function axpy(a: number, x: Float64Array, y: Float64Array, n = x.length): Float64Array {
  for (let i = 0; i < n; i++) y[i] += a * x[i];
  return y;
}

/** out <- a x + b y (out may alias x or y). */
export function axpby(a: number, x: Float64Array, b: number, y: Float64Array, out: Float64Array, n = x.length): Float64Array {
  for (let i = 0; i < n; i++) out[i] = a * x[i] + b * y[i];
  return out;
}

/** x <- a x. */
export function scale(a: number, x: Float64Array, n = x.length): Float64Array {
  for (let i = 0; i < n; i++) x[i] *= a;
  return x;
}

/** out <- x. */
export function copy(x: Float64Array, out: Float64Array, n = x.length): Float64Array {
  for (let i = 0; i < n; i++) out[i] = x[i];
  return out;
}

/** out <- x - y. */
export function sub(x: Float64Array, y: Float64Array, out: Float64Array, n = x.length): Float64Array {
  for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
  return out;
}

/** ||x||_2, scaled to avoid overflow (LAPACK dnrm2 idea). @example nrm2(new Float64Array([3, 4])) // returns 5 */
export function nrm2(x: Float64Array, n = x.length): number {
  let amax = 0;
  for (let i = 0; i < n; i++) { const a = Math.abs(x[i]); if (a > amax || a !== a) amax = a; }
  if (amax === 0 || !Number.isFinite(amax)) return amax;
  let s = 0;
  for (let i = 0; i < n; i++) { const t = x[i] / amax; s += t * t; }
  return amax * Math.sqrt(s);
}

/** ||x||_inf. */
export function nrmInf(x: Float64Array, n = x.length): number {
  let m = 0;
  for (let i = 0; i < n; i++) { const a = Math.abs(x[i]); if (a > m || a !== a) m = a; }
  return m;
}

/** ||x - y||_2. */
export function dist2(x: Float64Array, y: Float64Array, n = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) { const t = x[i] - y[i]; s += t * t; }
  return Math.sqrt(s);
}

/** True if every entry is finite. */
export function allFinite(x: ArrayLike<number>, n = x.length): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

/** Evenly spaced values (numpy linspace). @example linspace(0, 1, 3) // returns [0, 0.5, 1] */
export function linspace(a: number, b: number, n: number): Float64Array {
  checkGrid(a, b, n);
  const out = new Float64Array(n);
  if (n === 1) { out[0] = a; return out; }
  for (let i = 0; i < n; i++) out[i] = a + ((b - a) * i) / (n - 1);
  out[n - 1] = b;
  return out;
}

/** Most points of linspace / logspace (80 MB). */
export const MAX_GRID_POINTS = 1e7;

function checkGrid(a: number, b: number, n: number): void {
  checkNumber('a', a);
  checkNumber('b', b);
  checkNumber('n', n, { min: 0, max: MAX_GRID_POINTS, integer: true });
}

/** Log-spaced values from a to b (both > 0). @example logspace(1, 100, 3) // returns [1, 10, 100] */
export function logspace(a: number, b: number, n: number): Float64Array {
  checkGrid(a, b, n);
  checkNumber('a', a, { min: 0, minExclusive: true });
  checkNumber('b', b, { min: 0, minExclusive: true });
  const la = Math.log(a), lb = Math.log(b);
  const out = linspace(la, lb, n);
  for (let i = 0; i < n; i++) out[i] = Math.exp(out[i]);
  if (n > 0) { out[0] = a; out[n - 1] = b; }
  return out;
}
