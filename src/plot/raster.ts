import { interpolateMagma, interpolateViridis, interpolateCividis, interpolateGreys } from 'd3-scale-chromatic';
import { pngDataUrl } from './png.js';

/** Colour schemes for rasters; the names are Vega's, so the gradient legend matches the pixels. */
export type RasterScheme = 'magma' | 'viridis' | 'cividis' | 'greys';

const interpolators: Record<RasterScheme, (t: number) => string> = {
  magma: interpolateMagma, viridis: interpolateViridis, cividis: interpolateCividis, greys: interpolateGreys,
};

function lookupTable(scheme: RasterScheme): Uint8Array {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const hex = interpolators[scheme](i / 255);
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    const rgb = m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : (hex.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
    lut.set(rgb.slice(0, 3), 3 * i);
  }
  return lut;
}

/** A scalar field sampled on a grid: `values[row * width + col]`, row 0 at the top (largest y). */
export interface RasterGrid {
  width: number;
  height: number;
  values: ArrayLike<number>;
}

/** Options of `rasterLayers`. */
export interface RasterOptions {
  x: [number, number];
  y: [number, number];
  xTitle: string;
  yTitle: string;
  scheme?: RasterScheme;
  /** Colour domain [lo, hi]; defaults to the finite min and max of the values. */
  domain?: [number, number];
  /** Colour of non-finite values (e.g. points inside the Mandelbrot set), as [r, g, b]. */
  missing?: [number, number, number];
  /** Title of the gradient legend; no legend when absent. */
  legendTitle?: string;
}

/**
 * Vega-Lite layers drawing a raster as one embedded PNG (an image mark spanning the extent) with proper axes, plus an
 * invisible layer that produces the matching gradient legend. Dense fields (fractals, rate maps) stay small this way.
 *
 * @example
 * rasterLayers({ width: 1, height: 1, values: [0] }, { x: [0, 1], y: [0, 1], xTitle: 'x', yTitle: 'y' }).length; // returns 1
 */
export function rasterLayers(grid: RasterGrid, opts: RasterOptions): Record<string, unknown>[] {
  const { width, height, values } = grid;
  const { scheme = 'magma', missing = [0, 0, 0] } = opts;
  let [lo, hi] = opts.domain ?? [Infinity, -Infinity];
  if (!opts.domain) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
    if (lo > hi) { lo = 0; hi = 1; }
  }
  const lut = lookupTable(scheme);
  const rgba = new Uint8Array(width * height * 4);
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < width * height; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      const t = Math.min(255, Math.max(0, Math.round(((v - lo) / span) * 255)));
      rgba[4 * i] = lut[3 * t]; rgba[4 * i + 1] = lut[3 * t + 1]; rgba[4 * i + 2] = lut[3 * t + 2];
    } else {
      rgba[4 * i] = missing[0]; rgba[4 * i + 1] = missing[1]; rgba[4 * i + 2] = missing[2];
    }
    rgba[4 * i + 3] = 255;
  }
  const image = imageLayer(width, height, rgba, opts);
  if (!opts.legendTitle) return [image];
  const legend = {
    data: { values: [{ v: lo, x: opts.x[0], y: opts.y[0] }, { v: hi, x: opts.x[0], y: opts.y[0] }] },
    mark: { type: 'point', opacity: 0 },
    encoding: {
      x: { field: 'x', type: 'quantitative' },
      y: { field: 'y', type: 'quantitative' },
      color: { field: 'v', type: 'quantitative', title: opts.legendTitle, scale: { scheme, domain: [lo, hi] } },
    },
  };
  return [image, legend];
}

/**
 * A Vega-Lite image layer showing RGBA pixels (row 0 at the top) stretched over the data extent x × y, with axes.
 *
 * @example
 * imageLayer(1, 1, new Uint8Array(4), { x: [0, 1], y: [0, 1], xTitle: 'x', yTitle: 'y' }).mark; // returns { type: 'image', ... }
 */
export function imageLayer(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray,
  opts: Pick<RasterOptions, 'x' | 'y' | 'xTitle' | 'yTitle'>): Record<string, unknown> {
  const bytes = rgba instanceof Uint8Array ? rgba : new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const scale = (d: [number, number]) => ({ domain: d, nice: false, zero: false });
  return {
    data: { values: [{ x0: opts.x[0], x1: opts.x[1], y0: opts.y[0], y1: opts.y[1], url: pngDataUrl(width, height, bytes) }] },
    mark: { type: 'image', aspect: false, align: 'left', baseline: 'bottom' },
    encoding: {
      x: { field: 'x0', type: 'quantitative', title: opts.xTitle, scale: scale(opts.x), axis: { grid: false, tickCount: 8 } },
      x2: { field: 'x1' },
      y: { field: 'y0', type: 'quantitative', title: opts.yTitle, scale: scale(opts.y), axis: { grid: false } },
      y2: { field: 'y1' },
      url: { field: 'url', type: 'nominal' },
    },
  };
}
