import { logisticCobweb, logisticOrbit, logisticPeriod } from '../../dynamics/index.js';
import { figureSpec, quant } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors, palette } from '../theme.js';
import { num } from './common.js';

/**
 * The logistic map f(x) = r x (1 - x) (lecture slide 7, r = 3.5): a cobweb diagram and the orbit against time; the
 * period found by the library is in the subtitle.
 */
export const logisticFigure: FigureDef = {
  name: 'logistic',
  title: 'The logistic map',
  section: 'nonlinear-dynamics',
  caption: 'The lecture\'s map $f(x) = 3.5\\,x(1-x)$. Left: cobweb diagram (iterate by going vertically to the graph of $f$, horizontally to the diagonal) from $x_0 = 0.2$. Right: the orbit $x_k$: after a transient it settles on a cycle of period 4 (the library\'s period detection in the subtitle). For $r$ beyond about 3.57 the orbit becomes chaotic.',
  params: [
    { name: 'r', description: 'parameter r in [0, 4]', default: 3.5, min: 0, max: 4 },
    { name: 'x0', description: 'start point in [0, 1]', default: 0.2, min: 0, max: 1 },
    { name: 'steps', description: 'iterations', default: 60, kind: 'integer', min: 2, max: 100000 },
  ],
  build(params) {
    const r = num(params, 'r');
    const x0 = num(params, 'x0');
    const n = num(params, 'steps');
    const cob = logisticCobweb(r, x0, n);
    const orbit = logisticOrbit(r, x0, n);
    const period = logisticPeriod(r);
    const graph = Array.from({ length: 201 }, (_, i) => ({ x: i / 200, y: sig(logisticOrbit(r, i / 200, 1)[1], 6) }));
    const cobRows = Array.from(cob.x, (x, i) => ({ i, x: sig(x, 6), y: sig(cob.y[i], 6) }));
    const orbitRows = Array.from(orbit, (x, k) => ({ k, x: sig(x, 6) }));
    return figureSpec(`The logistic map, r = ${r}`, this.caption, {
      hconcat: [
        {
          width: 260, height: 260,
          layer: [
            { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: 'line', color: '#999', strokeWidth: 1 }, encoding: { x: quant('x', 'x', { domain: [0, 1] }), y: quant('y', 'f(x)', { domain: [0, 1] }) } },
            { data: { values: graph }, mark: { type: 'line', color: methodColors.theory, strokeWidth: 1.8 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
            { data: { values: cobRows }, mark: { type: 'line', color: palette[1], strokeWidth: 1 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, order: { field: 'i', type: 'quantitative' } } },
          ],
        },
        {
          width: 320, height: 260,
          layer: [{ data: { values: orbitRows }, mark: { type: 'line', color: palette[0], strokeWidth: 1.4, point: { size: 16 } }, encoding: { x: quant('k', 'iteration k', { domain: [0, n] }), y: quant('x', 'xₖ', { domain: [0, 1] }) } }],
        },
      ],
    }, `x₀ = ${x0}; ${period.period !== null ? `period ${period.period}` : 'no period found (chaotic)'}`);
  },
};
