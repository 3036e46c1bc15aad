// The output of `momentum-lab nqm` (table, JSON, CSV) and the merge of its shards (--shard i/n --format json, --merge).
import { nqmLowerBound, nqmSetup, type NqmTuned } from '../src/theory/nqm.js';
import { csv, fmt, json, table, type Format } from './output.js';
import { hasOnlyKeys, isFiniteOrNull, joinShards, readShardFile, type Shard } from './shard-util.js';

/** One row of `nqm --format json`'s curves. */
export interface NqmCurveRow extends Pick<NqmTuned, 'method' | 'batch' | 'steps' | 'alpha' | 'beta' | 'effectiveLearningRate'> {
  steadyStateRisk?: number | null;
  steadyState?: 'stable' | 'no steady state: unstable';
  lossAtSteps?: { k: number; loss: number; deterministic: number; noise: number };
}

/** The `setup` object of `nqm --format json` (`precondition` only when it is not 0). */
export interface NqmSetupOut {
  dim: number; h: '1/i'; c: 'h'; s: 1; target: number; initialLoss: number; precondition?: number; search: string;
}

/** What else identifies a run's rows: the points (method-major: index = method index x batches + batch index) and the extra columns. */
export interface NqmRun { methods: string[]; batches: number[]; steadyState: boolean; steps: number | null }

/** A shard's block of points [from, to) of total. */
export type NqmBlock = Shard & { from: number; to: number; total: number };

/** Render rows of an nqm run (or of a shard's block, then the table says which) as table, JSON { setup, curves } or CSV. */
export function renderNqm(setup: NqmSetupOut, curves: NqmCurveRow[], format: Format, run: NqmRun, block: NqmBlock | null = null): string {
  const { steadyState, steps } = run;
  if (format === 'json') return json({ setup, curves });
  if (format === 'csv') {
    const cols: Record<string, (number | string | null)[]> = {
      method: curves.map((r) => r.method), batch: curves.map((r) => r.batch), steps: curves.map((r) => r.steps),
      alpha: curves.map((r) => r.alpha), beta: curves.map((r) => r.beta), effectiveLearningRate: curves.map((r) => r.effectiveLearningRate),
    };
    if (steadyState) { cols.steadyStateRisk = curves.map((r) => r.steadyStateRisk ?? null); cols.steadyState = curves.map((r) => r.steadyState ?? null); }
    if (steps !== null) { cols.lossAtSteps = curves.map((r) => r.lossAtSteps?.loss ?? null); cols.deterministic = curves.map((r) => r.lossAtSteps?.deterministic ?? null); cols.noise = curves.map((r) => r.lossAtSteps?.noise ?? null); }
    return csv(cols);
  }
  const { dim, target, initialLoss, precondition } = setup;
  const lines = [
    `NQM  ${dim} directions, h_i = c_i = 1/i, E w0^2 = 1 (initial loss ${fmt(initialLoss)}); target ${fmt(target)}; ${setup.search}` +
      (precondition ? `; every method's gradients preconditioned by H^-${fmt(precondition)}` : ''),
    ...(initialLoss <= target ? [`target ${fmt(target)} >= initial loss ${fmt(initialLoss)}: reached at step 0 (nothing to tune)`] : []),
    ...(block ? [`shard ${block.index}/${block.count}: ${block.to > block.from ? `points ${block.from}..${block.to - 1}` : 'no points'} of ${block.total} (--format json to --merge the shards)`] : []),
    '',
  ];
  const headers = ['method', 'batch', 'steps', 'alpha', 'beta', 'alpha/(1-beta)', 'lower bound'];
  if (steadyState) headers.push('steady-state risk');
  if (steps !== null) headers.push(`loss at ${steps}`, 'deterministic', 'noise');
  const bound = nqmSetup({ dim });
  const body = curves.map((r) => {
    const cells: (string | number | null)[] = [r.method, r.batch, r.steps === null ? 'never' : String(r.steps), r.alpha, r.beta, r.effectiveLearningRate, String(Math.ceil(nqmLowerBound(bound, r.batch, target).notebook))];
    if (steadyState) cells.push(r.steadyState === 'stable' ? r.steadyStateRisk! : r.steadyState ?? '-');
    if (steps !== null) cells.push(r.lossAtSteps?.loss ?? null, r.lossAtSteps?.deterministic ?? null, r.lossAtSteps?.noise ?? null);
    return cells;
  });
  return lines.join('\n') + table(headers, body) +
    'steps: exact first step with expected loss <= target ("never": not reached, e.g. the noise floor is above it); lower bound: the notebook\'s D / (2 C B)\n';
}

/** A shard file: `nqm --shard i/n --format json`. */
interface NqmShardOutput { setup: NqmSetupOut; shard: NqmBlock & NqmRun; curves: NqmCurveRow[] }

const isInt = (x: unknown, lo: number, hi: number): x is number => Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi;

/** The shape of a shard, and its rows being the points its block names (method and batch of each index). */
function isNqmShard(data: unknown): data is NqmShardOutput {
  const { setup, shard, curves } = data as NqmShardOutput;
  if (typeof setup !== 'object' || setup === null || !isInt(setup.dim, 1, 1e7) || typeof setup.target !== 'number') return false;
  if (!Array.isArray(shard.methods) || !shard.methods.every((m) => typeof m === 'string') || !Array.isArray(shard.batches)
    || !shard.batches.every((b) => isInt(b, 1, Number.MAX_SAFE_INTEGER)) || typeof shard.steadyState !== 'boolean'
    || !(shard.steps === null || isInt(shard.steps, 0, Number.MAX_SAFE_INTEGER))) return false;
  const nb = shard.batches.length;
  if (shard.total !== shard.methods.length * nb || shard.total < 1 || !isInt(shard.from, 0, shard.total) || !isInt(shard.to, shard.from, shard.total)) return false;
  if (!hasOnlyKeys(setup, ['dim', 'h', 'c', 's', 'target', 'initialLoss', 'precondition', 'search']) || setup.h !== '1/i' || setup.c !== 'h' || setup.s !== 1
    || !(setup.target > 0) || !(setup.initialLoss > 0) || typeof setup.search !== 'string'
    || !(setup.precondition === undefined || (setup.precondition > 0 && setup.precondition <= 1))) return false;
  return Array.isArray(curves) && curves.length === shard.to - shard.from
    && curves.every((r, j) => r.method === shard.methods[Math.floor((shard.from + j) / nb)] && r.batch === shard.batches[(shard.from + j) % nb] && isNqmRow(r, shard));
}

/** A curve row as nqm writes it: steps a count or null ("never"), parameters finite or null, extra columns as asked. */
function isNqmRow(r: NqmCurveRow, run: NqmRun): boolean {
  const keys = ['method', 'batch', 'steps', 'alpha', 'beta', 'effectiveLearningRate', ...(run.steadyState ? ['steadyStateRisk', 'steadyState'] : []), ...(run.steps !== null ? ['lossAtSteps'] : [])];
  if (!hasOnlyKeys(r, keys) || !(r.steps === null || isInt(r.steps, 0, Number.MAX_SAFE_INTEGER))) return false;
  if (![r.alpha, r.beta, r.effectiveLearningRate].every(isFiniteOrNull)) return false;
  if (run.steadyState && !(isFiniteOrNull(r.steadyStateRisk ?? null) && (r.steadyState === undefined || r.steadyState === 'stable' || r.steadyState === 'no steady state: unstable'))) return false;
  const l = r.lossAtSteps;
  return l === undefined || (hasOnlyKeys(l, ['k', 'loss', 'deterministic', 'noise']) && l.k === run.steps && [l.loss, l.deterministic, l.noise].every((x) => typeof x === 'number' && x >= 0));
}

/**
 * Join the JSON of `nqm --shard i/n` runs: the same setup, methods, batch sizes and extra columns, every point exactly
 * once; returns exactly what the unsharded run computes.
 */
export function mergeNqmShards(files: string[]): { setup: NqmSetupOut; curves: NqmCurveRow[]; run: NqmRun } {
  const shards = files.map((f) => readShardFile(f, 'nqm --shard i/n', isNqmShard));
  const runOf = (s: NqmShardOutput): NqmRun => ({ methods: s.shard.methods, batches: s.shard.batches, steadyState: s.shard.steadyState, steps: s.shard.steps });
  const parts = shards.map((s) => ({
    header: JSON.stringify({ setup: s.setup, ...runOf(s) }),
    points: s.curves.map((point, j) => ({ index: s.shard.from + j, point })),
  }));
  const curves = joinShards(files, parts, shards[0].shard.total, { what: 'nqm run', unit: 'point' });
  return { setup: shards[0].setup, curves, run: runOf(shards[0]) };
}
