import { colorizeEscape, mandelbrot } from '../../dynamics/index.js';
import { figureSpec } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { imageLayer } from '../raster.js';
import { num } from './common.js';

/** The Mandelbrot set (lecture slide 7): escape-time image of f_c(z) = z^2 + c with smooth colouring. */
export const mandelbrotFigure: FigureDef = {
  name: 'mandelbrot',
  title: 'The Mandelbrot set',
  section: 'nonlinear-dynamics',
  caption: 'Points $c$ of the complex plane whose orbit $z_{k+1} = z_k^2 + c$ from $z_0 = 0$ stays bounded (black) form the Mandelbrot set; outside, colour shows how fast the orbit escapes (smooth escape count). Inside the main cardioid the orbit tends to a fixed point, in the bulbs to cycles; on the boundary the dynamics is chaotic.',
  params: [
    { name: 'width', description: 'pixels across', default: 700, kind: 'integer', min: 16, max: 4096 },
    { name: 'maxIter', aliases: ['maxiter', 'max_iter'], description: 'iteration budget', default: 500, kind: 'integer', min: 10, max: 100000 },
    { name: 'xMin', aliases: ['xmin', 'x_min'], description: 'left edge (Re c)', default: -2.3 },
    { name: 'xMax', aliases: ['xmax', 'x_max'], description: 'right edge (Re c)', default: 0.8 },
    { name: 'yMax', aliases: ['ymax', 'y_max'], description: 'top edge (Im c); the view is symmetric', default: 1.2, min: 0, minExclusive: true },
  ],
  quick: { width: 240, maxIter: 200 },
  build(params) {
    const xMin = num(params, 'xMin');
    const xMax = Math.max(num(params, 'xMax'), xMin + 1e-9);
    const yMax = num(params, 'yMax');
    const width = num(params, 'width');
    const height = Math.max(1, Math.round((width * 2 * yMax) / (xMax - xMin)));
    const img = mandelbrot({ width, height, xMin, xMax, yMin: -yMax, yMax, maxIter: num(params, 'maxIter') });
    const rgba = colorizeEscape(img);
    const plotW = 520;
    return figureSpec('The Mandelbrot set: bounded orbits of z ↦ z² + c', this.caption, {
      width: plotW, height: Math.round((plotW * 2 * yMax) / (xMax - xMin)),
      layer: [imageLayer(width, height, rgba, { x: [xMin, xMax], y: [-yMax, yMax], xTitle: 'Re c', yTitle: 'Im c' })],
    }, `${width} × ${height} pixels, ${img.maxIter} iterations; ${img.inside} pixels inside`);
  },
};
