import { createMethod } from '../../methods/index.js';
import { createProblem } from '../../problems/index.js';
import { run } from '../../run/index.js';
import { tuneMethod, type TuneMethodName, type TuneRule } from '../../theory/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef, FigureParams } from '../figure.js';
import { sig } from '../round.js';
import { methodColors } from '../theme.js';
import { label, logLogSlope, num } from './common.js';

/** The methods compared, with their tuning rule (theory) and spec (optimizers). */
export const kappaMethods: { key: string; name: string; tune: TuneMethodName; rule: TuneRule; spec: string }[] = [
  { key: 'gd', name: 'GD, α = 2/(L+μ)', tune: 'gd', rule: 'optimal', spec: 'gd:tune=optimal' },
  { key: 'hb', name: 'heavy ball, Polyak', tune: 'hb', rule: 'polyak', spec: 'hb:tune=polyak' },
  { key: 'nag', name: 'Nesterov, optimal', tune: 'nag', rule: 'optimal', spec: 'nag:tune=optimal' },
  { key: 'cg', name: 'conjugate gradient', tune: 'cg', rule: 'optimal', spec: 'cg' },
];

/** One measurement: iterations to shrink ||w - w*|| by `eps`, measured by `run` and predicted by theory. */
export interface KappaPoint { method: string; kappa: number; measured: number | null; predicted: number }

/**
 * Iterations to reduce the distance to the optimum by eps, for each method and kappa (a `quadratic` problem with a
 * linear spectrum on [1/kappa, 1]); `measured` is null if the run did not get there within 4x the prediction.
 */
export function iterationsVsKappa(kappas: readonly number[], { dim = 100, eps = 1e-6, methods = kappaMethods } = {}): KappaPoint[] {
  const out: KappaPoint[] = [];
  for (const kappa of kappas) {
    const problem = createProblem(`quadratic:dim=${dim},kappa=${kappa},wstar=random,seed=1`);
    for (const m of methods) {
      const predicted = tuneMethod(m.tune, 1 / kappa, 1, m.rule).iterationsTo(eps);
      const res = run(problem, createMethod(m.spec, problem), { steps: Math.ceil(4 * predicted) + 20, tol: 0, record: ['k', 'dist'] });
      const dist = res.trace.dist;
      let measured: number | null = null;
      for (let k = 0; k < dist.length; k++) if (dist[k] <= eps * dist[0]) { measured = res.trace.k[k]; break; }
      out.push({ method: m.key, kappa, measured, predicted });
    }
  }
  return out;
}

function kappaGrid(params: FigureParams): number[] {
  const n = num(params, 'n');
  const lo = num(params, 'kmin');
  const hi = num(params, 'kmax');
  return Array.from({ length: n }, (_, i) => Number((lo * (hi / lo) ** (i / Math.max(1, n - 1))).toPrecision(3)));
}

/**
 * Iterations to reach a fixed accuracy against the condition number (lecture slides 27-28): GD needs O(kappa), heavy ball,
 * Nesterov and CG O(sqrt(kappa)); measured by running each method (markers), predicted by theory (lines).
 */
export const convergenceVsKappa: FigureDef = {
  name: 'convergence-vs-kappa',
  title: 'Iterations against condition number',
  section: 'speed-limits',
  caption: 'Iterations to shrink $\\|\\mathbf{w} - \\mathbf{w}^\\star\\|$ by $10^{-6}$ on quadratics with a linear spectrum on $[1/\\kappa, 1]$: markers are runs, lines the theory\'s predictions $\\lceil\\log 10^{-6}/\\log\\rho\\rceil$ (for CG the bound $2r^k$). The legend gives the fitted exponent $p$ in iterations $\\propto\\kappa^p$: about 1 for gradient descent, $\\frac12$ for the accelerated methods. CG finishes early because it is exactly optimal for the spectrum at hand.',
  params: [
    { name: 'kmin', description: 'smallest kappa', default: 10, min: 1, minExclusive: true },
    { name: 'kmax', description: 'largest kappa', default: 10000, min: 2, max: 1e6 },
    { name: 'n', description: 'number of kappas (log-spaced)', default: 7, kind: 'integer', min: 2, max: 30 },
    { name: 'dim', description: 'dimension of the quadratics', default: 100, kind: 'integer', min: 2, max: 100000 },
  ],
  quick: { kmax: 1000, n: 4, dim: 50 },
  build(params) {
    const kappas = kappaGrid(params);
    const points = iterationsVsKappa(kappas, { dim: num(params, 'dim') });
    const names: string[] = [];
    const rows = [];
    for (const m of kappaMethods) {
      const mine = points.filter((p) => p.method === m.key && p.measured !== null && p.measured > 0);
      const p = mine.length >= 2 ? logLogSlope(mine.map((q) => q.kappa), mine.map((q) => q.measured!)) : NaN;
      const name = `${m.name} (p = ${Number.isFinite(p) ? p.toFixed(2) : '-'})`;
      names.push(name);
      for (const q of points.filter((r) => r.method === m.key)) rows.push({ kappa: q.kappa, measured: q.measured, predicted: sig(q.predicted, 6), series: name });
    }
    const all = rows.flatMap((r) => [r.measured ?? 1, r.predicted ?? 1]).filter((x) => x > 0);
    const color = seriesColor('series', 'method (fitted exponent)', names, kappaMethods.map((m) => methodColors[m.key]));
    return figureSpec('Iterations to 10⁻⁶ against condition number κ', this.caption, {
      width: 420, height: 280,
      layer: [
        { data: { values: rows }, mark: { type: 'line', strokeDash: [5, 3], strokeWidth: 1.5 }, encoding: { x: quant('kappa', 'condition number κ', { log: true, domain: [kappas[0], kappas[kappas.length - 1]] }), y: quant('predicted', 'iterations', { log: true, domain: [Math.min(...all) / 1.5, Math.max(...all) * 1.5] }), color } },
        { data: { values: rows.filter((r) => r.measured !== null) }, mark: { type: 'point', size: 55, filled: true }, encoding: { x: { field: 'kappa', type: 'quantitative' }, y: { field: 'measured', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } },
      ],
    }, `markers: measured; dashed: predicted; κ from ${label(kappas[0])} to ${label(kappas[kappas.length - 1])}`);
  },
};
