// Shards of a command's list of independent points (sweep's grid, nqm's method x batch curve points), for array jobs:
// parse --shard i/n, the contiguous block a shard computes, and the join of shard outputs (--merge: the same header,
// every point exactly once), which then equals the output of an unsharded run.
import { ParameterError } from '../src/errors.js';
import { readJsonFile } from './contract-util.js';

/** Shard `index` of `count` (0-based). */
export interface Shard { index: number; count: number }

/**
 * Parse "i/n" (0-based shard index i < n).
 *
 * @example
 * parseShard('1/4'); // returns { index: 1, count: 4 }
 */
export function parseShard(raw: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const allowed = 'i/n with 0 <= i < n, e.g. 0/4 (0-based, as Kubernetes JOB_COMPLETION_INDEX; Slurm: $SLURM_ARRAY_TASK_ID/N with --array=0-(N-1))';
  if (!m) throw new ParameterError('--shard', raw, allowed);
  const index = Number(m[1]), count = Number(m[2]);
  if (!(count >= 1 && index < count)) throw new ParameterError('--shard', raw, allowed);
  return { index, count };
}

/**
 * The points [lo, hi) of a shard: the contiguous block [floor(i N / n), floor((i + 1) N / n)) of N points (all without a shard).
 *
 * @example
 * shardRange(10, { index: 1, count: 3 }); // returns [3, 6]
 */
export function shardRange(total: number, shard: Shard | null): [number, number] {
  if (!shard) return [0, total];
  return [Math.floor((shard.index * total) / shard.count), Math.floor(((shard.index + 1) * total) / shard.count)];
}

/**
 * Read a shard file written by `momentum-lab COMMAND --format json`; `check` tells whether the parsed JSON is one
 * (it may throw, which counts as no). Size and depth capped as every JSON input (readJsonFile); a number that is not
 * finite (1e999 parses to Infinity) is not one either. Fails naming --merge.
 */
export function readShardFile<T>(file: string, command: string, check: (data: unknown) => data is T): T {
  const data = readJsonFile('--merge', file, `a readable ${command} output`);
  let ok = false;
  try { ok = allFinite(data) && check(data); } catch { ok = false; }
  if (!ok) throw new ParameterError('--merge', file, `a JSON file written by \`momentum-lab ${command} --format json\` (shards are merged from JSON)`);
  return data as T;
}

/** Whether every number in parsed JSON is finite (JSON.parse turns 1e999 into Infinity); depth already capped. */
function allFinite(data: unknown): boolean {
  if (typeof data === 'number') return Number.isFinite(data);
  if (typeof data !== 'object' || data === null) return true;
  return Object.values(data).every(allFinite);
}

/** null, or a finite number (a shard row's measured value). */
export const isFiniteOrNull = (x: unknown): x is number | null => x === null || (typeof x === 'number' && Number.isFinite(x));

/** Whether an object has only the keys `allowed` (own keys; a row with extra keys was not written by the command). */
export function hasOnlyKeys(x: unknown, allowed: readonly string[]): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).every((k) => allowed.includes(k));
}

/**
 * Join shards into the list of `total` points: every shard's header (a string, e.g. JSON of what identifies the run)
 * must be the first's, and every index in [0, total) must occur exactly once; otherwise a ParameterError naming --merge
 * (`what` names the run, e.g. 'sweep', and `unit` a point, e.g. 'grid point').
 */
export function joinShards<T>(files: readonly string[], shards: readonly { header: string; points: readonly { index: number; point: T }[] }[],
  total: number, { what, unit }: { what: string; unit: string }): T[] {
  const h0 = shards[0].header;
  shards.forEach((s, i) => { if (s.header !== h0) throw new ParameterError('--merge', files[i], `a shard of the same ${what} as ${files[0]} (${h0})`); });
  const points: (T | undefined)[] = new Array(total);
  const seen = new Uint8Array(total);
  shards.forEach((s, i) => {
    for (const { index, point } of s.points) {
      if (seen[index]) throw new ParameterError('--merge', files[i], `shards without overlap (${unit} ${index} appears twice)`);
      seen[index] = 1;
      points[index] = point;
    }
  });
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new ParameterError('--merge', files.join(' '), `all shards of the ${what} (${unit} ${missing} is missing)`);
  return points as T[];
}
