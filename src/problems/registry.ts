import { ParameterError } from '../errors.js';
import { type ParamInfo, type Spec, parseSpec } from '../spec.js';
import type { Problem } from './problem.js';
import { createQuadratic, quadraticParams } from './quadratic.js';

/** A problem's entry in `momentum-lab problems`: spec name, what it is, and its parameters. */
export interface ProblemInfo {
  name: string;
  description: string;
  params: ParamInfo[];
}

interface Entry extends ProblemInfo {
  create(spec: Spec): Problem;
}

const entries: Entry[] = [
  {
    name: 'quadratic',
    description: 'J(w) = 1/2 (w - w*)^T H (w - w*), spectrum of H spanning [mu, L] (L = 1, mu = 1/kappa unless given)',
    params: quadraticParams,
    create: createQuadratic,
  },
];

/**
 * Every problem with its parameters, defaults and ranges.
 *
 * @example
 * problems().map((p) => p.name); // returns ['quadratic', ...]
 */
export function problems(): ProblemInfo[] {
  return entries.map(({ name, description, params }) => ({ name, description, params: params.map((p) => ({ ...p })) }));
}

/**
 * Build a problem from a spec string or parsed spec; parameters are validated (errors name e.g. `quadratic.dim`).
 *
 * @example
 * createProblem('quadratic:dim=3,kappa=4').spectrum; // returns [0.25, 0.625, 1]
 */
export function createProblem(spec: string | Spec): Problem {
  const parsed = typeof spec === 'string' ? parseSpec(spec, 'problem') : spec;
  const entry = entries.find((e) => e.name === parsed.name);
  if (!entry) throw new ParameterError('problem', parsed.name, `one of ${entries.map((e) => e.name).join(', ')}`);
  return entry.create(parsed);
}
