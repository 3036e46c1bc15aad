import { isDecimal } from '../parse-number.js';
import { ParameterError, checkNumber, inNumberRange } from '../errors.js';
import type { ParamInfo } from '../spec.js';
import type { Optimizer } from './optimizer.js';

/** What a method needs to know about the problem for derived defaults and tuning: a Problem has all of it. */
export interface MethodContext {
  readonly name?: string;
  readonly mu?: number;
  readonly L?: number;
  readonly hvp?: unknown;
  readonly spectrum?: unknown;
}

/** Resolved spec values: after parsing, defaults, tuning and derived defaults. */
export type Values = Record<string, number | string | boolean | undefined>;

/**
 * A tuning rule: parameter values from the curvature bounds mu <= h <= L, and the worst-case rate on quadratics over
 * [mu, L] it predicts (theory checks the prediction against the method's linear form).
 */
export interface TuningRule {
  name: string;
  /** The formulas, e.g. "alpha = 4/(sqrt L + sqrt mu)^2, beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2". */
  description: string;
  params(mu: number, L: number): Record<string, number>;
  rate(mu: number, L: number): number;
}

/**
 * A method, defined once: its parameters as data (name, range, default, description), its tuning rules, and how to
 * build it from resolved values. `createMethod` (registry.ts) parses a spec against `params`, applies the tuning rule
 * and the derived defaults, then calls `build`; the factory behind `build` checks its values against `params` again
 * (`checkValues`), so library callers get the same errors as the command line.
 */
export interface MethodDefinition {
  name: string;
  description: string;
  /** The recurrence in the lecture's symbols. */
  equation: string;
  params: ParamInfo[];
  /** The tuning rules; the first is the default of `tune` (the command) and of `tune=` when no rule is named. */
  tuning?: readonly TuningRule[];
  /**
   * True when the method at its defaults declares a linear form (then analyze, tune, sweep, certify and the explorer's
   * pickers list it). Some settings of other methods are linear too (nag-aspremont:schedule=constant): a spec whose
   * built method declares `linear` is accepted wherever a linear form is needed.
   */
  linear: boolean;
  build(values: Values, context: MethodContext | undefined): Optimizer;
}

/** Learning-rate default when the spec gives none and the problem does not know L. */
export const FALLBACK_ALPHA = 0.001;

/** The learning-rate default: 1/L when the problem knows L, else FALLBACK_ALPHA. */
export function defaultRate(context: MethodContext | undefined): number {
  return context?.L !== undefined && context.L > 0 ? 1 / context.L : FALLBACK_ALPHA;
}

/** ParamInfo for a learning rate named `name` (> 0, default 1/L). */
export function rateParam(name = 'alpha', what = 'learning rate'): ParamInfo {
  return { name, description: `${what} (> 0); default 1/L when the problem knows L, else ${FALLBACK_ALPHA}`, min: 0, minExclusive: true, derivedDefault: 'rate' };
}

/** ParamInfo for a momentum beta in [0, 1) (or [0, 1] with `closed`). */
export function betaParam(def: number, description = 'momentum beta', closed = false, name = 'beta'): ParamInfo {
  // The range goes after the name, before any parenthesis: "momentum beta in [0, 1] (1: undamped)".
  const paren = description.indexOf(' (');
  const range = ` in [0, 1${closed ? ']' : ')'}`;
  const text = paren < 0 ? `${description}${range}` : `${description.slice(0, paren)}${range}${description.slice(paren)}`;
  return { name, description: text, default: def, min: 0, max: 1, maxExclusive: !closed };
}

/** ParamInfo for the `tune` rule of a method with tuning rules. */
export function tuneParam(rules: readonly TuningRule[]): ParamInfo {
  return {
    name: 'tune', kind: 'string', default: 'none', choices: ['none', ...rules.map((r) => r.name)],
    description: `tuning rule from mu, L: ${rules.map((r) => `${r.name}: ${r.description}`).join('; ')}; explicit values override it`,
  };
}

/** ParamInfo for mu or L with the problem's value as default. */
export function curvatureParam(name: 'mu' | 'L'): ParamInfo {
  return name === 'mu'
    ? { name, description: "smallest curvature (> 0); default the problem's mu", min: 0, minExclusive: true }
    : { name, description: "largest curvature (> 0); default the problem's L", min: 0, minExclusive: true };
}

/**
 * Check a factory's numeric values against its ParamInfo ranges (ParameterError "method.key = value is invalid:
 * expected ..."); non-numeric kinds are checked by the spec parser.
 *
 * @example
 * checkValues('hb', [betaParam(0.9)], { beta: 1.5 }); // throws ParameterError: hb.beta = 1.5, expected a finite number in [0, 1)
 */
export function checkValues(method: string, params: readonly ParamInfo[], values: Record<string, unknown>): void {
  for (const info of params) {
    if (!Object.hasOwn(values, info.name)) continue;
    const value = values[info.name];
    if (value === undefined) continue;
    const kind = info.kind ?? 'number';
    if (kind === 'number' || kind === 'integer') {
      const range = kind === 'integer' ? { ...info, integer: true } : info;
      // The range test first, the message (and its strings) only for a value outside: a sweep builds 10^4 methods.
      if (!inNumberRange(value, range)) checkNumber(`${method}.${info.name}`, value, range);
    } else if (kind === 'boolean' && typeof value !== 'boolean') {
      throw new ParameterError(`${method}.${info.name}`, value, 'true or false');
    } else if (kind === 'string' && info.choices && !info.choices.includes(value as string)) {
      throw new ParameterError(`${method}.${info.name}`, value, `one of ${info.choices.join(' | ')}`);
    }
  }
}

/**
 * mu and L for a rule or schedule that needs them. Explicit `mu`, `L` win over the context's. With `rule` set (e.g.
 * ['tune', 'polyak']), a missing mu or L is reported against that parameter; otherwise against `method.mu` / `method.L`.
 */
export function requireMuL(method: string, context: MethodContext | undefined, mu?: number, L?: number, rule?: [string, string]): { mu: number; L: number } {
  const m = mu ?? context?.mu;
  const l = L ?? context?.L;
  if (rule && (m === undefined || l === undefined || !(m > 0) || !(l > m))) {
    const known = context ? `${context.name ? `problem ${context.name}` : 'the context'} has mu=${context.mu}, L=${context.L}` : 'no problem is given';
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
  const parts = text.split(';');
  const values = parts.map((p) => (isDecimal(p) ? Number(p) : NaN));
  if (parts.length > 64 || !parts.every((p, i) => p !== '' && Number.isFinite(values[i]) && ok(values[i]))) {
    throw new ParameterError(parameter, text, `a ';'-separated list of at most 64 ${allowed}`);
  }
  return values;
}
