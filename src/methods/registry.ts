import { ParameterError } from '../errors.js';
import { parseSpec, resolveParams, type ParamInfo, type Spec } from '../spec.js';
import type { Problem } from '../problems/problem.js';
import type { Optimizer } from './optimizer.js';
import { METHODS } from './method-catalog.js';

/** What `methods()` lists for one method: its spec name, a description, the update equation and its parameters. */
export interface MethodInfo {
  name: string;
  description: string;
  equation: string;
  params: ParamInfo[];
}

/**
 * Every method with its parameters, defaults and valid ranges.
 *
 * @example
 * methods().map((m) => m.name).slice(0, 3); // returns ['gd', 'hb', 'nag']
 */
export function methods(): MethodInfo[] {
  return METHODS.map(({ name, description, equation, params }) => ({ name, description, equation, params: params.map((p) => ({ ...p })) }));
}

/**
 * Build a method from a spec string or parsed spec, with validated parameters; defaults that depend on the problem
 * (alpha = 1/L, tuning rules, mu and L) are taken from `problem`.
 *
 * @example
 * createMethod('hb:alpha=0.5,beta=0.81').params; // returns { alpha: 0.5, beta: 0.81 }
 * createMethod('hb:beta=1.5'); // throws ParameterError "hb.beta = 1.5 is invalid: expected a finite number in [0, 1)"
 */
export function createMethod(spec: string | Spec, problem?: Problem): Optimizer {
  const parsed = typeof spec === 'string' ? parseSpec(spec, 'method') : spec;
  const entry = METHODS.find((m) => m.name === parsed.name);
  if (!entry) throw new ParameterError('method', parsed.name, `one of ${METHODS.map((m) => m.name).join(', ')}`);
  return entry.build(resolveParams(parsed, entry.params), problem, parsed.params);
}
