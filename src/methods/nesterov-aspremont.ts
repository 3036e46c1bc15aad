import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { ParameterError } from '../errors.js';
import { type MethodDefinition, type Values, curvatureParam, defaultRate, rateParam, requireMuL } from './definition.js';

/**
 * The parameter schedule of the d'Aspremont form:
 * - `convex`: Nesterov's schedule for L-smooth convex J (d'Aspremont, Scieur & Taylor 2021, "Acceleration Methods", section 4):
 *   a_k = (1 + sqrt(4 A_k + 1)) / 2, A_(k+1) = A_k + a_k, tau_k = a_k / A_(k+1), alpha_k = 1/L, gamma_k = a_k / L;
 * - `strongly-convex`: the same paper's schedule for mu-strongly convex J (section 4), q = mu/L:
 *   A_(k+1) = (2 A_k + 1 + sqrt(4 A_k + 4 q A_k^2 + 1)) / (2 (1 - q)),
 *   tau_k = (A_(k+1) - A_k)(1 + q A_k) / (A_(k+1) + 2 q A_k A_(k+1) - q A_k^2), delta_k = (A_(k+1) - A_k) / (1 + q A_(k+1)),
 *   alpha_k = 1/L, gamma_k = delta_k / L, and z also moves towards y: z+ = z + q delta_k (y - z) - gamma_k grad J(y)
 *   (a term the lecture's slide omits; it vanishes at mu = 0, where this schedule is the convex one);
 * - `constant`: fixed alpha, tau, gamma ("In DL, we tend to use constant values").
 * A is normalised by L (A_0 = 0, A_1 = 1), so both schedules guarantee J(w_N) - J* <= L ||w0 - w*||^2 / (2 A_N).
 */
export type AspremontSchedule =
  | { kind: 'convex'; L: number }
  | { kind: 'strongly-convex'; mu: number; L: number }
  | { kind: 'constant'; alpha: number; tau: number; gamma: number };

/** State of the d'Aspremont form: iterate w, the second sequence z, the extrapolated point y, gradient g = grad J(y), A_k. */
export interface AspremontState extends OptimizerState {
  z: Float64Array;
  y: Float64Array;
  g: Float64Array;
  /** A_k of Nesterov's schedule (L-normalised; 0 for the constant schedule), so J(w_k) - J* <= L ||w0 - w*||^2 / (2 A_k). */
  A: number;
}

/**
 * Nesterov's accelerated gradient in d'Aspremont et al.'s three-sequence form.
 *
 * y^(k) = w^(k) + tau_k (z^(k) - w^(k));  w^(k+1) = y^(k) - alpha_k grad J(y^(k));  z^(k+1) = z^(k) - gamma_k grad J(y^(k))
 * (Lecture 9, slide 24; d'Aspremont, Scieur & Taylor 2021). Starts with z^(0) = w^(0).
 *
 * @example
 * // convex schedule, L = 1: A_1 = 1, A_2 = (1 + sqrt 5)/2 + 1 = 2.618..., A_10 = 35.3087...
 * const nag = nesterovAspremont({ kind: 'convex', L: 1 });
 */
export function nesterovAspremont(schedule: AspremontSchedule): Optimizer<AspremontState> {
  const params: Record<string, number | string> = { schedule: schedule.kind, ...schedule };
  delete params.kind;
  // The constant schedule is linear: state (w, z), y = (1 - tau) w + tau z, w+ = y - alpha u, z+ = z - gamma u.
  const linear = schedule.kind === 'constant'
    ? { A: [[1 - schedule.tau, schedule.tau], [0, 1]], B: [-schedule.alpha, -schedule.gamma], C: [1 - schedule.tau, schedule.tau], D: 0, state: ['w', 'z'], start: { w: [1, 1] } }
    : undefined;
  return {
    name: 'nag-aspremont',
    params,
    ...(linear ? { linear } : {}),
    init(_problem: Problem, w0: Float64Array): AspremontState {
      const n = w0.length;
      return { k: 0, w: Float64Array.from(w0), z: Float64Array.from(w0), y: new Float64Array(n), g: new Float64Array(n), A: 0 };
    },
    step(state: AspremontState, problem: Problem): void {
      const { w, z, y, g } = state;
      const n = w.length;
      let tau: number, alpha: number, gamma: number, pull = 0;
      if (schedule.kind === 'constant') {
        ({ tau, alpha, gamma } = schedule);
      } else if (schedule.kind === 'convex') {
        const A = state.A;
        const a = (1 + Math.sqrt(4 * A + 1)) / 2;
        state.A = A + a;
        tau = a / state.A;
        alpha = 1 / schedule.L;
        gamma = a / schedule.L;
      } else {
        const { mu, L } = schedule;
        const q = mu / L;
        const A = state.A;
        let delta: number;
        if (A === 0) { // A_1 = 1/(1 - q), tau_0 = 1, delta_0 = A_1/(1 + q A_1)
          state.A = 1 / (1 - q);
          tau = 1;
          delta = state.A / (1 + q * state.A);
        } else {
          // The formulas above divided through by A A_(k+1), with r = A_k / A_(k+1): A_k grows like (1 - sqrt q)^-k and
          // overflows after a few thousand steps; tau_k and delta_k stay finite (-> sqrt q/(1 + sqrt q), 1/sqrt q).
          const iA = 1 / A;
          const r = (2 * (1 - q)) / (2 + iA + Math.sqrt(4 * q + iA * (4 + iA)));
          tau = ((1 - r) * (iA + q)) / (iA + 2 * q - q * r);
          delta = (1 - r) / (r * iA + q);
          state.A = A / r;
        }
        alpha = 1 / L;
        gamma = delta / L;
        pull = q * delta;
      }
      for (let i = 0; i < n; i++) y[i] = w[i] + tau * (z[i] - w[i]);
      problem.grad(y, g);
      for (let i = 0; i < n; i++) {
        w[i] = y[i] - alpha * g[i];
        z[i] = z[i] + pull * (y[i] - z[i]) - gamma * g[i];
      }
      state.k++;
    },
  };
}

const num = (v: Values[string]): number | undefined => (typeof v === 'number' ? v : undefined);

export const nesterovAspremontDefinition: MethodDefinition = {
  name: 'nag-aspremont', description: "Nesterov's method in d'Aspremont's form with Nesterov's schedules or constant parameters",
  equation: 'y = w + tau_k (z - w); w+ = y - alpha_k grad J(y); z+ = z - gamma_k grad J(y)',
  params: [
    { name: 'schedule', kind: 'string', default: 'convex', choices: ['convex', 'strongly-convex', 'constant'], description: "Nesterov's convex schedule (A_k), the strongly convex one, or constant alpha, tau, gamma" },
    curvatureParam('L'), { ...curvatureParam('mu'), description: "strong convexity (> 0, < L) for schedule=strongly-convex; default the problem's mu" },
    { ...rateParam(), derivedDefault: undefined, description: 'constant schedule: alpha (> 0); default 1/L' },
    { name: 'tau', description: 'constant schedule: tau in (0, 1]; default 2 sqrt q/(1 + sqrt q), q = mu/L (= nag with beta = 1 - tau)', min: 0, max: 1, minExclusive: true },
    { name: 'gamma', description: 'constant schedule: gamma (> 0); default alpha/tau', min: 0, minExclusive: true },
  ],
  linear: false, // Nesterov's schedules are not constant; schedule=constant declares a linear form
  build: (p, context) => {
    const schedule = p.schedule as 'convex' | 'strongly-convex' | 'constant';
    if (schedule !== 'constant') {
      for (const key of ['alpha', 'tau', 'gamma']) {
        if (p[key] !== undefined) throw new ParameterError(`nag-aspremont.${key}`, p[key], `no value unless schedule=constant (schedule=${schedule} sets it)`);
      }
    }
    if (schedule === 'convex') {
      const L = num(p.L) ?? context?.L;
      if (L === undefined) throw new ParameterError('nag-aspremont.L', undefined, 'a number > 0 (the problem does not know L)');
      if (p.mu !== undefined) throw new ParameterError('nag-aspremont.mu', p.mu, 'no value unless schedule=strongly-convex or constant');
      return nesterovAspremont({ kind: 'convex', L });
    }
    if (schedule === 'strongly-convex') {
      const { mu, L } = requireMuL('nag-aspremont', context, num(p.mu), num(p.L));
      return nesterovAspremont({ kind: 'strongly-convex', mu, L });
    }
    const alpha = num(p.alpha) ?? defaultRate(context);
    let tau = num(p.tau);
    if (tau === undefined) {
      const { mu, L } = requireMuL('nag-aspremont', context, num(p.mu), num(p.L), ['tau', 'default']);
      const sq = Math.sqrt(mu / L);
      tau = (2 * sq) / (1 + sq);
    }
    return nesterovAspremont({ kind: 'constant', alpha, tau, gamma: num(p.gamma) ?? alpha / tau });
  },
};
