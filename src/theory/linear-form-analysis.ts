import { ParameterError, checkNumber } from '../errors.js';
import type { Complex } from '../linalg/complex.js';
import { fromRows } from '../linalg/dense.js';
import { eigenvaluesHqr } from '../linalg/eigenvalues-hqr.js';
import { type StateSpace, checkStateSpace, directionMatrixOf } from '../methods/linear-form.js';
import { directionEigenvalues, directionRate } from './direction-matrix.js';
import { type Regime, directionRegime } from './direction-regime.js';
import type { LinearMethod } from './linear-method.js';
import { type Thresholds, regimeThresholds } from './thresholds.js';
import { worstRateOverInterval } from './worst-rate.js';

// Everything theory says about a linear method, derived from its linear form (A, B, C, D) alone, with no per-method
// code: on J = h (w - w*)^2/2 the error state evolves by R(h) = A + h B C, whose characteristic polynomial is
// det(z I - R(h)) = p(z) - h q(z), p = det(z I - A), q = C adj(z I - A) B (a rank-one update: affine in h).
// After removing roots z = 0 common to p and q (states that never matter, e.g. a stored gradient), a method of order 2
// with p(1) = 0 is a two-term method z^2 - (1 + b1 - a h (1 + b2)) z + (b1 - a h b2): its regimes, thresholds and
// exact worst rate come from the two-term analysis (linear-method.ts); others get eigenvalues and radius numerically.

/** The characteristic data of a linear form: p, q (highest power first) after removing common roots at 0. */
export interface FormCharacteristic {
  /** Order of the reduced polynomial (number of states that matter). */
  order: number;
  p: number[];
  q: number[];
  /** The equivalent two-term method (same polynomial for every h), when the reduced order is <= 2 and p(1) = 0. */
  twoTerm: LinearMethod | null;
}

/** p(z) = det(zI - A) and adj(zI - A) = sum_k M_k z^(n-k) by Faddeev–LeVerrier (exact enough for the n <= 6 it is used for). */
function faddeevLeverrier(A: number[][]): { p: number[]; M: number[][][] } {
  const n = A.length;
  const p = [1];
  const M: number[][][] = [];
  let Mk = A.map((row) => row.map(() => 0));
  for (let k = 1; k <= n; k++) {
    // M_k = A M_{k-1} + c_{k-1} I, c_k = -tr(A M_k)/k.
    const next = A.map((row, i) => row.map((_, j) => {
      let s = i === j ? p[k - 1] : 0;
      for (let l = 0; l < n; l++) s += A[i][l] * Mk[l][j];
      return s;
    }));
    Mk = next;
    M.push(Mk);
    let tr = 0;
    for (let i = 0; i < n; i++) for (let l = 0; l < n; l++) tr += A[i][l] * Mk[l][i];
    p.push(-tr / k);
  }
  return { p, M };
}

const MAX_POLYNOMIAL_ORDER = 6;

/**
 * The characteristic polynomial of R(h) = A + h B C as p(z) - h q(z), reduced by common roots at 0, and the two-term
 * equivalent when there is one. Forms with more than 6 states are left unreduced (order = n, twoTerm = null).
 *
 * @example
 * formCharacteristic({ A: [[1, 0.5], [0, 0.5]], B: [-0.1, -0.1], C: [1, 0], D: 0 }).twoTerm; // returns heavy ball: { method: 'hb', alpha: 0.1, beta1: 0.5, beta2: 0 }
 */
export function formCharacteristic(ss: StateSpace): FormCharacteristic {
  checkStateSpace(ss);
  if (ss.D !== 0) throw new ParameterError('state-space.D', ss.D, '0 (explicit methods: y = C xi)');
  const n = ss.A.length;
  if (n > MAX_POLYNOMIAL_ORDER) return { order: n, p: [], q: [], twoTerm: null };
  let p: number[], q: number[];
  if (n <= 2) {
    // Written out for one and two states (fewer roundings than the recursion: heavy ball's beta comes out exact).
    const [A, B, C] = [ss.A, ss.B, ss.C];
    if (n === 1) { p = [1, -A[0][0]]; q = [0, C[0] * B[0]]; } else {
      // adj(zI - A) = [[z - a11, a01], [a10, z - a00]].
      p = [1, -(A[0][0] + A[1][1]), A[0][0] * A[1][1] - A[0][1] * A[1][0]];
      q = [0, C[0] * B[0] + C[1] * B[1], C[0] * (A[0][1] * B[1] - A[1][1] * B[0]) + C[1] * (A[1][0] * B[0] - A[0][0] * B[1])];
    }
  } else {
    const fl = faddeevLeverrier(ss.A);
    p = fl.p;
    // q(z) = sum_k (C M_k B) z^(n-k): coefficients of z^n (0), z^(n-1), ..., z^0.
    q = [0, ...fl.M.map((Mk) => ss.C.reduce((s, c, i) => s + c * Mk[i].reduce((t, m, j) => t + m * ss.B[j], 0), 0))];
  }
  const scale = Math.max(1, ...p.map(Math.abs), ...q.map(Math.abs));
  let order = n;
  while (order > 1 && Math.abs(p[order]) <= 1e-14 * scale && Math.abs(q[order]) <= 1e-14 * scale) order--;
  const pr = p.slice(0, order + 1), qr = q.slice(0, order + 1);
  let twoTerm: LinearMethod | null = null;
  const pAtOne = pr.reduce((s, c) => s + c, 0);
  if (order <= 2 && Math.abs(pAtOne) <= 1e-12 * scale) {
    if (order === 1) {
      // z + p1 - h q1 with p1 = -1: z = 1 - alpha h, alpha = -q1.
      const alpha = -qr[1];
      if (alpha > 0) twoTerm = { method: 'gd', alpha, beta1: 0, beta2: 0 };
    } else {
      // z^2 + p1 z + p2 - h (q1 z + q2): beta1 = p2, alpha (1 + beta2) = -q1, alpha beta2 = q2.
      const beta1 = pr[2], alpha = -qr[1] - qr[2];
      let beta2 = qr[2] / alpha;
      if (alpha > 0 && Number.isFinite(beta2)) {
        // Name the regimes' closed forms where the polynomial is heavy ball's or Nesterov's (to rounding).
        const tol = 1e-14 * Math.max(1, Math.abs(beta1));
        let method: LinearMethod['method'] = 'two-term';
        if (Math.abs(beta2) <= tol) { beta2 = 0; if (beta1 >= 0 && beta1 < 1) method = beta1 === 0 ? 'gd' : 'hb'; }
        else if (Math.abs(beta2 - beta1) <= tol && beta1 >= 0 && beta1 < 1) { beta2 = beta1; method = 'nag'; }
        // Nesterov: alpha (1 + beta) = -q1 read back with one rounding (usually alpha itself).
        twoTerm = { method, alpha: method === 'nag' ? -qr[1] / (1 + beta1) : alpha, beta1, beta2 };
      }
    }
  }
  return { order, p: pr, q: qr, twoTerm };
}

/**
 * The eigenvalues of R(h) = A + h B C (D = 0): from the two-term equivalent when there is one (two values, the
 * states that do not matter dropped), else all n by the balanced Hessenberg QR.
 *
 * @example
 * formEigenvalues({ A: [[1]], B: [-0.5], C: [1], D: 0 }, 1); // returns [{ re: 0.5, im: 0 }, { re: 0, im: 0 }]
 */
export function formEigenvalues(ss: StateSpace, h: number, characteristic = formCharacteristic(ss)): Complex[] {
  checkNumber('h', h, { min: 0 });
  if (characteristic.twoTerm) return directionEigenvalues(characteristic.twoTerm, h);
  const all = eigenvaluesHqr(fromRows(directionMatrixOf(ss, h)), 'R(h)');
  // Drop the roots at 0 that every R(h) has (states that do not matter, see formCharacteristic).
  const drop = ss.A.length - characteristic.order;
  if (drop <= 0) return all;
  const byModulus = all.map((z, i) => ({ i, r: Math.hypot(z.re, z.im) })).sort((x, y) => x.r - y.r).slice(0, drop).map((e) => e.i);
  return all.filter((_, i) => !byModulus.includes(i));
}

/**
 * The spectral radius of R(h): the asymptotic rate of the error in the direction of curvature h.
 *
 * @example
 * formRate({ A: [[1, 0.81], [0, 0.81]], B: [-1, -1], C: [1, 0], D: 0 }, 0.5); // returns 0.9 (heavy ball, complex pair)
 */
export function formRate(ss: StateSpace, h: number, characteristic = formCharacteristic(ss)): number {
  if (characteristic.twoTerm) return directionRate(characteristic.twoTerm, checkNumber('h', h, { min: 0 }));
  let r = 0;
  for (const z of formEigenvalues(ss, h, characteristic)) r = Math.max(r, Math.hypot(z.re, z.im));
  return r;
}

/** The worst rate over [mu, L]: exact for two-term equivalents; otherwise sampled and refined (see `formWorstRate`). */
export interface FormWorstRate {
  rate: number;
  /** The curvature where it is attained. */
  h: number;
  /** True for the closed-form two-term analysis; false for sampling (400 points) refined by golden section. */
  exact: boolean;
}

/**
 * The worst spectral radius over h in [mu, L]. For a two-term equivalent it is exact (the maximum sits at mu, L or a
 * regime boundary). Otherwise rho(R(h)) is sampled at 400 points (log-spaced when L/mu > 10) plus the ends, and the
 * three largest samples are refined by golden-section search on their neighbourhoods (about 1e-10 relative in h).
 *
 * @example
 * formWorstRate({ A: [[1]], B: [-1], C: [1], D: 0 }, 0.1, 1).rate; // returns 0.9 (gd alpha = 1: max |1 - h|)
 */
export function formWorstRate(ss: StateSpace, mu: number, L: number, characteristic = formCharacteristic(ss)): FormWorstRate {
  checkNumber('mu', mu, { min: 0, minExclusive: true });
  checkNumber('L', L, { min: mu });
  if (characteristic.twoTerm) {
    const w = worstRateOverInterval(characteristic.twoTerm, mu, L);
    return { rate: w.rate, h: w.h, exact: true };
  }
  const rho = (h: number): number => formRate(ss, h, characteristic);
  const N = 400, geometric = L / mu > 10;
  const hs = Array.from({ length: N + 1 }, (_, i) => (i === 0 ? mu : i === N ? L : geometric ? mu * (L / mu) ** (i / N) : mu + ((L - mu) * i) / N));
  const rs = hs.map(rho);
  let best = 0;
  for (let i = 1; i <= N; i++) if (rs[i] > rs[best]) best = i;
  let rate = rs[best], at = hs[best];
  const order = rs.map((_, i) => i).sort((a, b) => rs[b] - rs[a]).slice(0, 3);
  for (const i of order) {
    let a = hs[Math.max(0, i - 1)], b = hs[Math.min(N, i + 1)];
    const g = (Math.sqrt(5) - 1) / 2;
    let x1 = b - g * (b - a), x2 = a + g * (b - a), f1 = rho(x1), f2 = rho(x2);
    for (let it = 0; it < 60 && b - a > 1e-12 * b; it++) {
      if (f1 > f2) { b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = rho(x1); } else { a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = rho(x2); }
    }
    for (const [x, f] of [[x1, f1], [x2, f2]]) if (f > rate) { rate = f; at = x; }
  }
  return { rate, h: at, exact: false };
}

/** The worst spectral radius over a list of curvatures. */
export function formWorstRateOverSpectrum(ss: StateSpace, spectrum: ArrayLike<number>, characteristic = formCharacteristic(ss)): number {
  if (spectrum.length === 0) throw new ParameterError('spectrum', spectrum, 'a non-empty list of curvatures');
  let worst = 0;
  for (let j = 0; j < spectrum.length; j++) worst = Math.max(worst, formRate(ss, spectrum[j], characteristic));
  return worst;
}

/** Regime thresholds of a two-term equivalent (null for methods of higher order, which have no named regimes). */
export function formThresholds(ss: StateSpace, characteristic = formCharacteristic(ss)): Thresholds | null {
  return characteristic.twoTerm ? regimeThresholds(characteristic.twoTerm) : null;
}

/** The regime of one direction for a two-term equivalent, else null. */
export function formRegime(ss: StateSpace, h: number, characteristic = formCharacteristic(ss)): Regime | null {
  return characteristic.twoTerm ? directionRegime(characteristic.twoTerm, h) : null;
}
