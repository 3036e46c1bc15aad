import { checkNumber } from '../errors.js';
import { type EscapeTimeImage, type EscapeTimeOptions, checkView, escapeTime } from './escape-time.js';

/**
 * The Mandelbrot set of the lecture's f_c(z) = z^2 + c: escape-time image over a window (default [-2, 0.5] x
 * [-1.25, 1.25]) with smooth colouring, cardioid/bulb tests and periodicity checking (Peitgen & Saupe, The Science of
 * Fractal Images, 1988, ch. 4).
 *
 * @example
 * mandelbrot({ width: 4, height: 4, maxIter: 100 }).inside; // returns 4 (the four central pixels)
 */
export function mandelbrot(options: EscapeTimeOptions = {}): EscapeTimeImage {
  const view = checkView(options, { xMin: -2, xMax: 0.5, yMin: -1.25, yMax: 1.25 });
  return escapeTime(view, false, 0, 0, options.bulbCheck ?? true, options.periodicity ?? true);
}

/**
 * Filled Julia set of z -> z^2 + c: escape-time image with smooth colouring (default window [-1.6, 1.6]^2).
 *
 * @example
 * julia(-1, 0, { width: 64, maxIter: 200 }).inside > 0; // returns true (the basilica has an interior)
 */
export function julia(cRe: number, cIm: number, options: EscapeTimeOptions = {}): EscapeTimeImage {
  checkNumber('cRe', cRe); checkNumber('cIm', cIm);
  const view = checkView(options, { xMin: -1.6, xMax: 1.6, yMin: -1.6, yMax: 1.6 });
  return escapeTime(view, true, cRe, cIm, false, options.periodicity ?? true);
}

/**
 * Area of the Mandelbrot set estimated by pixel counting: (inside pixels) x (pixel area) on an n x n grid of
 * [-2, 0.5] x [-1.25, 1.25]. Tends to 1.50659... (Förstemann's estimate 1.506591856) as n and maxIter grow.
 *
 * @example
 * mandelbrotArea(256, 1000); // returns ≈ 1.51
 */
export function mandelbrotArea(n: number, maxIter = 1000): number {
  checkNumber('n', n, { min: 1, max: 16384, integer: true });
  const img = mandelbrot({ width: n, height: n, maxIter });
  return (img.inside * 2.5 * 2.5) / (n * n);
}
