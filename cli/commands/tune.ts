// momentum-lab tune --method NAME|SPEC --mu M --L L [--rule R|numeric] [--tol T ...] [--format table|json|csv]
import type { Command } from 'commander';
import { didYouMean } from '../../src/suggest.js';
import { ParameterError } from '../../src/errors.js';
import { TUNE_RULES, iterationsTo as iterationsToTol, tuneMethod, tuneNumeric, type TuneMethodName } from '../../src/theory/index.js';
import { linearMethodNames } from '../../src/methods/registry.js';
import { parseSpec } from '../../src/spec.js';
import { parseDecimal } from '../../src/parse-number.js';
import { UsageError } from '../main.js';
import { csv, fmt, json, parseFormat, table } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { oneLineErrors } from '../contract-util.js';

interface TuneFlags { method?: string; mu?: string; L?: string; kappa?: string; rule?: string; tol?: string[]; format?: string }

function tuneCommand(flags: TuneFlags): void {
  const format = parseFormat(flags.format);
  const ruled = Object.keys(TUNE_RULES) as TuneMethodName[];
  const linear = linearMethodNames();
  if (flags.method === undefined) throw new UsageError(`tune needs --method NAME or SPEC (${[...new Set([...ruled, ...linear])].join('|')})`);
  const spec = parseSpec(flags.method, '--method');
  const hasRules = ruled.includes(spec.name as TuneMethodName) && Object.keys(spec.params).length === 0;
  if (!hasRules && !linear.includes(spec.name)) throw new ParameterError('--method', flags.method, `one of ${[...new Set([...ruled, ...linear])].join(' | ')} (a linear method may fix some parameters, e.g. qhm:nu=0.7)${didYouMean(spec.name, [...new Set([...ruled, ...linear])])}`);
  if (flags.mu === undefined || flags.L === undefined) throw new UsageError('tune needs the curvature interval: --mu M --L L');
  const mu = parseNumberOption('--mu', flags.mu, { min: 0, minExclusive: true })!;
  const L = parseNumberOption('--L', flags.L, { min: 0, minExclusive: true })!;
  if (L < mu) throw new ParameterError('--L', flags.L, `a number >= --mu (${flags.mu})`);
  // Past kappa = 1e12 the optimal rates 1 - O(1/sqrt(kappa)) and 1 - O(1/kappa) round towards 1 in double precision.
  if (!(L / mu <= 1e12)) throw new ParameterError('--L', flags.L, `a number with kappa = L/mu <= 1e12 (here ${Number.isFinite(L / mu) ? fmt(L / mu) : 'L/mu overflows'}; beyond it the rates round to 1)`);
  const allowed = hasRules ? [...TUNE_RULES[spec.name as TuneMethodName], ...(linear.includes(spec.name) ? ['numeric'] : [])] : ['numeric'];
  if (flags.rule !== undefined && !allowed.includes(flags.rule)) throw new ParameterError('--rule', flags.rule, `for ${spec.name}: ${allowed.join(' | ')}${didYouMean(flags.rule, allowed)}`);
  // One tolerance per --tol, as in run/dynamics/sdp; a comma list in one --tol is the old form, still accepted.
  const tolTexts = (flags.tol ?? ['1e-6']).flatMap((t) => t.split(',')).map((s) => s.trim());
  const repeated = tolTexts.find((t, i) => tolTexts.indexOf(t) !== i);
  if (repeated !== undefined) throw new ParameterError('--tol', repeated, 'each tolerance once');
  const tols = tolTexts.map((s) => parseDecimal('--tol', s, { min: 0, max: 1, minExclusive: true, maxExclusive: true }));
  const rule = flags.rule ?? allowed[0];
  let result: { method: string; rule: string; alpha: number | null; beta: number | null; params: Record<string, number>; spec: string | null; rate: number; iterationsTo: Record<string, number | null> };
  const iterationsTo: Record<string, number | null> = {};
  if (rule === 'numeric') {
    const t = tuneNumeric(flags.method, mu, L);
    tolTexts.forEach((s, i) => { const n = iterationsToTol(t.rate, tols[i]); iterationsTo[s] = Number.isFinite(n) ? n : null; });
    result = { method: spec.name, rule, alpha: t.params.alpha ?? null, beta: t.params.beta ?? null, params: t.params, spec: t.spec, rate: t.rate, iterationsTo };
  } else {
    const t = tuneMethod(spec.name as TuneMethodName, mu, L, rule);
    tolTexts.forEach((s, i) => { const n = t.iterationsTo(tols[i]); iterationsTo[s] = Number.isFinite(n) ? n : null; });
    const specText = ['chebyshev', 'cg'].includes(spec.name) ? null : spec.name === 'tmm' ? 'tmm' : `${spec.name}:tune=${rule}`;
    result = { method: spec.name, rule, alpha: t.alpha, beta: t.beta, params: t.params, spec: specText, rate: t.rate, iterationsTo };
  }
  if (format === 'json') { process.stdout.write(json(result)); return; }
  const names = Object.keys(result.params);
  if (format === 'csv') {
    process.stdout.write(csv({ method: [result.method], rule: [result.rule], ...Object.fromEntries(names.map((k) => [k, [result.params[k]]])), rate: [result.rate], ...Object.fromEntries(tolTexts.map((s) => [`iterationsTo${s}`, [iterationsTo[s]]])) }));
    return;
  }
  process.stdout.write(`${spec.name} (${result.rule}) on [mu, L] = [${fmt(mu)}, ${fmt(L)}], kappa = ${fmt(L / mu)}${result.spec ? `; as a spec: ${result.spec}` : ''}\n`);
  process.stdout.write(table([...names, 'rate', ...tolTexts.map((s) => `iters to ${s}`)], [[...names.map((k) => result.params[k]), result.rate, ...tolTexts.map((s) => iterationsTo[s])]]));
}

const EXAMPLES = `
Examples:
  momentum-lab tune --method hb --mu 0.01 --L 1
  momentum-lab tune --method nag --rule standard --mu 0.01 --L 1 --tol 1e-6 --tol 1e-12
  momentum-lab tune --method torch-sgd:dampening=0 --mu 0.01 --L 1 --format json`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('tune')
    .description('tuning rules on [mu, L] with their predicted rate and iterations to a tolerance')
    .option('--method <spec>', 'a method with tuning rules (hb | nag | gd | tmm | chebyshev | cg) or any linear method, optionally with fixed parameters (e.g. qhm:nu=0.7): numeric tuning')
    .option('--mu <number>', 'smallest curvature')
    .option('--L <number>', 'largest curvature')
    .option('--rule <rule>', 'hb: polyak | lecture; nag: optimal | standard; gd: optimal | standard; tmm: vsfl; any linear method: numeric (default: the first)')
    .option('--tol <t>', 'tolerance of a predicted iteration count (rate^k <= t); repeat for several (default 1e-6)', (t: string, all: string[] = []) => [...all, t])
    .option('--format <format>', 'table | json | csv')
    .addHelpText('after', EXAMPLES)
    .action((flags: TuneFlags) => tuneCommand(flags)));
}
