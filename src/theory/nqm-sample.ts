import { checkNumber } from '../errors.js';
import { createRng } from '../linalg/rng.js';
import { createMethod } from '../methods/registry.js';
import { type NqmPreconditionOption, checkPrecondition } from './nqm-precondition.js';
import { type NqmSetup, checkBatch } from './nqm-setup.js';

/** The problem type the methods' init/step take (theory does not import src/problems). */
type Problem = Parameters<ReturnType<typeof createMethod>['init']>[0];

/**
 * The NQM as a stochastic Problem: J(w) = 1/2 sum_i h_i w_i^2 and grad = h w + eps, eps_i ~ N(0, c_i / B) drawn from a
 * seeded generator (one direction per entry of the setup; bins are not expanded). With `precondition: p` the oracle
 * returns the preconditioned gradient H^-p (h w + eps) (a method run on it is the method preconditioned by H^-p).
 */
export function nqmProblem(setup: NqmSetup, batch: number, seed = 1, { precondition = 0 }: NqmPreconditionOption = {}): Problem {
  checkBatch(batch);
  const p = checkPrecondition(precondition);
  const { h, c } = setup;
  const n = h.length;
  const rng = createRng(seed);
  const sd = Float64Array.from(c, (ci) => Math.sqrt(ci / batch));
  const P = Float64Array.from(h, (hi) => (p === 0 ? 1 : hi ** -p));
  return {
    name: 'nqm', label: `noisy quadratic model, ${n} directions, batch ${batch}${p === 0 ? '' : `, preconditioned by H^-${p}`}`, dim: n, x0: new Float64Array(n),
    value: (w) => { let s = 0; for (let i = 0; i < n; i++) s += 0.5 * h[i] * w[i] * w[i]; return s; },
    grad: (w, out) => { for (let i = 0; i < n; i++) out[i] = P[i] * (h[i] * w[i] + sd[i] * rng.normal()); return out; },
  } as Problem;
}

/**
 * One sampled run of a method's real step() on the NQM (its gradients preconditioned by H^-p with `precondition: p`):
 * w0_i ~ N(0, s_i) and the gradient noise from seeded generators; returns the loss J(w_k) at k = 0..steps (every `every`-th step).
 *
 * @example
 * nqmSampledRun('gd:alpha=0.5', nqmSetup({ dim: 10 }), 4, 100, { seed: 3 }).loss.length; // returns 101
 */
export function nqmSampledRun(method: string, setup: NqmSetup, batch: number, steps: number,
  { seed = 1, every = 1, precondition = 0 }: { seed?: number; every?: number } & NqmPreconditionOption = {}): { k: number[]; loss: number[] } {
  checkNumber('steps', steps, { min: 0, max: 1e8, integer: true });
  checkNumber('every', every, { min: 1, integer: true });
  const problem = nqmProblem(setup, batch, seed, { precondition });
  const start = createRng(seed + 1_000_003);
  const w0 = Float64Array.from(setup.s, (s) => Math.sqrt(s) * start.normal());
  const m = createMethod(method);
  const state = m.init(problem, w0);
  const k: number[] = [0], loss: number[] = [problem.value(state.w)];
  for (let t = 1; t <= steps; t++) {
    m.step(state, problem);
    if (t % every === 0 || t === steps) { k.push(t); loss.push(problem.value(state.w)); }
  }
  return { k, loss };
}
