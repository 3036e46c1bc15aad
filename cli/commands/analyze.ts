// momentum-lab analyze --method SPEC (--h H[,H...] | --mu M --L L) [--format table|json|csv]
// The analysis of any linear method on quadratics, direction by direction, from its linear form (src/theory).
import type { Command } from 'commander';
import { ParameterError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec.js';
import type { LinearForm } from '../../src/methods/linear-form.js';
import { linearFormOf, linearMethodNames } from '../../src/methods/registry.js';
import {
  CRITICAL_TOLERANCE, formCharacteristic, formEigenvalues, formRate, formRegime, formThresholds, formWorstRate, formWorstRateOverSpectrum,
} from '../../src/theory/index.js';
import { UsageError } from '../main.js';
import { csv, fmt, json, parseFormat, table } from '../output.js';
import { parseNumberList, parseNumberOption } from '../run-util.js';
import { oneLineErrors } from '../contract-util.js';

/**
 * Parse a --method spec into a linear method, through the method's own definition (the same spec and defaults as
 * `run`; tune= rules and the 1/L default take the interval [mu, L] when it is given).
 */
export function parseLinearMethod(text: string, interval: { mu: number; L: number } | null): { spec: string; name: string; params: Readonly<Record<string, number | string | boolean>>; form: LinearForm } {
  const spec = parseSpec(text, '--method');
  if (Object.hasOwn(spec.params, 'tune') && spec.params.tune !== 'none' && !interval) throw new UsageError(`--method ${text}: tune= needs the curvature interval --mu M --L L`);
  const { method, form } = linearFormOf(spec, interval ? { name: 'the interval --mu/--L', ...interval } : undefined, '--method');
  return { spec: text, name: method.name, params: method.params, form };
}

/** Parse "a,b,c" into positive curvatures. */
function parseCurvatures(raw: string): number[] {
  return parseNumberList('--h', raw, { min: 0, minExclusive: true });
}

interface AnalyzeFlags { method?: string; h?: string; mu?: string; L?: string; format?: string }

/** The analysis as plain data (the JSON output), derived from the linear form alone. */
export function analyze(m: { spec?: string; name: string; params: Readonly<Record<string, number | string | boolean>>; form: LinearForm }, target: { hs: number[] } | { mu: number; L: number }) {
  // Keep |B C| h finite: beyond this the direction matrices overflow and would print NaN.
  const largest = 'hs' in target ? Math.max(...target.hs) : target.L;
  const gain = Math.max(...m.form.B.map(Math.abs)) * Math.max(...m.form.C.map(Math.abs));
  if (!(gain * largest <= 1e100)) throw new ParameterError('hs' in target ? '--h' : '--L', largest, `a curvature with |B C| h <= 1e100 (|B C| = ${gain})`);
  // Below 1e-12 a direction's eigenvalues round to those at h = 0 (e.g. alpha = 5e-324 puts z = 1 exactly, with
  // thresholds (1 - sqrt beta)^2 / alpha = Infinity): the method's gain is too small for these curvatures.
  const smallest = 'hs' in target ? Math.min(...target.hs) : target.mu;
  if (!(gain * smallest >= 1e-12)) throw new ParameterError('--method', m.spec ?? m.name, `a method whose gain |B C| (here ${gain}) keeps |B C| h >= 1e-12 at the smallest curvature h = ${smallest} (below it the eigenvalues round to 1)`);
  const ch = formCharacteristic(m.form);
  const thresholds = formThresholds(m.form, ch);
  let hs: number[];
  let rate: number;
  let worstAt: number | undefined;
  let exact = true;
  if ('hs' in target) {
    hs = target.hs;
    rate = formWorstRateOverSpectrum(m.form, hs, ch);
  } else {
    const w = formWorstRate(m.form, target.mu, target.L, ch);
    rate = w.rate;
    worstAt = w.h;
    exact = w.exact;
    const inside = (h: number | null): h is number => h !== null && h > target.mu && h < target.L;
    hs = [target.mu, target.L, w.h, ...(thresholds ? [thresholds.T, thresholds.upperReal, thresholds.stability].filter(inside) : [])];
    hs = [...new Set(hs)].sort((a, b) => a - b);
  }
  const directions = hs.map((h) => ({
    h,
    eigenvalues: formEigenvalues(m.form, h, ch).map((z) => ({ re: z.re, im: z.im })),
    spectralRadius: formRate(m.form, h, ch),
    regime: formRegime(m.form, h, ch),
  }));
  const tt = ch.twoTerm;
  return {
    method: m.name,
    params: m.params,
    stateSpace: { A: m.form.A, B: m.form.B, C: m.form.C, D: m.form.D, state: m.form.state },
    order: ch.order,
    twoTerm: tt ? { alpha: tt.alpha, beta1: tt.beta1, beta2: tt.beta2, form: tt.method } : null,
    directions,
    thresholds,
    rate,
    ...(worstAt !== undefined ? { worstAt, exact } : {}),
    effectiveLearningRate: tt && tt.beta1 < 1 ? tt.alpha / (1 - tt.beta1) : null,
  };
}

function analyzeCommand(flags: AnalyzeFlags): void {
  const format = parseFormat(flags.format);
  if (flags.method === undefined) throw new UsageError(`analyze needs --method SPEC, e.g. hb:alpha=0.5,beta=0.81 (any linear method: ${linearMethodNames().join(' | ')})`);
  const hasInterval = flags.mu !== undefined || flags.L !== undefined;
  if (flags.h !== undefined && hasInterval) throw new UsageError('analyze takes either --h H[,H...] or --mu M --L L, not both');
  if (flags.h === undefined && !hasInterval) throw new UsageError('analyze needs the curvatures: --h H[,H...] or --mu M --L L');
  let interval: { mu: number; L: number } | null = null;
  if (hasInterval) {
    if (flags.mu === undefined || flags.L === undefined) throw new UsageError('analyze needs both --mu and --L for an interval');
    const mu = parseNumberOption('--mu', flags.mu, { min: 0, minExclusive: true })!;
    const L = parseNumberOption('--L', flags.L, { min: 0, minExclusive: true })!;
    if (L < mu) throw new ParameterError('--L', flags.L, `a number >= --mu (${flags.mu})`);
    interval = { mu, L };
  }
  const hs = interval ? null : parseCurvatures(flags.h!); // before the method: a bad --h is named as such
  const m = parseLinearMethod(flags.method, interval);
  const result = analyze(m, interval ?? { hs: hs! });
  if (format === 'json') { process.stdout.write(json(result)); return; }
  const d = result.directions;
  if (format === 'csv') {
    process.stdout.write(csv({
      h: d.map((r) => r.h),
      ...Object.fromEntries(Array.from({ length: Math.max(...d.map((r) => r.eigenvalues.length)) }, (_, i) => [
        [`re${i + 1}`, d.map((r) => r.eigenvalues[i]?.re ?? null)], [`im${i + 1}`, d.map((r) => r.eigenvalues[i]?.im ?? null)]]).flat()),
      spectralRadius: d.map((r) => r.spectralRadius), regime: d.map((r) => r.regime),
    }));
    return;
  }
  const t = result.thresholds;
  const params = Object.entries(result.params).map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`).join('  ');
  const tt = result.twoTerm;
  process.stdout.write([
    `method  ${m.name}  ${params}  (${result.order} state${result.order === 1 ? '' : 's'} that matter${result.order === 1 ? 's' : ''})`,
    tt ? `two-term form  alpha ${fmt(tt.alpha)}  beta1 ${fmt(tt.beta1)}  beta2 ${fmt(tt.beta2)}  effective learning rate ${fmt(result.effectiveLearningRate)}` : 'two-term form  none (order > 2 or no eigenvalue 1 at h = 0): eigenvalues and radius from R(h) = A + h B C',
    t ? `thresholds  T ${fmt(t.T)}  upperReal ${fmt(t.upperReal)}  stability ${fmt(t.stability)}  (critical: |h - T| <= ${CRITICAL_TOLERANCE} T)` : 'thresholds  none (regimes are named for two-state methods)',
    `rate  ${fmt(result.rate)}${interval ? ` (worst over [${fmt(interval.mu)}, ${fmt(interval.L)}], at h = ${fmt(result.worstAt)}${result.exact === false ? ', sampled' : ''})` : ' (worst over the given h)'}${result.rate >= 1 ? '  DIVERGES' : ''}`,
    '',
  ].join('\n'));
  const z = (c: { re: number; im: number }) => (c.im === 0 ? fmt(c.re) : `${fmt(c.re)}${c.im < 0 ? '-' : '+'}${fmt(Math.abs(c.im))}i`);
  const k = Math.max(...d.map((r) => r.eigenvalues.length));
  process.stdout.write(table(['h', ...Array.from({ length: k }, (_, i) => `z${i + 1}`), '|z|max', 'regime'],
    d.map((r) => [r.h, ...Array.from({ length: k }, (_, i) => (r.eigenvalues[i] ? z(r.eigenvalues[i]) : '')), r.spectralRadius, r.regime ?? '-'])));
}

const EXAMPLES = `
Examples:
  momentum-lab analyze --method hb:alpha=1,beta=0.81 --h 0.005,0.5,3.7
  momentum-lab analyze --method hb:tune=polyak --mu 0.01 --L 1
  momentum-lab analyze --method "aggmo:alpha=0.5,betas=0;0.9;0.99" --h 0.01,0.5 --format json`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('analyze')
    .description('closed-form analysis on quadratics: eigenvalues, spectral radius and regime per curvature, thresholds, worst rate')
    .option('--method <spec>', `a linear method spec as for run, e.g. hb:alpha=0.5,beta=0.9, aggmo:alpha=0.5,betas=0;0.9;0.99, qhm:alpha=0.7,beta=0.5,nu=0.7 (tune=RULE with --mu/--L); methods: ${linearMethodNames().join(', ')}`)
    .option('--h <list>', 'curvatures h, comma-separated')
    .option('--mu <number>', 'smallest curvature of the interval [mu, L]')
    .option('--L <number>', 'largest curvature of the interval [mu, L]')
    .option('--format <format>', 'table | json | csv', undefined)
    .addHelpText('after', EXAMPLES)
    .action((flags: AnalyzeFlags) => analyzeCommand(flags)));
}
