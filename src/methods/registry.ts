import { ParameterError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { parseSpec, resolveParams, type ParamInfo, type Spec } from '../spec.js';
import type { Optimizer } from './optimizer.js';
import { type MethodContext, type MethodDefinition, type TuningRule, type Values, defaultRate, requireMuL } from './definition.js';
import { METHODS } from './method-catalog.js';

/** What `methods()` lists for one method: its spec name, a description, the update equation, parameters, tuning rules. */
export interface MethodInfo {
  name: string;
  description: string;
  equation: string;
  params: ParamInfo[];
  /** Names and formulas of the tuning rules (the first is `tune`'s default). */
  tuning: { name: string; description: string }[];
  /** Whether the method at its defaults declares a linear form (then analyze, tune, sweep and certify list it). */
  linear: boolean;
}

/**
 * Every method with its parameters, defaults and valid ranges.
 *
 * @example
 * methods().map((m) => m.name).slice(0, 3); // returns ['gd', 'hb', 'nag']
 */
export function methods(): MethodInfo[] {
  return METHODS.map(({ name, description, equation, params, tuning, linear }) => ({
    name, description, equation, linear, params: params.map((p) => ({ ...p })),
    tuning: (tuning ?? []).map((r) => ({ name: r.name, description: r.description })),
  }));
}

/** The definition of a method by name (ParameterError listing the names otherwise). */
export function methodDefinition(name: string, parameter = 'method'): MethodDefinition {
  const entry = METHODS.find((m) => m.name === name);
  if (!entry) throw new ParameterError(parameter, name, `one of ${METHODS.map((m) => m.name).join(', ')}${didYouMean(name, METHODS.map((m) => m.name))}`);
  return entry;
}

/** The tuning rule `rule` of a method (default its first), or a ParameterError naming the rules it has. */
export function tuningRule(method: string, rule?: string, parameter = 'rule'): TuningRule {
  const rules = methodDefinition(method).tuning ?? [];
  if (rules.length === 0) throw new ParameterError('method', method, `a method with tuning rules (${METHODS.filter((m) => m.tuning?.length).map((m) => m.name).join(', ')})`);
  const found = rule === undefined ? rules[0] : rules.find((r) => r.name === rule);
  if (!found) throw new ParameterError(parameter, rule, `for ${method}: ${rules.map((r) => r.name).join(' | ')}${didYouMean(rule, rules.map((r) => r.name))}`);
  return found;
}

/**
 * A spec's values with every default applied, in one place: the spec's explicit values, then the `tune=` rule's values
 * for the keys the spec did not set (an explicit value beats a tuned one), then fixed defaults, then derived defaults
 * (a learning rate is 1/L when the context knows L, else 0.001).
 *
 * @example
 * resolveMethodValues('hb:tune=polyak,beta=0.5', { mu: 0.01, L: 1 }); // returns { alpha: 3.305785123966942, beta: 0.5, tune: 'polyak' }
 */
export function resolveMethodValues(spec: string | Spec, context?: MethodContext, parameter = 'method'): { definition: MethodDefinition; values: Values } {
  const parsed = typeof spec === 'string' ? parseSpec(spec, parameter) : spec;
  const definition = methodDefinition(parsed.name, parameter);
  // A context's mu and L feed defaults and schedules: an infinite L would come back as a method parameter.
  for (const key of ['mu', 'L'] as const) {
    const v = context?.[key];
    if (v !== undefined && !Number.isFinite(v)) throw new ParameterError(`${context?.name ? `${context.name}.` : ''}${key}`, v, 'a finite number (the curvature bounds the method is built for)');
  }
  const values = resolveParams(parsed, definition.params);
  const rule = values.tune;
  if (typeof rule === 'string' && rule !== 'none') {
    const { mu, L } = requireMuL(parsed.name, context, undefined, undefined, ['tune', rule]);
    const tuned = tuningRule(parsed.name, rule, `${parsed.name}.tune`).params(mu, L);
    for (const [key, value] of Object.entries(tuned)) {
      if (Object.hasOwn(parsed.params, key)) continue;
      // An interval so wide that the rule's formula overflows (kappa = 1e600) is named by the rule, not by its output.
      if (typeof value === 'number' && !Number.isFinite(value)) {
        const where = context?.name ? `${context.name} ([${mu}, ${L}])` : `mu = ${mu}, L = ${L}`;
        throw new ParameterError(`${parsed.name}.tune`, rule, `a rule whose parameters are finite on ${where}, but its ${key} is not finite there: narrow the interval (kappa = L/mu)`);
      }
      values[key] = value;
    }
  }
  for (const info of definition.params) {
    if (values[info.name] === undefined && info.derivedDefault === 'rate') values[info.name] = defaultRate(context);
  }
  return { definition, values };
}

/**
 * Build a method from a spec string or parsed spec, with validated parameters; defaults that depend on the problem
 * (alpha = 1/L, tuning rules, mu and L) are taken from `context` (a Problem, or just { mu, L }).
 *
 * @example
 * createMethod('hb:alpha=0.5,beta=0.81').params; // returns { alpha: 0.5, beta: 0.81 }
 * createMethod('hb:beta=1.5'); // throws ParameterError "hb.beta = 1.5 is invalid: expected a finite number in [0, 1]"
 */
export function createMethod(spec: string | Spec, context?: MethodContext, parameter = 'method'): Optimizer {
  const { definition, values } = resolveMethodValues(spec, context, parameter);
  return definition.build(values, context);
}

/**
 * The linear form of a method spec (a linear method with constant parameters), built with the given context.
 * ParameterError when the method is not linear (naming the linear ones).
 *
 * @example
 * linearFormOf('hb:alpha=0.1,beta=0.5').A; // returns [[1, 0.5], [0, 0.5]]
 */
export function linearFormOf(spec: string | Spec, context?: MethodContext, parameter = 'method') {
  const method = createMethod(spec, context, parameter);
  if (!method.linear) {
    const text = typeof spec === 'string' ? spec : spec.name;
    throw new ParameterError(parameter, text, `a linear method with constant parameters: ${linearMethodNames().join(', ')} (nag-aspremont with schedule=constant)`);
  }
  return { method, form: method.linear };
}

/** Names of the methods that declare a linear form. */
export function linearMethodNames(): string[] {
  return METHODS.filter((m) => m.linear).map((m) => m.name);
}
