import { nqmBatchCurve, nqmBins, nqmCriticalBatch, nqmLowerBound, nqmSetup, type NqmTuned } from '../../theory/nqm.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef, FigureParams } from '../figure.js';
import { methodColors, palette } from '../theme.js';
import { label, num } from './common.js';

/**
 * The tuned curves of the figure: steps to target per batch size 2^0..2^bmax, per method (SGD, HB, NAG if asked, and
 * SGD preconditioned by H^-p unless precondition = 0).
 */
export function nqmBatchSizeData(params: FigureParams): { batches: number[]; curves: { key: string; name: string; color: string; rows: NqmTuned[] }[]; lowerBound: number[] } {
  const setup = nqmSetup({ dim: num(params, 'dim') });
  const batches = Array.from({ length: num(params, 'bmax') + 1 }, (_, i) => 2 ** i);
  const target = num(params, 'target');
  const p = num(params, 'precondition');
  const bins = setup.h.length > 2000 ? nqmBins(setup) : setup;
  const methods = [
    { key: 'gd', name: 'SGD', color: methodColors.gd, precondition: 0 }, { key: 'hb', name: 'heavy ball', color: methodColors.hb, precondition: 0 },
    ...(params.nag ? [{ key: 'nag', name: 'Nesterov', color: methodColors.nag, precondition: 0 }] : []),
    ...(p > 0 ? [{ key: 'gd', name: `SGD, P = H^−${label(p)}`, color: palette[5], precondition: p }] : []),
  ];
  const curves = methods.map(({ precondition, ...m }) => ({ ...m, rows: nqmBatchCurve(m.key, setup, batches, target, { bins, precondition }) }));
  return { batches, curves, lowerBound: batches.map((b) => nqmLowerBound(setup, b, target).notebook) };
}

/** Steps to a target loss against batch size on the noisy quadratic model (Zhang et al. 2019, Figure 2). */
export const nqmBatchSize: FigureDef = {
  name: 'nqm-batch-size',
  title: 'Steps to target against batch size (noisy quadratic model)',
  section: 'noise',
  caption: 'Exact steps for the expected loss of the noisy quadratic model ($h_i = c_i = 1/i$, $E\\,w_0^2 = 1$) to reach the target, at hyperparameters tuned per batch size on the notebook\'s grids (learning rate for SGD; learning rate × momentum for heavy ball and Nesterov). At small batch the curves are parallel to the line of perfect scaling (steps ∝ 1/B) and momentum buys nothing (it acts as SGD with the effective learning rate α/(1−β)); past the critical batch size (vertical rules: examples B × steps twice their minimum) SGD flattens at the noise-free limit while momentum keeps scaling an order of magnitude further. SGD preconditioned by $P = H^{-p}$ (light blue; $p = 1/2$ by default, as in the paper) sees the curvatures $h^{1-p}$ and the noise $h^{-2p} c$: it needs fewer steps and scales perfectly to a larger critical batch size. Dashed grey: the notebook\'s lower bound D/(2CB).',
  params: [
    { name: 'dim', description: 'number of directions (h_i = c_i = 1/i)', default: 10000, kind: 'integer', min: 10, max: 100000 },
    { name: 'target', description: 'target expected loss', default: 0.01, min: 0, minExclusive: true, max: 1 },
    { name: 'bmax', description: 'largest batch size 2^bmax (batch sizes 2^0..2^bmax)', default: 19, kind: 'integer', min: 1, max: 24 },
    { name: 'nag', description: 'include Nesterov', default: true, kind: 'boolean' },
    { name: 'precondition', description: 'also SGD preconditioned by H^-p with this p (0: no such curve)', default: 0.5, min: 0, max: 1 },
  ],
  quick: { dim: 200, bmax: 10, nag: false },
  build(params) {
    const { batches, curves, lowerBound } = nqmBatchSizeData(params);
    const rows: { batch: number; steps: number; series: string }[] = [];
    const rules: { batch: number; series: string }[] = [];
    const names: string[] = [], colors: string[] = [];
    for (const c of curves) {
      const crit = nqmCriticalBatch(c.rows);
      const at = crit.interpolated ?? crit.batch;
      const name = `${c.name}${at !== null && crit.interpolated !== null ? ` (critical B ≈ ${label(Math.round(at))})` : ''}`;
      names.push(name); colors.push(c.color);
      for (const r of c.rows) if (r.steps !== null && r.steps > 0) rows.push({ batch: r.batch, steps: r.steps, series: name });
      if (crit.interpolated !== null) rules.push({ batch: crit.interpolated, series: name });
    }
    const lb = 'lower bound D/(2CB)';
    names.push(lb); colors.push(methodColors.bound);
    const lbRows = batches.map((b, i) => ({ batch: b, steps: lowerBound[i], series: lb }));
    const ys = [...rows, ...lbRows].map((r) => r.steps).filter((y) => y >= 1);
    const yDomain: [number, number] = [Math.max(1, Math.min(...ys) / 2), Math.max(...ys) * 2];
    const color = seriesColor('series', null, names, colors);
    const x = quant('batch', 'batch size B', { log: true, domain: [batches[0], batches[batches.length - 1]] });
    const y = quant('steps', 'steps to target', { log: true, domain: yDomain });
    return figureSpec('Steps to target loss against batch size', this.caption, {
      width: 420, height: 300,
      layer: [
        { data: { values: lbRows.filter((r) => r.steps >= yDomain[0]) }, mark: { type: 'line', strokeDash: [5, 3], strokeWidth: 1.5, clip: true }, encoding: { x, y, color } },
        { data: { values: rows }, mark: { type: 'line', point: { filled: true, size: 30 }, strokeWidth: 2 }, encoding: { x: { field: 'batch', type: 'quantitative' }, y: { field: 'steps', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } },
        { data: { values: rules }, mark: { type: 'rule', strokeDash: [2, 2], strokeWidth: 1.2 }, encoding: { x: { field: 'batch', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } },
      ],
    }, `${num(params, 'dim')} directions, target ${label(num(params, 'target'))}; tuned per batch size; batch sizes ${label(batches[0])}..${label(batches[batches.length - 1])}`);
  },
};
