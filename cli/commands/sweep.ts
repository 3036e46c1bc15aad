// momentum-lab sweep --problem SPEC --method NAME[:fixed params] --alpha a:b:n [--beta a:b:n] [--log] [--steps N]
//   [--workers N] [--shard i/n] [--out FILE] [--format table|json|csv]
// momentum-lab sweep --merge FILE... [--out FILE] [--format json|csv]
// Empirical rates over an (alpha, beta) grid, in parallel worker threads (piscina), shardable across machines.
import { availableParallelism } from 'node:os';
import { didYouMean } from '../../src/suggest.js';
import { type Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { Piscina } from 'piscina';
import { ParameterError } from '../../src/errors.js';
import { linspace, logspace } from '../../src/linalg/index.js';
import { createMethod, methods } from '../../src/methods/registry.js';
import { createProblem, problems } from '../../src/problems/registry.js';
import { formatSpec, parseSpec, type ParamInfo } from '../../src/spec.js';
import { isDecimal } from '../../src/parse-number.js';
import { UsageError } from '../main.js';
import { csv, fmt, json, parseFormat, table, type Format } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { checkOutputFile, checkSpecName, checkWork, oneLineErrors, workPerStep, writeOutputFile } from '../contract-util.js';
import { hasOnlyKeys, isFiniteOrNull, joinShards, parseShard, readShardFile, shardRange, type Shard } from '../shard-util.js';
import { sweepChunk, type SweepPoint, type SweepTask } from '../sweep-worker.js';

export { parseShard } from '../shard-util.js';

interface Axis { from: number; to: number; n: number; log: boolean }

/** Everything that identifies a sweep: shards must agree on it to be merged. */
interface SweepHeader {
  problem: string;
  method: string;
  steps: number;
  alphaAxis: Axis;
  betaAxis: Axis | null;
  total: number;
}

interface SweepOutput extends SweepHeader {
  shard: Shard | null;
  points: SweepPoint[];
}

interface SweepFlags {
  problem?: string; method?: string; alpha?: string; beta?: string; log?: boolean; steps?: string; workers?: string;
  shard?: string; merge?: string[]; alphaParam?: string; betaParam?: string; out?: string; output?: string; format?: string; progress?: boolean; stats?: boolean;
}

/** Parse "from:to:n". */
export function parseAxis(flag: string, raw: string, log: boolean): Axis {
  const parts = raw.split(':');
  const allowed = `from:to:n with numbers from, to${log ? ' > 0 (--log)' : ''} and an integer n in [1, 4096], e.g. 0.01:2:64`;
  if (parts.length !== 3) throw new ParameterError(flag, raw, allowed);
  const [a, b, n] = parts.map((s) => (isDecimal(s) ? Number(s) : NaN));
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isInteger(n) || n < 1 || n > 4096) throw new ParameterError(flag, raw, allowed);
  if (log && !(a > 0 && b > 0)) throw new ParameterError(flag, raw, allowed);
  return { from: a, to: b, n, log };
}

const axisValues = (axis: Axis): Float64Array => (axis.log ? logspace(axis.from, axis.to, axis.n) : linspace(axis.from, axis.to, axis.n));

/** Grid points of a shard: a contiguous block [floor(i N/n), floor((i+1) N/n)) of the row-major (beta, alpha) grid. */
function shardPoints(header: SweepHeader, shard: Shard | null): [number, number, number | null][] {
  const alphas = axisValues(header.alphaAxis);
  const betas = header.betaAxis ? axisValues(header.betaAxis) : null;
  const [lo, hi] = shardRange(header.total, shard);
  const pts: [number, number, number | null][] = [];
  for (let index = lo; index < hi; index++) {
    const i = Math.floor(index / alphas.length), j = index % alphas.length;
    pts.push([index, alphas[j], betas ? betas[i] : null]);
  }
  return pts;
}

function render(out: SweepOutput, format: Format): string {
  if (format === 'json') return json(out);
  if (format === 'csv') {
    const p = out.points;
    return csv({
      index: p.map((r) => r.index), alpha: p.map((r) => r.alpha), beta: p.map((r) => r.beta),
      rate: p.map((r) => r.rate), predicted: p.map((r) => r.predicted), divergedAt: p.map((r) => r.divergedAt),
    });
  }
  const ok = out.points.filter((p) => p.rate !== null).sort((a, b) => a.rate! - b.rate!);
  const diverged = out.points.filter((p) => p.divergedAt !== null);
  const lines = [
    `sweep  ${out.method} on ${out.problem}, ${out.steps} steps per point`,
    `grid   alpha ${fmt(out.alphaAxis.from)}..${fmt(out.alphaAxis.to)} (${out.alphaAxis.n}${out.alphaAxis.log ? ', log' : ''})` +
      (out.betaAxis ? ` x beta ${fmt(out.betaAxis.from)}..${fmt(out.betaAxis.to)} (${out.betaAxis.n})` : '') +
      `: ${out.points.length} of ${out.total} points${out.shard ? ` (shard ${out.shard.index}/${out.shard.count})` : ''}`,
    `diverged at ${diverged.length} points${diverged.length ? ` (earliest at step ${Math.min(...diverged.map((p) => p.divergedAt!))})` : ''}`,
    'fastest points (empirical rate per step; predicted = worst spectral radius over the spectrum):',
    '',
  ];
  if (ok.length === 0) return lines.slice(0, 3).join('\n') + '\nno grid point has a rate: every point diverged (--format json or csv for the steps)\n';
  return lines.join('\n') + table(['alpha', 'beta', 'rate', 'predicted'], ok.slice(0, 8).map((p) => [p.alpha, p.beta, p.rate, p.predicted]));
}

const isSweepOutput = (data: unknown): data is SweepOutput => {
  const d = data as SweepOutput;
  return Array.isArray(d.points) && Number.isInteger(d.total) && d.total >= 1 && d.total <= 4096 * 4096
    && d.points.every((p) => hasOnlyKeys(p, ['index', 'alpha', 'beta', 'rate', 'predicted', 'divergedAt']) && Number.isInteger(p.index) && p.index >= 0 && p.index < d.total
      && typeof p.alpha === 'number' && [p.beta, p.rate, p.predicted].every(isFiniteOrNull) && (p.divergedAt === null || (Number.isInteger(p.divergedAt) && p.divergedAt >= 0)));
};

/** Join shard outputs: same header, every index exactly once; the result equals an unsharded run. */
export function mergeShards(files: string[]): SweepOutput {
  const shards = files.map((f) => readShardFile(f, 'sweep', isSweepOutput));
  const headerOf = (s: SweepOutput): string => JSON.stringify({ problem: s.problem, method: s.method, steps: s.steps, alphaAxis: s.alphaAxis, betaAxis: s.betaAxis, total: s.total });
  const parts = shards.map((s) => ({ header: headerOf(s), points: s.points.map((p) => ({ index: p.index, point: p })) }));
  const points = joinShards(files, parts, shards[0].total, { what: 'sweep', unit: 'grid point' });
  const { problem, method, steps, alphaAxis, betaAxis, total } = shards[0];
  return { problem, method, steps, alphaAxis, betaAxis, total, shard: null, points };
}

function emit(out: SweepOutput, format: Format, file: string | undefined, flag = '--out'): void {
  const text = render(out, format);
  if (file === undefined) { process.stdout.write(text); return; }
  writeOutputFile(flag, file, text);
  process.stdout.write(`wrote ${file} (${format}, ${out.points.length} of ${out.total} points, ${Buffer.byteLength(text)} bytes)\n`);
}

async function sweepCommand(flags: SweepFlags): Promise<void> {
  // --output is the old name of --out (hidden from --help, still accepted).
  if (flags.output !== undefined) {
    if (flags.out !== undefined) throw new UsageError('sweep takes --out FILE once (--output is its old name)');
    flags.out = flags.output;
  }
  const outFlag = flags.output !== undefined ? '--output' : '--out'; // errors name the flag as typed
  const outputFormat = (): Format => {
    if (flags.format) return parseFormat(flags.format);
    if (flags.out !== undefined) return flags.out.endsWith('.csv') ? 'csv' : 'json';
    return process.stdout.isTTY ? 'table' : 'json';
  };
  if (flags.out !== undefined) checkOutputFile(outFlag, flags.out);
  if (flags.merge) {
    if (flags.merge.length === 0) throw new UsageError('--merge needs the shard files');
    emit(mergeShards(flags.merge), outputFormat(), flags.out, outFlag);
    return;
  }
  if (!flags.problem) throw new UsageError('sweep needs --problem SPEC, e.g. quadratic:dim=1000,kappa=100');
  if (!flags.method) throw new UsageError('sweep needs --method NAME (hb, nag, gd, ... with fixed parameters after a colon)');
  if (!flags.alpha) throw new UsageError('sweep needs --alpha from:to:n');
  const format = outputFormat();
  const log = Boolean(flags.log);
  const alphaAxis = parseAxis('--alpha', flags.alpha, log);
  const betaAxis = flags.beta ? parseAxis('--beta', flags.beta, false) : null;
  const steps = parseNumberOption('--steps', flags.steps ?? '300', { min: 1, max: 1e6, integer: true })!;
  const workers = parseNumberOption('--workers', flags.workers ?? String(availableParallelism()), { min: 1, max: 256, integer: true })!;
  const shard = flags.shard ? parseShard(flags.shard) : null;

  const problemSpec = parseSpec(flags.problem, '--problem');
  checkSpecName('--problem', problemSpec.name, problems().map((p) => p.name));
  const problem = createProblem(problemSpec); // validates the spec here, before any worker starts
  const base = parseSpec(flags.method, '--method');
  const info = methods().find((m) => m.name === base.name);
  if (!info) throw new ParameterError('--method', base.name, `one of ${methods().map((m) => m.name).join(', ')}${didYouMean(base.name, methods().map((m) => m.name))}`);
  // The axes set the method's learning rate (alpha, lr, learning_rate, ...) and its momentum (beta, momentum, beta1),
  // read from its parameter data; --alpha-param / --beta-param name others (e.g. qhm's nu).
  const pick = (flag: string, given: string | undefined, candidates: (p: ParamInfo) => boolean): string => {
    const found = given ?? info.params.find(candidates)?.name;
    if (found === undefined || !info.params.some((p) => p.name === found && (p.kind ?? 'number') === 'number')) {
      throw new ParameterError(given !== undefined ? `${flag}-param` : '--method', given ?? base.name, `a numeric parameter of ${info.name} for ${flag} (${info.name} has ${info.params.filter((p) => (p.kind ?? 'number') === 'number').map((p) => p.name).join(', ') || 'none'})`);
    }
    if (base.params[found] !== undefined) throw new ParameterError(`--method ${flags.method}`, base.params[found], `no ${found}= (the grid ${flag} sets it)`);
    return found;
  };
  const alphaKey = pick('--alpha', flags.alphaParam, (p) => p.derivedDefault === 'rate' || p.name === 'alpha');
  const betaKey = betaAxis ? pick('--beta', flags.betaParam, (p) => ['beta', 'momentum', 'beta1'].includes(p.name)) : undefined;
  // Validate the grid's corners in this thread, so that a bad range fails with exit 2 before any work starts.
  for (const a of [alphaAxis.from, alphaAxis.to]) {
    for (const b of betaAxis ? [betaAxis.from, betaAxis.to] : [null]) {
      const params: Record<string, string | number> = { ...base.params, [alphaKey]: a };
      if (b !== null) params[betaKey!] = b;
      createMethod(formatSpec(base.name, params), problem);
    }
  }

  const pointCount = shard ? Math.ceil((alphaAxis.n * (betaAxis ? betaAxis.n : 1)) / shard.count) : alphaAxis.n * (betaAxis ? betaAxis.n : 1);
  // About 3 ns per coordinate update and core: 1e12 is an hour or more of work.
  const perStep = workPerStep(problemSpec, problem.dim);
  checkWork('points x --steps x dim', pointCount * steps * perStep, 1e12, `coordinate updates, here ${pointCount} x ${steps} x ${perStep}; 1e12 is about an hour`);
  const problemText = formatSpec(problemSpec.name, problemSpec.params);
  const methodText = formatSpec(base.name, base.params);
  const header: SweepHeader = { problem: problemText, method: methodText, steps, alphaAxis, betaAxis, total: alphaAxis.n * (betaAxis ? betaAxis.n : 1) };
  const pts = shardPoints(header, shard);
  const chunk = Math.max(1, Math.min(alphaAxis.n, Math.ceil(pts.length / (workers * 8))));
  const tasks: SweepTask[] = [];
  for (let i = 0; i < pts.length; i += chunk) tasks.push({ problem: problemText, method: methodText, steps, alphaKey, betaKey, points: pts.slice(i, i + chunk) });

  const showProgress = flags.progress ?? (Boolean(process.stderr.isTTY) && (format === 'table' || Boolean(flags.out)));
  const bar = showProgress ? new cliProgress.SingleBar({ stream: process.stderr, format: 'sweep [{bar}] {percentage}% | {value}/{total} points | {duration}s', hideCursor: true, noTTYOutput: true, notTTYSchedule: 500 }, cliProgress.Presets.shades_classic) : null;
  bar?.start(pts.length, 0);
  const results: SweepPoint[][] = [];
  const perThread = new Map<number, number>();
  const wall0 = performance.now(), cpu0 = process.cpuUsage();
  if (workers === 1) {
    for (const task of tasks) { results.push(sweepChunk(task)); bar?.increment(task.points.length); }
    perThread.set(0, pts.length);
  } else {
    const pool = new Piscina({ filename: new URL('../sweep-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
    try {
      results.push(...await Promise.all(tasks.map(async (task) => {
        const r = (await pool.run(task)) as { threadId: number; points: SweepPoint[] };
        perThread.set(r.threadId, (perThread.get(r.threadId) ?? 0) + r.points.length);
        bar?.increment(task.points.length);
        return r.points;
      })));
    } finally {
      await pool.destroy();
    }
  }
  bar?.stop();
  if (flags.stats || format === 'table') {
    const wall = (performance.now() - wall0) / 1000, cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    process.stderr.write(`sweep: ${pts.length} points on ${perThread.size} thread(s) [${[...perThread.values()].join(', ')} points each], ` +
      `wall ${wall.toFixed(2)} s, cpu ${cpuSeconds.toFixed(2)} s (${(cpuSeconds / wall).toFixed(2)} cores busy on average)\n`);
  }
  const points = results.flat().sort((a, b) => a.index - b.index);
  emit({ ...header, shard, points }, format, flags.out, outFlag);
}

const EXAMPLES = `
Examples:
  momentum-lab sweep --problem quadratic:dim=100,kappa=100 --method hb --alpha 0.1:2:20 --beta 0:0.99:20
  momentum-lab sweep --problem rosenbrock --method nag --alpha 1e-4:1e-2:16 --log --beta 0.5:0.99:16 --steps 500 --format json
  momentum-lab sweep --problem quadratic --method hb --alpha 0.1:2:8 --beta 0:0.9:8 --shard 0/2 --format json > s0.json`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('sweep')
    .description('empirical rates over an (alpha, beta) grid, in parallel worker threads; shardable (--shard i/n) and mergeable (--merge)')
    .option('--problem <spec>', 'problem spec, e.g. quadratic:dim=1000,kappa=100')
    .option('--method <spec>', 'method name with optional fixed parameters (the grid sets alpha and beta), e.g. hb')
    .option('--alpha <from:to:n>', 'alpha grid')
    .option('--beta <from:to:n>', 'beta grid (omit for methods without beta)')
    .option('--alpha-param <name>', "the method parameter the --alpha axis sets (default its learning rate: alpha, lr, learning_rate, ...)")
    .option('--beta-param <name>', 'the method parameter the --beta axis sets (default beta, momentum or beta1)')
    .option('--log', 'log-spaced alpha grid')
    .option('--steps <n>', 'steps per grid point; the rate is fitted over the second half', '300')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('--shard <i/n>', 'run only shard i of n (0-based contiguous blocks of the grid), for array jobs')
    .option('--merge <files...>', 'join shard outputs (JSON) into the output of an unsharded run')
    .option('--out <file>', 'write the result to a file (format from --format or the extension: .csv, else json)')
    .addOption(new Option('--output <file>', 'old name of --out').hideHelp())
    .option('--format <format>', 'table | json | csv (default: table on a terminal, else json)')
    .option('--stats', 'print threads used, wall and cpu time on stderr')
    .option('--progress', 'force the progress bar on stderr')
    .option('--no-progress', 'never show a progress bar')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: SweepFlags) => sweepCommand(flags)));
}
