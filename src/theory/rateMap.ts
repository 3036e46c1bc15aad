import { checkNumber, ParameterError } from '../errors.js';
import { directionRate } from './directionMatrix.js';
import { linearMethod, type LinearMethod } from './linearMethod.js';
import { worstRateOverInterval } from './worstRate.js';

/** Where the rate is evaluated: at one curvature h, or the worst over [mu, L]. */
export type RateMapTarget = { h: number } | { mu: number; L: number };

/** Spectral radius on an (alpha, beta) grid; rho[i * alphas.length + j] is at (betas[i], alphas[j]). */
export interface RateMap {
  method: 'gd' | 'hb' | 'nag';
  alphas: Float64Array;
  betas: Float64Array;
  rho: Float64Array;
}

function methodAt(method: 'gd' | 'hb' | 'nag', alpha: number, beta: number): LinearMethod {
  return method === 'gd' ? linearMethod('gd', { alpha }) : linearMethod(method, { alpha, beta });
}

/**
 * The spectral radius (one h) or the worst spectral radius over [mu, L] for every (alpha, beta) on a grid.
 *
 * @example
 * rateMap('hb', [1], [0, 0.81], { h: 0.5 }).rho; // returns [0.5, 0.9]
 */
export function rateMap(method: 'gd' | 'hb' | 'nag', alphas: ArrayLike<number>, betas: ArrayLike<number>, target: RateMapTarget): RateMap {
  if (!['gd', 'hb', 'nag'].includes(method)) throw new ParameterError('method', method, 'one of gd | hb | nag');
  const A = Float64Array.from(alphas), B = Float64Array.from(betas);
  const rho = new Float64Array(A.length * B.length);
  for (let i = 0; i < B.length; i++) {
    for (let j = 0; j < A.length; j++) {
      const m = methodAt(method, A[j], B[i]);
      rho[i * A.length + j] = 'h' in target ? directionRate(m, checkNumber('h', target.h, { min: 0, minExclusive: true })) : worstRateOverInterval(m, target.mu, target.L).rate;
    }
  }
  return { method, alphas: A, betas: B, rho };
}

/** A curve in the (alpha, beta) plane: alpha as a function of beta, sampled at `betas`. */
export interface RateMapCurve {
  /** criticalDamping is also the lower real/complex boundary (of mu); upperRealComplex is the upper one (of L). */
  name: 'stability' | 'criticalDamping' | 'upperRealComplex';
  betas: Float64Array;
  alphas: Float64Array;
}

/**
 * The curves that organise a rate map, as data: for one h (mu = L = h) or an interval [mu, L]:
 * stability alpha = 2 (1 + beta)/L (HB; NAG 2 (1 + beta)/((1 + 2 beta) L); GD 2/L), critical damping of mu
 * (HB alpha = (1 - sqrt(beta))^2/mu, NAG ((1 - beta)/(1 + beta))^2/mu), the upper real/complex boundary at L
 * (HB (1 + sqrt(beta))^2/L, NAG 1/L), and the optimal point (minimum of the worst rate: Polyak for HB, 4/(3L + mu)
 * for NAG, 2/(L + mu) for GD).
 *
 * @example
 * rateMapCurves('hb', [0.25], { h: 1 }).curves[0].alphas; // returns [2.5]  (stability: 2 (1 + 0.25) / 1)
 */
export function rateMapCurves(method: 'gd' | 'hb' | 'nag', betas: ArrayLike<number>, target: RateMapTarget): {
  curves: RateMapCurve[]; optimal: { alpha: number; beta: number; rate: number };
} {
  const mu = 'h' in target ? target.h : target.mu;
  const L = 'h' in target ? target.h : target.L;
  const B = Float64Array.from(betas);
  const curve = (name: RateMapCurve['name'], f: (b: number) => number): RateMapCurve => ({ name, betas: B, alphas: B.map(f) });
  let curves: RateMapCurve[];
  let optimal: { alpha: number; beta: number };
  if (method === 'hb') {
    curves = [
      curve('stability', (b) => (2 * (1 + b)) / L),
      curve('criticalDamping', (b) => (1 - Math.sqrt(b)) ** 2 / mu),
      curve('upperRealComplex', (b) => (1 + Math.sqrt(b)) ** 2 / L),
    ];
    const r = (Math.sqrt(L) - Math.sqrt(mu)) / (Math.sqrt(L) + Math.sqrt(mu));
    optimal = { alpha: 4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2, beta: r * r };
  } else if (method === 'nag') {
    curves = [
      curve('stability', (b) => (2 * (1 + b)) / ((1 + 2 * b) * L)),
      curve('criticalDamping', (b) => ((1 - b) / (1 + b)) ** 2 / mu),
      curve('upperRealComplex', () => 1 / L),
    ];
    const q = Math.sqrt((3 * L) / mu + 1);
    optimal = { alpha: 4 / (3 * L + mu), beta: (q - 2) / (q + 2) };
  } else {
    curves = [curve('stability', () => 2 / L)];
    optimal = { alpha: 2 / (L + mu), beta: 0 };
  }
  const m = methodAt(method, optimal.alpha, optimal.beta);
  return { curves, optimal: { ...optimal, rate: worstRateOverInterval(m, mu, L).rate } };
}
