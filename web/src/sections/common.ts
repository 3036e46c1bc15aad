// Small shared helpers for sections: a standard line chart spec and a method-colour encoding over labels.
import { METHOD_COLORS, METHOD_LABELS } from '../ui/colors.js';

export function colorBy(field: string, keys: string[], labels: Record<string, string> = METHOD_LABELS, colors: Record<string, string> = METHOD_COLORS, legend = true): object {
  return {
    field, type: 'nominal', title: null, sort: null,
    scale: { domain: keys.map((k) => labels[k] ?? k), range: keys.map((k) => colors[k] ?? '#111827') },
    legend: legend ? { orient: 'top', direction: 'horizontal', labelLimit: 260 } : null,
  };
}

export interface LineOpts {
  data: string;
  x: string; y: string; xTitle: string; yTitle: string;
  color: object; dash?: object; logX?: boolean; logY?: boolean; height?: number; yDomain?: [number, number]; xDomain?: [number, number];
  order?: string;
}

/** A responsive line chart (Vega-Lite) with optional log axes. */
export function lineSpec(o: LineOpts): object {
  return {
    width: 'container', height: o.height ?? 260, autosize: { type: 'fit-x', contains: 'padding', resize: true },
    data: { name: o.data },
    mark: { type: 'line', strokeWidth: 1.8, clip: true },
    encoding: {
      x: { field: o.x, type: 'quantitative', title: o.xTitle, scale: { ...(o.logX ? { type: 'log' } : {}), ...(o.xDomain ? { domain: o.xDomain, nice: false } : {}) }, axis: o.logX ? { format: '~g' } : {} },
      y: { field: o.y, type: 'quantitative', title: o.yTitle, scale: { ...(o.logY ? { type: 'log' } : { zero: false }), ...(o.yDomain ? { domain: o.yDomain } : {}) }, axis: o.logY ? { format: '.0e', labelOverlap: 'greedy', labelSeparation: 4 } : {} },
      color: o.color,
      ...(o.dash ? { strokeDash: o.dash } : {}),
      ...(o.order ? { order: { field: o.order, type: 'quantitative' } } : {}),
      detail: { field: 'series' },
    },
  };
}

// Linked views across sections: a change one section makes in another's slice, and drawing it only once in view.
let linkedDepth = 0;
/** Run `fn` (store.set calls on other sections' slices) as a linked change: an off-screen section draws it later. */
export function linked(fn: () => void): void {
  linkedDepth++;
  try { fn(); } finally { linkedDepth--; }
}
/** Whether the store change being handled comes from another section (inside `linked`). */
export function isLinked(): boolean {
  return linkedDepth > 0;
}

/**
 * Track whether `el` is on screen: a linked change (a click on section 4's map) made while it is not is only
 * marked, and `redraw` runs when it scrolls into view, so that click's frame does not pay for charts nobody sees.
 * The section's own controls always redraw at once.
 */
export function whenVisible(el: HTMLElement, redraw: () => void): { hidden: boolean; dirty: boolean } {
  const gate = { hidden: false, dirty: false };
  if (typeof IntersectionObserver !== 'function') return gate;
  new IntersectionObserver((entries) => {
    gate.hidden = !entries.some((e) => e.isIntersecting);
    if (!gate.hidden && gate.dirty) { gate.dirty = false; redraw(); }
  }).observe(el);
  return gate;
}
