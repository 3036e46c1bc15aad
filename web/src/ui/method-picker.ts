// A picker for "a linear method": the list comes from the library's registry (every method that declares a linear
// form), and each method's inputs are generated from its ParamInfo (range, default, kind, choices) — no per-section
// parameter tables. The store holds one spec string ("qhm:alpha=0.7,nu=0.5"), the same text the CLI takes; it is
// validated by the library (createMethod via linearFormOf), and an invalid spec shows the library's error inline
// (which names the parameter, e.g. "qhm.beta = 1.5 is invalid: expected a finite number in [0, 1)"). Never eval.
import { h, uniqueId } from './dom.js';
import type { Store } from '../state/store.js';
import { text, type Field } from '../state/fields.js';
import { methods, linearMethodNames, linearFormOf, parseSpec, formatSpec, type MethodInfo, type ParamInfo, type Spec } from '../lib.js';

/** The linear methods, in the registry's order (the list every "pick a method" control offers). */
export function linearMethods(): MethodInfo[] {
  const names = linearMethodNames();
  const all = methods();
  return names.map((n) => all.find((m) => m.name === n)!).filter(Boolean);
}

/** Characters a method spec may hold (letters, digits, '-', '_', '.', ':', '=', ',', ';', '+'). */
const SPEC_PATTERN = /^[A-Za-z0-9_.:=,;+\- ]*$/;

/** A store field holding a method spec ('' allowed when `allowNone`). */
export function specField(def: string): Field<string> {
  return text(SPEC_PATTERN, def, 'a method spec name:key=value,... (letters, digits and . - _ : = , ; +)', 200);
}

/** The error message of a spec for a linear method in the given context, or null when the library accepts it. */
export function specError(spec: string, context: { mu: number; L: number }): string | null {
  try {
    linearFormOf(spec, { name: 'explorer', ...context });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function rangeText(p: ParamInfo): string {
  const lo = p.min === undefined ? '' : `${p.minExclusive ? '(' : '['}${p.min}`;
  const hi = p.max === undefined ? '' : `${p.max}${p.maxExclusive ? ')' : ']'}`;
  if (lo && hi) return `${lo}, ${hi}`;
  if (lo) return p.minExclusive ? `> ${p.min}` : `≥ ${p.min}`;
  if (hi) return p.maxExclusive ? `< ${p.max}` : `≤ ${p.max}`;
  return '';
}

export interface PickerOptions {
  label: string;
  /** The curvature bounds used for derived defaults (alpha = 1/L) and tune= rules. */
  context: () => { mu: number; L: number };
  /** Offer "(none)" (the spec '') as the first choice. */
  allowNone?: boolean;
}

/**
 * A method picker bound to the spec string at store[sec][key]: a select of the linear methods, one input per
 * parameter (generated from ParamInfo: a slider and a number box for a bounded number, a number box for a
 * half-bounded one, a select for choices, a checkbox for a boolean, a text box otherwise; empty = the default), the
 * spec text itself (editable), and the library's error inline.
 */
export function methodPicker(store: Store, sec: string, key: string, o: PickerOptions): HTMLElement {
  const list = linearMethods();
  const selId = uniqueId(`${sec}-${key}-method`);
  const select = h('select', { id: selId, 'data-key': `${sec}.${key}.method` });
  if (o.allowNone) select.append(h('option', { value: '', text: '(none)' }));
  for (const m of list) {
    // The name and the start of the description, short enough for a phone-width select.
    const about = m.description.split(/[:(,]/)[0].trim();
    select.append(h('option', { value: m.name, text: `${m.name} — ${about.length > 30 ? `${about.slice(0, 29)}…` : about}`, title: m.description }));
  }
  const params = h('div', { class: 'picker-params' });
  const specId = uniqueId(`${sec}-${key}-spec`);
  const specBox = h('input', { type: 'text', id: specId, 'data-key': `${sec}.${key}`, spellcheck: 'false', autocomplete: 'off', placeholder: 'name:key=value,…' });
  const err = h('span', { class: 'control-error', role: 'alert', 'data-error': `${sec}.${key}` });
  const about = h('p', { class: 'picker-about' });

  /** The spec being edited (may be invalid), parsed. */
  let current: Spec = { name: '', params: {} };
  const parse = (t: string): Spec | null => {
    if (t.trim() === '') return { name: '', params: {} };
    try { return parseSpec(t, 'method'); } catch { return null; }
  };

  /** Validate `t`; commit it to the store when the library accepts it, else show the error and keep the store. */
  const commit = (t: string) => {
    const trimmed = t.trim();
    specBox.value = trimmed;
    const message = trimmed === '' ? (o.allowNone ? null : 'method: choose a method') : specError(trimmed, o.context());
    specBox.classList.toggle('invalid', message !== null);
    err.textContent = message ?? '';
    if (message === null) store.set(sec, { [key]: trimmed });
  };
  const fromInputs = () => commit(current.name ? formatSpec(current.name, current.params) : '');

  const paramInput = (p: ParamInfo): HTMLElement => {
    const id = uniqueId(`${sec}-${key}-${p.name}`);
    const kind = p.kind ?? 'number';
    const given = current.params[p.name];
    const range = rangeText(p);
    const label = h('label', { for: id, title: p.description }, h('span', { class: 'sym', text: p.name }), ` ${range}`);
    const set = (v: string | undefined) => {
      if (v === undefined || v === '') delete current.params[p.name];
      else current.params[p.name] = v;
      fromInputs();
    };
    const attrs = { id, 'data-param': `${sec}.${key}.${p.name}`, title: p.description };
    if (kind === 'boolean') {
      const box = h('input', { ...attrs, type: 'checkbox' });
      box.checked = given !== undefined ? given === 'true' || given === '1' : p.default === true;
      box.addEventListener('change', () => set(box.checked === (p.default === true) ? undefined : String(box.checked)));
      return h('div', { class: 'control picker-param check' }, h('label', { for: id, title: p.description }, box, h('span', { class: 'sym', text: ` ${p.name}` })));
    }
    if (kind === 'string' && p.choices) {
      const sel = h('select', attrs);
      for (const c of p.choices) sel.append(h('option', { value: c, text: c }));
      sel.value = given ?? String(p.default ?? p.choices[0]);
      sel.addEventListener('change', () => set(sel.value === String(p.default) ? undefined : sel.value));
      return h('div', { class: 'control picker-param' }, h('label', { for: id, title: p.description }, h('span', { class: 'sym', text: p.name })), sel);
    }
    const placeholder = p.derivedDefault === 'rate' ? `1/L = ${1 / o.context().L}` : p.default !== undefined ? String(p.default) : p.name === 'mu' || p.name === 'L' ? 'from the problem' : 'required';
    if (kind === 'string') {
      const box = h('input', { ...attrs, type: 'text', placeholder, spellcheck: 'false' });
      box.value = given ?? '';
      box.addEventListener('change', () => set(box.value.trim()));
      return h('div', { class: 'control picker-param' }, label, box);
    }
    const box = h('input', { ...attrs, type: 'number', step: kind === 'integer' ? 1 : 'any', placeholder, inputmode: 'decimal' });
    box.value = given ?? '';
    box.addEventListener('change', () => set(box.value.trim()));
    box.addEventListener('keydown', (e) => { if (e.key === 'Enter') set(box.value.trim()); });
    const bounded = p.min !== undefined && p.max !== undefined && Number.isFinite(p.min) && Number.isFinite(p.max);
    if (!bounded) return h('div', { class: 'control picker-param' }, label, box);
    // A bounded number: a slider over the closed range (an excluded end is left to the number box).
    const lo = p.min!, hi = p.max!, step = kind === 'integer' ? 1 : (hi - lo) / 1000;
    const slide = h('input', { type: 'range', min: lo, max: p.maxExclusive ? hi - step : hi, step, 'aria-label': `${p.name} (slider)`, 'data-param-range': `${sec}.${key}.${p.name}` });
    const shown = given !== undefined && Number.isFinite(Number(given)) ? Number(given) : typeof p.default === 'number' ? p.default : lo;
    slide.value = String(shown);
    slide.addEventListener('input', () => { box.value = String(+Number(slide.value).toPrecision(6)); });
    slide.addEventListener('change', () => set(box.value));
    return h('div', { class: 'control picker-param' }, label, h('div', { class: 'slider-row' }, slide, box));
  };

  /** Rebuild the parameter inputs for the spec `t` (on a method change or a typed/loaded spec). */
  const render = (t: string) => {
    const parsed = parse(t);
    if (parsed) current = { name: parsed.name, params: { ...parsed.params } };
    const m = list.find((x) => x.name === current.name);
    select.value = m ? m.name : (o.allowNone ? '' : select.value);
    params.replaceChildren(...(m ? m.params.map((p) => paramInput(p)) : []));
    about.textContent = m ? `${m.description}. ${m.equation}` : '';
    about.hidden = !m;
  };

  select.addEventListener('change', () => {
    current = { name: select.value, params: {} };
    render(select.value);
    commit(select.value);
  });
  specBox.addEventListener('change', () => { render(specBox.value); commit(specBox.value); });
  specBox.addEventListener('keydown', (e) => { if (e.key === 'Enter') { render(specBox.value); commit(specBox.value); } });
  store.subscribe(sec, (s, changed) => {
    if (!changed.includes(key)) return;
    const v = String(s[key]);
    if (formatSpec(current.name, current.params) !== v && v !== '') { render(v); }
    if (document.activeElement !== specBox) specBox.value = v;
  });
  const initial = String(store.get(sec)[key]);
  render(initial);
  specBox.value = initial;
  // A spec loaded from the URL is checked as well: the error shows and the section computes nothing for it.
  const initialError = initial === '' ? null : specError(initial, o.context());
  specBox.classList.toggle('invalid', initialError !== null);
  err.textContent = initialError ?? '';

  return h('div', { class: 'control picker', 'data-picker': `${sec}.${key}` },
    h('label', { for: selId, class: 'control-label', text: o.label }),
    select,
    about,
    params,
    h('label', { for: specId, class: 'picker-spec-label', text: 'spec (as on the command line)' }),
    specBox,
    err,
  );
}

/** A tuning rule's formulas for a button label: its description without the closing remark, in symbols. */
export function ruleFormula(description: string): string {
  return description
    .replace(/\s+\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, '')
    .replace(/sqrt\(([^()]*)\)/g, '√($1)').replace(/sqrt /g, '√')
    .replace(/\balpha\b/g, 'α').replace(/\bbeta\b/g, 'β').replace(/\bkappa\b/g, 'κ').replace(/\bmu\b/g, 'μ').replace(/\brho\b/g, 'ρ')
    .replace(/\^2/g, '²');
}
