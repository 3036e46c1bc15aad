import { ParameterError, checkNumber } from '../errors.js';

/**
 * A method's linear form: the algorithm as a linear system in feedback with the gradient (Lessard, Recht, Packard
 * 2016, eq. (2.2)), written per coordinate (the d-dimensional system is A ⊗ I_d, B ⊗ I_d, ...):
 *   ξ_{k+1} = A ξ_k + B u_k,   y_k = C ξ_k + D u_k,   u_k = ∇J(y_k).
 * The first state component is the iterate w_k.
 *
 * @example
 * // gradient descent w_{k+1} = w_k − α ∇J(w_k): { A: [[1]], B: [-alpha], C: [1], D: 0 }
 */
export interface StateSpace {
  A: number[][];
  B: number[];
  C: number[];
  D: number;
}

/**
 * A method's declared linear form, in the coordinates of its own state object: `state[j]` names the buffer of the
 * method's state that holds ξ's component j (`state[0]` = 'w'). `start` gives ξ_0 from w_0 and g_0 = ∇J(w_0):
 * ξ_0[j] = start.w[j] w_0 + (start.g?.[j] ?? 0) g_0 (e.g. heavy ball starts at rest: w = w_0, v = 0).
 * `firstStep` states what the method's first step does that the form does not (adapters with a special first step),
 * when that differs from starting the form at `start`.
 */
export interface LinearForm extends StateSpace {
  state: string[];
  start: { w: number[]; g?: number[] };
  firstStep?: string;
}

/** Check shapes (A n×n, B and C of length n) and finiteness; names the offending field. */
export function checkStateSpace<T extends StateSpace>(ss: T, parameter = 'state-space'): T {
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
 * The per-eigendirection matrix R(h) = A + h B C of a form with D = 0: on J = h (w − w*)²/2 the error state
 * e = ξ − ξ* evolves as e_{k+1} = R(h) e_k (u = h C e). Refuses D ≠ 0 (an implicit method: u would solve
 * u = h (C ξ + D u), i.e. R(h) = A + B h/(1 − h D) C, which no method here needs).
 *
 * @example
 * directionMatrixOf({ A: [[1, 0.5], [0, 0.5]], B: [-0.1, -0.1], C: [1, 0], D: 0 }, 2); // returns [[0.8, 0.5], [-0.2, 0.5]]
 */
export function directionMatrixOf(ss: StateSpace, h: number): number[][] {
  if (ss.D !== 0) throw new ParameterError('state-space.D', ss.D, '0 (explicit methods: y = C xi; an implicit D != 0 is not supported)');
  return ss.A.map((row, i) => row.map((a, j) => a + h * ss.B[i] * ss.C[j]));
}

/**
 * The buffers of a method's state that hold the components of its linear form's ξ, in order: `state[j]` is a key of
 * the state object, or `key.i` for the i-th buffer of an array of buffers (aggmo's velocities).
 *
 * @example
 * linearStateBuffers(heavyBall(0.1).linear!, state); // returns [state.w, state.v]
 */
export function linearStateBuffers(form: LinearForm, state: object): Float64Array[] {
  return form.state.map((name) => {
    const dot = name.indexOf('.');
    const record = state as Record<string, unknown>;
    const value = dot < 0 ? record[name] : (record[name.slice(0, dot)] as unknown[] | undefined)?.[Number(name.slice(dot + 1))];
    if (!(value instanceof Float64Array)) throw new ParameterError('linear.state', name, 'the name of a Float64Array buffer of the method state');
    return value;
  });
}
