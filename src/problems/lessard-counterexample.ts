import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import type { Problem } from './problem.js';
import { parseStartPoint, startPointInfo } from './start-point.js';

export const lessardParams: ParamInfo[] = [startPointInfo('3.3')];

/**
 * J(x) of the Lessard–Recht–Packard counterexample: piecewise quadratic, 1-strongly convex and 25-smooth.
 *
 * @example
 * lessardValue(1); // returns 12.5
 */
export function lessardValue(x: number): number {
  if (x < 1) return 12.5 * x * x;
  if (x < 2) return 0.5 * x * x + 24 * x - 12;
  return 12.5 * x * x - 24 * x + 36;
}

/**
 * J'(x) of the counterexample: 25x for x < 1, x + 24 on [1, 2), 25x - 24 for x >= 2 (continuous; slopes 25, 1, 25).
 *
 * @example
 * lessardCounterexampleGradient(2); // returns 26
 */
export function lessardCounterexampleGradient(x: number): number {
  if (x < 1) return 25 * x;
  if (x < 2) return x + 24;
  return 25 * x - 24;
}

/**
 * The 1-D function on which heavy ball with Polyak's quadratic tuning (alpha = 1/9, beta = 4/9 for mu = 1, L = 25) fails
 * to converge: from x0 = 3.3 it settles into a 3-cycle (Lessard, Recht & Packard 2016, "Analysis and design of
 * optimization algorithms via integral quadratic constraints", section 4.6). mu = 1, L = 25, x* = 0, J* = 0.
 *
 * @example
 * createLessardCounterexample(parseSpec('lessard-counterexample')).x0; // returns [3.3]
 */
export function createLessardCounterexample(spec: Spec): Problem {
  const p = resolveParams(spec, lessardParams);
  const x0 = parseStartPoint(p.x0, 1, spec.name);
  return {
    name: spec.name,
    label: 'Lessard-Recht-Packard counterexample (1-D, mu=1, L=25)',
    dim: 1,
    x0,
    mu: 1,
    L: 25,
    minimizer: new Float64Array(1),
    minValue: 0,
    value: (w) => lessardValue(w[0]),
    grad(w, out) { out[0] = lessardCounterexampleGradient(w[0]); return out; },
    hvp(w, v, out) { const x = w[0]; out[0] = (x >= 1 && x < 2 ? 1 : 25) * v[0]; return out; },
  };
}
