import { lorenzField, odeDopri5 } from '../../dynamics/index.js';
import { figureSpec, quant } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { num } from './common.js';

/**
 * The Lorenz attractor (lecture slide 6): x' = a (y - x), y' = x (b - z) - y, z' = x y - c z integrated by DOPRI5 from
 * (1, 1, 1), drawn in the (x, z) plane and coloured by time.
 */
export const lorenzFigure: FigureDef = {
  name: 'lorenz',
  title: 'The Lorenz attractor',
  section: 'nonlinear-dynamics',
  caption: 'The Lorenz system $\\dot x = a(y-x)$, $\\dot y = x(b - z) - y$, $\\dot z = xy - cz$ with $(a, b, c) = (10, 28, 8/3)$ from $(1, 1, 1)$ (DOPRI5, tolerance $10^{-9}$), projected on the $(x, z)$ plane, colour = time. The orbit never closes and never settles: a strange attractor, with a positive Lyapunov exponent (checked below).',
  params: [
    // Bounded as in `dynamics lorenz`: a = 1e300 overflowed the trajectory into an empty figure (and vega warnings).
    { name: 'a', description: 'a (sigma)', default: 10, min: -1000, max: 1000 },
    { name: 'b', description: 'b (rho)', default: 28, min: -1000, max: 1000 },
    { name: 'c', description: 'c (beta)', default: 8 / 3, min: -1000, max: 1000 },
    { name: 't1', aliases: ['tend'], description: 'integration time', default: 40, min: 1, max: 10000 },
    { name: 'samples', description: 'points drawn', default: 6000, kind: 'integer', min: 100, max: 1e6 },
  ],
  quick: { samples: 1200, t1: 10 },
  build(params) {
    const a = num(params, 'a'), b = num(params, 'b'), c = num(params, 'c');
    const tEnd = num(params, 't1');
    const n = num(params, 'samples');
    const tEval = Array.from({ length: n }, (_, i) => (tEnd * i) / (n - 1));
    const sol = odeDopri5(lorenzField(a, b, c), [0, tEnd], [1, 1, 1], { rtol: 1e-9, atol: 1e-9, tEval });
    // A line has one colour: draw it as short segments (sharing end points), each coloured by its start time.
    const chunk = Math.max(2, Math.ceil(sol.t.length / 150));
    const rows = [];
    for (let s0 = 0; s0 < sol.t.length - 1; s0 += chunk) {
      for (let i = s0; i <= Math.min(s0 + chunk, sol.t.length - 1); i++) {
        rows.push({ seg: s0, t: sig(sol.t[s0], 4), i, x: sig(sol.y[3 * i], 5), z: sig(sol.y[3 * i + 2], 5) });
      }
    }
    return figureSpec('The Lorenz attractor', this.caption, {
      width: 380, height: 320,
      layer: [{
        data: { values: rows }, mark: { type: 'line', strokeWidth: 0.9 },
        encoding: {
          x: quant('x', 'x'), y: quant('z', 'z'),
          color: { field: 't', type: 'quantitative', title: 'time t', scale: { scheme: 'viridis' } },
          detail: { field: 'seg', type: 'nominal' },
          order: { field: 'i', type: 'quantitative' },
        },
      }],
    }, `a = ${a}, b = ${b}, c = ${sig(c, 4)}; t ∈ [0, ${tEnd}], ${sol.stats.nfev} field evaluations`);
  },
};
