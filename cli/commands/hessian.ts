// momentum-lab hessian --problem SPEC [--weights FILE] [--top k] [--bottom k] [--density] [--trace] [--format table|json|csv]
// The Hessian's spectrum at given weights from exact Hessian-vector products: extreme eigenvalues (Lanczos with full
// reorthogonalisation), the trace (Hutchinson) and the spectral density (stochastic Lanczos quadrature).
import type { Command } from 'commander';
import { ParameterError } from '../../src/errors.js';
import { hessianEigenvalues } from '../../src/spectra/hessian-eigenvalues.js';
import { hutchinsonTrace } from '../../src/spectra/hutchinson.js';
import { LANCZOS_MAX_STORAGE } from '../../src/spectra/lanczos.js';
import { spectralDensity } from '../../src/spectra/spectral-density.js';
import { csv, fmt, json, parseFormat, table } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { checkLanczosStorage, checkWork, oneLineErrors } from '../contract-util.js';
import { problemWithWeights } from './train.js';

interface HessianFlags {
  problem?: string; weights?: string; top?: string; bottom?: string; density?: boolean; trace?: boolean;
  steps?: string; runs?: string; sigma2?: string; bins?: string; samples?: string; seed?: string; format?: string;
}

/** Lanczos steps of hessianEigenvalues for k eigenvalues (its default maxSteps). */
const eigenSteps = (k: number, n: number) => Math.min(n, Math.max(4 * k + 40, 100));

function hessianCommand(flags: HessianFlags): void {
  const format = parseFormat(flags.format);
  const { problem, x0 } = problemWithWeights(flags.problem, flags.weights);
  if (problem.hvp === undefined) throw new ParameterError('--problem', flags.problem, `a problem with Hessian-vector products (${problem.name} has none)`);
  const n = problem.dim;
  const top = parseNumberOption('--top', flags.top, { min: 0, max: Math.min(n, 200), integer: true }) ?? (flags.bottom === undefined && !flags.density && !flags.trace ? Math.min(5, n) : 0);
  const bottom = parseNumberOption('--bottom', flags.bottom, { min: 0, max: Math.min(n, 200), integer: true }) ?? 0;
  const steps = parseNumberOption('--steps', flags.steps, { min: 1, max: 1000, integer: true }) ?? Math.min(n, 100);
  const runs = parseNumberOption('--runs', flags.runs, { min: 1, max: 100, integer: true }) ?? 1;
  const sigma2 = parseNumberOption('--sigma2', flags.sigma2, { min: 1e-12, max: 1 }) ?? 1e-5;
  const bins = parseNumberOption('--bins', flags.bins, { min: 2, max: 100_000, integer: true }) ?? 1000;
  const samples = parseNumberOption('--samples', flags.samples, { min: 1, max: 10_000, integer: true }) ?? 100;
  const seed = parseNumberOption('--seed', flags.seed, { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 0;
  const maxStorageSteps = Math.floor(LANCZOS_MAX_STORAGE / n);
  const kMax = Math.max(0, Math.floor((maxStorageSteps - 40) / 4));
  const kAllowed = maxStorageSteps >= Math.min(n, 100) ? `at most ${Math.min(kMax, n, 200)} for ${n} parameters` : `0 (a Lanczos eigenvalue needs dim <= ${LANCZOS_MAX_STORAGE / 100}, here ${n})`;
  if (top > 0) checkLanczosStorage('--top', top, eigenSteps(top, n), n, kAllowed);
  if (bottom > 0) checkLanczosStorage('--bottom', bottom, eigenSteps(bottom, n), n, kAllowed);
  if (flags.density) checkLanczosStorage('--steps', steps, Math.min(steps, n), n, `at most ${maxStorageSteps} for ${n} parameters`);
  // Each Hessian-vector product costs about two gradients: O(dim x examples); cap the products times the dimension.
  const products = (top > 0 ? Math.min(n, Math.max(4 * top + 40, 100)) : 0) + (bottom > 0 ? Math.min(n, Math.max(4 * bottom + 40, 100)) : 0)
    + (flags.density ? steps * runs : 0) + (flags.trace ? samples : 0);
  const count = problem.finiteSum?.count ?? 1; // on a finite sum a product costs dim x examples
  if (count === 1) checkWork('Hessian-vector products x dim', products * n, 1e10, `here ${products} products of dimension ${n}`);
  else checkWork('Hessian-vector products x dim x examples', products * n * count, 1e12, `about half an hour; here ${products} products of dimension ${n} on ${count} examples`);
  const out: Record<string, unknown> = { problem: { spec: flags.problem, label: problem.label, dim: n } };
  const text: string[] = [`problem  ${problem.label}${problem.label.includes('parameters') ? '' : ` (${n} parameters)`}${flags.weights ? `, weights ${flags.weights}` : ''}`];
  let topValues: number[] = [], bottomValues: number[] = [];
  if (top > 0) {
    const r = hessianEigenvalues(problem, x0, { k: top, which: 'top', seed });
    topValues = r.values;
    out.top = r.values; out.topResiduals = r.residuals; out.topConverged = r.converged;
    text.push(`top ${top} (decreasing; Lanczos, ${r.steps} products${r.converged ? '' : ', NOT converged: see the residuals'}):`, '  ' + r.values.map((v) => fmt(v, 10)).join('  '));
  }
  if (bottom > 0) {
    const r = hessianEigenvalues(problem, x0, { k: bottom, which: 'bottom', seed });
    bottomValues = r.values;
    out.bottom = r.values; out.bottomResiduals = r.residuals; out.bottomConverged = r.converged;
    text.push(`bottom ${bottom} (increasing; Lanczos, ${r.steps} products${r.converged ? '' : ', NOT converged'}):`, '  ' + r.values.map((v) => fmt(v, 10)).join('  '));
  }
  if (flags.trace) {
    const t = hutchinsonTrace(problem, x0, { samples, seed });
    out.trace = { estimate: t.trace, standardError: t.standardError, samples: t.samples };
    text.push(`trace    ${fmt(t.trace)} +- ${fmt(t.standardError)} (Hutchinson, ${samples} Rademacher probes)`);
  }
  let density: { grid: Float64Array; density: Float64Array } | null = null;
  if (flags.density) {
    const d = spectralDensity(problem, x0, { steps: Math.min(steps, n), runs, sigma2, bins, seed });
    density = d;
    out.density = { grid: d.grid, density: d.density, variance: d.variance, steps: Math.min(steps, n), runs };
    let mass = 0;
    for (let i = 1; i < d.grid.length; i++) mass += 0.5 * (d.density[i] + d.density[i - 1]) * (d.grid[i] - d.grid[i - 1]);
    text.push(`density  ${bins} bins on [${fmt(d.grid[0])}, ${fmt(d.grid[d.grid.length - 1])}], ${runs} run(s) x ${Math.min(steps, n)} Lanczos steps, variance ${fmt(d.variance)}, mass ${fmt(mass)} (--format csv or json for the curve; plot hessian-density draws it)`);
  }
  if (format === 'json') { process.stdout.write(json(out)); return; }
  if (format === 'csv') {
    if (density) process.stdout.write(csv({ h: density.grid, density: density.density }));
    else process.stdout.write(csv({ which: [...topValues.map(() => 'top'), ...bottomValues.map(() => 'bottom')], eigenvalue: [...topValues, ...bottomValues] }));
    return;
  }
  process.stdout.write(text.join('\n') + '\n');
  if (top > 0 && bottom > 0) {
    const L = topValues[0], mu = bottomValues[0];
    process.stdout.write(table(['L (top)', 'mu (bottom)', 'kappa = L/mu'], [[L, mu, mu > 0 ? L / mu : null]]));
  }
}

const EXAMPLES = `
Examples:
  momentum-lab hessian --problem mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse --top 5
  momentum-lab hessian --problem mlp:data=digits,hidden=32 --weights w.json --top 3 --bottom 3 --trace
  momentum-lab hessian --problem mlp:data=iris,hidden=16 --density --runs 3 --format csv > density.csv`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('hessian')
    .description('the Hessian spectrum at given weights: top/bottom eigenvalues (Lanczos), trace (Hutchinson), density (SLQ)')
    .option('--problem <spec>', 'problem spec, e.g. mlp:data=digits,hidden=64;64,act=tanh (any problem with Hessian-vector products)')
    .option('--weights <file>', 'weights JSON {"layers": [{"W": [[...]], "b": [...]}]} (default: the seeded initialisation)')
    .option('--top <k>', 'the k largest eigenvalues, decreasing (default 5 when nothing else is asked)')
    .option('--bottom <k>', 'the k smallest eigenvalues, increasing')
    .option('--trace', "Hutchinson's trace estimate with its standard error")
    .option('--density', 'the spectral density by stochastic Lanczos quadrature with Gaussian broadening')
    .option('--steps <n>', 'Lanczos steps per density run (default min(dim, 100))')
    .option('--runs <n>', 'density runs (random start vectors, default 1)')
    .option('--sigma2 <v>', 'broadening variance, scaled by the spectrum width as PyHessian does (default 1e-5)')
    .option('--bins <n>', 'density grid points (default 1000)')
    .option('--samples <n>', 'Hutchinson probes (default 100)')
    .option('--seed <s>', 'seed of the start and probe vectors (default 0)')
    .option('--format <f>', 'table | json | csv (default table)')
    .addHelpText('after', EXAMPLES)
    .action((flags: HessianFlags) => hessianCommand(flags)));
}
