import { fromRows, solve, symmetricEigen } from '../linalg/index.js';
import type { Problem } from './problem.js';

/** Options of logisticRegression. */
export interface LogisticOptions {
  x0?: Float64Array;
  name?: string;
  label?: string;
  /** Newton iterations used to locate w* (default 50; stops at ||grad|| <= 1e-14). */
  newtonSteps?: number;
}

/** softplus(t) = log(1 + e^t), computed without overflow. */
function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/** sigma(t) = 1 / (1 + e^-t), computed without overflow. */
function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/**
 * L2-regularised logistic regression J(w) = 1/n sum_i log(1 + exp(-y_i a_i^T w)) + lambda/2 ||w||^2 with labels
 * y_i in {-1, +1} (rows a_i of A, n x d row-major). mu = lambda and L = lambda + lambda_max(A^T A) / (4n), since the
 * Hessian 1/n A^T diag(s_i (1 - s_i)) A + lambda I has s(1 - s) <= 1/4. The minimiser is found once by Newton's method
 * (Boyd & Vandenberghe 9.5) so that runs can report J - J* and ||w - w*||.
 *
 * @example
 * const p = logisticRegression(Float64Array.of(1, -1), Float64Array.of(1, -1), 2, 1, 0.1);
 * p.value(new Float64Array(1)); // returns log 2 = 0.693...
 */
export function logisticRegression(A: Float64Array, y: Float64Array, n: number, d: number, lambda: number, options: LogisticOptions = {}): Problem & {
  mu: number; L: number; minimizer: Float64Array; minValue: number;
} {
  if (A.length !== n * d || y.length !== n) throw new RangeError(`A must be ${n}x${d} and y of length ${n}`);
  const value = (w: Float64Array): number => {
    let s = 0, ww = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      const row = i * d;
      for (let j = 0; j < d; j++) z += A[row + j] * w[j];
      s += softplus(-y[i] * z);
    }
    for (let j = 0; j < d; j++) ww += w[j] * w[j];
    return s / n + 0.5 * lambda * ww;
  };
  const grad = (w: Float64Array, out: Float64Array): Float64Array => {
    for (let j = 0; j < d; j++) out[j] = lambda * w[j];
    for (let i = 0; i < n; i++) {
      let z = 0;
      const row = i * d;
      for (let j = 0; j < d; j++) z += A[row + j] * w[j];
      const coef = (-y[i] * sigmoid(-y[i] * z)) / n;
      for (let j = 0; j < d; j++) out[j] += coef * A[row + j];
    }
    return out;
  };
  const valueAndGrad = (w: Float64Array, out: Float64Array): number => {
    let s = 0, ww = 0;
    for (let j = 0; j < d; j++) { out[j] = lambda * w[j]; ww += w[j] * w[j]; }
    for (let i = 0; i < n; i++) {
      let z = 0;
      const row = i * d;
      for (let j = 0; j < d; j++) z += A[row + j] * w[j];
      s += softplus(-y[i] * z);
      const coef = (-y[i] * sigmoid(-y[i] * z)) / n;
      for (let j = 0; j < d; j++) out[j] += coef * A[row + j];
    }
    return s / n + 0.5 * lambda * ww;
  };
  const hvp = (w: Float64Array, v: Float64Array, out: Float64Array): Float64Array => {
    for (let j = 0; j < d; j++) out[j] = lambda * v[j];
    for (let i = 0; i < n; i++) {
      let z = 0, av = 0;
      const row = i * d;
      for (let j = 0; j < d; j++) { z += A[row + j] * w[j]; av += A[row + j] * v[j]; }
      const s = sigmoid(z);
      const coef = (s * (1 - s) * av) / n;
      for (let j = 0; j < d; j++) out[j] += coef * A[row + j];
    }
    return out;
  };
  // The mini-batch gradient: the same terms as `grad` over the examples in S, divided by |S|.
  const batchGrad = (w: Float64Array, S: Uint32Array, out: Float64Array): Float64Array => {
    for (let j = 0; j < d; j++) out[j] = lambda * w[j];
    for (let t = 0; t < S.length; t++) {
      const i = S[t], row = i * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += A[row + j] * w[j];
      const coef = (-y[i] * sigmoid(-y[i] * z)) / S.length;
      for (let j = 0; j < d; j++) out[j] += coef * A[row + j];
    }
    return out;
  };
  // L = lambda + lambda_max(A^T A) / (4n).
  const AtA: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) AtA[j][k] += A[i * d + j] * A[i * d + k];
  const L = lambda + Math.max(...symmetricEigen(fromRows(AtA)).values) / (4 * n);
  const minimizer = newton(value, grad, hvp, d, options.newtonSteps ?? 50);
  return {
    name: options.name ?? 'logistic-regression',
    label: options.label ?? `logistic regression n=${n} d=${d} lambda=${lambda}`,
    dim: d,
    x0: options.x0 ?? new Float64Array(d),
    mu: lambda,
    L,
    minimizer,
    minValue: value(minimizer),
    value,
    grad,
    valueAndGrad,
    hvp,
    finiteSum: { count: n, batchGrad },
  };
}

/** Damped Newton's method (backtracking on J) for the small dense d x d systems of logistic regression. */
function newton(
  value: (w: Float64Array) => number,
  grad: (w: Float64Array, out: Float64Array) => Float64Array,
  hvp: (w: Float64Array, v: Float64Array, out: Float64Array) => Float64Array,
  d: number,
  steps: number,
): Float64Array {
  const w = new Float64Array(d), g = new Float64Array(d), e = new Float64Array(d), col = new Float64Array(d), trial = new Float64Array(d);
  for (let it = 0; it < steps; it++) {
    grad(w, g);
    let gn = 0;
    for (let j = 0; j < d; j++) gn += g[j] * g[j];
    if (Math.sqrt(gn) <= 1e-15) break;
    const H: number[][] = [];
    for (let k = 0; k < d; k++) {
      e.fill(0); e[k] = 1;
      H.push(Array.from(hvp(w, e, col)));
    }
    const step = solve(fromRows(H), fromRows(Array.from(g, (x) => [x]))).data;
    let t = 1;
    const f0 = value(w);
    for (let ls = 0; ls < 40; ls++) {
      for (let j = 0; j < d; j++) trial[j] = w[j] - t * step[j];
      if (value(trial) <= f0) break;
      t /= 2;
    }
    w.set(trial);
  }
  return w;
}
