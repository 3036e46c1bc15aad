import type { EscapeTimeImage } from './escape-time.js';
import { checkNumber } from '../errors.js';

// Control points of a blue-white-orange palette (the look of Ultra Fractal's default gradient), RGB in 0..255.
const PALETTE: readonly [number, number, number][] = [[0, 7, 100], [32, 107, 203], [237, 255, 255], [255, 170, 0], [0, 2, 0]];

/**
 * RGBA pixels for an escape-time image: interior black; exterior coloured by the smooth count nu through a cyclic
 * palette, position = (nu / period) mod 1 with period 64 iterations (linear interpolation between control points).
 *
 * @example
 * colorizeEscape(mandelbrot({ width: 8 })).length; // returns 8 * 8 * 4
 */
export function colorizeEscape(img: EscapeTimeImage, period = 64): Uint8ClampedArray {
  checkNumber('period', period, { min: 0, minExclusive: true });
  const out = new Uint8ClampedArray(img.width * img.height * 4);
  const m = PALETTE.length;
  for (let i = 0; i < img.smooth.length; i++) {
    const nu = img.smooth[i];
    const o = 4 * i;
    out[o + 3] = 255;
    if (img.iterations[i] >= img.maxIter) continue;
    let s = (Math.max(nu, 0) / period) % 1;
    s *= m;
    const k = Math.floor(s), f = s - k;
    const a = PALETTE[k % m], b = PALETTE[(k + 1) % m];
    out[o] = a[0] + f * (b[0] - a[0]);
    out[o + 1] = a[1] + f * (b[1] - a[1]);
    out[o + 2] = a[2] + f * (b[2] - a[2]);
  }
  return out;
}

/**
 * RGBA pixels of a bifurcation diagram: points (r_i, x_i) binned into a width x height grid (r across, x in [0, 1]
 * upwards), on white: an empty cell is white, one point 40% grey, darkness growing with log(count) to black at 16.
 *
 * @example
 * rasterizeBifurcation(logisticBifurcation(2.5, 4, 800), 800, 600, 2.5, 4).length; // returns 800 * 600 * 4
 */
export function rasterizeBifurcation(data: { r: Float64Array; x: Float64Array }, width: number, height: number,
  rMin: number, rMax: number): Uint8ClampedArray {
  checkNumber('width', width, { min: 1, max: 16384, integer: true });
  checkNumber('height', height, { min: 1, max: 16384, integer: true });
  const counts = new Uint32Array(width * height);
  const span = rMax - rMin || 1;
  for (let i = 0; i < data.r.length; i++) {
    const col = Math.min(width - 1, Math.floor(((data.r[i] - rMin) / span) * width));
    const row = Math.min(height - 1, Math.floor((1 - data.x[i]) * height));
    if (col < 0 || row < 0 || !(data.x[i] >= 0 && data.x[i] <= 1)) continue;
    counts[row * width + col]++;
  }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < counts.length; i++) {
    const k = counts[i];
    const v = k === 0 ? 255 : Math.round(255 * (1 - Math.min(1, 0.4 + (0.6 * Math.log(k)) / Math.log(16))));
    out[4 * i] = v; out[4 * i + 1] = v; out[4 * i + 2] = v; out[4 * i + 3] = 255;
  }
  return out;
}
