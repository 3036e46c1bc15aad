// The whole explorer state lives in the URL query: `?s2.kappa=30&s2.beta=0.9#s2`. Each value is validated with zod
// on load; a malformed or unknown parameter falls back to its default and is listed in a visible notice. Keys are
// looked up as own properties only (`?s2.constructor=1` and `?__proto__.x=1` are unknown keys, not prototype lookups);
// numbers are strict decimals, and a number outside its field's range is clamped to it (with a notice line).
import { CONTROL, formatValue, parseDecimal, type Field, type Shape } from './fields.js';

export type AppState = Record<string, Record<string, unknown>>;
export type Registry = Record<string, Shape>;

export interface Decoded {
  state: AppState;
  /** One line per rejected URL parameter. */
  problems: string[];
}

/** The longest query the explorer reads (the server's header limit is 16 kB); a longer one is ignored with a notice. */
export const MAX_QUERY = 16 * 1024;
/** The flag the server adds when it refused a URL over its limit (scripts/start.js redirects to `/?notice=url-too-long`). */
export const NOTICE_PARAM = 'notice';
const NOTICES: Record<string, string> = {
  'url-too-long': 'the link was longer than 16 kB, more than the server accepts: it was dropped and the defaults are shown',
};
/** At most this many notice lines; the rest are counted. */
const MAX_LINES = 12;

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** A value shown in a notice: at most 40 characters, control characters as \uXXXX (JSON-quoted). */
function shown(raw: string): string {
  const cut = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return JSON.stringify(cut).replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function defaults(registry: Registry): AppState {
  const state: AppState = {};
  for (const [sec, shape] of Object.entries(registry)) {
    state[sec] = {};
    for (const [key, field] of Object.entries(shape)) state[sec][key] = structuredClone(field.default);
  }
  return state;
}

/** The field for a URL name `sec.key`, own properties only (no `constructor`, `__proto__`, `toString`). */
export function fieldOf(registry: Registry, name: string): { sec: string; key: string; field: Field } | null {
  const dot = name.indexOf('.');
  if (dot <= 0) return null;
  const sec = name.slice(0, dot), key = name.slice(dot + 1);
  if (!has(registry, sec) || !has(registry[sec], key)) return null;
  return { sec, key, field: registry[sec][key] };
}

/** A number outside the field's range, clamped to it: the value and the notice line; null if `raw` is not a number. */
function clamped(name: string, raw: string, field: Field): { value: number; line: string } | null {
  const r = field.range;
  const x = parseDecimal(raw);
  if (!r || x === null || (r.int && !Number.isInteger(x)) || (x >= r.min && x <= r.max)) return null;
  const value = x < r.min ? r.min : r.max;
  return { value, line: `${name}=${shown(raw)} is outside [${r.min}, ${r.max}]; using the nearest end, ${formatValue(value)}` };
}

/** Parse and validate a query string against the registry. */
export function decode(search: string, registry: Registry): Decoded {
  const state = defaults(registry);
  const problems: string[] = [];
  if (search.length > MAX_QUERY) {
    return { state, problems: [`the link's query is ${Math.round(search.length / 1024)} kB, over the ${MAX_QUERY / 1024} kB the explorer reads: it was ignored and the defaults are shown`] };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { state, problems: ['the URL query could not be parsed'] };
  }
  const seen = new Set<string>();
  let extra = 0;
  const note = (line: string) => { if (problems.length < MAX_LINES) problems.push(line); else extra++; };
  for (const [name, raw] of params) {
    if (name === NOTICE_PARAM) {
      note(has(NOTICES, raw) ? NOTICES[raw] : `unknown notice ${shown(raw)} ignored`);
      continue;
    }
    const found = fieldOf(registry, name);
    if (!found) {
      note(`unknown parameter ${shown(name)} ignored`);
      continue;
    }
    const { sec, key, field } = found;
    if (seen.has(name)) {
      note(`${name} given twice: the first value is used`);
      continue;
    }
    seen.add(name);
    const bad = CONTROL.exec(raw);
    if (bad) {
      note(`${name}=${shown(raw)} holds a control character (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}), never valid in a field; using the default ${formatValue(field.default)}`);
      continue;
    }
    const parsed = field.schema.safeParse(raw);
    if (parsed.success) { state[sec][key] = parsed.data; continue; }
    const c = clamped(name, raw, field);
    if (c) { state[sec][key] = c.value; note(c.line); continue; }
    note(`${name}=${shown(raw)} is not ${field.allowed}; using the default ${formatValue(field.default)}`);
  }
  if (extra) problems.push(`… and ${extra} more`);
  return { state, problems };
}

/** Serialise the state: only values that differ from the defaults, in registry order (stable URLs). */
export function encode(state: AppState, registry: Registry): string {
  const params = new URLSearchParams();
  for (const [sec, shape] of Object.entries(registry)) {
    for (const [key, field] of Object.entries(shape)) {
      const value = formatValue(has(state, sec) ? state[sec][key] : undefined);
      if (value !== formatValue(field.default)) params.set(`${sec}.${key}`, value);
    }
  }
  return params.toString().replace(/%2C/g, ',');
}

/**
 * A partial state from a query (a state link's `s2.beta=0&s2.alpha=1.8`), validated like the URL: only valid keys
 * are kept (a number outside its range is clamped, with a line), every rejected one is a problem line.
 */
export function decodePatch(query: string, registry: Registry): { patch: AppState; problems: string[] } {
  const patch: AppState = {};
  const problems: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return { patch, problems: [`the link ${shown(query)} could not be parsed`] };
  }
  for (const [name, raw] of params) {
    const found = fieldOf(registry, name);
    if (!found) { problems.push(`the link names an unknown parameter ${shown(name)}: ignored`); continue; }
    const { sec, key, field } = found;
    const parsed = CONTROL.test(raw) ? null : field.schema.safeParse(raw);
    let value: unknown;
    if (parsed?.success) value = parsed.data;
    else {
      const c = parsed ? clamped(name, raw, field) : null;
      if (!c) { problems.push(`the link's ${name}=${shown(raw)} is not ${field.allowed}: ignored`); continue; }
      value = c.value;
      problems.push(c.line);
    }
    (patch[sec] ??= {})[key] = value;
  }
  if (![...params].length) problems.push(`the link ${shown(query)} sets nothing`);
  return { patch, problems };
}
