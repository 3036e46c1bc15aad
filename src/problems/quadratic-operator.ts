import { type QuadraticOptions, type QuadraticProblem, quadraticDefaults } from './quadratic-problem.js';

/** What is known about a user-supplied quadratic's Hessian: any of its spectrum, bounds and eigen-coordinates. */
export interface OperatorQuadraticOptions extends QuadraticOptions {
  /** Eigenvalues h_j (ascending is enforced). Gives mu and L when they are not given. */
  spectrum?: Float64Array;
  mu?: number;
  L?: number;
  /** out_j <- q_j^T e for the error e = w - w*, in the order of `spectrum`. */
  eigenCoordinatesOfError?: (e: Float64Array, out: Float64Array) => Float64Array;
}

/**
 * A quadratic J(w) = 1/2 (w - w*)^T H (w - w*) given only the operator v -> H v (symmetric positive semidefinite),
 * e.g. a matrix-free Laplacian. The scratch buffer for w - w* is allocated once.
 *
 * @example
 * const p = quadraticFromOperator((v, out) => { out[0] = 2 * v[0]; return out; }, 1, { x0: Float64Array.of(3) });
 * p.value(p.x0); // returns 9
 */
export function quadraticFromOperator(
  apply: (v: Float64Array, out: Float64Array) => Float64Array,
  dim: number,
  options: OperatorQuadraticOptions = {},
): Omit<QuadraticProblem, 'spectrum' | 'mu' | 'L' | 'eigenCoordinates'> & Partial<Pick<QuadraticProblem, 'spectrum' | 'mu' | 'L' | 'eigenCoordinates'>> {
  const { minimizer: ws, x0 } = quadraticDefaults(dim, options);
  const spectrum = options.spectrum ? Float64Array.from(options.spectrum).sort() : undefined;
  const e = new Float64Array(dim), He = new Float64Array(dim);
  const toError = (w: Float64Array): Float64Array => {
    for (let i = 0; i < dim; i++) e[i] = w[i] - ws[i];
    return e;
  };
  const ec = options.eigenCoordinatesOfError;
  return {
    name: options.name ?? 'quadratic-operator',
    label: options.label ?? `operator quadratic dim=${dim}`,
    dim,
    x0,
    minimizer: ws,
    minValue: 0,
    spectrum,
    mu: options.mu ?? spectrum?.[0],
    L: options.L ?? spectrum?.[dim - 1],
    value(w) {
      apply(toError(w), He);
      let s = 0;
      for (let i = 0; i < dim; i++) s += e[i] * He[i];
      return 0.5 * s;
    },
    grad: (w, out) => apply(toError(w), out),
    valueAndGrad(w, out) {
      apply(toError(w), out);
      let s = 0;
      for (let i = 0; i < dim; i++) s += e[i] * out[i];
      return 0.5 * s;
    },
    hvp: (_w, v, out) => apply(v, out),
    applyH: apply,
    eigenCoordinates: ec ? (w, out) => ec(toError(w), out) : undefined,
  };
}
