import { continuousHeavyBallDirection, oscillatorEnergy } from '../../theory/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors, palette } from '../theme.js';
import { label, num, positiveList } from './common.js';

/**
 * Energy of the continuous heavy ball per eigendirection (lecture slides 15-18): E(t)/E(0) from the exact solution for
 * several curvatures, against the averaged law exp(-mu t), which does not depend on h.
 */
export const energyDecayFigure: FigureDef = {
  name: 'energy-decay',
  title: 'Energy decay of the continuous heavy ball',
  section: 'underdamped',
  caption: 'Energy $\\mathcal{E}(t)/\\mathcal{E}(0)$ of single directions of $\\dot v = -\\mu v - h w$, $\\dot w = v$ from $w = 1$, $v = 0$ (exact solution). Whatever the curvature, the energy follows $e^{-\\mu t}$ (dashed) up to ripples of relative size about $\\mu/(2\\sqrt h)$: energy leaves only through the kinetic term, $\\dot{\\mathcal E} = -\\mu v^2$, which is half the energy on average.',
  params: [
    { name: 'mu', description: 'damping mu', default: 0.1, min: 0, minExclusive: true, max: 10 },
    { name: 'h', aliases: ['hs'], description: 'curvatures separated by ;', default: '0.25;1;4', kind: 'string' },
    { name: 't1', aliases: ['tend'], description: 'final time', default: 60, min: 0, minExclusive: true, max: 1e5 },
    { name: 'samples', description: 'time samples', default: 1200, kind: 'integer', min: 10, max: 100000 },
  ],
  build(params) {
    const mu = num(params, 'mu');
    const tEnd = num(params, 't1');
    const n = num(params, 'samples');
    const hs = positiveList(params, 'h', 'energy-decay');
    const names = hs.map((h) => `h = ${label(h)}`);
    const rows = [];
    const law = [];
    for (const [i, h] of hs.entries()) {
      const E0 = oscillatorEnergy([h], [1], [0]);
      for (let s = 0; s <= n; s++) {
        const t = (tEnd * s) / n;
        const { w, v } = continuousHeavyBallDirection(h, mu, 1, 0, t);
        rows.push({ t: sig(t, 5), E: sig(oscillatorEnergy([h], [w], [v]) / E0, 5), series: names[i] });
      }
    }
    for (let s = 0; s <= 100; s++) law.push({ t: sig((tEnd * s) / 100, 5), E: sig(Math.exp((-mu * tEnd * s) / 100), 6) });
    const lo = Math.exp(-mu * tEnd) / 3;
    return figureSpec('Energy of the damped oscillator decays like e^(−μt), whatever h', this.caption, {
      width: 460, height: 260,
      layer: [
        { data: { values: rows }, mark: { type: 'line', strokeWidth: 1.5, clip: true }, encoding: { x: quant('t', 'time t', { domain: [0, tEnd] }), y: quant('E', 'energy E(t) / E(0)', { log: true, domain: [lo, 1.2] }), color: seriesColor('series', 'curvature', names, palette.slice(0, names.length)) } },
        { data: { values: law }, mark: { type: 'line', strokeDash: [6, 4], color: methodColors.theory, strokeWidth: 1.5 }, encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'E', type: 'quantitative' } } },
      ],
    }, `μ = ${mu}; dashed: e^(−μt)`);
  },
};
