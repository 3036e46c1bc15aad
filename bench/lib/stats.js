// Order statistics for benchmark timings: we report medians and the spread (min, quartiles, max), never means.

/** The q-quantile (0 <= q <= 1) of sorted values, by linear interpolation (numpy's default). */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Summary of repeated timings in ms: {median, min, q1, q3, max, reps}. @example summarize([3, 1, 2]).median // returns 2 */
export function summarize(times) {
  const s = [...times].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5), min: s[0], q1: quantile(s, 0.25), q3: quantile(s, 0.75), max: s[s.length - 1], reps: s.length,
  };
}

/** Times `fn` `reps` times after `warmup` untimed calls; returns the per-call times in ms. */
export function timeIt(fn, reps, warmup = 2) {
  for (let r = 0; r < warmup; r++) fn();
  const t = new Array(reps);
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    t[r] = performance.now() - t0;
  }
  return t;
}
