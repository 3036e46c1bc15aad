import { ParameterError } from '../errors.js';
import { fromRows, solve, symmetricEigen } from '../linalg/index.js';
import { createRng } from '../linalg/rng.js';
import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import type { Problem } from './problem.js';
import { parseStartPoint, startPointInfo } from './start-point.js';

export const leastSquaresParams: ParamInfo[] = [
  { name: 'n', kind: 'integer', default: 200, min: 1, max: 100_000, description: 'number of examples (rows of A)' },
  { name: 'd', kind: 'integer', default: 10, min: 1, max: 500, description: 'number of features (the dimension)' },
  { name: 'lambda', kind: 'number', default: 0, min: 0, max: 1e6, description: 'L2 weight: J = 1/(2n) ||A w - b||^2 + lambda/2 ||w||^2' },
  { name: 'noise', kind: 'number', default: 0.1, min: 0, max: 1e6, description: 'standard deviation of the label noise: b = A w_true + noise z' },
  { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 32 - 1, description: 'seed of A, w_true and the label noise' },
  startPointInfo('0'),
];

/**
 * Least squares J(w) = 1/(2n) sum_i (a_i^T w - b_i)^2 + lambda/2 ||w||^2, a finite sum of n examples (rows a_i of A,
 * n x d row-major): a quadratic with H = A^T A / n + lambda I, w* = H^-1 A^T b / n, mu = h_min, L = h_max.
 *
 * @example
 * leastSquares(Float64Array.of(1, 2), Float64Array.of(1, 2), 2, 1, 0).minimizer; // returns [1]
 */
export function leastSquares(A: Float64Array, b: Float64Array, n: number, d: number, lambda: number,
  { x0, name = 'least-squares', label }: { x0?: Float64Array; name?: string; label?: string } = {}): Problem {
  if (A.length !== n * d || b.length !== n) throw new RangeError(`A must be ${n}x${d} and b of length ${n}`);
  // out <- 1/|S| sum_{i in S} (a_i^T w - b_i) a_i + lambda w over the rows S (all rows: the gradient).
  const rowsGrad = (w: Float64Array, S: Uint32Array | null, out: Float64Array): Float64Array => {
    const m = S === null ? n : S.length;
    for (let j = 0; j < d; j++) out[j] = lambda * w[j];
    for (let t = 0; t < m; t++) {
      const i = S === null ? t : S[t], row = i * d;
      let z = -b[i];
      for (let j = 0; j < d; j++) z += A[row + j] * w[j];
      for (let j = 0; j < d; j++) out[j] += (z / m) * A[row + j];
    }
    return out;
  };
  const value = (w: Float64Array): number => {
    let s = 0, ww = 0;
    for (let i = 0; i < n; i++) {
      let z = -b[i];
      for (let j = 0; j < d; j++) z += A[i * d + j] * w[j];
      s += z * z;
    }
    for (let j = 0; j < d; j++) ww += w[j] * w[j];
    return s / (2 * n) + 0.5 * lambda * ww;
  };
  const H: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0)), Atb: number[][] = Array.from({ length: d }, () => [0]);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
    Atb[j][0] += (A[i * d + j] * b[i]) / n;
    for (let k = 0; k < d; k++) H[j][k] += (A[i * d + j] * A[i * d + k]) / n;
  }
  for (let j = 0; j < d; j++) H[j][j] += lambda;
  const Hm = fromRows(H), eig = symmetricEigen(Hm, 'least-squares');
  if (!(eig.values[0] > 1e-12 * eig.values[d - 1])) {
    throw new ParameterError(`${name}.lambda`, lambda, `a number > 0 here: A^T A / n is singular (d = ${d}, n = ${n}), so w* is not unique`);
  }
  const minimizer = solve(Hm, fromRows(Atb)).data;
  const hvp = (_w: Float64Array, v: Float64Array, out: Float64Array): Float64Array => {
    for (let j = 0; j < d; j++) { let s = 0; for (let k = 0; k < d; k++) s += Hm.data[j * d + k] * v[k]; out[j] = s; }
    return out;
  };
  return {
    name, label: label ?? `least squares n=${n} d=${d} lambda=${lambda}`, dim: d, x0: x0 ?? new Float64Array(d),
    mu: eig.values[0], L: eig.values[d - 1], spectrum: eig.values, minimizer, minValue: value(minimizer),
    value, grad: (w, out) => rowsGrad(w, null, out), hvp,
    eigenCoordinates(w, out) {
      for (let k = 0; k < d; k++) { let s = 0; for (let j = 0; j < d; j++) s += eig.vectors.data[j * d + k] * (w[j] - minimizer[j]); out[k] = s; }
      return out;
    },
    finiteSum: { count: n, batchGrad: (w, S, out) => rowsGrad(w, S, out) },
  };
}

/** The `least-squares` problem from its spec: A with N(0, 1) entries, b = A w_true + noise z, all from `seed`. */
export function createLeastSquares(spec: Spec): Problem {
  const p = resolveParams(spec, leastSquaresParams);
  const n = p.n as number, d = p.d as number, rng = createRng(p.seed as number);
  const A = new Float64Array(n * d), wTrue = new Float64Array(d), b = new Float64Array(n);
  rng.fillNormal(A); rng.fillNormal(wTrue);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += A[i * d + j] * wTrue[j];
    b[i] = s + (p.noise as number) * rng.normal();
  }
  const x0 = parseStartPoint(p.x0, d, spec.name, { fallback: new Float64Array(d) });
  return leastSquares(A, b, n, d, p.lambda as number, { x0, name: spec.name, label: `least squares (Gaussian A, n=${n}, d=${d}, lambda=${p.lambda}, noise=${p.noise}, seed=${p.seed})` });
}
