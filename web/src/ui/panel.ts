// A panel: title, the formula (KaTeX), the lecture's idea in one paragraph (with an erratum note where the lecture
// is wrong), controls, linked views, read-outs and an export menu.
import { h } from './dom.js';
import { tex, richText } from './math.js';
import { exportMenu, type ExportSource } from './export.js';

export interface PanelOptions {
  id: string;
  title: string;
  /** Display formulas (KaTeX source). */
  formulas: string[];
  /** The idea, one paragraph; `$...$` is inline math. */
  idea: string;
  /** Where the lecture is wrong: what it says and what is right. */
  erratum?: string;
  exportSource?: ExportSource;
}

export interface PanelParts {
  el: HTMLElement;
  controls: HTMLElement;
  views: HTMLElement;
  readouts: HTMLElement;
  status: HTMLElement;
}

export function panel(o: PanelOptions): PanelParts {
  const controls = h('div', { class: 'controls' });
  const views = h('div', { class: 'views' });
  const readouts = h('div', { class: 'readouts', 'aria-live': 'polite' });
  const status = h('div', { class: 'status', role: 'status' });
  const header = h('header', { class: 'panel-head' }, h('h3', { text: o.title }));
  if (o.exportSource) header.append(exportMenu(o.exportSource));
  const formulas = h('div', { class: 'formulas' }, ...o.formulas.map((f) => tex(f, true)));
  const idea = h('p', { class: 'idea' }, richText(o.idea));
  const text = h('div', { class: 'panel-text' }, formulas, idea);
  if (o.erratum) {
    text.append(h('aside', { class: 'erratum', role: 'note' }, h('strong', { text: 'Erratum. ' }), richText(o.erratum)));
  }
  // State links land on this panel's figure.
  for (const a of text.querySelectorAll<HTMLAnchorElement>('a.state-link:not([data-target])')) a.href = `?${a.dataset.set}#${o.id}`;
  const el = h('article', { class: 'panel', id: o.id, 'data-panel': o.id },
    header, h('div', { class: 'panel-body' }, h('div', { class: 'panel-side' }, text, controls, readouts), h('div', { class: 'panel-main' }, views, status)));
  scrollCues(el);
  return { el, controls, views, readouts, status };
}

/**
 * Visible cues where content scrolls: the controls column (when taller than the viewport) fades at its bottom until
 * scrolled to the end; a display formula wider than its box fades at its right edge.
 */
function scrollCues(el: HTMLElement): void {
  const side = el.querySelector<HTMLElement>('.panel-side')!;
  const update = () => {
    side.classList.toggle('scrolls', side.scrollHeight > side.clientHeight + 2);
    side.classList.toggle('at-end', side.scrollTop + side.clientHeight >= side.scrollHeight - 2);
    for (const f of el.querySelectorAll<HTMLElement>('.formulas .math.display')) {
      f.classList.toggle('clipped', f.scrollLeft + f.clientWidth < f.scrollWidth - 2);
    }
  };
  side.addEventListener('scroll', update, { passive: true });
  el.addEventListener('scroll', update, { passive: true, capture: true });
  const ro = new ResizeObserver(update);
  ro.observe(side);
  for (const child of side.children) ro.observe(child);
}

/** A labelled figure slot inside a panel's views. */
export function view(title: string, cls = ''): { el: HTMLElement; plot: HTMLElement } {
  const plot = h('div', { class: 'plot' });
  const el = h('figure', { class: `view ${cls}`.trim() }, h('figcaption', { text: title }), plot);
  return { el, plot };
}
