import { ParameterError } from '../errors.js';
import type { LinearForm } from '../methods/linear-form.js';
import { linearFormOf } from '../methods/registry.js';
import type { Spec } from '../spec.js';
import { type NqmDirection, accumulatedNoise, checkNqmForm, cholesky, congruence, initialSecondMoment, matMul, matPow, nqmDirection } from './nqm-direction.js';
import { type NqmPreconditionOption, checkPrecondition, nqmPreconditionDirection } from './nqm-precondition.js';
import { type NqmSetup, checkBatch } from './nqm-setup.js';

/** A method for the NQM layer: a linear method's spec (`'hb:alpha=0.1,beta=0.9'`) or a linear form. */
export type NqmMethod = string | Spec | LinearForm;

/**
 * The linear form of an NQM method (specs resolved with mu = min h, L = max h of the setup; with `precondition` p, of the
 * curvatures h^(1-p) the preconditioned method sees).
 */
export function nqmForm(method: NqmMethod, setup?: NqmSetup, { precondition = 0 }: NqmPreconditionOption = {}): LinearForm {
  if (typeof method === 'object' && 'A' in method) return checkNqmForm(method);
  let mu = 1, L = 1;
  if (setup) {
    const p = checkPrecondition(precondition);
    mu = nqmPreconditionDirection(Math.min(...setup.h), 1, p).h; L = nqmPreconditionDirection(Math.max(...setup.h), 1, p).h;
  }
  return checkNqmForm(linearFormOf(method, { mu, L }).form);
}

/**
 * The NQM of one method at one batch size, compiled for fast loss evaluation at any step k: per direction R, the start
 * vectors, the unit steady state U, the Lyapunov weight W, and the increment bound of the transient (see `nqmStepsToTarget`).
 * Loss weights are count_i h_i / 2. With preconditioning P = H^-p the directions are those the method sees
 * (`nqmPreconditionDirection`: curvature h^(1-p), noise h^-2p c) and the weights stay count_i h_i / 2.
 */
export interface NqmModel {
  readonly n: number;
  /** The preconditioning power p the model was compiled with (absent: 0, none). */
  readonly precondition?: number;
  readonly size: number;
  readonly directions: readonly NqmDirection[];
  readonly weight: Float64Array;
  /** Whether every direction is stable (rho(R) < 1; W positive definite). */
  readonly stable: boolean;
  /** Per stable direction: M1 = R S0 R^T - S0 (T(t+1) - T(t) = weight z_t^T M1 z_t), row-major n x n per direction. */
  readonly M1: Float64Array;
  /** gamma1, gamma2 >= max |z^T M z| / z^T W z for M1 and M2 = R M1 R^T - M1 (the second difference). */
  readonly gamma: Float64Array;
  readonly gamma2: Float64Array;
  /** tr W >= lambda_max(W): ||z_t||_W^2 <= ||z_a||_W^2 (1 - 1/tr W)^(t - a). */
  readonly traceW: Float64Array;
  /** Flat copies for the hot loop (measure): per direction v, g (n each), U and W (n x n each; 0 when unstable), sigma2 and s. */
  readonly flat: { v: Float64Array; g: Float64Array; U: Float64Array; W: Float64Array; sigma2: Float64Array; s: Float64Array };
}

/**
 * Compile the NQM of `method` on `setup` at batch size `batch`, optionally preconditioned by P = H^-p
 * (`{ precondition: p }`, 0 <= p <= 1): any linear method, preconditioned, is the same method on transformed directions.
 */
export function nqmModel(method: NqmMethod, setup: NqmSetup, batch: number, { precondition = 0 }: NqmPreconditionOption = {}): NqmModel {
  checkBatch(batch);
  const p = checkPrecondition(precondition);
  const form = nqmForm(method, setup, { precondition: p });
  const n = form.A.length, size = setup.h.length;
  const directions: NqmDirection[] = [];
  const weight = new Float64Array(size), gamma = new Float64Array(size), gamma2 = new Float64Array(size), traceW = new Float64Array(size);
  const M1 = new Float64Array(size * n * n);
  let stable = true;
  for (let i = 0; i < size; i++) {
    const seen = nqmPreconditionDirection(setup.h[i], setup.c[i], p);
    const d = nqmDirection(form, seen.h, seen.c, setup.s[i], batch);
    directions.push(d);
    weight[i] = 0.5 * setup.count[i] * setup.h[i];
    if (!d.W) { stable = false; gamma[i] = Infinity; gamma2[i] = Infinity; traceW[i] = Infinity; continue; }
    const S0 = initialSecondMoment(d);
    const M = congruence(d.R, S0, n);
    for (let u = 0; u < n * n; u++) M[u] -= S0[u];
    M1.set(M, i * n * n);
    const M2 = congruence(d.R, M, n);
    for (let u = 0; u < n * n; u++) M2[u] -= M[u];
    const Lc = cholesky(d.W, n)!;
    gamma[i] = whitenedRadius(Lc, M, n);
    gamma2[i] = whitenedRadius(Lc, M2, n);
    let tr = 0;
    for (let p = 0; p < n; p++) tr += d.W[p * n + p];
    traceW[i] = tr;
  }
  const flat = { v: new Float64Array(size * n), g: new Float64Array(size * n), U: new Float64Array(size * n * n), W: new Float64Array(size * n * n), sigma2: new Float64Array(size), s: new Float64Array(size) };
  directions.forEach((d, i) => {
    flat.v.set(d.v, i * n); flat.g.set(d.g, i * n); flat.sigma2[i] = d.sigma2; flat.s[i] = d.s;
    if (d.W && d.unitSteady) { flat.U.set(d.unitSteady, i * n * n); flat.W.set(d.W, i * n * n); }
  });
  return { n, precondition: p, size, directions, weight, stable, M1, gamma, gamma2, traceW, flat };
}

/** The spectral radius of Z = L^-1 M L^-T (exact for n <= 2, its Frobenius norm above): max |z^T M z| / z^T L L^T z. */
function whitenedRadius(Lc: Float64Array, M: Float64Array, n: number): number {
  // Y = L^-1 M (forward substitution column by column), then Z = L^-1 Y^T (M symmetric: Z = L^-1 M L^-T).
  const solveLower = (X: Float64Array): Float64Array => {
    const Y = new Float64Array(n * n);
    for (let col = 0; col < n; col++) {
      for (let i = 0; i < n; i++) {
        let t = X[i * n + col];
        for (let k = 0; k < i; k++) t -= Lc[i * n + k] * Y[k * n + col];
        Y[i * n + col] = t / Lc[i * n + i];
      }
    }
    return Y;
  };
  const Y = solveLower(M);
  const Yt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Yt[i * n + j] = Y[j * n + i];
  const Z = solveLower(Yt);
  if (n === 1) return Math.abs(Z[0]);
  if (n === 2) {
    const m = (Z[0] + Z[3]) / 2, r = Math.hypot((Z[0] - Z[3]) / 2, (Z[1] + Z[2]) / 2);
    return Math.abs(m) + r;
  }
  let f = 0;
  for (let u = 0; u < n * n; u++) f += Z[u] * Z[u];
  return Math.sqrt(f);
}

/**
 * A position of the exact evaluation: step k with, per direction, z = e^T R^k (row 0 of R^k) and the parts of the
 * loss at k: transient T_i = weight z^T S0 z, accumulated noise N_i, deterministic part weight s (z.v)^2, and
 * omega_i = z^T W z. Unstable directions also carry R^k and N_k (doubling).
 */
export interface NqmCursor {
  k: number;
  readonly z: Float64Array;
  readonly transient: Float64Array;
  readonly accumulated: Float64Array;
  readonly deterministic: Float64Array;
  readonly omega: Float64Array;
  /** The exact first difference T_i(k + 1) - T_i(k) = weight z^T M1 z. */
  readonly slope: Float64Array;
  readonly power: (Float64Array | null)[];
  readonly noise: (Float64Array | null)[];
}

/** The cursor at step 0. */
export function nqmCursor(model: NqmModel): NqmCursor {
  const { n, size } = model;
  const z = new Float64Array(size * n);
  for (let i = 0; i < size; i++) z[i * n] = 1;
  const eye = new Float64Array(n * n);
  for (let p = 0; p < n; p++) eye[p * n + p] = 1;
  const cursor: NqmCursor = {
    k: 0, z, transient: new Float64Array(size), accumulated: new Float64Array(size), deterministic: new Float64Array(size), omega: new Float64Array(size), slope: new Float64Array(size),
    power: model.directions.map((d) => (d.W ? null : Float64Array.from(eye))), noise: model.directions.map((d) => (d.W ? null : new Float64Array(n * n))),
  };
  measure(model, cursor);
  return cursor;
}

/** Advance the cursor by `steps` (z <- z R^steps by repeated squaring; unstable directions compose (R^k, N_k)). */
export function advanceCursor(model: NqmModel, cursor: NqmCursor, steps: number): void {
  const { n, size, directions } = model;
  const zi = new Float64Array(n), tmp = new Float64Array(n);
  let P = new Float64Array(n * n), Q = new Float64Array(n * n);
  for (let i = 0; i < size; i++) {
    const d = directions[i];
    if (!d.W) {
      // (R^steps, N_steps) by doubling, then compose after the current (R^k, N_k): N_{k+m} = N_k + R^k N_m R^kT.
      const Rm = matPow(d.R, n, steps);
      const Nm = accumulatedNoise(d, steps, Rm);
      const Pk = cursor.power[i]!, Nk = cursor.noise[i]!;
      const add = congruence(Pk, Nm, n);
      for (let u = 0; u < n * n; u++) Nk[u] += add[u];
      cursor.power[i] = matMul(Rm, Pk, n);
      for (let p = 0; p < n; p++) cursor.z[i * n + p] = cursor.power[i]![p];
      continue;
    }
    if (n === 2) { advance2(d.R, cursor.z, i * 2, steps); continue; }
    for (let p = 0; p < n; p++) zi[p] = cursor.z[i * n + p];
    P.set(d.R);
    for (let e = steps; e > 0; e = Math.floor(e / 2)) {
      if (e % 2 === 1) {
        for (let q = 0; q < n; q++) { let t = 0; for (let p = 0; p < n; p++) t += zi[p] * P[p * n + q]; tmp[q] = t; }
        zi.set(tmp);
      }
      if (e > 1) { matMul(P, P, n, Q); const t = P; P = Q; Q = t; }
    }
    for (let p = 0; p < n; p++) cursor.z[i * n + p] = zi[p];
  }
  cursor.k += steps;
  measure(model, cursor);
}

/** z <- z R^steps for a 2 x 2 R (the same repeated squaring, unrolled). */
function advance2(R: Float64Array, z: Float64Array, o: number, steps: number): void {
  let a = R[0], b = R[1], c = R[2], d = R[3], z0 = z[o], z1 = z[o + 1];
  for (let e = steps; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) { const t0 = z0 * a + z1 * c; z1 = z0 * b + z1 * d; z0 = t0; }
    if (e > 1) {
      const a2 = a * a + b * c, b2 = a * b + b * d, c2 = c * a + d * c, d2 = c * b + d * d;
      a = a2; b = b2; c = c2; d = d2;
    }
  }
  z[o] = z0; z[o + 1] = z1;
}

function measure(model: NqmModel, cursor: NqmCursor): void {
  const { n, size, directions, weight, M1, flat } = model;
  const { v, g, U, W, sigma2, s } = flat;
  const z = cursor.z;
  for (let i = 0; i < size; i++) {
    const o = i * n, b = i * n * n;
    let zv = 0, zg = 0;
    for (let p = 0; p < n; p++) { zv += z[o + p] * v[o + p]; zg += z[o + p] * g[o + p]; }
    const w = weight[i];
    const det = w * s[i] * zv * zv;
    cursor.deterministic[i] = det;
    cursor.transient[i] = det + w * sigma2[i] * zg * zg;
    if (cursor.power[i] === null) {
      let zUz = 0, zWz = 0, zMz = 0;
      if (n === 2) {
        const z0 = z[o], z1 = z[o + 1];
        zUz = U[b] * z0 * z0 + (U[b + 1] + U[b + 2]) * z0 * z1 + U[b + 3] * z1 * z1;
        zWz = W[b] * z0 * z0 + (W[b + 1] + W[b + 2]) * z0 * z1 + W[b + 3] * z1 * z1;
        zMz = M1[b] * z0 * z0 + (M1[b + 1] + M1[b + 2]) * z0 * z1 + M1[b + 3] * z1 * z1;
      } else {
        for (let p = 0; p < n; p++) {
          let u = 0, ww = 0, m = 0;
          for (let q = 0; q < n; q++) { const zq = z[o + q]; u += U[b + p * n + q] * zq; ww += W[b + p * n + q] * zq; m += M1[b + p * n + q] * zq; }
          zUz += z[o + p] * u; zWz += z[o + p] * ww; zMz += z[o + p] * m;
        }
      }
      cursor.accumulated[i] = w * sigma2[i] * Math.max(0, U[b] - zUz);
      cursor.omega[i] = zWz;
      cursor.slope[i] = w * zMz;
    } else {
      cursor.accumulated[i] = w * cursor.noise[i]![0];
      cursor.omega[i] = Infinity;
    }
  }
  void directions;
}

/** The expected loss at the cursor, split: total = deterministic (noise-free) + noise (start noise + accumulated). */
export function cursorLoss(cursor: NqmCursor): { loss: number; deterministic: number; noise: number } {
  let det = 0, tr = 0, acc = 0;
  for (let i = 0; i < cursor.transient.length; i++) { det += cursor.deterministic[i]; tr += cursor.transient[i]; acc += cursor.accumulated[i]; }
  return { loss: tr + acc, deterministic: det, noise: tr - det + acc };
}

/**
 * A lower bound of the expected loss at every step j in [k, k + delta], from the cursor at k. The accumulated noise
 * N_i never decreases and the transient T_i = weight z^T S0 z is >= 0; with omega(t) = ||z_t||_W^2, which decreases at
 * least geometrically by q = 1 - 1/tr W (R W R^T = W - I), the first difference obeys |T(t+1) - T(t)| <= weight
 * gamma1 omega(t) and the second |D2| <= weight gamma2 omega(t). Hence on the block, per direction,
 *   T(j) >= T(k) - weight gamma1 omega(k) min(delta, tr W)                                (first order),
 *   T(j) >= min(T(k), T(k) + delta D1(k) - weight gamma2 omega(k) min(delta (delta - 1)/2, delta tr W))  (second order:
 *           concave in delta, so its minimum on [0, delta] is at an end),
 * and the bound is sum_i N_i(k) + max(0, first, second); it never increases with delta. Unstable directions
 * contribute N_i(k) only.
 */
export function blockLowerBound(model: NqmModel, cursor: NqmCursor, delta: number): number {
  let lb = 0;
  for (let i = 0; i < model.size; i++) {
    lb += cursor.accumulated[i];
    const T = cursor.transient[i];
    if (delta === 0) { lb += T; continue; }
    const w = model.weight[i] * cursor.omega[i];
    if (!Number.isFinite(w)) continue;
    const cap = model.traceW[i];
    const first = T - w * model.gamma[i] * Math.min(delta, cap);
    const second = Math.min(T, T + delta * cursor.slope[i] - w * model.gamma2[i] * Math.min((delta * (delta - 1)) / 2, delta * cap));
    const best = Math.max(first, second);
    if (best > 0) lb += best;
  }
  return lb;
}

/** Check that the model's directions all have rho < 1 or throw naming the method (used where a steady state is required). */
export function requireStable(model: NqmModel, parameter = 'method'): void {
  if (!model.stable) throw new ParameterError(parameter, 'unstable', 'a stable method (rho(R(h)) < 1 in every direction)');
}
