/** Largest dimension of a problem built by the library's constructors (1e8 doubles = 800 MB per vector). */
export const PROBLEM_MAX_DIM = 100_000_000;

/**
 * An objective J(w) with its gradient: the oracle of the lecture's oracle model.
 * Known structure (mu, L, minimiser, spectrum) is attached where it exists, so that theory can be checked against runs.
 */
export interface Problem {
  /** Spec name, e.g. 'quadratic'. */
  readonly name: string;
  /** Human-readable description with the parameters, e.g. 'quadratic dim=100 kappa=100 (linear spectrum)'. */
  readonly label: string;
  readonly dim: number;
  /** J(w). */
  value(w: Float64Array): number;
  /** out <- grad J(w); returns out. Must not allocate. */
  grad(w: Float64Array, out: Float64Array): Float64Array;
  /** Optional fused oracle: out <- grad J(w) and returns J(w) in one pass (used by run to measure each step cheaply). */
  valueAndGrad?(w: Float64Array, out: Float64Array): number;
  /** Optional: out <- grad J(w) and returns J(w) - J* computed without cancellation (e.g. 1/2 e^T H e for a quadratic
   * whose J* is not 0), so that the loss stays accurate far below the rounding level of J*. */
  excessAndGrad?(w: Float64Array, out: Float64Array): number;
  /** out <- (Hessian at w) v, where available. */
  hvp?(w: Float64Array, v: Float64Array, out: Float64Array): Float64Array;
  /** Default starting point (a fresh copy is made by run). */
  readonly x0: Float64Array;
  /** Strong-convexity parameter, where known. */
  readonly mu?: number;
  /** Smoothness (Lipschitz constant of the gradient), where known. */
  readonly L?: number;
  /** w*, where known. */
  readonly minimizer?: Float64Array;
  /** J(w*), where known (0 for the quadratics). */
  readonly minValue?: number;
  /** Hessian eigenvalues h_j (ascending), for quadratics. */
  readonly spectrum?: Float64Array;
  /** out[j] <- q_j^T (w - w*): coordinates of the error along the Hessian's eigenvectors (same order as spectrum). */
  eigenCoordinates?(w: Float64Array, out: Float64Array): Float64Array;
  /**
   * Declared by a diagonal quadratic J(w) = 1/2 sum_i h_i (w_i - w*_i)^2 (J* = 0): its h and w*. It says that `value`,
   * `grad` and `valueAndGrad` compute exactly h_i (w_i - w*_i) and 1/2 sum_i (w_i - w*_i) (h_i (w_i - w*_i)) in index
   * order, so that `run` may measure inline and step linear methods with its diagonal kernel instead of calling them.
   * A copy or wrapper that changes the oracles must not carry it (set `diagonalHessian: undefined`).
   */
  readonly diagonalHessian?: { readonly h: Float64Array; readonly ws: Float64Array };
  /** Declared by a finite sum J(w) = 1/N sum_i f_i(w) (+ a regulariser): what `stochasticProblem` samples mini-batches from. */
  readonly finiteSum?: FiniteSum;
}

/** A finite sum's mini-batch oracle: J(w) = 1/N sum_{i < N} f_i(w) + r(w). */
export interface FiniteSum {
  /** N, the number of examples. */
  readonly count: number;
  /** out <- 1/|S| sum_{i in S} grad f_i(w) + grad r(w) for the example indices S; returns out. Must not allocate. */
  batchGrad(w: Float64Array, indices: Uint32Array, out: Float64Array): Float64Array;
}
