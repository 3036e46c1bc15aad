import { ParameterError, checkNumber } from '../errors.js';
import { type LinearForm, checkStateSpace } from '../methods/linear-form.js';

// Exact second moments of a linear method's state under gradient noise, one eigendirection at a time.
// With u = h y + eps (eps ~ N(0, sigma2), sigma2 = c/B) the state obeys xi+ = R xi + b eps, R = A + h b C, b = B, so
//   mean:           m_{k+1} = R m_k
//   second moment:  S_{k+1} = R S_k R^T + sigma2 b b^T
// from xi_0 = v w0 + g eps_0, v = start.w + h start.g, g = start.g (eps_0 the noise of the start's gradient, independent
// of the step noise): S_0 = s v v^T + sigma2 g g^T. Closed form: S_k = S_inf + R^k (S_0 - S_inf) R^kT when rho(R) < 1,
// S_inf solving the discrete Lyapunov equation S = R S R^T + sigma2 b b^T (solved by vectorisation).

/** Largest state dimension of a form the NQM layer accepts. */
export const NQM_MAX_STATES = 8;

/** n x n matrices are row-major Float64Arrays of length n^2. */
export function matMul(a: Float64Array, b: Float64Array, n: number, out = new Float64Array(n * n)): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let l = 0; l < n; l++) t += a[i * n + l] * b[l * n + j];
      out[i * n + j] = t;
    }
  }
  return out;
}

/** out <- X M X^T for symmetric M (n x n). */
export function congruence(x: Float64Array, m: Float64Array, n: number, out = new Float64Array(n * n)): Float64Array {
  const t = matMul(x, m, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let l = 0; l < n; l++) v += t[i * n + l] * x[j * n + l];
      out[i * n + j] = v;
    }
  }
  return out;
}

/** R^k by repeated squaring (n^3 log k). */
export function matPow(r: Float64Array, n: number, k: number): Float64Array {
  checkNumber('n', n, { min: 1, max: NQM_MAX_STATES, integer: true });
  checkNumber('k', k, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
  if (r.length !== n * n) throw new ParameterError('r', `${r.length} entries`, `${n * n} entries (n x n)`);
  let result: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) result[i * n + i] = 1;
  let p: Float64Array = Float64Array.from(r);
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = matMul(result, p, n);
    if (e > 1) p = matMul(p, p, n);
  }
  return result;
}

/**
 * Solve X = R X R^T + Q for symmetric X (n x n), by vectorising the n(n+1)/2 unknowns and Gaussian elimination with
 * partial pivoting. Returns null when I - R (x) R is singular to working precision (an eigenvalue product lambda_p
 * lambda_q = 1: a marginally stable direction). Several right-hand sides share one factorisation.
 *
 * @example
 * lyapunov(Float64Array.of(0.5), 1, [Float64Array.of(1)])![0]; // returns [1.3333333333333333]  (x = 0.25 x + 1)
 */
export function lyapunov(r: Float64Array, n: number, qs: Float64Array[]): Float64Array[] | null {
  checkNumber('n', n, { min: 1, max: NQM_MAX_STATES, integer: true });
  if (r.length !== n * n) throw new ParameterError('r', `${r.length} entries`, `${n * n} entries (n x n)`);
  const m = (n * (n + 1)) / 2;
  const { idx, pairs } = symmetricIndex(n);
  const w = m + qs.length;
  const a = new Float64Array(m * w);
  for (let u = 0; u < m; u++) {
    const [p, q] = pairs[u];
    a[u * w + u] += 1;
    for (let rr = 0; rr < n; rr++) for (let t = 0; t < n; t++) a[u * w + idx[rr][t]] -= r[p * n + rr] * r[q * n + t];
    qs.forEach((Q, j) => { a[u * w + m + j] = Q[p * n + q]; });
  }
  let scale = 0;
  for (let u = 0; u < m * w; u++) scale = Math.max(scale, Math.abs(a[u]));
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let u = col + 1; u < m; u++) if (Math.abs(a[u * w + col]) > Math.abs(a[piv * w + col])) piv = u;
    if (!(Math.abs(a[piv * w + col]) > 1e-13 * scale)) return null;
    if (piv !== col) for (let j = 0; j < w; j++) { const t = a[col * w + j]; a[col * w + j] = a[piv * w + j]; a[piv * w + j] = t; }
    for (let u = col + 1; u < m; u++) {
      const f = a[u * w + col] / a[col * w + col];
      if (f !== 0) for (let j = col; j < w; j++) a[u * w + j] -= f * a[col * w + j];
    }
  }
  return qs.map((_, j) => {
    const x = new Float64Array(m);
    for (let u = m - 1; u >= 0; u--) {
      let t = a[u * w + m + j];
      for (let v = u + 1; v < m; v++) t -= a[u * w + v] * x[v];
      x[u] = t / a[u * w + u];
    }
    const X = new Float64Array(n * n);
    for (let u = 0; u < m; u++) { const [p, q] = pairs[u]; X[p * n + q] = x[u]; X[q * n + p] = x[u]; }
    return X;
  });
}

const INDEX: { idx: number[][]; pairs: [number, number][] }[] = [];
function symmetricIndex(n: number): { idx: number[][]; pairs: [number, number][] } {
  if (!INDEX[n]) {
    const idx: number[][] = Array.from({ length: n }, () => []);
    const pairs: [number, number][] = [];
    for (let p = 0, u = 0; p < n; p++) for (let q = p; q < n; q++, u++) { idx[p][q] = u; idx[q][p] = u; pairs.push([p, q]); }
    INDEX[n] = { idx, pairs };
  }
  return INDEX[n];
}

/** Cholesky factor (lower, row-major) of a symmetric matrix, or null when it is not positive definite. */
export function cholesky(x: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let t = x[i * n + j];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(t > 0) || !Number.isFinite(t)) return null;
        l[i * n + i] = Math.sqrt(t);
      } else l[i * n + j] = t / l[j * n + j];
    }
  }
  return l;
}

/** One direction of the NQM for one method: everything the exact moments need. */
export interface NqmDirection {
  readonly n: number;
  readonly h: number;
  /** sigma^2 = c / B, the variance of one stochastic gradient's noise. */
  readonly sigma2: number;
  readonly s: number;
  /** R(h) = A + h B C, row-major n x n. */
  readonly R: Float64Array;
  /** The noise input b = B. */
  readonly b: Float64Array;
  /** xi_0 = v w0 + g eps_0. */
  readonly v: Float64Array;
  readonly g: Float64Array;
  /** The unit-noise steady state U = R U R^T + b b^T (S_inf = sigma2 U), null when rho(R) >= 1. */
  readonly unitSteady: Float64Array | null;
  /** W = R W R^T + I (positive definite exactly when rho(R) < 1), null otherwise: ||R^T z||_W <= ||z||_W. */
  readonly W: Float64Array | null;
}

/** Check a form for the NQM layer: D = 0, at most NQM_MAX_STATES states. */
export function checkNqmForm(form: LinearForm): LinearForm {
  checkStateSpace(form, 'linear');
  if (form.D !== 0) throw new ParameterError('linear.D', form.D, '0 (explicit methods)');
  if (form.A.length > NQM_MAX_STATES) throw new ParameterError('linear.A', form.A.length, `a form with at most ${NQM_MAX_STATES} states`);
  return form;
}

/**
 * The NQM data of one direction (curvature h, noise variance c/B, E w0^2 = s) for a linear form.
 *
 * @example
 * nqmDirection({ A: [[1]], B: [-0.5], C: [1], D: 0, state: ['w'], start: { w: [1] } }, 1, 1, 1, 1).unitSteady;
 * // returns [0.3333333333333333]  (gd alpha = 0.5, h = 1: U = 0.25 U + 0.25)
 */
export function nqmDirection(form: LinearForm, h: number, c: number, s: number, batch: number): NqmDirection {
  const n = form.A.length;
  const R = new Float64Array(n * n);
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) R[p * n + q] = form.A[p][q] + h * form.B[p] * form.C[q];
  const b = Float64Array.from(form.B);
  const g = new Float64Array(n), v = new Float64Array(n);
  for (let j = 0; j < n; j++) { g[j] = form.start.g?.[j] ?? 0; v[j] = form.start.w[j] + h * g[j]; }
  const bb = new Float64Array(n * n), eye = new Float64Array(n * n);
  for (let p = 0; p < n; p++) { eye[p * n + p] = 1; for (let q = 0; q < n; q++) bb[p * n + q] = b[p] * b[q]; }
  const sol = lyapunov(R, n, [bb, eye]);
  const W = sol && cholesky(sol[1], n) ? sol[1] : null;
  return { n, h, sigma2: c / batch, s, R, b, v, g, unitSteady: W ? sol![0] : null, W };
}

/** S_0 = s v v^T + sigma2 g g^T (and its noise-free part s v v^T). */
export function initialSecondMoment(d: NqmDirection, noise = true): Float64Array {
  const { n, v, g, s, sigma2 } = d;
  const S = new Float64Array(n * n);
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) S[p * n + q] = s * v[p] * v[q] + (noise ? sigma2 * g[p] * g[q] : 0);
  return S;
}

/**
 * The second moment S_k = E xi_k xi_k^T after k steps, split into the noise-free part R^k (s v v^T) R^kT and the rest
 * (the start's gradient noise and the accumulated step noise). Closed form through S_inf when rho(R) < 1; otherwise the
 * doubling (R^2m, N_2m) = (R^m R^m, N_m + R^m N_m R^mT) of the accumulated noise N_k = sum_{t<k} R^t Q R^tT.
 *
 * @example
 * // gd alpha = 0.5 at h = 1, c/B = 1, s = 1, k = 1: E w1^2 = 0.25 + 0.25
 * const gd = { A: [[1]], B: [-0.5], C: [1], D: 0, state: ['w'], start: { w: [1] } };
 * nqmSecondMoment(nqmDirection(gd, 1, 1, 1, 1), 1).total; // returns [0.5]
 */
export function nqmSecondMoment(d: NqmDirection, k: number): { total: Float64Array; deterministic: Float64Array; noise: Float64Array } {
  checkNumber('k', k, { min: 0, integer: true });
  const { n, R, sigma2 } = d;
  const Rk = matPow(R, n, k);
  const det = congruence(Rk, initialSecondMoment(d, false), n);
  const startNoise = new Float64Array(n * n);
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) startNoise[p * n + q] = sigma2 * d.g[p] * d.g[q];
  const noise = congruence(Rk, startNoise, n);
  const acc = accumulatedNoise(d, k, Rk);
  for (let u = 0; u < n * n; u++) noise[u] += acc[u];
  const total = det.map((x, u) => x + noise[u]);
  return { total, deterministic: det, noise };
}

/** N_k = sum_{t<k} R^t (sigma2 b b^T) R^tT (R^k given when known). */
export function accumulatedNoise(d: NqmDirection, k: number, Rk = matPow(d.R, d.n, k)): Float64Array {
  const { n, R, b, sigma2 } = d;
  if (d.unitSteady) {
    const tail = congruence(Rk, d.unitSteady, n);
    return d.unitSteady.map((x, u) => sigma2 * (x - tail[u]));
  }
  // Doubling over the binary expansion of k: (P, N) for m steps composes as (P2 P1, N1 + P1 N2 P1^T) (first m1 then m2).
  let P: Float64Array = new Float64Array(n * n), N: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) P[i * n + i] = 1;
  let p2: Float64Array = Float64Array.from(R), n2: Float64Array = new Float64Array(n * n);
  for (let pp = 0; pp < n; pp++) for (let q = 0; q < n; q++) n2[pp * n + q] = sigma2 * b[pp] * b[q];
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) {
      const t = congruence(P, n2, n);
      N = N.map((x, u) => x + t[u]);
      P = matMul(p2, P, n);
    }
    if (e > 1) {
      const t = congruence(p2, n2, n);
      n2 = n2.map((x, u) => x + t[u]);
      p2 = matMul(p2, p2, n);
    }
  }
  return N;
}

/** The mean of the state after k steps, m_k = R^k v E[w0] (0 for the NQM's centred start). */
export function nqmMean(d: NqmDirection, k: number, mean0 = 0): Float64Array {
  const Rk = matPow(d.R, d.n, checkNumber('k', k, { min: 0, integer: true }));
  const m = new Float64Array(d.n);
  for (let p = 0; p < d.n; p++) for (let q = 0; q < d.n; q++) m[p] += Rk[p * d.n + q] * d.v[q] * mean0;
  return m;
}

/**
 * The plain recursion S_{k+1} = R S_k R^T + sigma2 b b^T for k = 0..K (the reference the closed form is tested against):
 * returns E w_k^2 = S_k[0][0] for every k.
 */
export function nqmSecondMomentRecursion(d: NqmDirection, K: number): Float64Array {
  checkNumber('K', K, { min: 0, max: 1e7, integer: true });
  const { n, R, b, sigma2 } = d;
  let S = initialSecondMoment(d);
  const out = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) {
    out[k] = S[0];
    const next = congruence(R, S, n);
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) next[p * n + q] += sigma2 * b[p] * b[q];
    S = next;
  }
  return out;
}
