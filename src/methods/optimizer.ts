import type { Problem } from '../problems/problem.js';
import type { LinearForm } from './linear-form.js';

/** The state every method carries: plain data, Float64Array buffers updated in place. */
export interface OptimizerState {
  /** Iteration counter k (number of completed steps). */
  k: number;
  /** The current iterate w^(k): the point whose loss is reported. */
  w: Float64Array;
  /** The velocity v^(k) = w^(k) - w^(k-1) (or the method's own momentum buffer), where the method has one. */
  v?: Float64Array;
}

/**
 * A method in the optax style: a factory returns `{init, step}` (DESIGN.md, house style 1).
 * `step` updates the state in place and allocates nothing.
 */
export interface Optimizer<S extends OptimizerState = OptimizerState> {
  /** Spec name, e.g. 'hb'. */
  readonly name: string;
  /** The resolved parameters (after defaults and tuning), e.g. {alpha: 0.01, beta: 0.9}. */
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /**
   * The method's linear form, declared by methods that are linear with constant parameters (see LinearForm): theory,
   * certification and run's diagonal-quadratic kernel derive from it. Absent for nonlinear or scheduled methods.
   */
  readonly linear?: LinearForm;
  init(problem: Problem, w0: Float64Array): S;
  step(state: S, problem: Problem): void;
}
