import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { encodePng, extent, logAxis, powerOfTen, rasterLayers, sig } from '../../src/plot/index.js';

describe('plot helpers', () => {
  it('powerOfTen writes exponents as Unicode superscripts', () => {
    expect(powerOfTen(-12)).toBe('10⁻¹²');
    expect(powerOfTen(0)).toBe('1');
    expect(powerOfTen(3)).toBe('10³');
  });

  it('logAxis puts ticks on the powers of ten inside the domain, thinned to maxTicks', () => {
    expect(logAxis(2e-4, 0.5).values).toEqual([1e-3, 1e-2, 1e-1]);
    expect(logAxis(1e-3, 1).values).toEqual([1e-3, 1e-2, 1e-1, 1]);
    expect(logAxis(2, 8).values).toEqual([2, 8]); // no power of ten inside: the ends
    const thin = logAxis(1e-16, 1, 5).values; // 17 decades, stride 4
    expect(thin.length).toBeLessThanOrEqual(5);
    expect(thin[thin.length - 1]).toBe(1);
    expect(Math.log10(thin[1]) - Math.log10(thin[0])).toBe(4);
  });

  it('sig rounds to significant digits and maps non-finite to null', () => {
    expect(sig(Math.PI, 4)).toBe(3.142);
    expect(sig(-1.23456e-9, 3)).toBe(-1.23e-9);
    expect(sig(NaN)).toBeNull();
    expect(sig(Infinity)).toBeNull();
  });

  it('extent ignores non-finite values and, for log scales, non-positive ones', () => {
    expect(extent([{ y: 2 }, { y: -1 }, { y: 0.5 }, { y: NaN }], 'y')).toEqual([-1, 2]);
    expect(extent([{ y: 2 }, { y: -1 }, { y: 0.5 }], 'y', true)).toEqual([0.5, 2]);
  });
});

describe('encodePng', () => {
  it('writes a valid PNG whose pixels inflate back to the input (zlib, filter 0)', () => {
    const w = 3;
    const h = 2;
    const rgba = new Uint8Array(w * h * 4).map((_, i) => (i * 37) % 256);
    const png = encodePng(w, h, rgba);
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(w); // IHDR width
    expect(view.getUint32(20)).toBe(h);
    const idatLen = view.getUint32(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect(raw.length).toBe(h * (4 * w + 1));
    for (let y = 0; y < h; y++) {
      expect(raw[y * (4 * w + 1)]).toBe(0);
      expect(Array.from(raw.subarray(y * (4 * w + 1) + 1, (y + 1) * (4 * w + 1)))).toEqual(Array.from(rgba.subarray(y * 4 * w, (y + 1) * 4 * w)));
    }
  });

  it('the CRC of IEND is the standard constant AE426082', () => {
    const png = encodePng(1, 1, new Uint8Array([1, 2, 3, 4]));
    expect(Buffer.from(png.subarray(png.length - 4)).toString('hex')).toBe('ae426082');
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(/expected 16 bytes/);
  });
});

describe('rasterLayers', () => {
  it('maps the domain ends to the first and last colours of the scheme and non-finite values to the missing colour', () => {
    const layers = rasterLayers({ width: 3, height: 1, values: [0, 1, NaN] }, { x: [0, 1], y: [0, 1], xTitle: 'x', yTitle: 'y', scheme: 'greys', missing: [255, 0, 0], legendTitle: 'v' });
    expect(layers).toHaveLength(2);
    const url = ((layers[0].data as { values: { url: string }[] }).values[0]).url;
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    const idatLen = png.readUInt32BE(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    // d3's interpolateGreys: t=0 is near white (#ffffff), t=1 black (#000000)
    expect(Array.from(raw.subarray(1, 5))).toEqual([255, 255, 255, 255]);
    expect(Array.from(raw.subarray(5, 9))).toEqual([0, 0, 0, 255]);
    expect(Array.from(raw.subarray(9, 13))).toEqual([255, 0, 0, 255]);
  });
});

describe('legend numbers', () => {
  it('label keeps 3 significant digits and writes small and large numbers with 10ⁿ', async () => {
    const { label } = await import('../../src/plot/figures/common.js');
    expect(label(0.0026334)).toBe('0.00263');
    expect(label(0.0005)).toBe('5×10⁻⁴');
    expect(label(2.5e-7)).toBe('2.5×10⁻⁷');
    expect(label(1e-5)).toBe('10⁻⁵');
    expect(label(12345)).toBe('1.23×10⁴');
    expect(label(100)).toBe('100');
  });
});
