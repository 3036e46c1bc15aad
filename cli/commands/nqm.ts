// momentum-lab nqm --method sgd,hb[,nag][:alpha=..,beta=..] --batch 4,64,1024 --target 0.01 [--dim 10000] [--steps K]
//   [--steady-state] [--format table|json|csv]
// The noisy quadratic model (Zhang et al. 2019): exact steps to a target expected loss per method and batch size, tuned
// over the notebook's grids (alpha, and alpha x beta for momentum) unless the spec fixes the parameters.
//
// --method takes a comma-separated list of specs; an item with '=' and no ':' continues the previous spec's parameters,
// so `--method sgd,hb:alpha=0.1,beta=0.9,nag` is three methods (sgd, hb:alpha=0.1,beta=0.9, nag). --method may also be
// repeated. `sgd` is an alias of gd. Shards (--shard/--merge) are not implemented: a 20-batch-size curve takes seconds.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ParameterError } from '../../src/errors.js';
import { linearMethodNames } from '../../src/methods/registry.js';
import { formatSpec, parseSpec } from '../../src/spec.js';
import {
  NQM_MAX_DIM, nqmBins, nqmExpectedLoss, nqmInitialLoss, nqmLowerBound, nqmParameterNames, nqmSetup, nqmSteadyStateRisk,
  nqmStepsToTarget, nqmTune, type NqmSetup, type NqmTuned,
} from '../../src/theory/nqm.js';
import { UsageError } from '../main.js';
import { csv, fmt, json, parseFormat, table } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { oneLineErrors } from '../contract-util.js';

interface NqmFlags { method?: string[]; batch?: string; target?: string; dim?: string; steps?: string; steadyState?: boolean; format?: string; progress?: boolean }

/** One row of `nqm --format json`'s curves. */
export interface NqmCurveRow extends Pick<NqmTuned, 'method' | 'batch' | 'steps' | 'alpha' | 'beta' | 'effectiveLearningRate'> {
  steadyStateRisk?: number | null;
  steadyState?: 'stable' | 'no steady state: unstable';
  lossAtSteps?: { k: number; loss: number; deterministic: number; noise: number };
}

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

function nqmCommand(flags: NqmFlags): void {
  const format = parseFormat(flags.format);
  if (!flags.method || flags.method.length === 0) throw new UsageError('nqm needs --method SPEC[,SPEC...], e.g. --method sgd,hb');
  if (flags.batch === undefined) throw new UsageError('nqm needs --batch B[,B...], e.g. --batch 4,64,1024');
  const plans = splitMethods(flags.method).map(planMethod);
  const batches = parseBatches(flags.batch);
  const target = parseNumberOption('--target', flags.target ?? '0.01', { min: 0, minExclusive: true })!;
  const dim = parseNumberOption('--dim', flags.dim ?? '10000', { min: 1, max: NQM_MAX_DIM, integer: true })!;
  const steps = parseNumberOption('--steps', flags.steps, { min: 0, max: 1e15, integer: true });
  const setup: NqmSetup = nqmSetup({ dim });
  const initialLoss = nqmInitialLoss(setup);
  const atStart = initialLoss <= target;
  const bins = setup.h.length > 2000 ? nqmBins(setup) : setup;
  const showProgress = flags.progress ?? (Boolean(process.stderr.isTTY) && format === 'table');
  const bar = showProgress ? new cliProgress.SingleBar({ stream: process.stderr, format: 'nqm [{bar}] {percentage}% | {value}/{total} (method, batch) | {duration}s', hideCursor: true, noTTYOutput: true, notTTYSchedule: 500 }, cliProgress.Presets.shades_classic) : null;
  bar?.start(plans.length * batches.length, 0);
  const curves: NqmCurveRow[] = [];
  for (const plan of plans) {
    let prev: { alpha: number; beta: number | null } | null = null;
    const names = nqmParameterNames(plan.name);
    // Tuned curves warm-start each batch size from the previous optimum: sort, then report in the given order.
    const order = batches.map((b, i) => ({ b, i })).sort((x, y) => x.b - y.b);
    const rows: NqmCurveRow[] = new Array(batches.length);
    for (const { b, i } of order) {
      let row: NqmCurveRow;
      if (plan.fixed) {
        const params = parseSpec(plan.spec).params;
        const alpha = Number(params[names.rate]), beta = names.momentum ? Number(params[names.momentum]) : null;
        const r = nqmStepsToTarget(plan.spec, setup, b, target);
        row = { method: plan.text, batch: b, steps: r.steps, alpha, beta, effectiveLearningRate: alpha / (1 - (beta ?? 0)) };
      } else if (atStart) {
        row = { method: plan.text, batch: b, steps: 0, alpha: null, beta: plan.fixedBeta ?? null, effectiveLearningRate: null };
      } else {
        const t = nqmTune(plan.spec, setup, b, target, { bins, start: prev ? [prev] : [], fixed: plan.fixedBeta !== undefined ? { beta: plan.fixedBeta } : {} });
        if (t.alpha !== null) prev = { alpha: t.alpha, beta: t.beta };
        row = { method: plan.text, batch: b, steps: t.steps, alpha: t.alpha, beta: t.beta, effectiveLearningRate: t.effectiveLearningRate };
      }
      const spec = row.alpha !== null ? formatSpec(plan.name, { ...parseSpec(plan.spec).params, [names.rate]: String(row.alpha), ...(names.momentum && row.beta !== null ? { [names.momentum]: String(row.beta) } : {}) }) : null;
      if (flags.steadyState && spec) {
        const ss = nqmSteadyStateRisk(spec, setup, b);
        row.steadyStateRisk = ss.risk;
        row.steadyState = ss.status === 'stable' ? 'stable' : 'no steady state: unstable';
      }
      if (steps !== undefined && spec) {
        const [l] = nqmExpectedLoss(spec, setup, b, [steps]);
        row.lossAtSteps = { k: l.k, loss: l.loss, deterministic: l.deterministic, noise: l.noise };
      }
      rows[i] = row;
      bar?.increment();
    }
    curves.push(...rows);
  }
  bar?.stop();
  const setupOut = {
    dim, h: '1/i', c: 'h', s: 1, target, initialLoss,
    search: setup.h.length > 2000 ? `tuned on ${bins.h.length} bins (ratio 0.05), steps exact on the ${dim} directions` : `exact on the ${dim} directions`,
  };
  if (format === 'json') { process.stdout.write(json({ setup: setupOut, curves })); return; }
  if (format === 'csv') {
    const cols: Record<string, (number | string | null)[]> = {
      method: curves.map((r) => r.method), batch: curves.map((r) => r.batch), steps: curves.map((r) => r.steps),
      alpha: curves.map((r) => r.alpha), beta: curves.map((r) => r.beta), effectiveLearningRate: curves.map((r) => r.effectiveLearningRate),
    };
    if (flags.steadyState) { cols.steadyStateRisk = curves.map((r) => r.steadyStateRisk ?? null); cols.steadyState = curves.map((r) => r.steadyState ?? null); }
    if (steps !== undefined) { cols.lossAtSteps = curves.map((r) => r.lossAtSteps?.loss ?? null); cols.deterministic = curves.map((r) => r.lossAtSteps?.deterministic ?? null); cols.noise = curves.map((r) => r.lossAtSteps?.noise ?? null); }
    process.stdout.write(csv(cols));
    return;
  }
  const lines = [
    `NQM  ${dim} directions, h_i = c_i = 1/i, E w0^2 = 1 (initial loss ${fmt(initialLoss)}); target ${fmt(target)}; ${setupOut.search}`,
    ...(atStart ? [`target ${fmt(target)} >= initial loss ${fmt(initialLoss)}: reached at step 0 (nothing to tune)`] : []),
    '',
  ];
  const headers = ['method', 'batch', 'steps', 'alpha', 'beta', 'alpha/(1-beta)', 'lower bound'];
  if (flags.steadyState) headers.push('steady-state risk');
  if (steps !== undefined) headers.push(`loss at ${steps}`, 'deterministic', 'noise');
  const body = curves.map((r) => {
    const cells: (string | number | null)[] = [r.method, r.batch, r.steps === null ? 'never' : String(r.steps), r.alpha, r.beta, r.effectiveLearningRate, String(Math.ceil(nqmLowerBound(setup, r.batch, target).notebook))];
    if (flags.steadyState) cells.push(r.steadyState === 'stable' ? r.steadyStateRisk! : r.steadyState ?? '-');
    if (steps !== undefined) cells.push(r.lossAtSteps?.loss ?? null, r.lossAtSteps?.deterministic ?? null, r.lossAtSteps?.noise ?? null);
    return cells;
  });
  process.stdout.write(lines.join('\n') + table(headers, body) +
    'steps: exact first step with expected loss <= target ("never": not reached, e.g. the noise floor is above it); lower bound: the notebook\'s D / (2 C B)\n');
}

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
    .option('--format <format>', 'table | json | csv')
    .option('--progress', 'force the progress bar on stderr')
    .option('--no-progress', 'never show a progress bar')
    .action((flags: NqmFlags) => nqmCommand(flags)));
}
