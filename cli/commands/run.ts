// momentum-lab run --problem SPEC --method SPEC [--steps N] [--tol T] [--batch B] [--seed S] [--format table|json|csv] [--config file.json]
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { ParameterError } from '../../src/errors.js';
import { createMethod, methods } from '../../src/methods/registry.js';
import { createProblem, problems } from '../../src/problems/registry.js';
import { stochasticProblem } from '../../src/problems/stochastic.js';
import { type RunResult, run } from '../../src/run/index.js';
import { type Spec, formatSpec, parseSpec } from '../../src/spec.js';
import { UsageError } from '../main.js';
import { csv, fmt, json, parseFormat, table, wantProgress } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { checkWork, oneLineErrors, readJsonFile, workPerStep } from '../contract-util.js';

interface RunFlags {
  problem?: string; method?: string; steps?: string; tol?: string; tolOn?: string; seed?: string; batch?: string;
  recordEvery?: string; record?: string; format?: string; config?: string;
}

const scalar = z.union([z.number(), z.string(), z.boolean()]);
const specSchema = z.union([z.string(), z.object({ name: z.string() }).catchall(scalar)]);
/** The --config file: the same keys as the flags (camelCase), specs as strings or {name, key: value, ...} objects. */
export const runConfigSchema = z.object({
  problem: specSchema.optional(),
  method: specSchema.optional(),
  steps: z.number().int().min(1).optional(),
  tol: z.number().min(0).optional(),
  tolOn: z.enum(['grad', 'loss']).optional(),
  seed: z.number().int().min(0).optional(),
  batch: z.number().int().min(1).optional(),
  recordEvery: z.number().int().min(1).optional(),
  record: z.array(z.string()).optional(),
  format: z.enum(['table', 'json', 'csv']).optional(),
}).strict();
type RunConfig = z.infer<typeof runConfigSchema>;

function readConfig(file: string): RunConfig {
  // Size- and depth-capped before parsing (a 5,000-deep file overflowed the stack).
  const data = readJsonFile('--config', file);
  const parsed = runConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.');
    let value: unknown = data;
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    if (issue.code === 'unrecognized_keys') {
      throw new ParameterError(`--config ${file}`, issue.keys.join(', '), `only the keys ${Object.keys(runConfigSchema.shape).join(', ')}`);
    }
    // zod's message without its category prefix ("Invalid input: expected number, received string"); 1e999 shown as typed.
    const text = issue.message.replace(/^(Invalid input|Too small|Too big|Invalid option): /, '').replace(/^expected /, '');
    const allowed = text === 'Invalid input' ? 'a spec string or an object {"name": ..., key: value} of finite numbers, strings or booleans' : text;
    const shown = typeof value === 'object' && value !== null ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) : value;
    throw new ParameterError(`--config ${file}: ${path || '(top level)'}`, shown, allowed);
  }
  return parsed.data;
}

function toSpec(value: string | Record<string, unknown>, what: 'problem' | 'method'): Spec {
  if (typeof value === 'string') return parseSpec(value, `--${what}`);
  const { name, ...rest } = value as { name: string } & Record<string, string | number | boolean>;
  return parseSpec(formatSpec(name, rest), `--${what}`);
}

/** --seed seeds the problem (and the method) when they take a seed and the spec does not set one. */
function injectSeed(spec: Spec, seed: number | undefined, params: { name: string }[] | undefined): Spec {
  if (seed === undefined || !params?.some((p) => p.name === 'seed') || spec.params.seed !== undefined) return spec;
  return { name: spec.name, params: { ...spec.params, seed: String(seed) } };
}

/** The library names its options batch and seed; on the command line they are --batch and --seed. */
function renameBatchErrors<T>(f: () => T): T {
  try { return f(); } catch (err) {
    if (err instanceof ParameterError && (err.parameter === 'batch' || err.parameter === 'seed')) throw new ParameterError(`--${err.parameter}`, err.value, err.allowed);
    throw err;
  }
}

function summary(result: RunResult, tol: number, tolOn: string): string {
  const what = tolOn === 'grad' ? '||grad J||' : 'J - J*';
  if (result.status === 'converged') return `converged at step ${result.steps} (${what} <= ${tol})`;
  if (result.status === 'diverged') {
    const nonFinite = result.finalLoss === null || result.finalGradNorm === null || !Number.isFinite(result.finalGradNorm);
    return `diverged at step ${result.divergedAt} (${nonFinite ? 'non-finite value' : `loss ${fmt(result.finalLoss)} > 1e12 x initial loss`})`;
  }
  if (tol === 0) return `ran all ${result.steps} steps (tol 0)`;
  return `stopped after the maximum ${result.steps} steps without reaching ${what} <= ${tol}`;
}

function printTable(result: RunResult, problemLabel: string, methodText: string, tol: number, tolOn: string): void {
  const lines = [
    `problem  ${problemLabel}`,
    `method   ${methodText}`,
    `status   ${summary(result, tol, tolOn)}`,
    `final    loss ${fmt(result.finalLoss)}   ||grad|| ${fmt(result.finalGradNorm)}   oracle calls ${result.oracleCalls.total}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  const all = Object.keys(result.trace);
  if (all.length === 0) return;
  // Eigen-coordinates are left to --format csv/json unless they are all that was recorded (then the first 8).
  const plain = all.filter((c) => !/^e\d+$/.test(c));
  const cols = plain.some((c) => c !== 'k') ? plain : [...plain, ...all.filter((c) => /^e\d+$/.test(c)).slice(0, 8)];
  const n = result.trace[all[0]].length;
  const picks = new Set<number>();
  const rows = Math.min(n, 12);
  for (let i = 0; i < rows; i++) picks.add(Math.round((i * (n - 1)) / Math.max(1, rows - 1)));
  // Values past the divergence threshold are not results: shown as "-" (the status line gives the step).
  const body = [...picks].sort((a, b) => a - b).map((i) => cols.map((c) => (Number.isFinite(result.trace[c][i]) ? result.trace[c][i] : null)));
  process.stdout.write(table(cols, body));
  if (result.status === 'diverged') process.stdout.write(`("-": non-finite value, the run diverged at step ${result.divergedAt})\n`);
  if (n > rows) process.stdout.write(`(${rows} of ${n} recorded steps; --format csv or json for all)\n`);
}

function runCommand(flags: RunFlags): void {
  const config = flags.config ? readConfig(flags.config) : {};
  const problemText = flags.problem ?? config.problem;
  const methodText = flags.method ?? config.method;
  if (problemText === undefined) throw new UsageError('run needs --problem SPEC (see `momentum-lab problems`)');
  if (methodText === undefined) throw new UsageError('run needs --method SPEC (see `momentum-lab methods`)');
  const format = parseFormat(flags.format ?? config.format);
  const steps = parseNumberOption('--steps', flags.steps, { min: 1, max: 1e8, integer: true }) ?? config.steps ?? 1000;
  const tol = parseNumberOption('--tol', flags.tol, { min: 0 }) ?? config.tol ?? 1e-8;
  const seed = parseNumberOption('--seed', flags.seed, { min: 0, max: 2 ** 32 - 1, integer: true }) ?? config.seed;
  const batch = parseNumberOption('--batch', flags.batch, { min: 1, max: 2 ** 31 - 1, integer: true }) ?? config.batch;
  const recordEvery = parseNumberOption('--record-every', flags.recordEvery, { min: 1, integer: true }) ?? config.recordEvery ?? 1;
  const record = flags.record !== undefined ? flags.record.split(',').map((c) => c.trim()).filter((c) => c !== '') : config.record ?? true;
  const tolOn = flags.tolOn ?? config.tolOn ?? 'grad';
  if (tolOn !== 'grad' && tolOn !== 'loss') throw new ParameterError('--tol-on', tolOn, 'grad | loss');

  const problemSpec0 = toSpec(problemText, 'problem');
  const problemSpec = injectSeed(problemSpec0, seed, problems().find((p) => p.name === problemSpec0.name)?.params);
  const methodSpec0 = toSpec(methodText, 'method');
  const methodSpec = injectSeed(methodSpec0, seed, methods().find((m) => m.name === methodSpec0.name)?.params);
  // Building a dense (or tridiagonal) Hessian is O(n^3): about 3 s (tridiagonal 1 s) at n = 1000 and 25 s (7 s) at
  // n = 2000 on a loaded 2-core machine. Say so on a terminal.
  const n = Number(problemSpec.params.dim ?? 0);
  if (wantProgress(format) && workPerStep(problemSpec, 2) === 4 && n >= 1000) process.stderr.write(`run: building the ${n} x ${n} ${problemSpec.params.structure} Hessian (about 3 s at n = 1000, 25 s at 2000 for dense)...\n`);
  const exact = createProblem(problemSpec);
  // --batch: a seeded stochastic gradient oracle (mini-batches of a finite sum, or NQM noise on a quadratic).
  const problem = batch === undefined ? exact : renameBatchErrors(() => stochasticProblem(exact, { batch, seed: seed ?? 1 }));
  // mu = 1e-300 with L = 1e300 passes each range but not their ratio (tune= rules would then give NaN).
  if (problem.mu !== undefined && problem.L !== undefined && !(problem.L / problem.mu < Infinity)) {
    throw new ParameterError('--problem', formatSpec(problemSpec.name, problemSpec.params), `mu and L with a finite kappa = L/mu (here ${problem.L} / ${problem.mu})`);
  }
  const method = createMethod(methodSpec, problem);
  // About 3 ns per coordinate update: 1e12 is an hour or more, beyond which a run is surely a typo.
  const work = steps * workPerStep(problemSpec, problem.dim);
  checkWork('--steps x dim', work, 1e12, `coordinate updates, here ${steps} steps x ${work / steps} per step; 1e12 is about an hour`);
  // A progress bar on a terminal for long runs (about 1e8 coordinate updates or more).
  const bar = wantProgress(format) && work >= 1e8 ? new SingleBar({ format: 'run [{bar}] {value}/{total} steps', clearOnComplete: true, hideCursor: true, stream: process.stderr }, Presets.shades_classic) : null;
  bar?.start(steps, 0);
  let result: RunResult;
  try {
    result = run(problem, method, { steps, tol, tolOn, seed, recordEvery, record, onProgress: bar ? (k) => bar.update(k) : undefined });
  } catch (err) {
    bar?.stop();
    // The library names its option `record`; on the command line it is --record.
    if (err instanceof ParameterError && err.parameter === 'record') throw new ParameterError('--record', err.value, err.allowed);
    throw err;
  }
  bar?.stop();

  if (format === 'csv') {
    // Past the divergence threshold values are not results: empty cells, as null in the JSON.
    const cells = (col: ArrayLike<number>) => (Array.prototype.every.call(col, Number.isFinite) ? col : Array.from(col, (v) => (Number.isFinite(v) ? v : null)));
    process.stdout.write(csv(Object.fromEntries(Object.entries(result.trace).map(([k, col]) => [k, cells(col)]))));
    return;
  }
  const methodLabel = formatSpec(method.name, method.params as Record<string, string | number | boolean>);
  if (format === 'table') { printTable(result, problem.label, methodLabel, tol, tolOn); return; }
  process.stdout.write(json({
    status: result.status,
    steps: result.steps,
    finalLoss: result.finalLoss,
    divergedAt: result.divergedAt,
    finalGradNorm: result.finalGradNorm,
    oracleCalls: result.oracleCalls,
    problem: { spec: formatSpec(problemSpec.name, problemSpec.params), name: problem.name, label: problem.label, dim: problem.dim, mu: problem.mu ?? null, L: problem.L ?? null, minValue: problem.minValue ?? null },
    method: { spec: formatSpec(methodSpec.name, methodSpec.params), name: method.name, params: method.params },
    options: { steps, tol, tolOn, seed: seed ?? null, recordEvery, batch: batch ?? null, noise: 'noiseModel' in problem ? problem.noiseModel : null },
    trace: result.trace,
  }));
}

const EXAMPLES = `
Examples:
  momentum-lab run --problem quadratic:dim=100,kappa=100 --method hb:tune=polyak --steps 500
  momentum-lab run --problem logistic-regression --method hb:alpha=0.5,beta=0.9 --batch 10 --seed 3 --format json
  momentum-lab run --problem quadratic:dim=1000,spectrum=loguniform --method gd:alpha=1 --batch 64 --tol 0 --record loss`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('run')
    .description('run a method on a problem and print its trace (loss, gradient norm, distance, velocity, energy, eigen-coordinates)')
    .option('--problem <spec>', 'problem spec, e.g. quadratic:dim=1000,kappa=100 (see `momentum-lab problems`)')
    .option('--method <spec>', 'method spec, e.g. hb:alpha=1,beta=0.81 or hb:tune=polyak (see `momentum-lab methods`)')
    .option('--steps <n>', 'maximum number of steps (default 1000)')
    .option('--tol <t>', 'stop when ||grad J|| <= t (or J - J* <= t with --tol-on loss); default 1e-8, 0 runs all steps')
    .option('--tol-on <m>', 'grad | loss (default grad)')
    .option('--batch <B>', 'stochastic gradients: mini-batches of B examples (logistic-regression, least-squares) or NQM noise N(0, H/B) on a quadratic')
    .option('--seed <s>', "seed for the problem's and method's randomness when their spec sets none, and of --batch's sampler (default 1)")
    .option('--record-every <n>', 'record every n-th step in the trace (default 1)')
    .option('--record <columns>', 'trace columns to keep, comma-separated (e.g. loss,gradNorm,e; e = all eigen-coordinates, w = all coordinates)')
    .option('--format <f>', 'table | json | csv (default table)')
    .option('--config <file>', 'JSON file with the same keys (problem, method, steps, tol, tolOn, seed, batch, recordEvery, record, format); flags override it')
    .addHelpText('after', EXAMPLES)
    .action((flags: RunFlags) => runCommand(flags)));
}
