import { createMethod } from '../../methods/index.js';
import { createProblem } from '../../problems/index.js';
import { run } from '../../run/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors, palette } from '../theme.js';
import { num } from './common.js';

/**
 * The Lessard–Recht–Packard counterexample (lecture slide 31): heavy ball with Polyak's quadratic tuning for mu = 1,
 * L = 25 (alpha = 1/9, beta = 4/9) on a piecewise-quadratic strongly convex function cycles from x0 = 3.3, while
 * Nesterov converges; the iterates drawn on the function.
 */
export const counterexampleFigure: FigureDef = {
  name: 'counterexample',
  title: 'Heavy ball cycles on a strongly convex function',
  section: 'certification',
  caption: "Left: the 1-strongly convex, 25-smooth piecewise quadratic of Lessard, Recht and Packard with heavy ball's iterates (Polyak's tuning for $\\mu = 1$, $L = 25$: $\\alpha = 1/9$, $\\beta = 4/9$) from $x_0 = 3.3$: they settle on a 3-cycle (numbered markers). Right: $|x_k|$ for heavy ball from 3.3 (cycles), heavy ball from 0.5 (converges, as on the quadratic $12.5x^2$) and Nesterov from 3.3 (converges).",
  params: [
    { name: 'x0', description: 'start point of the cycling run', default: 3.3 },
    { name: 'steps', description: 'iterations', default: 60, kind: 'integer', min: 5, max: 100000 },
  ],
  build(params) {
    const x0 = num(params, 'x0');
    const steps = num(params, 'steps');
    const runs = [
      { name: `heavy ball from ${x0}`, problem: `lessard-counterexample:x0=${x0}`, method: 'hb:alpha=0.1111111111111111,beta=0.4444444444444444', color: methodColors.hb },
      { name: 'heavy ball from 0.5', problem: 'lessard-counterexample:x0=0.5', method: 'hb:alpha=0.1111111111111111,beta=0.4444444444444444', color: palette[4] },
      { name: `Nesterov from ${x0}`, problem: `lessard-counterexample:x0=${x0}`, method: 'nag:tune=standard', color: methodColors.nag },
    ];
    const f = createProblem('lessard-counterexample');
    const J = (x: number) => f.value(Float64Array.of(x));
    const rows = [];
    let cycle: { x: number; J: number; k: number }[] = [];
    for (const r of runs) {
      const problem = createProblem(r.problem);
      const res = run(problem, createMethod(r.method, problem), { steps, tol: 0, record: ['k', 'w0'] });
      const xs = res.trace.w0;
      for (let k = 0; k < xs.length; k++) rows.push({ k: res.trace.k[k], x: sig(Math.max(Math.abs(xs[k]), 1e-17), 6), series: r.name });
      if (r === runs[0]) cycle = Array.from(xs.slice(-3), (x, i) => ({ x: sig(x, 6)!, J: sig(J(x), 6)!, k: i + 1 }));
    }
    const curve = [];
    const lo = Math.min(-1.5, ...cycle.map((c) => c.x - 0.5));
    const hi = Math.max(3.6, ...cycle.map((c) => c.x + 0.5));
    for (let i = 0; i <= 300; i++) { const x = lo + ((hi - lo) * i) / 300; curve.push({ x: sig(x, 6), J: sig(J(x), 6) }); }
    const names = runs.map((r) => r.name);
    return figureSpec('Heavy ball with quadratic tuning fails on a strongly convex function', this.caption, {
      hconcat: [
        {
          width: 280, height: 250,
          layer: [
            { data: { values: curve }, mark: { type: 'line', color: '#555', strokeWidth: 1.6 }, encoding: { x: quant('x', 'x', { domain: [lo, hi] }), y: quant('J', 'J(x)') } },
            { data: { values: cycle }, mark: { type: 'point', size: 90, filled: true, color: methodColors.hb }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'J', type: 'quantitative' } } },
            { data: { values: cycle }, mark: { type: 'text', dy: -12, fontSize: 12, color: methodColors.hb }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'J', type: 'quantitative' }, text: { field: 'k', type: 'nominal' } } },
          ],
        },
        {
          width: 300, height: 250,
          layer: [{ data: { values: rows }, mark: { type: 'line', strokeWidth: 1.6, clip: true }, encoding: { x: quant('k', 'iteration k', { domain: [0, steps] }), y: quant('x', '|x_k − x*|', { log: true, domain: [1e-12, 10] }), color: seriesColor('series', 'run', names, runs.map((r) => r.color)) } }],
        },
      ],
    }, 'μ = 1, L = 25, α = 1/9, β = 4/9');
  },
};
