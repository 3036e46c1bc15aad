import { checkNumber } from '../errors.js';
import { PROBLEM_MAX_DIM } from './problem.js';
import { quadraticFromOperator } from './quadratic-operator.js';
import type { QuadraticProblem } from './quadratic-problem.js';

/** Options of the path-graph ("chain") quadratic. */
export interface ChainQuadraticOptions {
  /** Weight c of the chain part (default 1). */
  c?: number;
  /** Ridge r of the term r/2 ||w||^2 (default 0). */
  r?: number;
  /** Start point (default 0, as in the lecture). */
  x0?: Float64Array;
  name?: string;
  label?: string;
}

/**
 * The chain quadratic J(w) = c [1/2 (1 - w_1)^2 + sum_{j<D} 1/2 (w_{j+1} - w_j)^2] + r/2 ||w||^2: Nesterov's "worst
 * function in the world" (Lecture 9; Nesterov, Introductory Lectures, 2.1.2) for c = 1, r = 0, and the distill
 * "convex Rosenbrock" (Goh 2017) for c = 1, r = 4/(kappa - 1). Its Hessian c A + r I, with A = tridiag(-1, 2, -1) except
 * A_DD = 1, has the closed-form eigenpairs c 4 sin^2(theta_j / 2) + r, u_j(i) = sin(theta_j i) with theta_j = (2j - 1) pi / (2D + 1).
 *
 * @example
 * const p = chainQuadratic(3);
 * p.value(new Float64Array(3)); // returns 0.5; p.minimizer is [1, 1, 1]
 */
export function chainQuadratic(D: number, { c = 1, r = 0, x0, name = 'nesterov-worst', label }: ChainQuadraticOptions = {}): QuadraticProblem {
  checkNumber('D', D, { min: 1, max: PROBLEM_MAX_DIM, integer: true });
  checkNumber('c', c, { min: 0, max: 1e150 });
  checkNumber('r', r, { min: 0, max: 1e150 });
  const applyA = (v: Float64Array, out: Float64Array): Float64Array => {
    // (c A + r I) v, A the path Laplacian plus e_1 e_1^T.
    for (let i = 0; i < D; i++) {
      const left = i > 0 ? v[i - 1] : 0, right = i < D - 1 ? v[i + 1] : 0;
      const deg = i < D - 1 ? 2 : 1;
      out[i] = c * (deg * v[i] - left - right) + r * v[i];
    }
    return out;
  };
  const theta = Float64Array.from({ length: D }, (_, j) => ((2 * j + 1) * Math.PI) / (2 * D + 1));
  const spectrum = Float64Array.from(theta, (t) => c * 4 * Math.sin(t / 2) ** 2 + r);
  const norm = Math.sqrt((2 * D + 1) / 4); // sum_{i=1}^D sin^2(theta_j i) = (2D + 1)/4
  const minimizer = chainMinimizer(D, c, r);
  const start = x0 ?? new Float64Array(D);
  const q = quadraticFromOperator(applyA, D, {
    minimizer, x0: start, spectrum, name, label: label ?? `${name} D=${D}`,
    eigenCoordinatesOfError(e, out) {
      // out_j = u_j^T e / ||u_j||, u_j(i) = sin(theta_j i), i = 1..D, by the sine recurrence sin((i+1)t) = 2 cos t sin(it) - sin((i-1)t).
      for (let j = 0; j < D; j++) {
        const t = theta[j], twoCos = 2 * Math.cos(t);
        let sPrev = 0, s = Math.sin(t), acc = 0;
        for (let i = 0; i < D; i++) {
          acc += s * e[i];
          const next = twoCos * s - sPrev;
          sPrev = s; s = next;
        }
        out[j] = acc / norm;
      }
      return out;
    },
  });
  // J* = c/2 (1 - w*_1): for the quadratic 1/2 w^T H w - b^T w + c/2 with b = c e_1, J* = c/2 - 1/2 b^T w*.
  const minValue = (c / 2) * (1 - minimizer[0]);
  const value = q.value;
  // grad J(w) = (c A + r I) w - c e_1, from the definition rather than H (w - w*): w* is rounded (Thomas algorithm),
  // and H (w - w*) would leave ~1e-17 noise outside the Krylov support, where the lecture's argument needs exact zeros.
  const grad = (w: Float64Array, out: Float64Array): Float64Array => { applyA(w, out); out[0] -= c; return out; };
  return {
    ...q,
    grad,
    valueAndGrad: (w, out) => { grad(w, out); return value(w) + minValue; },
    excessAndGrad: (w, out) => { grad(w, out); return value(w); },
    spectrum, mu: spectrum[0], L: spectrum[D - 1], minValue,
    eigenCoordinates: q.eigenCoordinates!,
    // quadraticFromOperator measures 1/2 e^T H e with e = w - w*, which is J(w) - J*.
    value: (w) => value(w) + minValue,
  };
}

/** Solve (c A + r I) w = c e_1 by the Thomas algorithm (tridiagonal LU, no pivoting needed: the matrix is SPD). */
function chainMinimizer(D: number, c: number, r: number): Float64Array {
  const diag = new Float64Array(D), rhs = new Float64Array(D), w = new Float64Array(D);
  for (let i = 0; i < D; i++) diag[i] = c * (i < D - 1 ? 2 : 1) + r;
  rhs[0] = c;
  const off = -c;
  for (let i = 1; i < D; i++) {
    const m = off / diag[i - 1];
    diag[i] -= m * off;
    rhs[i] -= m * rhs[i - 1];
  }
  w[D - 1] = rhs[D - 1] / diag[D - 1];
  for (let i = D - 2; i >= 0; i--) w[i] = (rhs[i] - off * w[i + 1]) / diag[i];
  return w;
}
