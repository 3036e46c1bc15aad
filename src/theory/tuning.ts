import { checkNumber, ParameterError } from '../errors.js';
import { iterationsTo } from './iterations-to.js';

export type TuneMethodName = 'gd' | 'hb' | 'nag' | 'chebyshev' | 'cg';
export type TuneRule = 'lecture' | 'polyak' | 'standard' | 'optimal';

/** Rules each method accepts (the first is the default). */
export const TUNE_RULES: Readonly<Record<TuneMethodName, readonly TuneRule[]>> = {
  hb: ['polyak', 'lecture'],
  nag: ['optimal', 'standard'],
  gd: ['optimal', 'standard'],
  chebyshev: ['optimal'],
  cg: ['optimal'],
};

/** A tuned method: its parameters (null where the method adapts them itself) and its predicted rate. */
export interface Tuning {
  method: TuneMethodName;
  rule: TuneRule;
  alpha: number | null;
  beta: number | null;
  /** Asymptotic worst-case rate per iteration over [mu, L] (error norm ratio). */
  rate: number;
  /** Predicted iterations to shrink the error norm by each tolerance. */
  iterationsTo(tolerance: number): number;
}

/**
 * Parameters and predicted rate for a method on quadratics with curvatures in [mu, L], kappa = L / mu.
 * - gd standard: alpha = 1/L, rate 1 - 1/kappa; gd optimal: alpha = 2/(L + mu), rate (kappa - 1)/(kappa + 1).
 * - hb lecture: alpha = 1/L, beta = (1 - 1/sqrt(kappa))^2 (mu critically damped), rate sqrt(beta) = 1 - 1/sqrt(kappa).
 * - hb polyak: alpha = 4/(sqrt(L) + sqrt(mu))^2, beta = ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2, rate sqrt(beta) (Polyak 1964).
 * - nag standard: alpha = 1/L, beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1), rate 1 - 1/sqrt(kappa) (mu critically damped).
 * - nag optimal for quadratics: alpha = 4/(3L + mu), beta = (sqrt(3 kappa + 1) - 2)/(sqrt(3 kappa + 1) + 2),
 *   rate 1 - 2/sqrt(3 kappa + 1) (Lessard, Recht, Packard 2016, Prop. 12; mu critical, equal rate at L).
 * - chebyshev: the Chebyshev semi-iteration, whose parameters tend to Polyak's; error <= 2 r^k/(1 + r^(2k)),
 *   r = (sqrt(kappa) - 1)/(sqrt(kappa) + 1). cg: the bound 2 r^k (Hestenes–Stiefel; Nesterov's lectures).
 * Rates are the closed forms above; tests check each against `worstRateOverInterval` of the tuned parameters (which
 * agrees to ~1e-8: at a double root the spectral radius is a square root of rounding errors).
 *
 * @example
 * tuneMethod('hb', 0.01, 1, 'polyak').rate; // returns 0.8181818...  (= 9/11)
 */
export function tuneMethod(method: TuneMethodName, mu: number, L: number, rule?: TuneRule): Tuning {
  if (!(method in TUNE_RULES)) throw new ParameterError('method', method, `one of ${Object.keys(TUNE_RULES).join(' | ')}`);
  checkNumber('mu', mu, { min: 0, minExclusive: true });
  checkNumber('L', L, { min: mu });
  const allowed = TUNE_RULES[method];
  const r0 = rule ?? allowed[0];
  if (!allowed.includes(r0)) throw new ParameterError('rule', r0, `for ${method}: ${allowed.join(' | ')}`);
  const kappa = L / mu;
  const sk = Math.sqrt(kappa);
  const r = (sk - 1) / (sk + 1);
  const linear = (alpha: number, beta: number, rate: number): Tuning => ({ method, rule: r0, alpha, beta, rate, iterationsTo: (tol) => iterationsTo(rate, tol) });
  switch (method) {
    case 'gd':
      return r0 === 'standard' ? linear(1 / L, 0, 1 - 1 / kappa) : linear(2 / (L + mu), 0, (kappa - 1) / (kappa + 1));
    case 'hb':
      return r0 === 'lecture'
        ? linear(1 / L, (1 - 1 / sk) ** 2, 1 - 1 / sk)
        : linear(4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2, r * r, r);
    case 'nag': {
      if (r0 === 'standard') return linear(1 / L, r, 1 - 1 / sk);
      const q = Math.sqrt(3 * kappa + 1);
      return linear(4 / (3 * L + mu), (q - 2) / (q + 2), 1 - 2 / q);
    }
    case 'chebyshev':
      return {
        method, rule: r0, alpha: 4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2, beta: r * r, rate: r,
        iterationsTo: (tol) => boundIterations((k) => chebyshevBound(kappa, k), tol),
      };
    case 'cg':
      return { method, rule: r0, alpha: null, beta: null, rate: r, iterationsTo: (tol) => boundIterations((k) => cgBound(kappa, k), tol) };
  }
  throw new ParameterError('method', method, `one of ${Object.keys(TUNE_RULES).join(' | ')}`);
}

/**
 * Chebyshev semi-iteration's error bound after k steps: 1 / T_k((kappa + 1)/(kappa - 1)) = 2 r^k / (1 + r^(2k)),
 * r = (sqrt(kappa) - 1)/(sqrt(kappa) + 1) (Golub & Van Loan, sec. 11.2.8).
 *
 * @example
 * chebyshevBound(4, 1); // returns 0.6  (r = 1/3: (2/3)/(1 + 1/9))
 */
export function chebyshevBound(kappa: number, k: number): number {
  checkNumber('kappa', kappa, { min: 1 });
  const sk = Math.sqrt(kappa);
  const r = (sk - 1) / (sk + 1);
  const rk = r ** k;
  return (2 * rk) / (1 + rk * rk);
}

/**
 * Conjugate gradient's error bound in the H-norm: ||e_k||_H <= 2 ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^k ||e_0||_H.
 *
 * @example
 * cgBound(4, 2); // returns 0.2222...  (2 (1/3)^2)
 */
export function cgBound(kappa: number, k: number): number {
  checkNumber('kappa', kappa, { min: 1 });
  const sk = Math.sqrt(kappa);
  return 2 * ((sk - 1) / (sk + 1)) ** k;
}

/** Smallest k with bound(k) <= tolerance (bounds are decreasing in k); doubling then bisection. */
function boundIterations(bound: (k: number) => number, tolerance: number): number {
  checkNumber('tolerance', tolerance, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  if (bound(0) <= tolerance) return 0;
  let hi = 1;
  while (bound(hi) > tolerance) { hi *= 2; if (hi > 2 ** 52) return Infinity; }
  let lo = hi / 2; // bound(lo) > tolerance
  if (hi === 1) return 1;
  while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (bound(mid) > tolerance) lo = mid; else hi = mid; }
  return hi;
}
