import { ParameterError } from '../errors.js';
import type { ParamInfo } from '../spec.js';
import type { Problem } from '../problems/problem.js';

/** Learning-rate default when the spec gives none: 1/L when the problem knows L, else 0.001. */
export const FALLBACK_ALPHA = 0.001;

/** ParamInfo for a learning rate named `name` (> 0, derived default). */
export function rateParam(name = 'alpha', what = 'learning rate'): ParamInfo {
  return { name, description: `${what} (> 0); default 1/L when the problem knows L, else ${FALLBACK_ALPHA}`, min: 0, minExclusive: true };
}

/** ParamInfo for a momentum/damping beta in [0, 1) (or [0, 1] with `closed`). */
export function betaParam(def: number, description = 'momentum (damping) beta', closed = false): ParamInfo {
  return { name: 'beta', description, default: def, min: 0, max: 1, maxExclusive: !closed };
}

/** The default learning rate for a problem. */
export function defaultRate(problem: Problem | undefined): number {
  return problem?.L !== undefined && problem.L > 0 ? 1 / problem.L : FALLBACK_ALPHA;
}

/**
 * mu and L for a rule or schedule that needs them. Explicit `mu`, `L` win over the problem's. With `rule` set (e.g.
 * 'tune' = 'polyak'), a missing mu or L is reported against that parameter; otherwise against `method.mu` / `method.L`.
 */
export function requireMuL(method: string, problem: Problem | undefined, mu?: number, L?: number, rule?: [string, string]): { mu: number; L: number } {
  const m = mu ?? problem?.mu;
  const l = L ?? problem?.L;
  if (rule && (m === undefined || l === undefined || !(m > 0) || !(l > m))) {
    const known = problem ? `problem ${problem.name} has mu=${problem.mu}, L=${problem.L}` : 'no problem is given';
    throw new ParameterError(`${method}.${rule[0]}`, rule[1], `a rule whose mu > 0 and L > mu are known, but ${known} (give the parameters explicitly)`);
  }
  if (l === undefined) throw new ParameterError(`${method}.L`, undefined, 'a number > 0 (the problem does not know L)');
  if (m === undefined) throw new ParameterError(`${method}.mu`, undefined, 'a number > 0 (the problem does not know mu)');
  if (!(m > 0 && m < l)) throw new ParameterError(`${method}.mu`, m, `a number in (0, L) with L = ${l}`);
  return { mu: m, L: l };
}

/**
 * Parse a ';'-separated list of numbers (spec values cannot contain ','), each satisfying `ok`.
 *
 * @example
 * parseNumberList('aggmo.betas', '0;0.9;0.99', (b) => b >= 0 && b < 1, 'numbers in [0, 1), e.g. 0;0.9;0.99'); // returns [0, 0.9, 0.99]
 */
export function parseNumberList(parameter: string, text: string, ok: (x: number) => boolean, allowed: string): number[] {
  const parts = text.split(';').map((s) => s.trim());
  const values = parts.map(Number);
  if (!parts.every((p, i) => p !== '' && Number.isFinite(values[i]) && ok(values[i]))) {
    throw new ParameterError(parameter, text, `a ';'-separated list of ${allowed}`);
  }
  return values;
}
