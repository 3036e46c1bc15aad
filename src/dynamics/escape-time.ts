import { checkNumber } from '../errors.js';

/** The view and the iteration budget of an escape-time image (pixel centres sample the window). */
export interface EscapeTimeOptions {
  width?: number;
  height?: number;
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  maxIter?: number;
  /** Skip points in the main cardioid and the period-2 bulb (Mandelbrot only; default true). */
  bulbCheck?: boolean;
  /** Brent-style periodicity checking: stop when the orbit returns to a saved point (default true). */
  periodicity?: boolean;
}

/**
 * An escape-time image: `iterations[i]` is the escape count n of pixel i (row-major, row 0 at yMax), or maxIter when
 * the orbit did not escape (the point is counted inside); `smooth[i]` is the continuous count
 * n + 1 - log2(ln |z_n|) (bailout radius 2^8), or -1 inside.
 */
export interface EscapeTimeImage {
  width: number;
  height: number;
  maxIter: number;
  xMin: number; xMax: number; yMin: number; yMax: number;
  iterations: Uint32Array;
  smooth: Float32Array;
  /** Number of pixels that did not escape. */
  inside: number;
}

const BAILOUT2 = 65536; // |z|^2 > (2^8)^2: large bailout so the smooth count is accurate (Linas Vepstas 1997)
const INV_LN2 = 1 / Math.LN2;

export function checkView(o: EscapeTimeOptions, defaults: Required<Pick<EscapeTimeOptions, 'xMin' | 'xMax' | 'yMin' | 'yMax'>>) {
  const width = checkNumber('width', o.width ?? 512, { min: 1, max: 16384, integer: true });
  const height = checkNumber('height', o.height ?? width, { min: 1, max: 16384, integer: true });
  const maxIter = checkNumber('maxIter', o.maxIter ?? 1000, { min: 1, max: 1e8, integer: true });
  const xMin = checkNumber('xMin', o.xMin ?? defaults.xMin);
  const xMax = checkNumber('xMax', o.xMax ?? defaults.xMax, { min: xMin, minExclusive: true });
  const yMin = checkNumber('yMin', o.yMin ?? defaults.yMin);
  const yMax = checkNumber('yMax', o.yMax ?? defaults.yMax, { min: yMin, minExclusive: true });
  return { width, height, maxIter, xMin, xMax, yMin, yMax };
}

// |z|^2 at exit of the last orbit (set by the iteration kernels; a module scratch so the kernels return one number).
const exit2 = new Float64Array(1);

/** Iterate z <- z^2 + a from z = (x, y) until |z|^2 > BAILOUT2 or maxIter steps; returns the step count. */
function orbitPlain(x: number, y: number, ar: number, ai: number, maxIter: number): number {
  let x2 = x * x, y2 = y * y, n = 0;
  while (x2 + y2 <= BAILOUT2 && n < maxIter) {
    y = 2 * x * y + ai;
    x = x2 - y2 + ar;
    x2 = x * x;
    y2 = y * y;
    n++;
  }
  exit2[0] = x2 + y2;
  return n;
}

/**
 * As orbitPlain, with periodicity checking: a saved point is refreshed at iterations 8, 16, 32, ... (Brent's cycle
 * detection); an exact return to it means an attracting cycle was reached, so the point is inside (returns maxIter).
 */
function orbitPeriodic(x: number, y: number, ar: number, ai: number, maxIter: number): number {
  let x2 = x * x, y2 = y * y, n = 0, sx = x, sy = y, lim = 8, cnt = 0;
  while (x2 + y2 <= BAILOUT2 && n < maxIter) {
    y = 2 * x * y + ai;
    x = x2 - y2 + ar;
    x2 = x * x;
    y2 = y * y;
    n++;
    if (x === sx && y === sy) { n = maxIter; break; }
    if (++cnt === lim) { cnt = 0; lim <<= 1; sx = x; sy = y; }
  }
  exit2[0] = x2 + y2;
  return n;
}

/**
 * The escape-time renderer shared by the Mandelbrot and Julia sets: z <- z^2 + c for every pixel centre.
 * `julia` false: c = pixel, z0 = 0; true: z0 = pixel, c = (cRe, cIm). The per-orbit kernels are small functions of
 * plain doubles, writing into typed arrays; nothing is allocated per pixel.
 */
export function escapeTime(view: ReturnType<typeof checkView>, julia: boolean, cRe: number, cIm: number,
  bulbCheck: boolean, periodicity: boolean): EscapeTimeImage {
  const { width, height, maxIter, xMin, xMax, yMin, yMax } = view;
  const iterations = new Uint32Array(width * height);
  const smooth = new Float32Array(width * height);
  const dx = (xMax - xMin) / width, dy = (yMax - yMin) / height;
  let inside = 0;
  for (let row = 0; row < height; row++) {
    const py = yMax - (row + 0.5) * dy;
    for (let col = 0; col < width; col++) {
      const px = xMin + (col + 0.5) * dx;
      const idx = row * width + col;
      let n: number;
      if (julia) n = periodicity ? orbitPeriodic(px, py, cRe, cIm, maxIter) : orbitPlain(px, py, cRe, cIm, maxIter);
      else {
        // Main cardioid: q (q + (x - 1/4)) <= y^2 / 4 with q = (x - 1/4)^2 + y^2; period-2 bulb: (x + 1)^2 + y^2 <= 1/16.
        const xq = px - 0.25, q = xq * xq + py * py;
        if (bulbCheck && (q * (q + xq) <= 0.25 * py * py || (px + 1) * (px + 1) + py * py <= 0.0625)) n = maxIter;
        else n = periodicity ? orbitPeriodic(0, 0, px, py, maxIter) : orbitPlain(0, 0, px, py, maxIter);
      }
      if (n >= maxIter) { iterations[idx] = maxIter; smooth[idx] = -1; inside++; } else {
        iterations[idx] = n;
        // nu = n + 1 - log2(ln|z|) = n + 1 - log2(0.5 ln |z|^2)
        smooth[idx] = n + 1 - Math.log(0.5 * Math.log(exit2[0])) * INV_LN2;
      }
    }
  }
  return { width, height, maxIter, xMin, xMax, yMin, yMax, iterations, smooth, inside };
}
