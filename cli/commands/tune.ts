// momentum-lab tune --method hb|nag|gd|chebyshev|cg --mu M --L L [--rule R] [--tol 1e-6,...] [--format table|json]
import type { Command } from 'commander';
import { ParameterError } from '../../src/errors.js';
import { TUNE_RULES, tuneMethod, type TuneMethodName, type TuneRule } from '../../src/theory/index.js';
import { UsageError } from '../main.js';
import { csv, fmt, json, parseFormat, table } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { oneLineErrors } from '../contract-util.js';

interface TuneFlags { method?: string; mu?: string; L?: string; kappa?: string; rule?: string; tol?: string; format?: string }

function tuneCommand(flags: TuneFlags): void {
  const format = parseFormat(flags.format);
  const names = Object.keys(TUNE_RULES) as TuneMethodName[];
  if (flags.method === undefined) throw new UsageError(`tune needs --method ${names.join('|')}`);
  if (!names.includes(flags.method as TuneMethodName)) throw new ParameterError('--method', flags.method, names.join(' | '));
  const method = flags.method as TuneMethodName;
  if (flags.mu === undefined || flags.L === undefined) throw new UsageError('tune needs the curvature interval: --mu M --L L');
  const mu = parseNumberOption('--mu', flags.mu, { min: 0, minExclusive: true })!;
  const L = parseNumberOption('--L', flags.L, { min: 0, minExclusive: true })!;
  if (L < mu) throw new ParameterError('--L', flags.L, `a number >= --mu (${flags.mu})`);
  // Past kappa = 1e12 the optimal rates 1 - O(1/sqrt(kappa)) and 1 - O(1/kappa) round towards 1 in double precision.
  if (!(L / mu <= 1e12)) throw new ParameterError('--L', flags.L, `a number with kappa = L/mu <= 1e12 (here ${Number.isFinite(L / mu) ? fmt(L / mu) : 'L/mu overflows'}; beyond it the rates round to 1)`);
  const allowed = TUNE_RULES[method];
  if (flags.rule !== undefined && !allowed.includes(flags.rule as TuneRule)) throw new ParameterError('--rule', flags.rule, `for ${method}: ${allowed.join(' | ')}`);
  const tolTexts = (flags.tol ?? '1e-6').split(',').map((s) => s.trim());
  const tols = tolTexts.map((s) => {
    const t = s === '' ? NaN : Number(s);
    if (!(t > 0 && t < 1)) throw new ParameterError('--tol', s, 'numbers in (0, 1), comma-separated');
    return t;
  });
  const t = tuneMethod(method, mu, L, flags.rule as TuneRule | undefined);
  const iterationsTo: Record<string, number | null> = {};
  tolTexts.forEach((s, i) => { const n = t.iterationsTo(tols[i]); iterationsTo[s] = Number.isFinite(n) ? n : null; });
  const result = { method: t.method, rule: t.rule, alpha: t.alpha, beta: t.beta, rate: t.rate, iterationsTo };
  if (format === 'json') { process.stdout.write(json(result)); return; }
  if (format === 'csv') {
    process.stdout.write(csv({ method: [t.method], rule: [t.rule], alpha: [t.alpha], beta: [t.beta], rate: [t.rate], ...Object.fromEntries(tolTexts.map((s) => [`iterationsTo${s}`, [iterationsTo[s]]])) }));
    return;
  }
  process.stdout.write(`${method} (${t.rule}) on [mu, L] = [${fmt(mu)}, ${fmt(L)}], kappa = ${fmt(L / mu)}\n`);
  process.stdout.write(table(['alpha', 'beta', 'rate', ...tolTexts.map((s) => `iters to ${s}`)], [[t.alpha, t.beta, t.rate, ...tolTexts.map((s) => iterationsTo[s])]]));
}

export function register(program: Command): void {
  oneLineErrors(program
    .command('tune')
    .description('tuning rules on [mu, L] with their predicted rate and iterations to a tolerance')
    .option('--method <name>', 'hb | nag | gd | chebyshev | cg')
    .option('--mu <number>', 'smallest curvature')
    .option('--L <number>', 'largest curvature')
    .option('--rule <rule>', 'hb: polyak | lecture; nag: optimal | standard; gd: optimal | standard (default: the first)')
    .option('--tol <list>', 'tolerances for the predicted iteration counts, comma-separated', '1e-6')
    .option('--format <format>', 'table | json | csv')
    .action((flags: TuneFlags) => tuneCommand(flags)));
}
