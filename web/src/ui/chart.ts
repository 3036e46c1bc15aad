// A Vega-Lite chart rendered by Vega's View API (canvas renderer while interacting; SVG on export).
// Data sets are named in the spec (`data: {name: 'traj'}`) and replaced wholesale by `set`.
import { View, parse, type Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { vegaConfig } from './theme.js';

export type Row = Record<string, unknown>;

export interface ChartOptions {
  /** 'canvas' (default, fast redraw) or 'svg'. */
  renderer?: 'canvas' | 'svg';
  /** Accessible description of the chart. */
  description?: string;
}

/** A live chart: named data sets that can be replaced, and exports. */
export class Chart {
  readonly view: View;
  readonly el: HTMLElement;
  private readonly data = new Map<string, Row[]>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(el: HTMLElement, spec: TopLevelSpec, opts: ChartOptions = {}) {
    this.el = el;
    el.classList.add('chart');
    el.setAttribute('role', 'img');
    if (opts.description) el.setAttribute('aria-label', opts.description);
    const vg = compile({ ...spec, config: { ...vegaConfig, ...(spec.config ?? {}) } } as TopLevelSpec).spec as VegaSpec;
    this.view = new View(parse(vg), { renderer: opts.renderer ?? 'canvas', container: el, hover: true, logLevel: 1 });
    this.pending = this.view.runAsync();
  }

  /** Replace the named data sets and redraw; resolves once drawn. */
  set(sets: Record<string, Row[]>): Promise<unknown> {
    for (const [name, rows] of Object.entries(sets)) {
      this.data.set(name, rows);
      this.view.data(name, rows);
    }
    this.pending = this.view.runAsync();
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

  async svg(): Promise<string> {
    await this.pending;
    return this.view.toSVG();
  }

  async png(scale = 2): Promise<string> {
    await this.pending;
    return this.view.toImageURL('png', scale);
  }

  /** CSS scaling of the drawing (the canvas may be shrunk by max-width: 100% on narrow screens). */
  private cssScale(el: Element): number {
    const drawn = parseFloat((el as HTMLElement).style?.width || '') || (el as HTMLCanvasElement).width || 0;
    const box = el.getBoundingClientRect();
    return drawn > 0 && box.width > 0 ? box.width / drawn : 1;
  }

  /** Plot-area pixel -> data coordinates (for pointer interaction), using the chart's own scales. */
  invert(clientX: number, clientY: number): { x: number; y: number } | null {
    const canvas = this.el.querySelector('canvas, svg');
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const origin = this.view.origin();
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
    const canvas = this.el.querySelector('canvas, svg');
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const origin = this.view.origin();
    const sx = this.view.scale('x') as (v: number) => number;
    const sy = this.view.scale('y') as (v: number) => number;
    if (!sx || !sy) return null;
    const k = this.cssScale(canvas);
    return { px: box.left + k * (origin[0] + sx(x)), py: box.top + k * (origin[1] + sy(y)) };
  }

  finalize(): void {
    this.view.finalize();
  }
}

/** Side of a square plot area that fits the container (axes take about 70 px), clamped to [min, max]. */
export function squareSide(container: HTMLElement, max = 440, min = 200): number {
  const w = container.clientWidth || container.parentElement?.clientWidth || max;
  return Math.round(Math.max(min, Math.min(max, w - 70)));
}
