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

/** mu and L for a tuning rule or schedule, or a ParameterError naming `parameter` when the problem does not know them. */
export function requireMuL(parameter: string, value: unknown, problem: Problem | undefined, mu?: number, L?: number): { mu: number; L: number } {
  const m = mu ?? problem?.mu;
  const l = L ?? problem?.L;
  if (m === undefined || l === undefined || !(m > 0) || !(l > m)) {
    const which = problem ? `problem ${problem.name} (mu=${problem.mu}, L=${problem.L})` : 'no problem';
    throw new ParameterError(parameter, value, `a value that needs known 0 < mu < L, but got ${which}: give mu and L, or the explicit parameters`);
  }
  return { mu: m, L: l };
}

/**
 * Parse a ';'-separated list of numbers (spec values cannot contain ','), each checked against [min, max).
 *
 * @example
 * parseNumberList('aggmo.betas', '0;0.9;0.99', 0, 1); // returns [0, 0.9, 0.99]
 */
export function parseNumberList(parameter: string, text: string, min: number, max: number, { maxExclusive = true, minExclusive = false } = {}): number[] {
  const parts = text.split(';').map((s) => s.trim());
  const range = `${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
  const values = parts.map(Number);
  const ok = parts.length > 0 && parts.every((p, i) => p !== '' && Number.isFinite(values[i])
    && (minExclusive ? values[i] > min : values[i] >= min) && (maxExclusive ? values[i] < max : values[i] <= max));
  if (!ok) throw new ParameterError(parameter, text, `a ';'-separated list of numbers in ${range}, e.g. 0;0.9;0.99`);
  return values;
}
