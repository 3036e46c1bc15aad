// momentum-lab nqm --method sgd,hb[,nag][:alpha=..,beta=..] --batch 4,64,1024 --target 0.01 [--dim 10000] [--steps K]
//   [--steady-state] [--precondition P] [--shard i/n] [--format table|json|csv]
// momentum-lab nqm --merge FILE... [--format table|json|csv]
// The noisy quadratic model (Zhang et al. 2019): exact steps to a target expected loss per method and batch size, tuned
// over the notebook's grids (alpha, and alpha x beta for momentum) unless the spec fixes the parameters; --precondition
// P preconditions every method's gradients by H^-P.
//
// --method takes a comma-separated list of specs; an item with '=' and no ':' continues the previous spec's parameters,
// so `--method sgd,hb:alpha=0.1,beta=0.9,nag` is three methods (sgd, hb:alpha=0.1,beta=0.9, nag). --method may also be
// repeated. `sgd` is an alias of gd. Each (method, batch) point is computed on its own (no warm start from another
// batch size), so a shard (--shard i/n: a contiguous block of the method-major list of points) computes exactly the
// points of an unsharded run, and --merge joins the shards' JSON into exactly its output.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ParameterError } from '../../src/errors.js';
import { linearMethodNames } from '../../src/methods/registry.js';
import { formatSpec, parseSpec } from '../../src/spec.js';
import {
  NQM_MAX_DIM, nqmBins, nqmExpectedLoss, nqmInitialLoss, nqmParameterNames, nqmSetup, nqmSteadyStateRisk,
  nqmStepsToTarget, nqmTune, type NqmSetup,
} from '../../src/theory/nqm.js';
import { UsageError } from '../main.js';
import { json, parseFormat } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { oneLineErrors } from '../contract-util.js';
import { parseShard, shardRange } from '../shard-util.js';
import { type NqmCurveRow, type NqmSetupOut, mergeNqmShards, renderNqm } from '../nqm-util.js';

interface NqmFlags {
  method?: string[]; batch?: string; target?: string; dim?: string; steps?: string; steadyState?: boolean; precondition?: string;
  shard?: string; merge?: string[]; format?: string; progress?: boolean;
}

export type { NqmCurveRow } from '../nqm-util.js';

/** Split --method values into specs: "sgd,hb:alpha=0.1,beta=0.9" -> ["sgd", "hb:alpha=0.1,beta=0.9"]. */
export function splitMethods(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    for (const raw of value.split(',')) {
      const item = raw.trim();
      if (item === '') throw new ParameterError('--method', value, 'comma-separated method specs, e.g. sgd,hb or hb:alpha=0.1,beta=0.9');
      if (item.includes('=') && !item.includes(':')) {
        if (out.length === 0) throw new ParameterError('--method', value, 'a method name before its parameters, e.g. hb:alpha=0.1,beta=0.9');
        out[out.length - 1] += `,${item}`;
      } else out.push(item);
    }
  }
  return out;
}

/** Parse --batch: positive integers, comma-separated. */
export function parseBatches(raw: string): number[] {
  return raw.split(',').map((s) => parseNumberOption('--batch', s, { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true })!);
}

interface Plan { text: string; name: string; spec: string; fixed: boolean; fixedBeta: number | undefined }

function planMethod(text: string): Plan {
  const parsed = parseSpec(text, '--method');
  const name = parsed.name === 'sgd' ? 'gd' : parsed.name;
  const linear = linearMethodNames();
  if (!linear.includes(name)) throw new ParameterError('--method', text, `a linear method: sgd (= gd) | ${linear.filter((m) => m !== 'gd').join(' | ')}`);
  let names;
  try { names = nqmParameterNames(name); } catch { throw new ParameterError('--method', text, 'a linear method with a learning-rate parameter (sgd, hb, nag, ...)'); }
  const spec = formatSpec(name, parsed.params);
  const hasRate = parsed.params[names.rate] !== undefined;
  const hasMomentum = names.momentum !== null && parsed.params[names.momentum] !== undefined;
  if (!hasRate && hasMomentum) {
    // Tune alpha with the momentum fixed.
    const beta = Number(parsed.params[names.momentum!]);
    if (!Number.isFinite(beta)) throw new ParameterError('--method', text, `a number for ${names.momentum}`);
    const rest = Object.fromEntries(Object.entries(parsed.params).filter(([k]) => k !== names.momentum));
    return { text, name, spec: formatSpec(name, rest), fixed: false, fixedBeta: beta };
  }
  if (hasRate && names.momentum !== null && !hasMomentum) {
    throw new ParameterError('--method', text, `both ${names.rate} and ${names.momentum} (fixed), only ${names.momentum} (alpha tuned), or neither (both tuned)`);
  }
  return { text, name, spec, fixed: hasRate, fixedBeta: undefined };
}

/** Compute one (method, batch) point: fixed parameters' exact steps, or the tuned point (nqmTune, no warm start). */
function nqmPoint(plan: Plan, b: number, ctx: { setup: NqmSetup; bins: NqmSetup; target: number; atStart: boolean; precondition: number; steadyState: boolean; steps: number | undefined }): NqmCurveRow {
  const { setup, bins, target, precondition } = ctx;
  const names = nqmParameterNames(plan.name);
  let row: NqmCurveRow;
  if (plan.fixed) {
    const params = parseSpec(plan.spec).params;
    const alpha = Number(params[names.rate]), beta = names.momentum ? Number(params[names.momentum]) : null;
    const r = nqmStepsToTarget(plan.spec, setup, b, target, { precondition });
    row = { method: plan.text, batch: b, steps: r.steps, alpha, beta, effectiveLearningRate: alpha / (1 - (beta ?? 0)) };
  } else if (ctx.atStart) {
    row = { method: plan.text, batch: b, steps: 0, alpha: null, beta: plan.fixedBeta ?? null, effectiveLearningRate: null };
  } else {
    const t = nqmTune(plan.spec, setup, b, target, { bins, precondition, fixed: plan.fixedBeta !== undefined ? { beta: plan.fixedBeta } : {} });
    row = { method: plan.text, batch: b, steps: t.steps, alpha: t.alpha, beta: t.beta, effectiveLearningRate: t.effectiveLearningRate };
  }
  const spec = row.alpha !== null ? formatSpec(plan.name, { ...parseSpec(plan.spec).params, [names.rate]: String(row.alpha), ...(names.momentum && row.beta !== null ? { [names.momentum]: String(row.beta) } : {}) }) : null;
  if (ctx.steadyState && spec) {
    const ss = nqmSteadyStateRisk(spec, setup, b, { precondition });
    row.steadyStateRisk = ss.risk;
    row.steadyState = ss.status === 'stable' ? 'stable' : 'no steady state: unstable';
  }
  if (ctx.steps !== undefined && spec) {
    const [l] = nqmExpectedLoss(spec, setup, b, [ctx.steps], { precondition });
    row.lossAtSteps = { k: l.k, loss: l.loss, deterministic: l.deterministic, noise: l.noise };
  }
  return row;
}

function nqmCommand(flags: NqmFlags): void {
  const format = parseFormat(flags.format);
  if (flags.merge) {
    if (flags.merge.length === 0) throw new UsageError('--merge needs the shard files');
    if (flags.method || flags.batch !== undefined || flags.shard !== undefined) throw new UsageError('--merge joins shard files: give no --method, --batch or --shard with it');
    const { setup, curves, run } = mergeNqmShards(flags.merge);
    process.stdout.write(renderNqm(setup, curves, format, run));
    return;
  }
  if (!flags.method || flags.method.length === 0) throw new UsageError('nqm needs --method SPEC[,SPEC...], e.g. --method sgd,hb');
  if (flags.batch === undefined) throw new UsageError('nqm needs --batch B[,B...], e.g. --batch 4,64,1024');
  const plans = splitMethods(flags.method).map(planMethod);
  const batches = parseBatches(flags.batch);
  const target = parseNumberOption('--target', flags.target ?? '0.01', { min: 0, minExclusive: true })!;
  const dim = parseNumberOption('--dim', flags.dim ?? '10000', { min: 1, max: NQM_MAX_DIM, integer: true })!;
  const steps = parseNumberOption('--steps', flags.steps, { min: 0, max: 1e15, integer: true });
  const precondition = parseNumberOption('--precondition', flags.precondition ?? '0', { min: 0, max: 1 })!;
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : null;
  const setup: NqmSetup = nqmSetup({ dim });
  const initialLoss = nqmInitialLoss(setup);
  const bins = setup.h.length > 2000 ? nqmBins(setup) : setup;
  const ctx = { setup, bins, target, atStart: initialLoss <= target, precondition, steadyState: Boolean(flags.steadyState), steps };
  const total = plans.length * batches.length;
  const [from, to] = shardRange(total, shard);
  const showProgress = flags.progress ?? (Boolean(process.stderr.isTTY) && format === 'table');
  const bar = showProgress ? new cliProgress.SingleBar({ stream: process.stderr, format: 'nqm [{bar}] {percentage}% | {value}/{total} (method, batch) | {duration}s', hideCursor: true, clearOnComplete: true, noTTYOutput: true, notTTYSchedule: 500 }, cliProgress.Presets.shades_classic) : null;
  bar?.start(to - from, 0);
  const curves: NqmCurveRow[] = [];
  try {
    // Points in method-major order: index = (method index) * (number of batch sizes) + (batch index).
    for (let index = from; index < to; index++) {
      curves.push(nqmPoint(plans[Math.floor(index / batches.length)], batches[index % batches.length], ctx));
      bar?.increment();
    }
  } finally {
    // Cleared on a terminal, so that an error stays the one line on stderr.
    bar?.stop();
  }
  const setupOut: NqmSetupOut = {
    dim, h: '1/i', c: 'h', s: 1, target, initialLoss, ...(precondition !== 0 ? { precondition } : {}),
    search: setup.h.length > 2000 ? `tuned on ${bins.h.length} bins (ratio 0.05), steps exact on the ${dim} directions` : `exact on the ${dim} directions`,
  };
  const run = { methods: plans.map((p) => p.text), batches, steadyState: ctx.steadyState, steps: steps ?? null };
  const block = shard ? { ...shard, from, to, total } : null;
  if (block && format === 'json') { process.stdout.write(json({ setup: setupOut, shard: { ...block, ...run }, curves })); return; }
  process.stdout.write(renderNqm(setupOut, curves, format, run, block));
}

const EXAMPLES = `
Examples:
  momentum-lab nqm --method sgd,hb --batch 4,64,1024
  momentum-lab nqm --method sgd,hb,nag --batch 1,16,256,4096,65536 --format json
  momentum-lab nqm --method sgd --precondition 0.5 --batch 1024,16384,262144    # SGD preconditioned by H^-1/2
  momentum-lab nqm --method hb:alpha=0.1,beta=0.9 --batch 4,64 --dim 1000 --steady-state --steps 1000
  momentum-lab nqm --method sgd,hb --batch 1,4,16,64,256,1024 --shard 0/2 --format json > s0.json
  momentum-lab nqm --method sgd,hb --batch 1,4,16,64,256,1024 --shard 1/2 --format json > s1.json
  momentum-lab nqm --merge s0.json s1.json --format json                       # = the unsharded output
`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('nqm')
    .description('noisy quadratic model: exact steps to a target expected loss vs batch size, tuned per method (Zhang et al. 2019)')
    .option('--method <specs>', "comma-separated linear methods: sgd (= gd), hb, nag, ...; fixed parameters after a colon (hb:alpha=0.1,beta=0.9; an item with '=' and no ':' continues the previous spec); repeatable", (v: string, prev: string[] = []) => [...prev, v])
    .option('--batch <list>', 'batch sizes, comma-separated positive integers')
    .option('--target <number>', 'target expected loss (> 0)', '0.01')
    .option('--dim <n>', `number of directions (h_i = c_i = 1/i), at most ${NQM_MAX_DIM}`, '10000')
    .option('--steps <k>', 'also report the expected loss after k steps (total, deterministic and noise parts)')
    .option('--steady-state', 'also report the steady-state risk at the given (or tuned) parameters; "no steady state: unstable" when some direction is unstable')
    .option('--precondition <p>', "precondition every method's gradients by H^-p, 0 <= p <= 1 (Zhang et al. 2019; 0: none)")
    .option('--shard <i/n>', 'compute only shard i of n (0-based contiguous blocks of the method x batch points), for array jobs; with --format json for --merge')
    .option('--merge <files...>', 'join shard outputs (JSON) into the output of the unsharded run')
    .option('--format <format>', 'table | json | csv')
    .option('--progress', 'force the progress bar on stderr')
    .option('--no-progress', 'never show a progress bar')
    .addHelpText('after', EXAMPLES)
    .action((flags: NqmFlags) => nqmCommand(flags)));
}
