// Rendering figure specs in Node: Vega-Lite -> Vega -> SVG string (vega's headless renderer, no browser), and
// SVG -> PNG with resvg. Text is measured with the shipped DejaVu Sans metrics (npm package dejavu-fonts-ttf) and
// drawn with the same font file, so layout and pixels do not depend on the fonts installed on the machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import type { FigureSpec } from '../src/plot/index.js';

const require = createRequire(import.meta.url);

// Parts of vega's runtime API that its typings leave out.
const vegaExtra = vega as unknown as {
  textMetrics: { width: (item: { fontSize?: number; fontWeight?: string | number; text?: unknown }, text?: unknown) => number };
  resetSVGDefIds(): void;
};

/** The TrueType files the figures use (regular and bold, from the dejavu-fonts-ttf package). */
export const fontFiles: readonly string[] = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];

interface Glyph { advanceWidth?: number }
interface OpenTypeFont { unitsPerEm: number; charToGlyph(c: string): Glyph }
interface OpenTypeModule { parse(buffer: ArrayBuffer): OpenTypeFont }

let measureInstalled = false;

/**
 * Make vega measure text with the real advance widths of DejaVu Sans (vega otherwise estimates 0.8 em per character,
 * or asks node-canvas, which is not installed): legends and axis titles then sit where the PNG draws them.
 * Glyph advances only (no kerning): exact enough for layout and fully deterministic.
 */
function installTextMetrics(): void {
  if (measureInstalled) return;
  const opentype = require('opentype.js') as OpenTypeModule;
  const bytes = readFileSync(fontFiles[0]);
  const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const advance = new Map<string, number>();
  const em = (c: string): number => {
    let a = advance.get(c);
    if (a === undefined) {
      a = (font.charToGlyph(c).advanceWidth ?? font.unitsPerEm * 0.6) / font.unitsPerEm;
      advance.set(c, a);
    }
    return a;
  };
  vegaExtra.textMetrics.width = (item, text) => {
    const t = text === undefined ? item.text : text;
    const s = Array.isArray(t) ? t.join(' ') : String(t ?? '');
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    let w = 0;
    for (const c of s) w += em(c);
    return w * (item.fontSize ?? 11) * (bold ? 1.1 : 1);
  };
  measureInstalled = true;
}

const geometryAttribute = /\s(d|transform|x|y|x1|x2|y1|y2|width|height|r|cx|cy|points|viewBox|stroke-width)="([^"]*)"/g;

/**
 * Round the numbers in the SVG's geometry attributes to 2 decimals (0.01 px): shorter files, and snapshots that do not
 * change with the last bits of a floating-point computation.
 *
 * @example
 * roundSvgNumbers('<path d="M0.123456,1.5"/>'); // returns '<path d="M0.12,1.5"/>'
 */
export function roundSvgNumbers(svg: string): string {
  return svg.replace(geometryAttribute, (_m, name: string, value: string) =>
    ` ${name}="${value.replace(/-?\d*\.\d{3,}(e-?\d+)?/g, (num) => {
      const r = Math.round(Number(num) * 100) / 100;
      return String(Object.is(r, -0) ? 0 : r);
    })}"`);
}

/** Make element ids unique within an HTML page holding several SVGs (vega numbers clip paths clip1, clip2, ...). */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}-${id}"`);
}

/**
 * Render a Vega-Lite figure spec to a standalone SVG document (deterministic: same spec, same bytes).
 *
 * @example
 * await renderSvg({ mark: 'point', data: { values: [{ x: 1 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } });
 * // returns '<svg xmlns="http://www.w3.org/2000/svg" ...'
 */
export async function renderSvg(spec: FigureSpec, { idPrefix }: { idPrefix?: string } = {}): Promise<string> {
  installTextMetrics();
  const vg = compile(spec).spec;
  vegaExtra.resetSVGDefIds();
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = roundSvgNumbers(await view.toSVG());
    return idPrefix ? prefixSvgIds(svg, idPrefix) : svg;
  } finally {
    view.finalize();
  }
}

/**
 * Rasterise an SVG with resvg, using only the shipped fonts (no system font lookup), at `scale` times its CSS size.
 *
 * @example
 * renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="1"/>', { scale: 2 }).length > 0; // returns true
 */
export function renderPng(svg: string, { scale = 2 }: { scale?: number } = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
