// momentum-lab train --problem SPEC --method SPEC [--weights FILE] [--steps N] [--batch B] [--sharpness-every K]
//   [--record-every N] [--save-weights FILE] [--seed S] [--format table|json|csv]
// Training dynamics on a network (or any problem): loss, accuracy and the sharpness (top Hessian eigenvalue, Lanczos on
// exact Hessian-vector products) against the method's edge of stability from its linear form.
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ParameterError } from '../../src/errors.js';
import { createMethod } from '../../src/methods/registry.js';
import type { MlpProblem } from '../../src/problems/mlp.js';
import type { Problem } from '../../src/problems/problem.js';
import { createProblem } from '../../src/problems/registry.js';
import { stochasticProblem } from '../../src/problems/stochastic.js';
import { train } from '../../src/run/train.js';
import { hessianEigenvalues } from '../../src/spectra/hessian-eigenvalues.js';
import { LANCZOS_MAX_STORAGE } from '../../src/spectra/lanczos.js';
import { parseSpec } from '../../src/spec.js';
import { stabilityEdge } from '../../src/theory/stability-edge.js';
import { UsageError } from '../main.js';
import { csv, fmt, json, parseFormat, table, wantProgress } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { checkLanczosStorage, checkOutputFile, checkWork, oneLineErrors, readJsonFile, writeOutputFile } from '../contract-util.js';

interface TrainFlags {
  problem?: string; method?: string; weights?: string; steps?: string; batch?: string; sharpnessEvery?: string;
  recordEvery?: string; saveWeights?: string; seed?: string; format?: string;
}

const isMlp = (p: Problem): p is MlpProblem => typeof (p as Partial<MlpProblem>).fromJson === 'function';

/** The problem of --problem with --weights loaded as its start (MLPs only). */
export function problemWithWeights(spec: string | undefined, weights: string | undefined): { problem: Problem; x0: Float64Array } {
  if (spec === undefined) throw new UsageError('needs --problem SPEC (e.g. mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse)');
  const problem = createProblem(parseSpec(spec, '--problem'));
  if (weights === undefined) return { problem, x0: problem.x0 };
  if (!isMlp(problem)) throw new ParameterError('--weights', weights, `a weights file for an mlp problem (${problem.name} has no layers)`);
  const data = readJsonFile('--weights', weights, 'a weights JSON file {"layers": [{"W": [[...]], "b": [...]}, ...]}');
  try {
    return { problem, x0: problem.fromJson(data) };
  } catch (err) {
    if (err instanceof ParameterError) throw new ParameterError(`--weights ${weights}: ${err.parameter}`, err.value, err.allowed);
    throw err;
  }
}

function trainCommand(flags: TrainFlags): void {
  if (flags.method === undefined) throw new UsageError('train needs --method SPEC (see `momentum-lab methods`)');
  const format = parseFormat(flags.format);
  const steps = parseNumberOption('--steps', flags.steps, { min: 1, max: 1e8, integer: true }) ?? 1000;
  const sharpnessEvery = parseNumberOption('--sharpness-every', flags.sharpnessEvery, { min: 0, max: 1e8, integer: true }) ?? Math.max(1, Math.floor(steps / 50));
  const recordEvery = parseNumberOption('--record-every', flags.recordEvery, { min: 1, max: 1e8, integer: true }) ?? Math.max(1, Math.floor(steps / 1000));
  const batch = parseNumberOption('--batch', flags.batch, { min: 1, max: 2 ** 31 - 1, integer: true });
  const seed = parseNumberOption('--seed', flags.seed, { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 1;
  if (flags.saveWeights !== undefined) checkOutputFile('--save-weights', flags.saveWeights);
  const { problem: exact, x0 } = problemWithWeights(flags.problem, flags.weights);
  if (flags.saveWeights !== undefined && !isMlp(exact)) throw new ParameterError('--save-weights', flags.saveWeights, `an mlp problem (${exact.name} has no layers)`);
  if (exact.hvp === undefined && sharpnessEvery > 0) throw new ParameterError('--sharpness-every', sharpnessEvery, `0 (${exact.name} has no Hessian-vector product)`);
  if (sharpnessEvery > 0) checkLanczosStorage('--sharpness-every', sharpnessEvery, Math.min(exact.dim, 100), exact.dim, `0 (the sharpness needs dim <= ${LANCZOS_MAX_STORAGE / 100}, here ${exact.dim})`);
  const problem = batch === undefined ? exact : stochasticProblem(exact, { batch, seed });
  const method = createMethod(parseSpec(flags.method, '--method'), exact);
  // A Lanczos sharpness costs up to ~100 Hessian-vector products (each ~2 gradients): count them in the work. On a
  // finite sum a gradient costs dim x examples, and each recorded step evaluates the full loss (and accuracy).
  const measures = sharpnessEvery > 0 ? Math.floor(steps / sharpnessEvery) + 2 : 0;
  const count = exact.finiteSum?.count ?? 1;
  if (exact.finiteSum === undefined) checkWork('--steps x --problem size', (steps + 200 * measures) * exact.dim, 1e11, 'parameter updates; 1e11 is about an hour');
  else {
    const records = Math.floor(steps / recordEvery) + 1;
    checkWork('--steps x --problem size x examples', (steps * Math.min(batch ?? count, count) + records * count + 200 * measures * count) * exact.dim, 1e12,
      `parameters x examples touched; 1e12 is about an hour; ${exact.dim} parameters, ${count} examples`);
  }
  const edge = method.linear !== undefined && method.linear.D === 0 ? stabilityEdge(method.linear) : null;
  const bar = wantProgress(format) && steps * exact.dim >= 1e7
    ? new SingleBar({ format: 'train [{bar}] {value}/{total} steps', clearOnComplete: true, hideCursor: true, stream: process.stderr }, Presets.shades_classic) : null;
  bar?.start(steps, 0);
  const result = train(problem, method, {
    steps, recordEvery, sharpnessEvery, w0: x0,
    sharpness: (w) => hessianEigenvalues(exact, w, { k: 1, tol: 1e-6, seed }).values[0],
    accuracy: isMlp(exact) ? (w) => exact.accuracy(w) : undefined,
    onProgress: bar ? (k) => bar.update(k) : undefined,
  });
  bar?.stop();
  if (flags.saveWeights !== undefined && isMlp(exact)) writeOutputFile('--save-weights', flags.saveWeights, JSON.stringify(exact.toJson(result.w)) + '\n');
  const threshold = edge?.h ?? null;
  const trace = { k: result.trace.k, loss: result.trace.loss, accuracy: result.trace.accuracy, sharpness: result.trace.sharpness };
  if (format === 'csv') { process.stdout.write(csv(trace)); return; }
  const measured = result.trace.sharpness.filter((s): s is number => s !== null);
  const out = {
    status: result.status, steps: result.steps, divergedAt: result.divergedAt,
    problem: { spec: flags.problem, label: exact.label, dim: exact.dim },
    method: { spec: flags.method, name: method.name, params: method.params },
    options: { steps, batch: batch ?? null, seed, sharpnessEvery, recordEvery },
    // The method's edge of stability from its linear form: 2/alpha for GD, 2(1 + beta)/alpha for heavy ball, ...
    threshold, finalLoss: result.trace.loss[result.trace.loss.length - 1],
    finalSharpness: measured.length > 0 ? measured[measured.length - 1] : null,
    trace,
  };
  if (format === 'json') { process.stdout.write(json(out)); return; }
  const lines = [
    `problem    ${exact.label}${exact.label.includes('parameters') ? '' : ` (${exact.dim} parameters)`}${batch !== undefined ? `, mini-batches of ${batch}, seed ${seed}` : ', full batch'}`,
    `method     ${flags.method}`,
    `status     ${result.status === 'diverged' ? `diverged at step ${result.divergedAt}` : `ran ${result.steps} steps`}`,
    `threshold  ${threshold === null ? `- (${method.linear === undefined ? 'not a linear method' : edge?.reason ?? 'none'})` : `${fmt(threshold)} (edge of stability of the method's linear form)`}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  // The rows where the sharpness was measured (all rows when it never was), up to 15 spread evenly.
  const measuredRows = trace.k.map((_, i) => i).filter((i) => trace.sharpness[i] !== null);
  const pool = measuredRows.length > 0 ? measuredRows : trace.k.map((_, i) => i);
  const n = pool.length, rows = Math.min(n, 15), picks = new Set<number>();
  for (let i = 0; i < rows; i++) picks.add(pool[Math.round((i * (n - 1)) / Math.max(1, rows - 1))]);
  const body = [...picks].sort((a, b) => a - b).map((i) => [trace.k[i], trace.loss[i], trace.accuracy[i], trace.sharpness[i],
    trace.sharpness[i] !== null && threshold !== null ? trace.sharpness[i]! / threshold : null]);
  process.stdout.write(table(['k', 'loss', 'accuracy', 'sharpness', 'sharpness/threshold'], body));
  process.stdout.write(`(${rows} of ${trace.k.length} recorded steps${measuredRows.length > 0 ? `, those where the sharpness was measured (every ${sharpnessEvery})` : ''}; --format csv or json for all)\n`);
}

const EXAMPLES = `
Examples:
  momentum-lab train --problem mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse --method gd:alpha=0.2 --steps 4000
  momentum-lab train --problem mlp:data=digits,hidden=32,act=tanh --method hb:alpha=0.05,beta=0.9 --batch 64 --steps 500 --sharpness-every 50
  momentum-lab train --problem mlp:data=iris,hidden=16 --method nag:alpha=0.1,beta=0.9 --save-weights w.json --format json`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('train')
    .description('train a method on a network (or any problem): loss, accuracy and sharpness against the method\'s edge of stability')
    .option('--problem <spec>', 'problem spec, e.g. mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse (see `momentum-lab problems mlp`)')
    .option('--method <spec>', 'method spec, e.g. gd:alpha=0.2 or hb:alpha=0.1,beta=0.9 (see `momentum-lab methods`)')
    .option('--weights <file>', 'start from these weights (JSON {"layers": [{"W": [[...]], "b": [...]}]}, PyTorch nn.Linear convention)')
    .option('--steps <n>', 'steps (default 1000)')
    .option('--batch <B>', 'mini-batches of B examples (default: full batch)')
    .option('--sharpness-every <K>', 'measure the sharpness (top Hessian eigenvalue, Lanczos) every K steps; 0 never (default steps/50)')
    .option('--record-every <n>', 'record the loss every n steps (default steps/1000, at least 1)')
    .option('--save-weights <file>', 'write the final weights as JSON')
    .option('--seed <s>', "seed of the mini-batch sampler and of Lanczos' start vector (default 1)")
    .option('--format <f>', 'table | json | csv (default table)')
    .addHelpText('after', EXAMPLES)
    .action((flags: TrainFlags) => trainCommand(flags)));
}
