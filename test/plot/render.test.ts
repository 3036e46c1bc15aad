import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { buildFigure } from '../../src/plot/index.js';
import { prefixSvgIds, renderPng, renderSvg, roundSvgNumbers } from '../../cli/render.js';

describe('renderSvg / renderPng', () => {
  it('rounds geometry to 0.01 px and leaves text alone', () => {
    expect(roundSvgNumbers('<path d="M0.123456,1.5L-0.0049,2"/><text x="3.14159">0.000123</text>'))
      .toBe('<path d="M0.12,1.5L0,2"/><text x="3.14">0.000123</text>');
  });

  it('prefixes ids and their references so several SVGs can share one page', () => {
    const svg = '<clipPath id="clip1"></clipPath><g clip-path="url(#clip1)"></g><use href="#clip1"/>';
    expect(prefixSvgIds(svg, 'f3')).toBe('<clipPath id="f3-clip1"></clipPath><g clip-path="url(#f3-clip1)"></g><use href="#f3-clip1"/>');
  });

  it('measures text with the DejaVu Sans advance widths (a legend entry is as wide as the font says)', async () => {
    // One point with a long legend label: the SVG width grows with the label's measured width.
    const spec = (name: string) => ({
      data: { values: [{ x: 1, y: 1, s: name }] }, mark: 'point' as const, width: 100, height: 100,
      encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { field: 'y', type: 'quantitative' as const }, color: { field: 's', type: 'nominal' as const } },
      config: { font: 'DejaVu Sans', legend: { labelFontSize: 10, labelLimit: 1000 } },
    });
    const width = async (name: string) => Number(/width="([\d.]+)"/.exec(await renderSvg(spec(name)))![1]);
    // DejaVu Sans advances (units per em 2048): 'i' 569, 'W' 2025; ten of them at 10 px: 27.8 px vs 98.9 px.
    const narrow = await width('iiiiiiiiii');
    const wide = await width('WWWWWWWWWW');
    expect(wide - narrow).toBeCloseTo(98.88 - 27.78, 0);
  });

  it('renders the same bytes twice (SVG and PNG) and a PNG twice the CSS size', async () => {
    const spec = buildFigure('energy-decay:samples=100');
    const a = await renderSvg(spec);
    const b = await renderSvg(spec);
    expect(a).toBe(b);
    const w = Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(a)![1]);
    const h = Number(/^<svg[^>]*\sheight="([\d.]+)"/.exec(a)![1]);
    const png1 = renderPng(a, { scale: 2 });
    const png2 = renderPng(b, { scale: 2 });
    expect(Buffer.from(png1).equals(Buffer.from(png2))).toBe(true);
    const img = PNG.sync.read(Buffer.from(png1));
    expect(img.width).toBe(Math.round(2 * w));
    expect(img.height).toBe(Math.round(2 * h));
    // Text is drawn: the title row (top 40 CSS px) contains dark pixels.
    let dark = 0;
    for (let y = 0; y < 80; y++) for (let x = 0; x < img.width; x++) if (img.data[4 * (y * img.width + x)] < 80) dark++;
    expect(dark).toBeGreaterThan(500);
  });
});
