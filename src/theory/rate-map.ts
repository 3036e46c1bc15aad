import { checkNumber, ParameterError } from '../errors.js';
import { tuningRule } from '../methods/registry.js';
import { directionRate } from './direction-matrix.js';
import { linearMethod, type LinearMethod } from './linear-method.js';
import { worstRateOverInterval } from './worst-rate.js';
import { branchX, directionRateScalar, worstRateRow } from './worst-rate-scalar.js';

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

/** True when v is a finite number in [lo, hi] (lo excluded when `open`); the cheap form of checkNumber for the grid. */
function inRange(v: number, lo: number, hi: number, open: boolean): boolean {
  return Number.isFinite(v) && (open ? v > lo : v >= lo) && v <= hi;
}

/** Walk the grid the object way (linearMethod, checkNumber) so an invalid input throws the error the first bad cell raises. */
function throwFirstError(method: 'gd' | 'hb' | 'nag', A: Float64Array, B: Float64Array, target: RateMapTarget): void {
  for (let i = 0; i < B.length; i++) {
    for (let j = 0; j < A.length; j++) {
      const m = methodAt(method, A[j], B[i]);
      if ('h' in target) directionRate(m, checkNumber('h', target.h, { min: 0, minExclusive: true }));
      else worstRateOverInterval(m, target.mu, target.L);
    }
  }
}

/**
 * The spectral radius (one h) or the worst spectral radius over [mu, L] for every (alpha, beta) on a grid.
 * The cells are computed from plain numbers (directionRateScalar; branchX per beta + worstRateRow, the row form of
 * worstRateScalar: no objects per cell), bitwise equal to directionRate / worstRateOverInterval on
 * linearMethod(method, { alpha, beta }). Invalid input raises the error the object path raised at its first bad cell.
 *
 * @example
 * rateMap('hb', [1], [0, 0.81], { h: 0.5 }).rho; // returns [0.5, 0.9]
 */
export function rateMap(method: 'gd' | 'hb' | 'nag', alphas: ArrayLike<number>, betas: ArrayLike<number>, target: RateMapTarget): RateMap {
  if (!['gd', 'hb', 'nag'].includes(method)) throw new ParameterError('method', method, 'one of gd | hb | nag');
  const A = Float64Array.from(alphas), B = Float64Array.from(betas);
  const nA = A.length, nB = B.length;
  const rho = new Float64Array(nA * nB);
  if (rho.length === 0) return { method, alphas: A, betas: B, rho };
  const single = 'h' in target;
  const mu = single ? target.h : target.mu, L = single ? target.h : target.L;
  let valid = single ? inRange(mu, 0, Infinity, true) : inRange(mu, 0, Infinity, true) && inRange(L, mu, Infinity, false);
  for (let j = 0; j < nA; j++) valid &&= inRange(A[j], 0, Infinity, true);
  if (method !== 'gd') for (let i = 0; i < nB; i++) valid &&= inRange(B[i], 0, 1, false);
  if (!valid) throwFirstError(method, A, B, target);
  for (let i = 0; i < nB; i++) {
    // The two-term coefficients of the row's beta (the mapping of linearMethod, once per row).
    const { beta1, beta2 } = methodAt(method, 1, B[i]);
    const row = i * nA;
    if (single) {
      for (let j = 0; j < nA; j++) rho[row + j] = directionRateScalar(A[j], beta1, beta2, mu);
    } else {
      // The branch points depend on beta only (in x = alpha h): once per row, as worstRateScalar would per cell.
      const xT = branchX(method, beta1, beta2, false), xU = branchX(method, beta1, beta2, true);
      worstRateRow(A, beta1, beta2, xT, xU, mu, L, rho, row);
    }
  }
  return { method, alphas: A, betas: B, rho };
}

/** The rate-optimal (alpha, beta) of a method's tuning rule (src/methods), beta = 0 for gd. */
function optimalOf(method: 'gd' | 'hb' | 'nag', rule: string, mu: number, L: number): { alpha: number; beta: number } {
  const p = tuningRule(method, rule).params(mu, L);
  return { alpha: p.alpha, beta: p.beta ?? 0 };
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
    optimal = optimalOf('hb', 'polyak', mu, L);
  } else if (method === 'nag') {
    curves = [
      curve('stability', (b) => (2 * (1 + b)) / ((1 + 2 * b) * L)),
      curve('criticalDamping', (b) => ((1 - b) / (1 + b)) ** 2 / mu),
      curve('upperRealComplex', () => 1 / L),
    ];
    optimal = optimalOf('nag', 'optimal', mu, L);
  } else {
    curves = [curve('stability', () => 2 / L)];
    optimal = optimalOf('gd', 'optimal', mu, L);
  }
  const m = methodAt(method, optimal.alpha, optimal.beta);
  return { curves, optimal: { ...optimal, rate: worstRateOverInterval(m, mu, L).rate } };
}
