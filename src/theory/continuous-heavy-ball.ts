import { checkNumber } from '../errors.js';

/**
 * Exact solution of the continuous heavy ball v' = -mu v - h w, w' = v along one eigendirection (a damped
 * oscillator), for all three damping cases in one formula: with p = mu/2 and s^2 = p^2 - h,
 * w(t) = e^(-p t) (w0 C(t) + (v0 + p w0) S(t)), v(t) = e^(-p t) (v0 C(t) - (h w0 + p v0) S(t)),
 * where C = cosh(s t), S = sinh(s t)/s (overdamped, mu^2 > 4h); C = cos(omega t), S = sin(omega t)/omega with
 * omega = sqrt(h - p^2) (underdamped); C = 1, S = t (critical). Overdamped exponentials are combined as
 * e^(-(p - s) t) with p - s = h/(p + s) to avoid cancellation.
 *
 * @example
 * continuousHeavyBallDirection(1, 0, 1, 0, Math.PI); // returns { w: -1, v: 0 }  (harmonic oscillator, to rounding)
 */
export function continuousHeavyBallDirection(h: number, mu: number, w0: number, v0: number, t: number): { w: number; v: number } {
  const p = mu / 2;
  const s2 = p * p - h;
  let eC: number, eS: number; // e^(-p t) C(t) and e^(-p t) S(t)
  if (s2 > 0) {
    const s = Math.sqrt(s2);
    const slow = Math.exp((-h / (p + s)) * t); // e^(-(p - s) t)
    const fast = Math.exp(-(p + s) * t);
    eC = (slow + fast) / 2;
    eS = (slow - fast) / (2 * s);
  } else if (s2 < 0) {
    const omega = Math.sqrt(-s2);
    const e = Math.exp(-p * t);
    eC = e * Math.cos(omega * t);
    eS = (e * Math.sin(omega * t)) / omega;
  } else {
    const e = Math.exp(-p * t);
    eC = e;
    eS = e * t;
  }
  return { w: w0 * eC + (v0 + p * w0) * eS, v: v0 * eC - (h * w0 + p * v0) * eS };
}

/**
 * Exact continuous heavy ball on a quadratic in its eigenbasis: every direction j evolves by
 * `continuousHeavyBallDirection(h_j, mu, w0_j, v0_j, t)`; writes (w(t), v(t)) into the out arrays.
 *
 * @example
 * continuousHeavyBall([1], 0, [1], [0], Math.PI / 2, new Float64Array(1), new Float64Array(1)); // w ~ [0], v ~ [-1]
 */
export function continuousHeavyBall(
  h: ArrayLike<number>, mu: number, w0: ArrayLike<number>, v0: ArrayLike<number>, t: number,
  wOut: Float64Array, vOut: Float64Array,
): { w: Float64Array; v: Float64Array } {
  checkNumber('mu', mu, { min: 0 });
  checkNumber('t', t, { min: 0 });
  for (let j = 0; j < h.length; j++) {
    const s = continuousHeavyBallDirection(h[j], mu, w0[j], v0[j], t);
    wOut[j] = s.w;
    vOut[j] = s.v;
  }
  return { w: wOut, v: vOut };
}

/**
 * Energy E = J(w) + 1/2 ||v||^2 = sum_j (1/2 h_j w_j^2 + 1/2 v_j^2) in the eigenbasis (lecture, "the underdamped case").
 *
 * @example
 * oscillatorEnergy([4], [1], [0]); // returns 2  (1/2 h A^2)
 */
export function oscillatorEnergy(h: ArrayLike<number>, w: ArrayLike<number>, v: ArrayLike<number>): number {
  let E = 0;
  for (let j = 0; j < h.length; j++) E += 0.5 * (h[j] * w[j] * w[j] + v[j] * v[j]);
  return E;
}

/**
 * Energy dissipation of the continuous heavy ball: dE/dt = v^T grad J - grad J^T v - mu v^T v = -mu ||v||^2.
 *
 * @example
 * energyDissipation(0.1, [3, 4]); // returns -2.5
 */
export function energyDissipation(mu: number, v: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  return -mu * s;
}

/**
 * Heavy ball as a discretisation of the continuous dynamics with step s: alpha = s^2, beta = 1 - mu s
 * (w_k ~ w(k s), heavy ball's v_k ~ s v(k s)).
 *
 * @example
 * hbFromContinuous(0.1, 0.01); // returns { alpha: 0.0001, beta: 0.999 }
 */
export function hbFromContinuous(mu: number, s: number): { alpha: number; beta: number } {
  checkNumber('mu', mu, { min: 0 });
  checkNumber('s', s, { min: 0, minExclusive: true, max: mu > 0 ? 1 / mu : Infinity });
  return { alpha: s * s, beta: 1 - mu * s };
}

/**
 * The inverse map: heavy ball (alpha, beta) is the continuous heavy ball with s = sqrt(alpha), mu = (1 - beta)/sqrt(alpha).
 *
 * @example
 * continuousFromHb(0.0001, 0.999); // returns { mu: 0.1, s: 0.01 }  (to rounding)
 */
export function continuousFromHb(alpha: number, beta: number): { mu: number; s: number } {
  checkNumber('alpha', alpha, { min: 0, minExclusive: true });
  checkNumber('beta', beta, { min: 0, max: 1 });
  const s = Math.sqrt(alpha);
  return { mu: (1 - beta) / s, s };
}
