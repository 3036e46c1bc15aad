import { ParameterError, checkNumber } from '../errors.js';
import { methodDefinition } from '../methods/registry.js';
import { parseSpec } from '../spec.js';
import { nqmStepsEstimate, nqmStepsToTarget } from './nqm-loss.js';
import { nqmModel } from './nqm-model.js';
import { type NqmPreconditionOption, checkPrecondition } from './nqm-precondition.js';
import { type NqmSetup, checkBatch, nqmBins } from './nqm-setup.js';

/** n points log-spaced from 10^a to 10^b (numpy.logspace). */
export function logspace10(a: number, b: number, n: number): number[] {
  checkNumber('n', n, { min: 1, max: 1e7, integer: true });
  checkNumber('a', a, { min: -300, max: 300 });
  checkNumber('b', b, { min: -300, max: 300 });
  return Array.from({ length: n }, (_, i) => 10 ** (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
}

/** The notebook's grids (gd-zhang/noisy-quadratic-model): SGD alpha = logspace10(-5, 0.5, 100); momentum alpha = logspace10(-8, 1, 100) x beta = 1 - logspace10(-5, 0, 20). */
export function nqmNotebookGrid(momentum: boolean): { alphas: number[]; betas: number[] | null } {
  return momentum ? { alphas: logspace10(-8, 1, 100), betas: logspace10(-5, 0, 20).map((x) => 1 - x) } : { alphas: logspace10(-5, 0.5, 100), betas: null };
}

/** A tuned point of a method at one batch size. */
export interface NqmTuned {
  method: string;
  batch: number;
  /** Exact steps to target at the chosen parameters on the given setup (null: no grid point reaches it). */
  steps: number | null;
  alpha: number | null;
  beta: number | null;
  /** alpha / (1 - beta) (alpha without momentum). */
  effectiveLearningRate: number | null;
  /** Steps at the chosen point on the binned setup the grid was searched on (equal to steps when not binned). */
  searchSteps: number | null;
  /** Grid points evaluated (each an exact, pruned search). */
  evaluated: number;
}

/** The names of a method's learning-rate and momentum parameters (the rate parameter, then 'beta' or 'momentum'). */
export function nqmParameterNames(method: string): { rate: string; momentum: string | null } {
  const params = methodDefinition(method).params;
  const rate = params.find((p) => p.derivedDefault === 'rate')?.name;
  if (!rate) throw new ParameterError('method', method, 'a method with a learning-rate parameter');
  const momentum = params.find((p) => p.name === 'beta' || p.name === 'momentum')?.name ?? null;
  return { rate, momentum };
}

/**
 * Tune a linear method's constant (alpha, beta) for the fewest exact steps to `target` at batch size `batch`.
 * Each point's steps come from the exact `nqmStepsToTarget`; unstable points are skipped. Two searches of the same grid
 * (the notebook's, or `grid`; alphas ascending):
 * - `search: 'grid'`: every grid point, each with maxSteps = (best so far) - 1, so a point is dropped only when it
 *   provably does not beat the best.
 * - `search: 'local'` (the default, about 10x faster): per beta row, a descent over the alpha indices from a warm start
 *   (the best effective learning rate alpha / (1 - beta) so far, or `start`): a point that never reaches the target
 *   (noise floor above it, or unstable) moves the search to smaller alphas, one that needs more than 10^9 steps to
 *   larger ones, galloping; from the first point that reaches the target it moves to a neighbour only if that neighbour
 *   needs strictly fewer steps (neighbours searched with maxSteps = center - 1), and stops when the neighbours at
 *   distance 1 and 2 on both sides do not improve. Every beta row is searched. It assumes steps(alpha) has no second
 *   valley deeper than the first within a row; on the paper's setup it returns the full grid's steps at every one of
 *   the 20 batch sizes 2^0..2^19 for SGD and heavy ball (test/theory/nqm.test.ts checks a few).
 * Then a local refinement (9 alphas log-spaced between the best point's grid neighbours x 5 betas with 1 - beta
 * log-spaced between its neighbours), all with the pruned exact search. On the same directions this is at least as good
 * as the notebook's search, whose grid it contains and whose bisection can only overestimate the first crossing. Setups
 * with more than 2000 directions are searched on `nqmBins(setup)` (when `bins` is true, the default) and the chosen
 * point's steps are then computed exactly on the full setup. `start` lists points tried first (e.g. the previous batch
 * size's optimum). `fixed` pins parameters (e.g. { beta: 0 }). Other parameters of `method` (a spec like 'nag' or
 * 'torch-sgd:nesterov=true') keep their spec values. `precondition: p` tunes the method preconditioned by H^-p (same grids).
 *
 * @example
 * nqmTune('gd', nqmSetup({ dim: 100 }), 64, 0.01).alpha; // the best learning rate of the grid (refined)
 * nqmTune('gd', nqmSetup({ dim: 100 }), 64, 0.01, { precondition: 0.5 }).steps; // preconditioned SGD: fewer steps
 */
export function nqmTune(method: string, setup: NqmSetup, batch: number, target: number, {
  grid, bins = true, start = [], fixed = {}, search: mode = 'local', precondition = 0,
}: {
  grid?: { alphas: number[]; betas: number[] | null }; bins?: boolean | NqmSetup; start?: { alpha: number; beta: number | null }[];
  fixed?: { beta?: number }; search?: 'grid' | 'local';
} & NqmPreconditionOption = {}): NqmTuned {
  checkBatch(batch);
  checkNumber('target', target, { min: 0, minExclusive: true });
  checkPrecondition(precondition);
  if (mode !== 'grid' && mode !== 'local') throw new ParameterError('search', mode, "'grid' or 'local'");
  const spec = parseSpec(method, 'method');
  const names = nqmParameterNames(spec.name);
  const g = grid ?? nqmNotebookGrid(names.momentum !== null && fixed.beta === undefined);
  const betas = fixed.beta !== undefined ? [fixed.beta] : names.momentum ? g.betas ?? [0] : [null];
  // `bins` may also be a binned setup computed once by the caller (nqmBatchCurve reuses it across batch sizes).
  const search = typeof bins === 'object' ? bins : bins && setup.h.length > 2000 ? nqmBins(setup) : setup;
  const specOf = (alpha: number, beta: number | null): string => {
    const extra = Object.entries(spec.params).filter(([k]) => k !== names.rate && k !== names.momentum).map(([k, v]) => `${k}=${v}`);
    return `${spec.name}:${[`${names.rate}=${alpha}`, ...(beta !== null && names.momentum ? [`${names.momentum}=${beta}`] : []), ...extra].join(',')}`;
  };
  let best: { steps: number; alpha: number; beta: number | null } | null = null;
  let evaluated = 0;
  // Per point: the exact steps once known, else the largest cap it was proven to exceed; 'low' / 'high' when it
  // needs more than 10^9 steps (alpha too small) or never reaches the target / is unstable (alpha too large).
  type Result = { steps: number } | { above: number } | { hint: 'low' | 'high' };
  const cache = new Map<string, Result>();
  const NATURAL = 1e9;
  let certify = mode === 'grid';
  const evaluate = (alpha: number, beta: number | null, cap = NATURAL): Result => {
    cap = Math.max(0, cap);
    const key = `${certify ? 'c' : 'e'}${alpha},${beta}`;
    const prev = cache.get(key);
    if (prev && ('steps' in prev || 'hint' in prev || prev.above >= cap)) return prev;
    let model;
    try { model = nqmModel(specOf(alpha, beta), search, batch, { precondition }); } catch (e) { if (e instanceof ParameterError) { cache.set(key, { hint: 'high' }); return { hint: 'high' }; } throw e; }
    if (!model.stable) { cache.set(key, { hint: 'high' }); return { hint: 'high' }; }
    evaluated++;
    let out: Result;
    let r: { steps: number | null };
    if (!certify) {
      // The fast bisection estimate: its cost does not grow with the steps; the chosen point is certified below.
      const e = nqmStepsEstimate(model, target);
      r = e;
      out = e.steps !== null ? { steps: e.steps } : { hint: e.floorAbove ? 'high' : 'low' };
    } else {
      const limit = cap;
      const x = nqmStepsToTarget(model, search, batch, target, { maxSteps: limit });
      r = x;
      if (x.steps !== null) out = { steps: x.steps };
      else if (x.status === 'never' || x.status === 'unstable') out = { hint: 'high' };
      else out = limit >= NATURAL ? { hint: 'low' } : { above: limit };
    }
    cache.set(key, out);
    if (r.steps !== null && (!best || r.steps < best.steps)) best = { steps: r.steps, alpha, beta };
    return out;
  };
  const bestCap = (): number => { const b = best as { steps: number } | null; return b ? b.steps - 1 : NATURAL; };
  const value = (r: Result): number => ('steps' in r ? r.steps : Infinity);
  for (const p of start) evaluate(p.alpha, names.momentum ? p.beta : null);
  if (mode === 'grid') {
    for (const beta of betas) for (const alpha of g.alphas) evaluate(alpha, beta, bestCap());
  } else {
    const n = g.alphas.length;
    const effective = (): number | null => {
      const b = best as { alpha: number; beta: number | null } | null;
      return b ? b.alpha / (1 - (b.beta ?? 0)) : null;
    };
    // Rows nearest the warm start's beta first, so that its effective learning rate seeds the others.
    const b0 = (best as { beta: number | null } | null)?.beta ?? null;
    const rows = betas.map((beta, i) => ({ beta, i })).sort((x, y) => (b0 === null || x.beta === null || y.beta === null ? x.i - y.i
      : Math.abs(Math.log(1 - x.beta + 1e-300) - Math.log(1 - b0 + 1e-300)) - Math.abs(Math.log(1 - y.beta + 1e-300) - Math.log(1 - b0 + 1e-300))));
    for (const { beta } of rows) {
      const eff = effective();
      let c = eff === null ? Math.floor(n / 2) : nearestLogIndex(g.alphas, eff * (1 - (beta ?? 0)));
      // Find a point of the row that reaches the target: gallop towards it by the hints, then bisect the bracket.
      let lo = -1, hi = n, stride = 1, found = false;
      for (;;) {
        const r = evaluate(g.alphas[c], beta);
        if ('steps' in r) { found = true; break; }
        if ('hint' in r && r.hint === 'low') lo = c; else hi = c;
        if (hi - lo <= 1) break;
        if (lo >= 0 && hi < n) c = lo + Math.floor((hi - lo) / 2);
        else c = hi === n ? Math.min(n - 1, c + stride) : Math.max(0, c - stride);
        stride *= 2;
      }
      if (!found) continue;
      // Descent: move to a neighbour (distance 1, then 2) only when it needs strictly fewer steps.
      let fc = value(evaluate(g.alphas[c], beta));
      let dir = 1;
      for (;;) {
        let moved = false;
        for (const d of [dir, -dir, 2 * dir, -2 * dir]) {
          const j = c + d;
          if (j < 0 || j >= n) continue;
          const f = value(evaluate(g.alphas[j], beta, fc - 1));
          if (f < fc) { c = j; fc = f; dir = Math.sign(d); moved = true; break; }
        }
        if (!moved) break;
      }
    }
  }
  if (best && !certify) {
    // The local phase compared bisection estimates; certify its choice, then refine with the certified search.
    const b = best as { steps: number; alpha: number; beta: number | null };
    certify = true;
    best = null;
    evaluate(b.alpha, b.beta);
  }
  if (best) {
    const b0 = best as { steps: number; alpha: number; beta: number | null };
    const ia = nearestIndex(g.alphas, b0.alpha);
    const aLo = g.alphas[Math.max(0, ia - 1)], aHi = g.alphas[Math.min(g.alphas.length - 1, ia + 1)];
    const alphas = logspace10(Math.log10(aLo), Math.log10(aHi), 9);
    let localBetas: (number | null)[] = [b0.beta];
    if (b0.beta !== null && betas.length > 1) {
      const bs = betas as number[];
      const ib = nearestIndex(bs, b0.beta);
      const gaps = [bs[Math.max(0, ib - 1)], bs[Math.min(bs.length - 1, ib + 1)]].map((b) => Math.max(1e-12, 1 - b));
      localBetas = logspace10(Math.log10(Math.min(...gaps)), Math.log10(Math.max(...gaps)), 5).map((x) => 1 - x).filter((b) => b >= 0);
    }
    for (const beta of localBetas) for (const alpha of alphas) evaluate(alpha, beta, bestCap());
  }
  const chosen = best as { steps: number; alpha: number; beta: number | null } | null;
  if (!chosen) return { method, batch, steps: null, alpha: null, beta: null, effectiveLearningRate: null, searchSteps: null, evaluated };
  const certified = chosen.steps;
  const steps = search === setup ? certified : nqmStepsToTarget(specOf(chosen.alpha, chosen.beta), setup, batch, target, { precondition }).steps;
  return {
    method, batch, steps, alpha: chosen.alpha, beta: chosen.beta,
    effectiveLearningRate: chosen.alpha / (1 - (chosen.beta ?? 0)), searchSteps: certified, evaluated,
  };
}

/** The index of the grid value nearest to x on a log scale (grid ascending, positive). */
function nearestLogIndex(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(Math.log(xs[i] / x)) < Math.abs(Math.log(xs[best] / x))) best = i;
  return best;
}

function nearestIndex(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return best;
}

/**
 * The tuned steps-to-target curve of a method over batch sizes (each batch size warm-started from the previous optimum);
 * options as `nqmTune`'s, e.g. `{ precondition: 0.5 }` for the curve of SGD preconditioned by H^-1/2.
 *
 * @example
 * nqmBatchCurve('hb', nqmSetup(), [4, 64, 1024], 0.01).map((r) => r.steps);
 */
export function nqmBatchCurve(method: string, setup: NqmSetup, batches: readonly number[], target: number,
  options: Parameters<typeof nqmTune>[4] = {}): NqmTuned[] {
  const rows: NqmTuned[] = [];
  batches.forEach((b, i) => checkBatch(b, `batch[${i}]`));
  const bins = options.bins === false ? false : typeof options.bins === 'object' ? options.bins : setup.h.length > 2000 ? nqmBins(setup) : setup;
  for (const b of batches) {
    const prev = rows[rows.length - 1];
    const start = prev?.alpha != null ? [{ alpha: prev.alpha, beta: prev.beta }] : [];
    rows.push(nqmTune(method, setup, b, target, { ...options, bins, start: [...start, ...(options.start ?? [])] }));
  }
  return rows;
}

/**
 * The critical batch size, where perfect scaling (steps proportional to 1/B, i.e. examples B * steps constant) ends:
 * with E(B) = B steps(B) and E_min the smallest E over the batch sizes up to B, `batch` is the largest batch size of
 * the (ascending) curve before the first one with E(B) > factor * E_min (McCandlish et al. 2018 use factor 2: at the
 * critical batch, training needs twice the minimal number of examples), and `interpolated` the batch size where
 * log E crosses log(factor E_min), linear in log B between the two neighbours (null when it never crosses).
 *
 * @example
 * nqmCriticalBatch([{ batch: 1, steps: 100 }, { batch: 2, steps: 50 }, { batch: 4, steps: 50 }]);
 * // returns { batch: 2, interpolated: 2.8284271247461903, factor: 2, minExamples: 100 }
 */
export function nqmCriticalBatch(curve: readonly { batch: number; steps: number | null }[], { factor = 2 }: { factor?: number } = {}):
  { batch: number | null; interpolated: number | null; factor: number; minExamples: number | null } {
  checkNumber('factor', factor, { min: 1, minExclusive: true });
  const pts = curve.filter((r) => r.steps !== null && r.steps > 0).map((r) => ({ b: r.batch, e: r.batch * (r.steps as number) })).sort((x, y) => x.b - y.b);
  if (pts.length === 0) return { batch: null, interpolated: null, factor, minExamples: null };
  let emin = pts[0].e;
  for (let i = 1; i < pts.length; i++) {
    if (pts[i].e > factor * emin) {
      const [x0, x1] = [Math.log(pts[i - 1].b), Math.log(pts[i].b)], [y0, y1] = [Math.log(pts[i - 1].e), Math.log(pts[i].e)];
      const y = Math.log(factor * emin);
      const x = y1 === y0 ? x0 : x0 + ((x1 - x0) * (y - y0)) / (y1 - y0);
      return { batch: pts[i - 1].b, interpolated: Math.exp(Math.min(x1, Math.max(x0, x))), factor, minExamples: emin };
    }
    emin = Math.min(emin, pts[i].e);
  }
  return { batch: pts[pts.length - 1].b, interpolated: null, factor, minExamples: emin };
}

/**
 * Lower bounds on the steps any method needs at batch size B (it sees k B examples in k steps). One example's gradient
 * noise in direction i has variance c_i, so it is an unbiased observation of w*_i with variance c_i / h_i^2.
 * - `notebook`: without prior knowledge the best unbiased estimate from N examples has loss sum_i c_i / (2 h_i N), so
 *   loss <= target needs N >= sum_i c_i / h_i / (2 target): steps >= sum_i (c_i / h_i) / (2 target B), the notebook's
 *   D / (2 C B) for c = h (D = dim, C = target). Not rigorous for a method starting from w0 (it knows the prior).
 * - `bayes`: with the prior w*_i - w0_i ~ N(0, s_i) the posterior variance is 1 / (1/s_i + N h_i^2 / c_i); the smallest
 *   k with 1/2 sum_i h_i / (1/s_i + k B h_i^2 / c_i) <= target (0 if the initial loss is already below). Rigorous.
 *
 * @example
 * nqmLowerBound(nqmSetup(), 4, 0.01).notebook; // returns 125000
 */
export function nqmLowerBound(setup: NqmSetup, batch: number, target: number): { notebook: number; bayes: number | null } {
  checkBatch(batch);
  checkNumber('target', target, { min: 0, minExclusive: true });
  let ratio = 0;
  for (let i = 0; i < setup.h.length; i++) ratio += setup.count[i] * setup.c[i] / setup.h[i];
  const loss = (N: number): number => {
    let L = 0;
    for (let i = 0; i < setup.h.length; i++) {
      const prec = (setup.s[i] > 0 ? 1 / setup.s[i] : Infinity) + (setup.c[i] > 0 ? (N * setup.h[i] ** 2) / setup.c[i] : Infinity);
      L += (0.5 * setup.count[i] * setup.h[i]) / prec;
    }
    return L;
  };
  let bayes: number | null = null;
  if (loss(0) <= target) bayes = 0;
  else {
    let hi = 1;
    while (hi < 2 ** 52 && loss(hi * batch) > target) hi *= 2;
    if (loss(hi * batch) <= target) {
      let lo = hi / 2;
      if (hi === 1) lo = 0;
      while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (loss(mid * batch) > target) lo = mid; else hi = mid; }
      bayes = hi;
    }
  }
  return { notebook: ratio / (2 * target * batch), bayes };
}
