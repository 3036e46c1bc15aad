import { ParameterError, checkNumber } from '../errors.js';
import { type NqmMethod, type NqmModel, advanceCursor, blockLowerBound, cursorLoss, nqmCursor, nqmModel } from './nqm-model.js';
import { type NqmPreconditionOption, checkPrecondition } from './nqm-precondition.js';
import type { NqmSetup } from './nqm-setup.js';

/** The expected loss E J(w_k) = 1/2 sum_i h_i E w_k,i^2, split into its noise-free part and the noise part. */
export interface NqmLoss {
  k: number;
  loss: number;
  /** The loss of the same method without noise (R^k s v v^T R^kT). */
  deterministic: number;
  /** loss - deterministic: the start's gradient noise carried by R^k plus the noise accumulated over k steps. */
  noise: number;
}

/** The model of `method` (compiled here, or given: then `precondition`, if given, must be the one it was compiled with). */
function modelOf(method: NqmMethod | NqmModel, setup: NqmSetup, batch: number, precondition: number | undefined): NqmModel {
  if (typeof method === 'object' && 'directions' in method) {
    const own = method.precondition ?? 0;
    if (precondition !== undefined && checkPrecondition(precondition) !== own) {
      throw new ParameterError('precondition', precondition, `${own}, the power the given model was compiled with (or omit it)`);
    }
    return method;
  }
  return nqmModel(method, setup, batch, { precondition });
}

/**
 * The exact expected loss of `method` on the NQM after each step count in `ks` (ascending or not), in O(size n^3 log k)
 * per k (z = e^T R^k by repeated squaring per direction; rho >= 1 handled by doubling). `precondition: p` preconditions
 * the method's gradients by H^-p (`nqmPreconditionDirection`).
 *
 * @example
 * nqmExpectedLoss('gd:alpha=0.5', nqmSetup({ h: [1], c: 1, s: 1 }), 1, [0, 1]).map((r) => r.loss);
 * // returns [0.5, 0.25]  (E w1^2 = 0.25 s + 0.25 c/B)
 * nqmExpectedLoss('gd:alpha=0.5', nqmSetup({ h: [0.25] }), 2, [1], { precondition: 0.5 })[0].loss;
 * // returns 0.0859375  (h' = 0.5, c' = 1: E w1^2 = 0.75^2 + 0.25 * 1/2, times h/2 = 0.125)
 */
export function nqmExpectedLoss(method: NqmMethod | NqmModel, setup: NqmSetup, batch: number, ks: readonly number[],
  { precondition }: NqmPreconditionOption = {}): NqmLoss[] {
  const model = modelOf(method, setup, batch, precondition);
  ks.forEach((k, i) => checkNumber(`ks[${i}]`, k, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }));
  const order = ks.map((k, i) => ({ k, i })).sort((a, b) => a.k - b.k);
  const out: NqmLoss[] = new Array(ks.length);
  const cursor = nqmCursor(model);
  for (const { k, i } of order) {
    if (k > cursor.k) advanceCursor(model, cursor, k - cursor.k);
    out[i] = { k, ...finite(cursorLoss(cursor)) };
  }
  return out;
}

function finite(x: { loss: number; deterministic: number; noise: number }): { loss: number; deterministic: number; noise: number } {
  // An unstable method's loss may overflow: report the largest finite double instead of Infinity/NaN.
  const f = (v: number): number => (Number.isNaN(v) ? Number.MAX_VALUE : Math.min(v, Number.MAX_VALUE));
  return { loss: f(x.loss), deterministic: f(x.deterministic), noise: f(x.noise) };
}

/** The steady-state risk lim E J(w_k) = 1/2 sum_i h_i sigma_i^2 U_i[0][0], or null with status 'unstable' when some rho(R(h_i)) >= 1. */
export interface NqmSteadyState {
  risk: number | null;
  status: 'stable' | 'unstable';
}

/**
 * The steady-state risk of a method on the NQM (independent of the start).
 *
 * @example
 * nqmSteadyStateRisk('gd:alpha=0.5', nqmSetup({ h: [1], c: 1 }), 1); // returns { risk: 0.16666666666666666, status: 'stable' }
 * nqmSteadyStateRisk('gd:alpha=2.5', nqmSetup({ h: [1], c: 1 }), 1); // returns { risk: null, status: 'unstable' }
 * nqmSteadyStateRisk('gd:alpha=0.5', nqmSetup({ h: [0.25] }), 2, { precondition: 0.5 }).risk; // returns 0.03571428571428571  (1/28)
 */
export function nqmSteadyStateRisk(method: NqmMethod | NqmModel, setup: NqmSetup, batch: number,
  { precondition }: NqmPreconditionOption = {}): NqmSteadyState {
  const model = modelOf(method, setup, batch, precondition);
  if (!model.stable) return { risk: null, status: 'unstable' };
  let risk = 0;
  model.directions.forEach((d, i) => { risk += model.weight[i] * d.sigma2 * d.unitSteady![0]; });
  return { risk, status: 'stable' };
}

/** The result of the exact search for the first step with expected loss <= target. */
export interface NqmStepsResult {
  /** The first k with E J(w_k) <= target, null when there is none within maxSteps (see status). */
  steps: number | null;
  /**
   * 'reached'; 'reached-at-start' (the initial loss is already <= target: steps = 0); 'never' (certified: the lower
   * bound exceeds the target for every later step, e.g. the noise floor is above it); 'max-steps' (not reached within
   * maxSteps); 'unstable' (not reached within maxSteps by a method with some rho >= 1, whose loss grows without bound).
   */
  status: 'reached' | 'reached-at-start' | 'never' | 'max-steps' | 'unstable';
  /** The loss at `steps` (or at the last step examined). */
  loss: number;
  /** Number of exact loss evaluations the search made. */
  evaluations: number;
}

/**
 * The first step k with expected loss <= target, found exactly although the loss need not be monotone: a scan with
 * certified jumps. At a step a with L(a) > target, `blockLowerBound` gives a lower bound LB(delta) of L on
 * [a, a + delta] that decreases in delta; the largest delta with LB(delta) > target (bisection over integers) is
 * skipped, L is evaluated exactly at a + delta + 1 (cursor advanced by repeated squaring), and so on. The scan stops
 * with 'never' as soon as LB(infinity) > target (for instance once the accumulated noise alone exceeds the target).
 * Every step it skips is proven to have L > target, so the answer is the first crossing, not a bisection's guess.
 * `precondition: p` preconditions the method's gradients by H^-p.
 *
 * @example
 * nqmStepsToTarget('gd:alpha=1', nqmSetup({ h: [1, 0.5], c: 0 }), 1, 0.01).steps; // returns 3  (L_k = 0.25 (1/4)^k)
 */
export function nqmStepsToTarget(method: NqmMethod | NqmModel, setup: NqmSetup, batch: number, target: number,
  { maxSteps = 1e9, maxEvaluations = 1e6, precondition }: { maxSteps?: number; maxEvaluations?: number } & NqmPreconditionOption = {}): NqmStepsResult {
  checkNumber('target', target, { min: 0, minExclusive: true });
  checkNumber('maxSteps', maxSteps, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
  const model = modelOf(method, setup, batch, precondition);
  const cursor = nqmCursor(model);
  let evaluations = 1;
  let L = cursorLoss(cursor).loss;
  if (L <= target) return { steps: 0, status: 'reached-at-start', loss: L, evaluations };
  const fail = model.stable ? 'max-steps' : 'unstable';
  let guess = 1;
  while (evaluations < maxEvaluations) {
    if (blockLowerBound(model, cursor, Number.MAX_SAFE_INTEGER) > target) return { steps: null, status: 'never', loss: finite({ loss: L, deterministic: 0, noise: 0 }).loss, evaluations };
    // A large delta with LB(delta) > target (LB(0) = L(a) > target): from the previous jump, double up or halve down
    // to bracket [lo, hi] with LB(lo) > target >= LB(hi), then bisect to 1/8 of lo (any such delta is certified).
    let lo = 0, hi = 0;
    const ok = (delta: number): boolean => blockLowerBound(model, cursor, delta) > target;
    if (ok(guess)) { lo = guess; hi = 2 * guess; while (ok(hi)) { lo = hi; hi *= 2; } }
    else { hi = guess; while (hi > 1 && !ok(Math.floor(hi / 2))) hi = Math.floor(hi / 2); lo = hi > 1 ? Math.floor(hi / 2) : 0; }
    while (hi - lo > Math.max(1, lo / 8)) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (ok(mid)) lo = mid; else hi = mid;
    }
    guess = Math.max(1, lo);
    const next = cursor.k + lo + 1;
    if (next > maxSteps) return { steps: null, status: fail, loss: finite({ loss: L, deterministic: 0, noise: 0 }).loss, evaluations };
    advanceCursor(model, cursor, lo + 1);
    evaluations++;
    L = cursorLoss(cursor).loss;
    if (L <= target) return { steps: cursor.k, status: 'reached', loss: L, evaluations };
  }
  return { steps: null, status: fail, loss: finite({ loss: L, deterministic: 0, noise: 0 }).loss, evaluations };
}

/**
 * A fast estimate of the steps to target, the notebook's way: double k until E J(w_k) <= target, then bisect between
 * the last two powers of two on the exact loss (about 2 log2 k exact evaluations, whatever k is). Equal to the exact
 * first crossing when the loss is monotone; otherwise it may overestimate it (a dip below the target before the
 * bracket is missed). Used by `nqmTune`'s local search to compare grid points; the chosen point's steps are then
 * computed by the certified `nqmStepsToTarget`. 'never' is certified (the lower bound of every later step exceeds the
 * target); 'max-steps' when 2^30 > maxSteps steps do not reach it, with `floorAbove` telling whether the steady-state
 * risk is at or above the target (the noise floor: a smaller learning rate may help) or below (a larger one may).
 */
export function nqmStepsEstimate(model: NqmModel, target: number, { maxSteps = 1e9 }: { maxSteps?: number } = {}):
  { steps: number | null; status: 'reached' | 'reached-at-start' | 'never' | 'max-steps'; floorAbove: boolean } {
  let risk = 0;
  if (model.stable) model.directions.forEach((d, i) => { risk += model.weight[i] * d.sigma2 * d.unitSteady![0]; });
  const floorAbove = !model.stable || risk >= target;
  const cursor = nqmCursor(model);
  if (cursorLoss(cursor).loss <= target) return { steps: 0, status: 'reached-at-start', floorAbove };
  let lo = 0;
  for (;;) {
    if (blockLowerBound(model, cursor, Number.MAX_SAFE_INTEGER) > target) return { steps: null, status: 'never', floorAbove: true };
    const next = Math.max(1, 2 * cursor.k);
    if (next > maxSteps) return { steps: null, status: 'max-steps', floorAbove };
    lo = cursor.k;
    advanceCursor(model, cursor, next - cursor.k);
    if (cursorLoss(cursor).loss <= target) break;
  }
  let hi = cursor.k;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const c = nqmCursor(model);
    advanceCursor(model, c, mid);
    if (cursorLoss(c).loss <= target) hi = mid; else lo = mid;
  }
  return { steps: hi, status: 'reached', floorAbove };
}
