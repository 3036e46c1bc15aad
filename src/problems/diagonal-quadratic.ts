import { type QuadraticOptions, type QuadraticProblem, quadraticDefaults } from './quadratic-problem.js';

/**
 * The diagonal quadratic J(w) = 1/2 sum_j h_j (w_j - w*_j)^2: the lecture's model problem in the eigenbasis
 * (Lecture 9, "analysis on quadratics"). The eigenvectors are the coordinate axes. It declares `diagonalHessian: { h, ws }`
 * (see Problem), from which `run` picks its kernel for linear methods.
 *
 * @example
 * const p = diagonalQuadratic(Float64Array.of(1, 4));
 * p.value(Float64Array.of(1, 1)); // returns 2.5
 */
export function diagonalQuadratic(h: Float64Array, options: QuadraticOptions = {}): QuadraticProblem {
  const dim = h.length;
  const { minimizer: ws, x0 } = quadraticDefaults(dim, options);
  // Sort order of the eigenvalues, so that eigenCoordinates follows `spectrum` (ascending); skipped when h is sorted.
  let sorted = true;
  for (let i = 1; i < dim && sorted; i++) sorted = h[i - 1] <= h[i];
  const order = sorted ? null : Array.from({ length: dim }, (_, i) => i).sort((a, b) => h[a] - h[b]);
  const spectrum = sorted ? Float64Array.from(h) : Float64Array.from(order!, (j) => h[j]);
  const applyH = (v: Float64Array, out: Float64Array): Float64Array => {
    for (let i = 0; i < dim; i++) out[i] = h[i] * v[i];
    return out;
  };
  const valueAndGrad = (w: Float64Array, out: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < dim; i++) { const e = w[i] - ws[i], g = h[i] * e; out[i] = g; s += e * g; }
    return 0.5 * s;
  };
  const grad = (w: Float64Array, out: Float64Array): Float64Array => {
    for (let i = 0; i < dim; i++) out[i] = h[i] * (w[i] - ws[i]);
    return out;
  };
  return {
    name: options.name ?? 'quadratic',
    label: options.label ?? `diagonal quadratic dim=${dim}`,
    dim,
    x0,
    minimizer: ws,
    minValue: 0,
    spectrum,
    mu: spectrum[0],
    L: spectrum[dim - 1],
    value(w) {
      let s = 0;
      for (let i = 0; i < dim; i++) { const e = w[i] - ws[i]; s += h[i] * e * e; }
      return 0.5 * s;
    },
    grad,
    valueAndGrad,
    hvp: (_w, v, out) => applyH(v, out),
    applyH,
    diagonalHessian: { h, ws },
    eigenCoordinates(w, out) {
      if (order === null) for (let i = 0; i < dim; i++) out[i] = w[i] - ws[i];
      else for (let i = 0; i < dim; i++) out[i] = w[order[i]] - ws[order[i]];
      return out;
    },
  };
}
