import { ParameterError, checkNumber } from '../errors.js';

/** Largest number of directions (sum of counts) an NQM setup may have. */
export const NQM_MAX_DIM = 1_000_000;

/**
 * A noisy quadratic model (Zhang et al. 2019, "Which Algorithmic Choices Matter at Which Batch Sizes?", NeurIPS):
 * J(w) = 1/2 sum_i h_i w_i^2 (minimum 0 at w = 0), stochastic gradient u = h y + eps with eps_i ~ N(0, c_i / B), and a
 * random start with E w0_i^2 = s_i. `count[i]` directions share (h_i, c_i, s_i): 1 everywhere for the exact model, the
 * bin sizes after `nqmBins`.
 */
export interface NqmSetup {
  readonly h: Float64Array;
  readonly c: Float64Array;
  readonly s: Float64Array;
  readonly count: Float64Array;
  /** Number of directions represented, sum of count. */
  readonly dim: number;
  /** Whether directions were grouped (`nqmBins`): then sums over directions are approximate. */
  readonly binned: boolean;
}

/**
 * The NQM setup: by default the paper's, dim = 10^4, h_i = 1/i, c_i = h_i, s_i = 1 (`nqmSetup()`). Give `h`, `c`, `s`
 * as arrays (or `c`/`s` as one number for every direction) for another model; dim is capped at NQM_MAX_DIM.
 *
 * @example
 * nqmSetup({ dim: 3 }).h; // returns [1, 0.5, 0.3333333333333333]
 */
export function nqmSetup({ dim, h, c, s = 1 }: {
  dim?: number; h?: ArrayLike<number>; c?: ArrayLike<number> | number; s?: ArrayLike<number> | number;
} = {}): NqmSetup {
  const d = h ? h.length : dim ?? 10_000;
  checkNumber('dim', d, { min: 1, max: NQM_MAX_DIM, integer: true });
  if (h && dim !== undefined && dim !== h.length) throw new ParameterError('dim', dim, `the length of h (${h.length})`);
  const hh = new Float64Array(d);
  for (let i = 0; i < d; i++) hh[i] = h ? checkNumber(`h[${i}]`, h[i], { min: 0, minExclusive: true }) : 1 / (i + 1);
  const fill = (name: string, v: ArrayLike<number> | number | undefined, def: Float64Array): Float64Array => {
    if (v === undefined) return Float64Array.from(def);
    if (typeof v === 'number') return new Float64Array(d).fill(checkNumber(name, v, { min: 0 }));
    if (v.length !== d) throw new ParameterError(name, v, `${d} numbers (one per direction)`);
    return Float64Array.from(v, (x, i) => checkNumber(`${name}[${i}]`, x, { min: 0 }));
  };
  return { h: hh, c: fill('c', c, hh), s: fill('s', s, new Float64Array(d).fill(1)), count: new Float64Array(d).fill(1), dim: d, binned: false };
}

/**
 * Group directions of close curvature into bins for speed: directions sorted by h, a bin is a run whose largest h is at
 * most (1 + ratio) times its smallest; the bin's h, c and s are the means over its directions and its count their number.
 * Sums over directions become a midpoint rule (second-order error in the spread). With ratio = 0.05 the paper's 10^4
 * directions become 138 bins (the first 20 stay single); on tuned points steps change by under 0.1% (test/theory/nqm.test.ts).
 *
 * @example
 * nqmBins(nqmSetup({ dim: 4 }), { ratio: 0.5 }).count; // returns [1, 1, 2]  (h = 1 | 1/2 | 1/3, 1/4)
 */
export function nqmBins(setup: NqmSetup, { ratio = 0.05 }: { ratio?: number } = {}): NqmSetup {
  checkNumber('ratio', ratio, { min: 0 });
  const order = Array.from(setup.h, (_, i) => i).sort((a, b) => setup.h[b] - setup.h[a]);
  const h: number[] = [], c: number[] = [], s: number[] = [], count: number[] = [];
  let i = 0;
  while (i < order.length) {
    const top = setup.h[order[i]];
    let n = 0, sh = 0, sc = 0, ss = 0;
    while (i < order.length && top <= (1 + ratio) * setup.h[order[i]]) {
      const j = order[i++], w = setup.count[j];
      n += w; sh += w * setup.h[j]; sc += w * setup.c[j]; ss += w * setup.s[j];
    }
    h.push(sh / n); c.push(sc / n); s.push(ss / n); count.push(n);
  }
  return { h: Float64Array.from(h), c: Float64Array.from(c), s: Float64Array.from(s), count: Float64Array.from(count), dim: setup.dim, binned: true };
}

/** Check a batch size: a positive integer (at most 2^53). */
export function checkBatch(batch: unknown, parameter = 'batch'): number {
  return checkNumber(parameter, batch, { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true });
}

/**
 * The initial expected loss E J(w0) = 1/2 sum_i count_i h_i s_i (iterate w0; the start does not depend on the noise).
 *
 * @example
 * nqmInitialLoss(nqmSetup({ dim: 2 })); // returns 0.75
 */
export function nqmInitialLoss(setup: NqmSetup): number {
  let L = 0;
  for (let i = 0; i < setup.h.length; i++) L += 0.5 * setup.count[i] * setup.h[i] * setup.s[i];
  return L;
}
