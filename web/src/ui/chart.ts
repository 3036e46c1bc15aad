// A Vega-Lite chart rendered by Vega's View API (canvas renderer while interacting; SVG on export).
// Data sets are named in the spec (`data: {name: 'traj'}`) and replaced wholesale by `set`. A dense raster can live
// under the Vega canvas (`setRaster`) and joins the image layer only for export. Expressions run in vega-interpreter
// (no Function: the page's CSP has no 'unsafe-eval'). Each chart is named (its description or its figure caption) and
// carries a visually hidden text summary of its data.
import { View, parse, type Spec as VegaSpec } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { vegaConfig, FONT } from './theme.js';
import { imageRow } from './raster.js';
import { h, uniqueId } from './dom.js';

export type Row = Record<string, unknown>;

export interface ChartOptions {
  /** 'canvas' (default, fast redraw) or 'svg'. */
  renderer?: 'canvas' | 'svg';
  /** Accessible description of the chart. */
  description?: string;
}

/** Every live chart on the page (the tests walk their colour scales; window.__explorer.charts()). */
export const liveCharts = new Set<Chart>();

/** A live chart: named data sets that can be replaced, and exports. */
export class Chart {
  readonly view: View;
  readonly el: HTMLElement;
  /** The accessible name: the given description, else the figure's caption. */
  readonly name: string;
  /** Names of the compiled spec's top-level scales (for the colour checks). */
  readonly scaleNames: string[];
  private readonly summary: HTMLElement;
  private summaryTimer = 0;
  private readonly data = new Map<string, Row[]>();
  private pending: Promise<unknown> = Promise.resolve();
  /** A raster shown under the transparent Vega canvas, and the image layer that receives it on export. */
  private raster: { layer: string; canvas: HTMLCanvasElement; x0: number; x1: number; y0: number; y1: number } | null = null;
  private under: HTMLCanvasElement | null = null;

  constructor(el: HTMLElement, spec: TopLevelSpec, opts: ChartOptions = {}) {
    this.el = el;
    el.classList.add('chart');
    const caption = el.closest('figure')?.querySelector('figcaption')?.textContent?.trim();
    this.name = opts.description || caption || 'chart';
    // A text alternative: what is drawn, in words (updated after each data change), read after the name.
    const sid = uniqueId('chart-summary');
    this.summary = h('p', { class: 'sr-only chart-summary', id: sid });
    const vg = compile({ ...spec, description: this.name, config: { ...vegaConfig, ...(spec.config ?? {}) } } as TopLevelSpec).spec as VegaSpec;
    vg.description = this.name;
    this.scaleNames = (vg.scales ?? []).map((sc) => sc.name);
    const runtime = (parse as (s: VegaSpec, c?: unknown, o?: unknown) => ReturnType<typeof parse>)(vg, undefined, { ast: true });
    this.view = new View(runtime, { renderer: opts.renderer ?? 'canvas', container: el, hover: true, logLevel: 1, expr: expressionInterpreter } as ConstructorParameters<typeof View>[1]);
    // Vega sets role graphics-document and aria-label = description on the container; the summary describes it.
    el.setAttribute('aria-label', this.name);
    el.setAttribute('aria-describedby', sid);
    el.after(this.summary);
    if (el.classList.contains('interactive') && !el.hasAttribute('tabindex')) el.tabIndex = 0;
    this.pending = this.view.runAsync();
    this.view.addResizeListener(() => void this.view.runAsync().then(() => this.drawRaster()));
    liveCharts.add(this);
    this.describe();
  }

  /** Rewrite the text summary a moment after the data changed (large data sets: once, not per drag frame). */
  private describe(): void {
    clearTimeout(this.summaryTimer);
    this.summaryTimer = window.setTimeout(() => {
      const parts: string[] = [];
      for (const [name, rows] of this.data) {
        if (name.startsWith('_') || !rows.length) continue;
        const series = new Set<string>();
        for (const key of ['method', 'series', 'label']) for (const r of rows.slice(0, 5000)) if (typeof r[key] === 'string') series.add(r[key] as string);
        parts.push(`${name}: ${rows.length} points${series.size ? ` (${[...series].slice(0, 8).join(', ')})` : ''}`);
      }
      const raster = this.raster ? ` An image of ${this.raster.canvas.width} x ${this.raster.canvas.height} cells over [${this.raster.x0}, ${this.raster.x1}] x [${this.raster.y0}, ${this.raster.y1}].` : '';
      this.summary.textContent = `${this.name}.${raster} ${parts.length ? `Data: ${parts.join('; ')}.` : raster ? '' : 'No data yet.'} Export gives the numbers as CSV.`;
    }, 400);
  }

  /**
   * Show `canvas` under the plot over data [x0, x1] x [y0, y1]. It is drawn into a second canvas under the
   * transparent Vega canvas with the same drawImage call Vega's image mark makes (same place, nearest-neighbour), so
   * the screen is unchanged while an update costs no PNG encoding, image decoding or second Vega render. The chart's
   * image layer `layer` receives the raster (as a PNG URL) only while exporting, so SVG/PNG exports keep it. The chart
   * should hide its grid (the image layer used to cover it). Resolves once drawn with the data `sets` given.
   */
  async setRaster(layer: string, canvas: HTMLCanvasElement, x0: number, x1: number, y0: number, y1: number, sets: Record<string, Row[]> = {}): Promise<void> {
    if (!this.raster) this.describe();
    this.raster = { layer, canvas, x0, x1, y0, y1 };
    await (Object.keys(sets).length ? this.set(sets) : this.pending);
    this.drawRaster();
  }

  /** Draw the raster into the canvas under the Vega canvas (after every redraw: the origin moves with axis and legend sizes). */
  private drawRaster(): void {
    const r = this.raster;
    const marks = this.marksElement() as HTMLCanvasElement | null;
    if (!r || !marks || !(marks instanceof HTMLCanvasElement)) return;
    const sx = this.view.scale('x') as ((v: number) => number) | undefined;
    const sy = this.view.scale('y') as ((v: number) => number) | undefined;
    if (!sx || !sy) return;
    let under = this.under;
    if (!under) {
      under = this.under = document.createElement('canvas');
      under.className = 'chart-raster';
      under.setAttribute('aria-hidden', 'true');
      Object.assign(under.style, { position: 'absolute', zIndex: '0', pointerEvents: 'none' });
      if (getComputedStyle(this.el).position === 'static') this.el.style.position = 'relative';
      Object.assign(marks.style, { position: 'relative', zIndex: '1' });
      this.el.append(under);
    }
    // Same backing size and CSS size as Vega's canvas (Vega sets style width/height when devicePixelRatio != 1).
    if (under.width !== marks.width) under.width = marks.width;
    if (under.height !== marks.height) under.height = marks.height;
    under.style.width = marks.style.width;
    under.style.height = marks.style.height;
    under.style.left = `${marks.offsetLeft}px`;
    under.style.top = `${marks.offsetTop}px`;
    const ratio = marks.width / (parseFloat(marks.style.width) || marks.width);
    const [ox, oy] = this.plotOrigin();
    const xa = sx(r.x0), xb = sx(r.x1), ya = sy(r.y0), yb = sy(r.y1);
    const x = Math.min(xa, xb), y = Math.min(ya, yb), w = Math.abs(xb - xa), h = Math.abs(yb - ya);
    const ctx = under.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, under.width, under.height);
    ctx.setTransform(ratio, 0, 0, ratio, ratio * ox, ratio * oy); // as Vega's canvas renderer: pixel ratio, then origin
    ctx.imageSmoothingEnabled = false; // the image layer's smooth: false
    ctx.drawImage(r.canvas, x, y, w, h);
    // The drawn rectangle in CSS pixels of the chart element (for tests and pointer code).
    const k = this.cssScale(marks);
    Object.assign(under.dataset, { x: String(marks.offsetLeft + k * (ox + x)), y: String(marks.offsetTop + k * (oy + y)), w: String(k * w), h: String(k * h) });
  }

  /** Top-left of the plot area in drawing pixels: Vega draws at padding + origin (vega-view's offset()). */
  private plotOrigin(): [number, number] {
    const [ox, oy] = this.view.origin();
    const pad = this.view.padding() as { left?: number; top?: number } | number;
    return typeof pad === 'number' ? [pad + ox, pad + oy] : [(pad.left ?? 0) + ox, (pad.top ?? 0) + oy];
  }

  /** The Vega canvas (or SVG), not the raster under it. */
  private marksElement(): Element | null {
    return this.el.querySelector('canvas:not(.chart-raster), svg');
  }

  /** Run `fn` with the raster copied into its image layer (exports must contain it), then empty the layer again. */
  private async withRaster<T>(fn: () => Promise<T>): Promise<T> {
    await this.pending;
    const r = this.raster;
    if (!r) return fn();
    this.view.data(r.layer, [imageRow(r.canvas, r.x0, r.x1, r.y0, r.y1)]);
    await this.view.runAsync();
    try {
      return await fn();
    } finally {
      this.view.data(r.layer, []);
      this.pending = this.view.runAsync();
    }
  }

  /** Replace the named data sets and redraw; resolves once drawn. */
  set(sets: Record<string, Row[]>): Promise<unknown> {
    for (const [name, rows] of Object.entries(sets)) {
      this.data.set(name, rows);
      this.view.data(name, rows);
    }
    this.pending = this.view.runAsync();
    this.describe();
    return this.pending;
  }

  /** Set signals (e.g. params bound into the spec) and redraw. */
  signal(values: Record<string, unknown>): Promise<unknown> {
    for (const [k, v] of Object.entries(values)) this.view.signal(k, v);
    this.pending = this.view.runAsync();
    return this.pending;
  }

  /** The rows last given for a data set (for CSV export). */
  rows(name: string): Row[] {
    return this.data.get(name) ?? [];
  }

  dataNames(): string[] {
    return [...this.data.keys()];
  }

  /** The chart as SVG; with `title`, a title line (the parameters) drawn above it. */
  async svg(title?: string): Promise<string> {
    const svg = await this.withRaster(() => this.view.toSVG());
    return title ? titledSvg(svg, title) : svg;
  }

  /** The chart as a PNG data URL at `scale`; with `title`, a title line drawn above it. */
  async png(scale = 2, title?: string): Promise<string> {
    const url = await this.withRaster(() => this.view.toImageURL('png', scale));
    return title ? titledPng(url, title, scale) : url;
  }

  /** CSS scaling of the drawing (the canvas may be shrunk by max-width: 100% on narrow screens). */
  private cssScale(el: Element): number {
    const drawn = parseFloat((el as HTMLElement).style?.width || '') || (el as HTMLCanvasElement).width || 0;
    const box = el.getBoundingClientRect();
    return drawn > 0 && box.width > 0 ? box.width / drawn : 1;
  }

  /** Plot-area pixel -> data coordinates (for pointer interaction), using the chart's own scales. */
  invert(clientX: number, clientY: number): { x: number; y: number } | null {
    const canvas = this.marksElement();
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const origin = this.plotOrigin();
    const k = this.cssScale(canvas);
    const px = (clientX - box.left) / k - origin[0];
    const py = (clientY - box.top) / k - origin[1];
    const sx = this.view.scale('x') as ((v: number) => number) & { invert?: (p: number) => number };
    const sy = this.view.scale('y') as ((v: number) => number) & { invert?: (p: number) => number };
    if (!sx?.invert || !sy?.invert) return null;
    return { x: sx.invert(px), y: sy.invert(py) };
  }

  /** Data -> client pixel coordinates. */
  project(x: number, y: number): { px: number; py: number } | null {
    const canvas = this.marksElement();
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const origin = this.plotOrigin();
    const sx = this.view.scale('x') as (v: number) => number;
    const sy = this.view.scale('y') as (v: number) => number;
    if (!sx || !sy) return null;
    const k = this.cssScale(canvas);
    return { px: box.left + k * (origin[0] + sx(x)), py: box.top + k * (origin[1] + sy(y)) };
  }

  finalize(): void {
    liveCharts.delete(this);
    this.view.finalize();
  }
}

/** Height of the exported title line, in CSS pixels. */
const TITLE_H = 24;
const escapeXml = (t: string) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** An SVG with a title line added above it: the drawing moved down by the line's height. */
export function titledSvg(svg: string, title: string): string {
  const m = /<svg([^>]*)>/.exec(svg);
  if (!m) return svg;
  const attrs = m[1];
  const w = Number(/\swidth="([\d.]+)"/.exec(attrs)?.[1] ?? 0), hgt = Number(/\sheight="([\d.]+)"/.exec(attrs)?.[1] ?? 0);
  const head = attrs
    .replace(/\sheight="[\d.]+"/, ` height="${hgt + TITLE_H}"`)
    .replace(/\sviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/, (_, x, y, vw, vh) => ` viewBox="${x} ${y} ${vw} ${Number(vh) + TITLE_H}"`);
  const text = `<text x="6" y="17" font-family="${escapeXml(FONT)}" font-size="13" font-weight="600" fill="#111827">${escapeXml(title)}</text>`;
  const body = svg.slice(m.index + m[0].length).replace(/<\/svg>\s*$/, '');
  return `<svg${head}><rect width="${w}" height="${TITLE_H}" fill="#ffffff"/>${text}<g transform="translate(0,${TITLE_H})">${body}</g></svg>`;
}

/** A PNG data URL with a title line drawn above the image (both at the export's pixel scale). */
export async function titledPng(url: string, title: string, scale: number): Promise<string> {
  const img = new Image();
  img.src = url;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight + Math.round(TITLE_H * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111827';
  ctx.font = `600 ${13 * scale}px ${FONT}`;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(title, 6 * scale, 17 * scale, canvas.width - 12 * scale);
  ctx.drawImage(img, 0, Math.round(TITLE_H * scale));
  return canvas.toDataURL('image/png');
}

/**
 * Arrow-key handling for a focusable interactive plot: `step(dx, dy, big)` with dx, dy in {-1, 0, 1} (big with Shift);
 * Enter/Space call `commit` (the end of a gesture). Makes `el` focusable with role application.
 */
export function arrowKeys(el: HTMLElement, step: (dx: number, dy: number, big: boolean) => void, commit?: () => void): void {
  if (!el.hasAttribute('tabindex')) el.tabIndex = 0;
  const d: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  el.addEventListener('keydown', (e) => {
    const v = d[e.key];
    if (v) { e.preventDefault(); step(v[0], v[1], e.shiftKey); return; }
    if ((e.key === 'Enter' || e.key === ' ') && commit) { e.preventDefault(); commit(); }
  });
  el.addEventListener('keyup', (e) => { if (d[e.key] && commit) commit(); });
}

/** Side of a square plot area that fits the container (axes take about 70 px), clamped to [min, max]. */
export function squareSide(container: HTMLElement, max = 440, min = 200): number {
  const w = container.clientWidth || container.parentElement?.clientWidth || max;
  return Math.round(Math.max(min, Math.min(max, w - 70)));
}
