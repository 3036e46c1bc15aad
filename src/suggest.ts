/**
 * "Did you mean ...?" for unknown names (methods, problems, figures, dynamics systems, tuning rules, spec keys).
 * The distance is Damerau-Levenshtein (optimal string alignment: insertions, deletions, substitutions and swaps of
 * two neighbours each cost 1), compared case-insensitively; a candidate is suggested only when it is close: at most
 * 2 edits and at most a third of the longer name (so `quadratc` gets `quadratic` but `xyz` gets nothing).
 */

/** Optimal-string-alignment distance between `a` and `b` (case as given). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** Names longer than this are not compared (a typed name is short; this keeps the work bounded). */
const MAX_COMPARED = 64;

/**
 * The candidate closest to `name`, or undefined when none is close (or `name` is itself a candidate).
 *
 * @example
 * closestName('quadratc', ['quadratic', 'rosenbrock']); // returns 'quadratic'
 * closestName('xyz', ['quadratic', 'rosenbrock']); // returns undefined
 */
export function closestName(name: unknown, candidates: readonly string[]): string | undefined {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_COMPARED) return undefined;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name) return undefined;
    if (c.length > MAX_COMPARED) continue;
    const d = editDistance(lower, c.toLowerCase());
    const limit = Math.min(2, Math.floor(Math.max(name.length, c.length) / 3));
    if (d <= limit && d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

/**
 * ` (did you mean X?)` to append to a ParameterError's allowed text, or '' when no candidate is close.
 *
 * @example
 * `one of quadratic, rosenbrock${didYouMean('quadratc', ['quadratic', 'rosenbrock'])}`;
 * // "one of quadratic, rosenbrock (did you mean quadratic?)"
 */
export function didYouMean(name: unknown, candidates: readonly string[]): string {
  const best = closestName(name, candidates);
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}
