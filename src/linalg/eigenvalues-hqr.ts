// Eigenvalues only, of a general real matrix, on one flat Float64Array: balancing, reduction to upper Hessenberg form
// by stabilised elementary similarity transformations, then the Francis double-shift QR iteration — EISPACK's
// balanc + elmhes + hqr (Wilkinson & Reinsch, Handbook for Automatic Computation II, contributions II/11, II/13,
// II/14; Martin, Peters & Wilkinson 1970). Written here because ml-matrix's EigenvalueDecomposition (a JAMA port on
// arrays of arrays) always computes the eigenvectors too, does not balance (it loses digits on badly scaled
// matrices) and is slower (BENCHMARKS.md, workload "eigen"). eigenvalues() in eig.ts calls this for n > 2; tests
// check it against ml-matrix and against numpy (test/linalg/eigenvalues-balanced.test.ts).
import type { Complex } from './complex.js';
import { type DenseMatrix, checkSquare } from './dense.js';
import { ParameterError } from '../errors.js';

const RADIX = 2;
const F_MAX = 2 ** 500; // bound of the balancing factors (see balance)
const MAX_ITERATIONS = 60; // per eigenvalue; EISPACK uses 30

/**
 * All eigenvalues of a real square matrix (EISPACK balanc + elmhes + hqr), sorted like eigenvalues(): by descending
 * modulus, then descending real part, then descending imaginary part. Complex pairs come out exactly conjugate.
 * Throws a ParameterError for a non-square or non-finite matrix, and an Error if the QR iteration does not converge.
 *
 * @example
 * eigenvaluesHqr(fromRows([[2, 0, 0], [0, 0, -1], [0, 1, 0]])); // returns [{re: 2, im: 0}, {re: 0, im: 1}, {re: 0, im: -1}]
 */
export function eigenvaluesHqr(A: DenseMatrix, parameter = 'matrix'): Complex[] {
  checkSquare(A, parameter);
  const n = A.rows;
  // Balancing and the QR sweeps square entries: past 1e150 they overflow and the iteration never settles.
  for (let i = 0; i < A.data.length; i++) {
    if (Math.abs(A.data[i]) > 1e150) throw new ParameterError(`${parameter}[${Math.floor(i / n)}][${i % n}]`, A.data[i], 'a number of magnitude at most 1e150');
  }
  // 1-based working copy a[i * s + j], i, j = 1..n, as in the Handbook's Algol, so the code follows it line by line.
  const s = n + 1;
  const a = new Float64Array(s * s);
  for (let i = 1; i <= n; i++) for (let j = 1; j <= n; j++) a[i * s + j] = A.data[(i - 1) * n + (j - 1)];
  balance(a, n, s);
  hessenberg(a, n, s);
  const wr = new Float64Array(n + 1), wi = new Float64Array(n + 1);
  hqr(a, n, s, wr, wi);
  const out: Complex[] = [];
  for (let i = 1; i <= n; i++) out.push({ re: wr[i], im: wi[i] });
  return out.sort((x, y) => Math.hypot(y.re, y.im) - Math.hypot(x.re, x.im) || y.re - x.re || y.im - x.im);
}

/** balanc: diagonal similarity by powers of 2 so that rows and columns have comparable norms (exact in floating point). */
function balance(a: Float64Array, n: number, s: number): void {
  const sqrdx = RADIX * RADIX;
  let done = false;
  // The sweeps end when no row changes; the caps (factors within 2^+-500, 100 sweeps) only act on matrices whose
  // entries span beyond the double range (subnormals next to 1e150), where the scaled sums overflowed and the
  // inner loops never ended (found by the library fuzz).
  for (let sweep = 0; !done && sweep < 100; sweep++) {
    done = true;
    for (let i = 1; i <= n; i++) {
      let r = 0, c = 0;
      for (let j = 1; j <= n; j++) if (j !== i) { c += Math.abs(a[j * s + i]); r += Math.abs(a[i * s + j]); }
      if (c === 0 || r === 0 || !(c < Infinity) || !(r < Infinity)) continue;
      let g = r / RADIX, f = 1;
      const sum = c + r;
      while (c < g && f < F_MAX) { f *= RADIX; c *= sqrdx; }
      g = r * RADIX;
      while (c > g && f > 1 / F_MAX) { f /= RADIX; c /= sqrdx; }
      if ((c + r) / f < 0.95 * sum) {
        done = false;
        g = 1 / f;
        for (let j = 1; j <= n; j++) a[i * s + j] *= g;
        for (let j = 1; j <= n; j++) a[j * s + i] *= f;
      }
    }
  }
}

/** elmhes: reduce to upper Hessenberg form by elimination with partial pivoting (entries below the subdiagonal are left as multipliers, unused later). */
function hessenberg(a: Float64Array, n: number, s: number): void {
  for (let m = 2; m < n; m++) {
    let x = 0, i = m;
    for (let j = m; j <= n; j++) if (Math.abs(a[j * s + m - 1]) > Math.abs(x)) { x = a[j * s + m - 1]; i = j; }
    if (i !== m) {
      for (let j = m - 1; j <= n; j++) { const t = a[i * s + j]; a[i * s + j] = a[m * s + j]; a[m * s + j] = t; }
      for (let j = 1; j <= n; j++) { const t = a[j * s + i]; a[j * s + i] = a[j * s + m]; a[j * s + m] = t; }
    }
    if (x === 0) continue;
    for (let k = m + 1; k <= n; k++) {
      let y = a[k * s + m - 1];
      if (y === 0) continue;
      y /= x;
      a[k * s + m - 1] = y;
      for (let j = m; j <= n; j++) a[k * s + j] -= y * a[m * s + j];
      for (let j = 1; j <= n; j++) a[j * s + m] += y * a[j * s + k];
    }
  }
}

const sign = (a: number, b: number): number => (b >= 0 ? Math.abs(a) : -Math.abs(a));

/** hqr: Francis double-shift QR on the upper Hessenberg matrix; eigenvalues into (wr, wi), 1-based. */
function hqr(a: Float64Array, n: number, s: number, wr: Float64Array, wi: Float64Array): void {
  let anorm = 0;
  for (let i = 1; i <= n; i++) for (let j = Math.max(i - 1, 1); j <= n; j++) anorm += Math.abs(a[i * s + j]);
  let nn = n, t = 0;
  let p = 0, q = 0, r = 0, x = 0, y = 0, z = 0, w = 0;
  while (nn >= 1) {
    let its = 0, l: number;
    do {
      // Look for a single small subdiagonal element.
      for (l = nn; l >= 2; l--) {
        let ss = Math.abs(a[(l - 1) * s + l - 1]) + Math.abs(a[l * s + l]);
        if (ss === 0) ss = anorm;
        if (Math.abs(a[l * s + l - 1]) + ss === ss) { a[l * s + l - 1] = 0; break; }
      }
      x = a[nn * s + nn];
      if (l === nn) { // one root found
        wr[nn] = x + t; wi[nn] = 0; nn--;
      } else {
        y = a[(nn - 1) * s + nn - 1];
        w = a[nn * s + nn - 1] * a[(nn - 1) * s + nn];
        if (l === nn - 1) { // two roots found
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) { // a real pair
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else { // a complex pair
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = z; wi[nn] = -z;
          }
          nn -= 2;
        } else { // no roots found yet: continue the iteration
          if (its === MAX_ITERATIONS) throw new Error(`eigenvaluesHqr: no convergence after ${MAX_ITERATIONS} QR iterations (eigenvalue ${nn} of ${n})`);
          if (its === 10 || its === 20 || its === 40) { // exceptional shift
            t += x;
            for (let i = 1; i <= nn; i++) a[i * s + i] -= x;
            const ss = Math.abs(a[nn * s + nn - 1]) + Math.abs(a[(nn - 1) * s + nn - 2]);
            y = x = 0.75 * ss;
            w = -0.4375 * ss * ss;
          }
          its++;
          // Form the shift and look for two consecutive small subdiagonal elements.
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = a[m * s + m];
            r = x - z;
            const ss0 = y - z;
            p = (r * ss0 - w) / a[(m + 1) * s + m] + a[m * s + m + 1];
            q = a[(m + 1) * s + m + 1] - z - r - ss0;
            r = a[(m + 2) * s + m + 1];
            const ss = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= ss; q /= ss; r /= ss;
            if (m === l) break;
            const u = Math.abs(a[m * s + m - 1]) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(a[(m - 1) * s + m - 1]) + Math.abs(z) + Math.abs(a[(m + 1) * s + m + 1]));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i * s + i - 2] = 0;
            if (i !== m + 2) a[i * s + i - 3] = 0;
          }
          // Double QR step on rows l..nn and columns m..nn.
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a[k * s + k - 1];
              q = a[(k + 1) * s + k - 1];
              r = k !== nn - 1 ? a[(k + 2) * s + k - 1] : 0;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) { p /= x; q /= x; r /= x; }
            }
            const ss = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (ss === 0) continue;
            if (k === m) {
              if (l !== m) a[k * s + k - 1] = -a[k * s + k - 1];
            } else a[k * s + k - 1] = -ss * x;
            p += ss;
            x = p / ss; y = q / ss; z = r / ss;
            q /= p; r /= p;
            for (let j = k; j <= nn; j++) { // row modification
              p = a[k * s + j] + q * a[(k + 1) * s + j];
              if (k !== nn - 1) { p += r * a[(k + 2) * s + j]; a[(k + 2) * s + j] -= p * z; }
              a[(k + 1) * s + j] -= p * y;
              a[k * s + j] -= p * x;
            }
            const mmin = nn < k + 3 ? nn : k + 3;
            for (let i = l; i <= mmin; i++) { // column modification
              p = x * a[i * s + k] + y * a[i * s + k + 1];
              if (k !== nn - 1) { p += z * a[i * s + k + 2]; a[i * s + k + 2] -= p * r; }
              a[i * s + k + 1] -= p * q;
              a[i * s + k] -= p;
            }
          }
        }
      }
    } while (nn >= 1 && l! < nn - 1);
  }
}
