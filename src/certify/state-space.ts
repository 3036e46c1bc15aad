import { ParameterError, checkNumber } from '../errors.js';

/**
 * An algorithm as a linear system in feedback with the gradient (Lessard, Recht, Packard 2016, eq. (2.2)):
 *   ξ_{k+1} = A ξ_k + B u_k,   y_k = C ξ_k + D u_k,   u_k = ∇f(y_k),
 * written per coordinate (the d-dimensional system is A ⊗ I_d, ...). The first state component is the iterate x_k.
 *
 * @example
 * // gradient descent x_{k+1} = x_k − α ∇f(x_k): { A: [[1]], B: [-alpha], C: [1], D: 0 }
 */
export interface StateSpace {
  A: number[][];
  B: number[];
  C: number[];
  D: number;
}

/** Check shapes (A n×n, B and C of length n) and finiteness; names the offending field. */
export function checkStateSpace(ss: StateSpace, parameter = 'state-space'): StateSpace {
  const n = Array.isArray(ss?.A) ? ss.A.length : 0;
  if (n < 1) throw new ParameterError(`${parameter}.A`, ss?.A, 'a nonempty square matrix (array of rows)');
  ss.A.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) throw new ParameterError(`${parameter}.A[${i}]`, row, `a row of ${n} numbers`);
    row.forEach((v, j) => checkNumber(`${parameter}.A[${i}][${j}]`, v));
  });
  for (const key of ['B', 'C'] as const) {
    const v = ss[key];
    if (!Array.isArray(v) || v.length !== n) throw new ParameterError(`${parameter}.${key}`, v, `${n} numbers (one input, one output)`);
    v.forEach((x, i) => checkNumber(`${parameter}.${key}[${i}]`, x));
  }
  checkNumber(`${parameter}.D`, ss.D);
  return ss;
}

/**
 * The two-term method x_{k+1} = x_k + β1 (x_k − x_{k−1}) − α ∇f(x_k + β2 (x_k − x_{k−1})) with state (x_k, x_{k−1}):
 * A = [[1+β1, −β1], [1, 0]], B = [−α, 0], C = [1+β2, −β2], D = 0 (Lessard et al. 2016, section 2.2).
 * Gradient descent is β1 = β2 = 0 (reduced to one state), heavy ball β2 = 0, Nesterov β1 = β2.
 *
 * @example
 * twoTermStateSpace(0.5, 0.2, 0).A; // returns [[1.2, -0.2], [1, 0]]
 */
export function twoTermStateSpace(alpha: number, beta1: number, beta2: number): StateSpace {
  if (beta1 === 0 && beta2 === 0) return { A: [[1]], B: [-alpha], C: [1], D: 0 };
  return { A: [[1 + beta1, -beta1], [1, 0]], B: [-alpha, 0], C: [1 + beta2, -beta2], D: 0 };
}
