// Controls bound to the store: a slider paired with a typed-in number (keyboard accessible, linear or log scale),
// a segmented choice, and checkboxes. Each control writes `data-key` so tests can find it.
import { h, uniqueId, fmt } from './dom.js';
import type { Store } from '../state/store.js';
import type { Field } from '../state/fields.js';

export interface SliderOptions {
  label: string;
  /** Math label shown as plain text, e.g. 'α'. */
  symbol?: string;
  min: number;
  max: number;
  step?: number;
  log?: boolean;
  hint?: string;
}

const LOG_STEPS = 1000;

/** A range slider and a number box editing the same state value. */
export function slider(store: Store, sec: string, key: string, o: SliderOptions): HTMLElement {
  const id = uniqueId(`${sec}-${key}`);
  const toRange = (v: number) => (o.log ? String(Math.round(((Math.log(v) - Math.log(o.min)) / (Math.log(o.max) - Math.log(o.min))) * LOG_STEPS)) : String(v));
  const fromRange = (r: number) => (o.log ? Number(Math.exp(Math.log(o.min) + (r / LOG_STEPS) * (Math.log(o.max) - Math.log(o.min))).toPrecision(4)) : r);
  const range = h('input', {
    type: 'range', id, min: o.log ? 0 : o.min, max: o.log ? LOG_STEPS : o.max, step: o.log ? 1 : (o.step ?? 'any'),
    'data-key': `${sec}.${key}`, 'aria-valuetext': '',
  });
  const box = h('input', {
    type: 'number', min: o.min, max: o.max, step: o.step ?? 'any', 'aria-label': `${o.label} (typed value)`,
    'data-key-num': `${sec}.${key}`, inputmode: 'decimal',
  });
  const err = h('span', { class: 'control-error', role: 'alert' });
  const label = h('label', { for: id }, o.symbol ? h('span', { class: 'sym', text: o.symbol }) : null, ` ${o.label}`);
  if (o.hint) label.title = o.hint;
  const show = (v: number) => {
    range.value = toRange(v);
    range.setAttribute('aria-valuetext', fmt(v, 4));
    if (document.activeElement !== box || store.isRestoring) box.value = String(v);
  };
  show(store.get(sec)[key] as number);
  store.subscribe(sec, (s, changed) => { if (changed.includes(key)) show(s[key] as number); });
  range.addEventListener('input', () => {
    err.textContent = '';
    box.classList.remove('invalid');
    const v = fromRange(Number(range.value));
    box.value = String(v);
    store.set(sec, { [key]: v });
  });
  // Releasing the slider (or a key press ending) is the end of the gesture: one history entry.
  range.addEventListener('change', () => store.commit());
  const commit = () => {
    const field = store.registry[sec][key] as Field<number>;
    const parsed = field.schema.safeParse(box.value);
    if (!parsed.success || parsed.data < o.min || parsed.data > o.max) {
      box.classList.add('invalid');
      err.textContent = `${o.label}: ${JSON.stringify(box.value)} is not a number in [${o.min}, ${o.max}]`;
      return;
    }
    box.classList.remove('invalid');
    err.textContent = '';
    store.set(sec, { [key]: parsed.data });
    store.commit();
  };
  box.addEventListener('change', commit);
  box.addEventListener('keydown', (e) => { if (e.key === 'Enter') commit(); });
  return h('div', { class: 'control slider' }, label, h('div', { class: 'slider-row' }, range, box), err);
}

/** A segmented radio group for a choice field. */
export function segmented(store: Store, sec: string, key: string, label: string, options: [string, string][]): HTMLElement {
  const name = uniqueId(`${sec}-${key}`);
  const group = h('div', { class: 'control segmented', role: 'radiogroup', 'aria-label': label, 'data-key': `${sec}.${key}` });
  group.append(h('span', { class: 'control-label', text: label }));
  const wrap = h('div', { class: 'seg' });
  const inputs: HTMLInputElement[] = [];
  for (const [value, text] of options) {
    const id = uniqueId(name);
    const input = h('input', { type: 'radio', name, id, value });
    input.addEventListener('change', () => { if (input.checked) { store.set(sec, { [key]: value }); store.commit(); } });
    inputs.push(input);
    wrap.append(input, h('label', { for: id, text }));
  }
  const show = (v: unknown) => { for (const i of inputs) i.checked = i.value === v; };
  show(store.get(sec)[key]);
  store.subscribe(sec, (s, changed) => { if (changed.includes(key)) show(s[key]); });
  group.append(wrap);
  return group;
}

/** Checkboxes editing a subset field. */
export function checkboxes(store: Store, sec: string, key: string, label: string, options: [string, string, string?][]): HTMLElement {
  const group = h('fieldset', { class: 'control checks', 'data-key': `${sec}.${key}` }, h('legend', { text: label }));
  const inputs: HTMLInputElement[] = [];
  for (const [value, text, color] of options) {
    const input = h('input', { type: 'checkbox', value });
    input.addEventListener('change', () => {
      store.set(sec, { [key]: inputs.filter((i) => i.checked).map((i) => i.value) });
      store.commit();
    });
    inputs.push(input);
    const swatch = color ? h('span', { class: 'swatch', style: `background:${color}` }) : null;
    group.append(h('label', {}, input, swatch, ` ${text}`));
  }
  const show = (v: unknown) => { for (const i of inputs) i.checked = (v as string[]).includes(i.value); };
  show(store.get(sec)[key]);
  store.subscribe(sec, (s, changed) => { if (changed.includes(key)) show(s[key]); });
  return group;
}

/** A labelled text input for free-form fields (matrix, expression); validated by the field's schema on commit. */
export function textInput(store: Store, sec: string, key: string, label: string, placeholder = ''): HTMLElement {
  const id = uniqueId(`${sec}-${key}`);
  const input = h('input', { type: 'text', id, 'data-key': `${sec}.${key}`, placeholder, spellcheck: 'false', autocomplete: 'off' });
  const err = h('span', { class: 'control-error', role: 'alert' });
  input.value = String(store.get(sec)[key]);
  const commit = () => {
    const field = store.registry[sec][key];
    const parsed = field.schema.safeParse(input.value.trim());
    if (!parsed.success) {
      input.classList.add('invalid');
      err.textContent = `${label}: not ${field.allowed}`;
      return;
    }
    input.classList.remove('invalid');
    err.textContent = '';
    store.set(sec, { [key]: parsed.data });
    store.commit();
  };
  input.addEventListener('change', commit);
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') commit(); });
  store.subscribe(sec, (s, changed) => { if (changed.includes(key) && (document.activeElement !== input || store.isRestoring)) input.value = String(s[key]); });
  return h('div', { class: 'control text' }, h('label', { for: id, text: label }), input, err);
}

/** A read-out line: `label = value`, with data-readout for tests. */
export function readout(name: string, label: string): { el: HTMLElement; set: (v: number | string, digits?: number) => void } {
  const value = h('output', { 'data-readout': name });
  const el = h('div', { class: 'readout' }, h('span', { class: 'readout-label', text: label }), value);
  return {
    el,
    set(v, digits = 5) {
      value.textContent = typeof v === 'number' ? fmt(v, digits) : v;
      if (typeof v === 'number') value.dataset.value = String(v);
      else delete value.dataset.value;
    },
  };
}

/** A table of read-outs: one row per method (with its colour), one column per quantity; cells carry data-readout. */
export function readoutTable(prefix: string, rows: [string, string, string?][], cols: [string, string][]): {
  el: HTMLElement; set: (row: string, col: string, v: number | string, digits?: number) => void;
} {
  const cells = new Map<string, HTMLElement>();
  const head = h('tr', {}, h('th', { text: '' }), ...cols.map(([, label]) => h('th', { text: label })));
  const body = rows.map(([key, label, color]) => h('tr', {},
    h('th', { scope: 'row' }, color ? h('span', { class: 'swatch', style: `background:${color}` }) : null, ` ${label}`),
    ...cols.map(([ck]) => {
      const td = h('td', { 'data-readout': `${prefix}.${ck}.${key}`, text: '–' });
      cells.set(`${key}|${ck}`, td);
      return td;
    })));
  const el = h('table', { class: 'small readout-table' }, h('thead', {}, head), h('tbody', {}, ...body));
  return {
    el,
    set(row, col, v, digits = 5) {
      const td = cells.get(`${row}|${col}`);
      if (!td) return;
      td.textContent = typeof v === 'number' ? fmt(v, digits) : v;
      if (typeof v === 'number') td.dataset.value = String(v);
      else delete td.dataset.value;
    },
  };
}
