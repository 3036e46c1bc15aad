// momentum-lab analyze --method gd|hb|nag|two-term:... (--h H[,H...] | --mu M --L L) [--format table|json|csv]
// The closed-form analysis of one linear method on quadratics, direction by direction (src/theory).
import type { Command } from 'commander';
import { ParameterError } from '../../src/errors.js';
import { parseSpec, resolveParams, type ParamInfo } from '../../src/spec.js';
import {
  linearMethod, directionEigenvalues, directionRate, directionRegime, regimeThresholds, worstRateOverInterval,
  worstRateOverSpectrum, tuneMethod, TUNE_RULES, CRITICAL_TOLERANCE, type LinearMethod, type LinearMethodName, type TuneRule,
} from '../../src/theory/index.js';
import { UsageError } from '../main.js';
import { csv, fmt, json, parseFormat, table } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { oneLineErrors } from '../contract-util.js';

const alphaInfo: ParamInfo = { name: 'alpha', description: 'learning rate', min: 0, minExclusive: true };
const betaInfo: ParamInfo = { name: 'beta', description: 'momentum (default 0.9 as in `methods`; 1 allowed: leapfrog)', default: 0.9, min: 0, max: 1 };
const tuneInfo = (rules: readonly string[]): ParamInfo => ({ name: 'tune', kind: 'string', choices: [...rules], description: 'tuning rule (needs --mu and --L)' });

/** Parameters each analysable method accepts. */
const PARAMS: Record<LinearMethodName, ParamInfo[]> = {
  gd: [alphaInfo, tuneInfo(TUNE_RULES.gd)],
  hb: [alphaInfo, betaInfo, tuneInfo(TUNE_RULES.hb)],
  nag: [alphaInfo, betaInfo, tuneInfo(TUNE_RULES.nag)],
  'two-term': [alphaInfo, { name: 'beta1', description: 'momentum on x - x_prev', default: 0, min: -1, max: 1 },
    { name: 'beta2', description: 'extrapolation inside the gradient', default: 0, min: -10, max: 10 }],
};

/** Parse a --method spec into a linear method (tune= rules take mu and L). */
export function parseLinearMethod(text: string, interval: { mu: number; L: number } | null): LinearMethod {
  const spec = parseSpec(text, '--method');
  if (!(spec.name in PARAMS)) throw new ParameterError('--method', spec.name, `one of ${Object.keys(PARAMS).join(' | ')} (e.g. hb:alpha=0.5,beta=0.9)`);
  const name = spec.name as LinearMethodName;
  const p = resolveParams(spec, PARAMS[name]);
  let alpha = p.alpha as number | undefined;
  let beta = p.beta as number | undefined;
  if (p.tune !== undefined) {
    if (!interval) throw new UsageError(`--method ${text}: tune= needs the curvature interval --mu M --L L`);
    const t = tuneMethod(name as 'gd' | 'hb' | 'nag', interval.mu, interval.L, p.tune as TuneRule);
    alpha = spec.params.alpha !== undefined ? alpha : t.alpha!;
    beta = spec.params.beta !== undefined ? beta : t.beta!;
  }
  if (alpha === undefined && interval) alpha = 1 / interval.L; // the library's default step, as for `run`
  if (alpha === undefined) throw new ParameterError(`${name}.alpha`, undefined, 'a number > 0 (or give --mu/--L: default 1/L, or tune=RULE)');
  return linearMethod(name, { alpha, beta, beta1: p.beta1 as number | undefined, beta2: p.beta2 as number | undefined });
}

/** Parse "a,b,c" into positive curvatures. */
function parseCurvatures(raw: string): number[] {
  const parts = raw.split(',');
  return parts.map((s) => parseNumberOption('--h', s, { min: 0, minExclusive: true })!);
}

interface AnalyzeFlags { method?: string; h?: string; mu?: string; L?: string; format?: string }

/** The analysis as plain data (the JSON output). */
export function analyze(m: LinearMethod, target: { hs: number[] } | { mu: number; L: number }) {
  // Keep (alpha h)^2 finite: beyond this the quadratic's coefficients overflow and would print NaN.
  const largest = 'hs' in target ? Math.max(...target.hs) : target.L;
  if (!(m.alpha * largest <= 1e100)) throw new ParameterError('hs' in target ? '--h' : '--L', largest, `a curvature with alpha h <= 1e100 (alpha = ${m.alpha})`);
  const thresholds = regimeThresholds(m);
  let hs: number[];
  let rate: number;
  let worstAt: number | undefined;
  if ('hs' in target) {
    hs = target.hs;
    rate = worstRateOverSpectrum(m, hs);
  } else {
    const w = worstRateOverInterval(m, target.mu, target.L);
    rate = w.rate;
    worstAt = w.h;
    const inside = (h: number | null): h is number => h !== null && h > target.mu && h < target.L;
    hs = [target.mu, target.L, w.h, ...[thresholds.T, thresholds.upperReal, thresholds.stability].filter(inside)];
    hs = [...new Set(hs)].sort((a, b) => a - b);
  }
  const directions = hs.map((h) => ({
    h,
    eigenvalues: directionEigenvalues(m, h).map((z) => ({ re: z.re, im: z.im })),
    spectralRadius: directionRate(m, h),
    regime: directionRegime(m, h),
  }));
  return {
    method: m.method,
    alpha: m.alpha,
    beta: m.beta1,
    ...(m.method === 'two-term' ? { beta1: m.beta1, beta2: m.beta2 } : {}),
    directions,
    thresholds,
    rate,
    ...(worstAt !== undefined ? { worstAt } : {}),
    effectiveLearningRate: m.beta1 < 1 ? m.alpha / (1 - m.beta1) : null,
  };
}

function analyzeCommand(flags: AnalyzeFlags): void {
  const format = parseFormat(flags.format);
  if (flags.method === undefined) throw new UsageError('analyze needs --method SPEC, e.g. hb:alpha=0.5,beta=0.81 (gd | hb | nag | two-term)');
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
      re1: d.map((r) => r.eigenvalues[0].re), im1: d.map((r) => r.eigenvalues[0].im),
      re2: d.map((r) => r.eigenvalues[1].re), im2: d.map((r) => r.eigenvalues[1].im),
      spectralRadius: d.map((r) => r.spectralRadius), regime: d.map((r) => r.regime),
    }));
    return;
  }
  const t = result.thresholds;
  const betaText = m.method === 'two-term' ? `beta1 ${fmt(m.beta1)}  beta2 ${fmt(m.beta2)}` : `beta ${fmt(m.beta1)}`;
  process.stdout.write([
    `method  ${m.method}  alpha ${fmt(m.alpha)}  ${betaText}  effective learning rate ${fmt(result.effectiveLearningRate)}`,
    `thresholds  T ${fmt(t.T)}  upperReal ${fmt(t.upperReal)}  stability ${fmt(t.stability)}  (critical: |h - T| <= ${CRITICAL_TOLERANCE} T)`,
    `rate  ${fmt(result.rate)}${interval ? ` (worst over [${fmt(interval.mu)}, ${fmt(interval.L)}], at h = ${fmt(result.worstAt)})` : ' (worst over the given h)'}${result.rate >= 1 ? '  DIVERGES' : ''}`,
    '',
  ].join('\n'));
  const z = (c: { re: number; im: number }) => (c.im === 0 ? fmt(c.re) : `${fmt(c.re)}${c.im < 0 ? '-' : '+'}${fmt(Math.abs(c.im))}i`);
  process.stdout.write(table(['h', 'z1', 'z2', '|z|max', 'regime'], d.map((r) => [r.h, z(r.eigenvalues[0]), z(r.eigenvalues[1]), r.spectralRadius, r.regime])));
}

export function register(program: Command): void {
  oneLineErrors(program
    .command('analyze')
    .description('closed-form analysis on quadratics: eigenvalues, spectral radius and regime per curvature, thresholds, worst rate')
    .option('--method <spec>', 'gd:alpha=A | hb:alpha=A,beta=B | nag:alpha=A,beta=B | two-term:alpha=A,beta1=B1,beta2=B2 (or tune=RULE with --mu/--L)')
    .option('--h <list>', 'curvatures h, comma-separated')
    .option('--mu <number>', 'smallest curvature of the interval [mu, L]')
    .option('--L <number>', 'largest curvature of the interval [mu, L]')
    .option('--format <format>', 'table | json | csv', undefined)
    .action((flags: AnalyzeFlags) => analyzeCommand(flags)));
}
