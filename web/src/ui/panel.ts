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
  const el = h('article', { class: 'panel', id: o.id, 'data-panel': o.id },
    header, h('div', { class: 'panel-body' }, h('div', { class: 'panel-side' }, text, controls, readouts), h('div', { class: 'panel-main' }, views, status)));
  return { el, controls, views, readouts, status };
}

/** A labelled figure slot inside a panel's views. */
export function view(title: string, cls = ''): { el: HTMLElement; plot: HTMLElement } {
  const plot = h('div', { class: 'plot' });
  const el = h('figure', { class: `view ${cls}`.trim() }, h('figcaption', { text: title }), plot);
  return { el, plot };
}
