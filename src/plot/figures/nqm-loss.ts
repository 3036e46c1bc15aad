import { nqmExpectedLoss, nqmSampledRun, nqmSetup, nqmSteadyStateRisk } from '../../theory/nqm.js';
import { ParameterError } from '../../errors.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig as sig0 } from '../round.js';

const sig = (x: number): number => sig0(x) ?? Number.MAX_VALUE;
import { methodColors, palette } from '../theme.js';
import { label, num } from './common.js';

/** Expected loss of one method at one batch size: total, deterministic and noise parts, and one seeded sampled run. */
export const nqmLoss: FigureDef = {
  name: 'nqm-loss',
  title: 'Expected loss on the noisy quadratic model, its two parts and a sampled run',
  section: 'noise',
  caption: 'The exact expected loss $E\\,\\mathcal J(\\mathbf w_k)$ of one method on the noisy quadratic model ($h_i = c_i = 1/i$) split into the deterministic part (the same method without gradient noise) and the noise part (the noise accumulated over $k$ steps), with one sampled run of the method\'s own step() on seeded Gaussian gradient noise $\\varepsilon_i \\sim N(0, c_i/B)$. The deterministic part decays at the method\'s rate; the noise part rises to the steady-state risk (dotted), which sets the floor: a larger batch lowers it by $1/B$.',
  params: [
    { name: 'method', description: 'a linear method with its parameters', default: 'hb:alpha=0.05,beta=0.9', kind: 'string' },
    { name: 'batch', description: 'batch size B', default: 16, kind: 'integer', min: 1, max: 1e9 },
    { name: 'dim', description: 'number of directions', default: 1000, kind: 'integer', min: 1, max: 20000 },
    { name: 'steps', description: 'steps shown', default: 2000, kind: 'integer', min: 10, max: 20000 },
    { name: 'seed', description: 'seed of the sampled run', default: 1, kind: 'integer', min: 0, max: 2 ** 31 },
  ],
  quick: { dim: 200, steps: 500 },
  build(params) {
    const method = String(params.method), batch = num(params, 'batch'), steps = num(params, 'steps');
    if (num(params, 'dim') * steps > 4e7) throw new ParameterError('nqm-loss.dim x steps', num(params, 'dim') * steps, 'at most 4e7 (the sampled run)');
    const setup = nqmSetup({ dim: num(params, 'dim') });
    const n = 300;
    const ks = Array.from(new Set(Array.from({ length: n + 1 }, (_, i) => Math.round((steps * i) / n))));
    const exact = nqmExpectedLoss(method, setup, batch, ks);
    const every = Math.max(1, Math.round(steps / 600));
    const sample = nqmSampledRun(method, setup, batch, steps, { seed: num(params, 'seed'), every });
    const names = ['expected loss', 'deterministic part', 'noise part', `sampled run (seed ${num(params, 'seed')})`];
    const key = method.split(':')[0];
    const colors = [methodColors[key] ?? palette[1], palette[0], palette[4], '#999999'];
    const rows: { k: number; loss: number; series: string }[] = [];
    for (const r of exact) {
      rows.push({ k: r.k, loss: sig(r.loss), series: names[0] });
      if (r.deterministic > 0) rows.push({ k: r.k, loss: sig(r.deterministic), series: names[1] });
      if (r.noise > 0) rows.push({ k: r.k, loss: sig(r.noise), series: names[2] });
    }
    const sampled = sample.k.map((k, i) => ({ k, loss: sig(sample.loss[i]), series: names[3] })).filter((r) => r.loss > 0 && Number.isFinite(r.loss));
    const risk = nqmSteadyStateRisk(method, setup, batch);
    const all = [...rows, ...sampled].map((r) => r.loss).filter((x) => x > 0 && Number.isFinite(x));
    const top = Math.max(...all) * 1.5;
    const bottom = Math.max(Math.min(...all), top * 1e-8) / 1.5;
    const color = seriesColor('series', null, names, colors);
    const x = quant('k', 'step k', { domain: [0, steps] });
    const y = quant('loss', 'loss', { log: true, domain: [bottom, top] });
    return figureSpec('Expected loss: deterministic part + noise part', this.caption, {
      width: 420, height: 280,
      layer: [
        { data: { values: sampled }, mark: { type: 'line', strokeWidth: 0.8, opacity: 0.8, clip: true }, encoding: { x, y, color } },
        { data: { values: rows }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x: { field: 'k', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } },
        ...(risk.risk !== null && risk.risk >= bottom ? [{ data: { values: [{ loss: sig(risk.risk) }] }, mark: { type: 'rule', strokeDash: [2, 3], color: '#000000' }, encoding: { y: { field: 'loss', type: 'quantitative' } } }] : []),
      ],
    }, `${method}, batch ${label(batch)}, ${num(params, 'dim')} directions; steady-state risk ${risk.risk === null ? 'none (unstable)' : label(risk.risk)}`);
  },
};
