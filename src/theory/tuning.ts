import { checkNumber, ParameterError } from '../errors.js';
import { iterationsTo } from './iterations-to.js';
import { methodDefinition, tuningRule } from '../methods/registry.js';

/** Methods `tuneMethod` knows: every method with tuning rules (src/methods), plus chebyshev and cg (bounds). */
export type TuneMethodName = 'gd' | 'hb' | 'nag' | 'tmm' | 'chebyshev' | 'cg';
export type TuneRule = string;

/** Rules each method accepts (the first is the default), read from the method definitions. */
export const TUNE_RULES: Readonly<Record<TuneMethodName, readonly TuneRule[]>> = {
  hb: rulesOf('hb'),
  nag: rulesOf('nag'),
  gd: rulesOf('gd'),
  tmm: rulesOf('tmm'),
  chebyshev: ['optimal'],
  cg: ['optimal'],
};

function rulesOf(method: string): string[] {
  return (methodDefinition(method).tuning ?? []).map((r) => r.name);
}

/** A tuned method: its parameters (null where the method adapts them itself) and its predicted rate. */
export interface Tuning {
  method: TuneMethodName;
  rule: TuneRule;
  alpha: number | null;
  beta: number | null;
  /** All tuned parameter values of the method (e.g. tmm's mu, L, rho, alpha, beta1, beta2). */
  params: Record<string, number>;
  /** Asymptotic worst-case rate per iteration over [mu, L] (error norm ratio). */
  rate: number;
  /** Predicted iterations to shrink the error norm by each tolerance. */
  iterationsTo(tolerance: number): number;
}

/**
 * Parameters and predicted rate for a method on quadratics with curvatures in [mu, L], kappa = L / mu. The rules and
 * their rates are the methods' own (src/methods: gd, hb, nag, tmm; `methods NAME` lists the formulas); tests check
 * each predicted rate against the worst spectral radius of the tuned method's linear form.
 * - chebyshev: the Chebyshev semi-iteration, whose parameters tend to Polyak's; error <= 2 r^k/(1 + r^(2k)),
 *   r = (sqrt(kappa) - 1)/(sqrt(kappa) + 1). cg: the bound 2 r^k (Hestenes–Stiefel; Nesterov's lectures).
 *
 * @example
 * tuneMethod('hb', 0.01, 1, 'polyak').rate; // returns 0.8181...  (= 9/11)
 */
export function tuneMethod(method: TuneMethodName, mu: number, L: number, rule?: TuneRule): Tuning {
  if (!Object.hasOwn(TUNE_RULES, method)) throw new ParameterError('method', method, `one of ${Object.keys(TUNE_RULES).join(' | ')}`);
  checkNumber('mu', mu, { min: 0, minExclusive: true });
  checkNumber('L', L, { min: mu });
  const allowed = TUNE_RULES[method];
  const r0 = rule ?? allowed[0];
  if (!allowed.includes(r0)) throw new ParameterError('rule', r0, `for ${method}: ${allowed.join(' | ')}`);
  const kappa = L / mu;
  // Past 1e308 kappa overflows and every rule's formula gives NaN: refuse it, naming L.
  if (!Number.isFinite(kappa)) throw new ParameterError('L', L, `a number with kappa = L/mu finite (L/mu overflows with mu = ${mu})`);
  if (method === 'chebyshev' || method === 'cg') {
    // Chebyshev's parameters tend to Polyak's heavy ball; both are bounded by r = (sqrt kappa - 1)/(sqrt kappa + 1).
    const polyak = tuningRule('hb', 'polyak');
    const hb = polyak.params(mu, L);
    const bound = method === 'chebyshev' ? (k: number) => chebyshevBound(kappa, k) : (k: number) => cgBound(kappa, k);
    return {
      method, rule: r0, alpha: method === 'chebyshev' ? hb.alpha : null, beta: method === 'chebyshev' ? hb.beta : null,
      params: method === 'chebyshev' ? { mu, L } : {}, rate: polyak.rate(mu, L), iterationsTo: (tol) => boundIterations(bound, tol),
    };
  }
  const t = tuningRule(method, r0);
  const params = t.params(mu, L);
  const rate = t.rate(mu, L);
  for (const [key, value] of Object.entries({ ...params, rate })) {
    if (!Number.isFinite(value)) throw new ParameterError('L', L, `an interval [mu, L] on which the ${method} rule ${r0} is finite (it gives ${key} = ${value} for mu = ${mu}; narrow kappa = L/mu)`);
  }
  return {
    method, rule: r0, alpha: params.alpha ?? null, beta: params.beta ?? (method === 'gd' ? 0 : null), params, rate,
    iterationsTo: (tol) => iterationsTo(rate, tol),
  };
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
  checkNumber('k', k, { min: 0, integer: true });
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
  checkNumber('k', k, { min: 0, integer: true });
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
