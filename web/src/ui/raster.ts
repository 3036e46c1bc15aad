// Dense scalar fields (rate maps, fractals, bifurcation densities) become canvas ImageData. The canvas is either
// drawn under a chart by Chart.setRaster (live updates: no encoding), or becomes a PNG data URL that a Vega-Lite
// `image` mark places in data coordinates (static rasters, and every export), so the chart library draws the axes.

/** Colour ramps as RGB stops at equal spacing (viridis and magma from matplotlib, abbreviated). */
const RAMPS: Record<string, [number, number, number][]> = {
  viridis: [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37]],
  magma: [[0, 0, 4], [28, 16, 68], [79, 18, 123], [129, 37, 129], [181, 54, 122], [229, 80, 100], [251, 135, 97], [254, 194, 135], [252, 253, 191]],
  greys: [[255, 255, 255], [200, 200, 205], [120, 120, 130], [30, 30, 40]],
  ice: [[4, 6, 19], [32, 40, 90], [38, 90, 160], [70, 150, 200], [160, 210, 230], [250, 252, 255]],
};

export type RampName = keyof typeof RAMPS;

/** 256-entry lookup table for a ramp. */
export function lut(name: RampName): Uint8Array {
  const stops = RAMPS[name];
  const out = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * (stops.length - 1);
    const j = Math.min(Math.floor(t), stops.length - 2);
    const f = t - j;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(stops[j][c] * (1 - f) + stops[j + 1][c] * f);
  }
  return out;
}

export interface RasterOptions {
  ramp?: RampName;
  /** Values mapped to [0, 1] by (v - lo) / (hi - lo), clamped. */
  lo: number;
  hi: number;
  /** Colour for values outside the valid set (NaN, or > `invalidAbove`). */
  invalid?: [number, number, number, number];
  invalidAbove?: number;
  /** Row 0 is the top of the image unless flipY (row 0 = bottom, i.e. y increasing upward). */
  flipY?: boolean;
}

/** Ramps packed as one 32-bit RGBA word per entry (bytes written through a Uint8Array view: endianness-free). */
const LUT32 = new Map<string, Uint32Array>();
function lut32(name: RampName): Uint32Array {
  let t = LUT32.get(name);
  if (!t) {
    const rgb = lut(name);
    t = new Uint32Array(256);
    const b = new Uint8Array(t.buffer);
    for (let i = 0; i < 256; i++) { b[4 * i] = rgb[3 * i]; b[4 * i + 1] = rgb[3 * i + 1]; b[4 * i + 2] = rgb[3 * i + 2]; b[4 * i + 3] = 255; }
    LUT32.set(name, t);
  }
  return t;
}

/** The ImageData last painted into each canvas, reused while the size stays the same. */
const PIXELS = new WeakMap<HTMLCanvasElement, ImageData>();

/**
 * Paint a width x height field (row-major) into a canvas (a new one, or `into`, resized if needed) and return it.
 * One 32-bit store per pixel from a 256-entry RGBA table, into an ImageData reused across calls on the same canvas.
 */
export function paint(field: Float32Array | Float64Array, width: number, height: number, o: RasterOptions, into?: HTMLCanvasElement): HTMLCanvasElement {
  const canvas = into ?? document.createElement('canvas');
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  let img = PIXELS.get(canvas);
  if (!img || img.width !== width || img.height !== height) { img = ctx.createImageData(width, height); PIXELS.set(canvas, img); }
  const out = new Uint32Array(img.data.buffer, img.data.byteOffset, width * height);
  const table = lut32(o.ramp ?? 'viridis');
  const badRgba = o.invalid ?? [230, 230, 232, 255];
  const bad = new Uint32Array(new Uint8Array(badRgba).buffer)[0];
  const span = o.hi - o.lo || 1;
  const lo = o.lo;
  const above = o.invalidAbove ?? Infinity;
  for (let r = 0; r < height; r++) {
    const src = (o.flipY ? height - 1 - r : r) * width;
    const dst = r * width;
    for (let c = 0; c < width; c++) {
      const v = field[src + c];
      if (!(v === v) || v > above) { out[dst + c] = bad; continue; }
      let t = (v - lo) / span;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      out[dst + c] = table[Math.round(t * 255)];
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** A Vega-Lite layer that shows the raster named by the data set `name` (rows {url, x, x2, y, y2}). */
export function imageLayer(name: string): Record<string, unknown> {
  return {
    data: { name },
    mark: { type: 'image', aspect: false, smooth: false },
    encoding: {
      x: { field: 'x', type: 'quantitative' },
      x2: { field: 'x2' },
      y: { field: 'y', type: 'quantitative' },
      y2: { field: 'y2' },
      url: { field: 'url', type: 'nominal' },
    },
  };
}

/** The row for imageLayer covering [x0, x1] x [y0, y1]. */
export function imageRow(canvas: HTMLCanvasElement, x0: number, x1: number, y0: number, y1: number): Record<string, unknown> {
  return { url: canvas.toDataURL('image/png'), x: x0, x2: x1, y: y1, y2: y0 };
}

/** A canvas from RGBA pixels (e.g. the library's colorizeEscape output). */
export function paintRgba(rgba: Uint8ClampedArray, width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  return canvas;
}
