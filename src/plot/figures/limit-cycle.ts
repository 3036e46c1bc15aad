import { limitCycle, odeDopri5, vanDerPolField } from '../../dynamics/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { palette } from '../theme.js';
import { label, num } from './common.js';

/**
 * A limit cycle (lecture slide 6): Van der Pol's oscillator x'' - mu (1 - x^2) x' + x = 0 integrated by DOPRI5 from
 * inside and outside; both trajectories wind onto the same closed orbit, found by the Poincaré-section detector.
 */
export const limitCycleFigure: FigureDef = {
  name: 'limit-cycle',
  title: 'A limit cycle: the Van der Pol oscillator',
  section: 'nonlinear-dynamics',
  caption: "Van der Pol's oscillator $\\dot x = y$, $\\dot y = \\mu(1 - x^2)y - x$ (DOPRI5, tolerance $10^{-9}$) from a start near the unstable equilibrium and from one far outside: both spiral onto the same isolated closed orbit, whose period and amplitude the library measures on a Poincaré section (subtitle). A linear system cannot do this: its closed orbits come in continuous families.",
  params: [
    { name: 'mu', description: 'damping parameter', default: 1, min: 0, minExclusive: true, max: 10 },
    { name: 't1', aliases: ['tend'], description: 'integration time', default: 30, min: 1, max: 10000 },
    { name: 'samples', description: 'points per trajectory', default: 1500, kind: 'integer', min: 20, max: 1e6 },
  ],
  quick: { samples: 400 },
  build(params) {
    const mu = num(params, 'mu');
    const tEnd = num(params, 't1');
    const n = num(params, 'samples');
    const f = vanDerPolField(mu);
    const cycle = limitCycle(f, [2, 0]);
    const tEval = Array.from({ length: n }, (_, i) => (tEnd * i) / (n - 1));
    const starts: [number, number][] = [[0.1, 0], [3, 3]];
    const names = starts.map(([x, y]) => `from (${x}, ${y})`);
    const rows = [];
    for (const [s, y0] of starts.entries()) {
      const sol = odeDopri5(f, [0, tEnd], y0, { rtol: 1e-9, atol: 1e-9, tEval });
      for (let i = 0; i < sol.t.length; i++) rows.push({ i, x: sig(sol.y[2 * i], 5), y: sig(sol.y[2 * i + 1], 5), series: names[s] });
    }
    return figureSpec('A limit cycle: Van der Pol, μ = ' + mu, this.caption, {
      width: 360, height: 300,
      layer: [{
        data: { values: rows }, mark: { type: 'line', strokeWidth: 1.3 },
        encoding: { x: quant('x', 'x', { ticks: 7 }), y: quant('y', 'y = ẋ'), color: seriesColor('series', 'trajectory', names, palette.slice(0, 2)), order: { field: 'i', type: 'quantitative' } },
      }],
    }, cycle.period !== null ? `period ${label(cycle.period)}, amplitude ${label(cycle.amplitude!)} (Poincaré section x = 0)` : 'no limit cycle found');
  },
};
