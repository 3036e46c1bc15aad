import { checkNumber } from '../errors.js';

/**
 * What the gradient fields need of an objective: its dimension and its gradient (out <- grad J(w)). Every Problem of
 * src/problems has this shape; it is stated here so that dynamics depends on linalg only (DESIGN.md's import rule).
 */
export interface GradientOracle {
  readonly dim: number;
  grad(w: Float64Array, out: Float64Array): Float64Array;
}

/**
 * A vector field y' = f(t, y): writes f(t, y) into `out` and allocates nothing.
 * Every integrator in src/dynamics takes one of these.
 */
export type VectorField = (t: number, y: Float64Array, out: Float64Array) => void;

/**
 * The lecture's gradient flow w' = -alpha grad J(w) of any Problem (any GradientOracle), as a vector field on R^dim.
 *
 * @example
 * const f = gradientFlowField(problem, 0.5); f(0, w, out); // out = -0.5 * grad J(w)
 */
export function gradientFlowField(problem: GradientOracle, alpha = 1): VectorField {
  checkNumber('alpha', alpha, { min: 0, minExclusive: true });
  const n = problem.dim;
  return (_t, w, out) => {
    problem.grad(w, out);
    for (let i = 0; i < n; i++) out[i] *= -alpha;
  };
}

/**
 * The lecture's continuous heavy ball v' = -mu v - grad J(w), w' = v, on the state y = [w; v] (length 2 dim).
 * A scratch buffer for the gradient is allocated once, here.
 *
 * @example
 * const f = heavyBallField(problem, 0.1); // y = [w, v]; out = [v, -0.1 v - grad J(w)]
 */
export function heavyBallField(problem: GradientOracle, mu: number): VectorField {
  checkNumber('mu', mu, { min: 0 });
  const n = problem.dim;
  const g = new Float64Array(n);
  return (_t, y, out) => {
    const w = y.subarray(0, n);
    problem.grad(w, g);
    for (let i = 0; i < n; i++) {
      const v = y[n + i];
      out[i] = v;
      out[n + i] = -mu * v - g[i];
    }
  };
}
