import { ParameterError } from '../errors.js';
import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import { chainQuadratic } from './chain-quadratic.js';
import type { QuadraticProblem } from './quadratic-problem.js';
import { parseStartPoint, startPointInfo } from './start-point.js';
import { MAX_DIAGONAL_DIM } from './quadratic.js';

export const nesterovWorstParams: ParamInfo[] = [
  { name: 'dim', kind: 'integer', default: 100, min: 1, max: MAX_DIAGONAL_DIM, description: 'dimension D' },
  { name: 'mu', kind: 'number', min: 0, description: 'strong convexity of the class (default 0: the lecture\'s convex function)' },
  { name: 'L', kind: 'number', min: 0, minExclusive: true, description: 'smoothness of the class (default 4: the lecture\'s function unscaled)' },
  { name: 'kappa', kind: 'number', min: 1, description: 'L/mu, alternative to mu' },
  startPointInfo('0'),
];

/** Defaults of `nesterov-worst-sc`: the strongly convex variant with L = 1, kappa = 100. */
export const nesterovWorstScParams: ParamInfo[] = nesterovWorstParams.map((p) =>
  p.name === 'L' ? { ...p, default: 1, description: 'smoothness of the class' }
    : p.name === 'kappa' ? { ...p, default: 100, description: 'L/mu (mu = L/kappa unless mu is given)' } : p);

/**
 * Nesterov's worst function for the class (mu, L): J(w) = (L - mu)/4 [1/2 (1 - w_1)^2 + sum 1/2 (w_{j+1} - w_j)^2] + mu/2 ||w||^2
 * (Nesterov, Introductory Lectures on Convex Optimization, (2.1.13); up to a constant). With mu = 0, L = 4 it is the
 * lecture's function exactly: start 0, optimum all ones, J* = 0. Its true extreme eigenvalues lie inside [mu, L].
 *
 * @example
 * createNesterovWorst(parseSpec('nesterov-worst:dim=3')).minimizer; // returns [1, 1, 1]
 */
export function createNesterovWorst(spec: Spec): QuadraticProblem {
  const strong = spec.name === 'nesterov-worst-sc';
  const p = resolveParams(spec, strong ? nesterovWorstScParams : nesterovWorstParams);
  const prefix = spec.name;
  const D = p.dim as number;
  const L = (p.L as number | undefined) ?? 4;
  let mu = p.mu as number | undefined;
  const kappaGiven = spec.params.kappa !== undefined || (strong && mu === undefined);
  if (mu !== undefined && spec.params.kappa !== undefined) throw new ParameterError(`${prefix}.kappa`, p.kappa, 'no value when mu is given (give two of mu, L, kappa)');
  if (mu === undefined) mu = kappaGiven ? L / (p.kappa as number) : 0;
  if (!(mu < L)) throw new ParameterError(`${prefix}.mu`, mu, `a number in [0, L) with L = ${L}`);
  const x0 = parseStartPoint(p.x0, D, prefix, { fallback: new Float64Array(D) });
  const label = `${prefix} D=${D} (class mu=${+mu.toPrecision(6)}, L=${+L.toPrecision(6)})`;
  return chainQuadratic(D, { c: (L - mu) / 4, r: mu, x0, name: spec.name, label });
}
