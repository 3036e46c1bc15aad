// The whole explorer state lives in the URL query: `?s2.kappa=30&s2.beta=0.9#s2`. Each value is validated with zod
// on load; a malformed or unknown parameter falls back to its default and is listed in a visible notice.
import { formatValue, type Shape } from './fields.js';

export type AppState = Record<string, Record<string, unknown>>;
export type Registry = Record<string, Shape>;

export interface Decoded {
  state: AppState;
  /** One line per rejected URL parameter. */
  problems: string[];
}

export function defaults(registry: Registry): AppState {
  const state: AppState = {};
  for (const [sec, shape] of Object.entries(registry)) {
    state[sec] = {};
    for (const [key, field] of Object.entries(shape)) state[sec][key] = structuredClone(field.default);
  }
  return state;
}

/** Parse and validate a query string against the registry. */
export function decode(search: string, registry: Registry): Decoded {
  const state = defaults(registry);
  const problems: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { state, problems: ['the URL query could not be parsed'] };
  }
  const seen = new Set<string>();
  for (const [name, raw] of params) {
    const dot = name.indexOf('.');
    const sec = dot > 0 ? name.slice(0, dot) : '';
    const key = dot > 0 ? name.slice(dot + 1) : '';
    const field = registry[sec]?.[key];
    const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    if (!field) {
      problems.push(`unknown parameter ${JSON.stringify(name)} ignored`);
      continue;
    }
    if (seen.has(name)) {
      problems.push(`${name} given twice: the first value is used`);
      continue;
    }
    seen.add(name);
    const parsed = field.schema.safeParse(raw);
    if (parsed.success) state[sec][key] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(shown)} is not ${field.allowed}; using the default ${formatValue(field.default)}`);
  }
  return { state, problems };
}

/** Serialise the state: only values that differ from the defaults, in registry order (stable URLs). */
export function encode(state: AppState, registry: Registry): string {
  const params = new URLSearchParams();
  for (const [sec, shape] of Object.entries(registry)) {
    for (const [key, field] of Object.entries(shape)) {
      const value = formatValue(state[sec]?.[key]);
      if (value !== formatValue(field.default)) params.set(`${sec}.${key}`, value);
    }
  }
  return params.toString().replace(/%2C/g, ',');
}
