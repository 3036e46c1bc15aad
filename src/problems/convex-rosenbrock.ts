import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import { chainQuadratic } from './chain-quadratic.js';
import type { QuadraticProblem } from './quadratic-problem.js';
import { MAX_DIAGONAL_DIM } from './quadratic.js';
import { parseStartPoint, startPointInfo } from './start-point.js';

export const convexRosenbrockParams: ParamInfo[] = [
  { name: 'dim', kind: 'integer', default: 100, min: 1, max: MAX_DIAGONAL_DIM, description: 'number of nodes n of the path' },
  { name: 'kappa', kind: 'number', default: 100, min: 1, minExclusive: true, description: 'target condition number (reached as n -> infinity)' },
  startPointInfo('0'),
];

/**
 * The distill "convex Rosenbrock" (Goh, "Why Momentum Really Works", 2017, section "The Limits of Descent"): a colorizer
 * of one node on a path graph, f(w) = 1/2 (w_1 - 1)^2 + 1/2 sum_{i<n} (w_i - w_{i+1})^2 + 2/(kappa - 1) ||w||^2, started at 0.
 * Its Hessian A + 4/(kappa - 1) I has condition number -> kappa and w*_i -> ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^i as n grows.
 *
 * @example
 * createConvexRosenbrock(parseSpec('convex-rosenbrock:dim=200,kappa=9')).minimizer[0]; // returns ~0.5 = (3-1)/(3+1)
 */
export function createConvexRosenbrock(spec: Spec): QuadraticProblem {
  const p = resolveParams(spec, convexRosenbrockParams);
  const n = p.dim as number, kappa = p.kappa as number;
  const x0 = parseStartPoint(p.x0, n, spec.name, { fallback: new Float64Array(n) });
  return chainQuadratic(n, { c: 1, r: 4 / (kappa - 1), x0, name: spec.name, label: `convex-rosenbrock n=${n} kappa=${kappa}` });
}
