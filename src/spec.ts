import { ParameterError } from './errors.js';

/** A parsed spec string `name:key=value,key=value` (DESIGN.md, command line contract). */
export interface Spec {
  name: string;
  params: Record<string, string>;
}

/**
 * Parse a compact spec string.
 *
 * @example
 * parseSpec('hb:alpha=0.01,beta=0.9');
 * // returns { name: 'hb', params: { alpha: '0.01', beta: '0.9' } }
 */
export function parseSpec(text: string, parameter = 'spec'): Spec {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const name = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim();
  if (!/^[a-z][a-z0-9-]*$/i.test(name)) {
    throw new ParameterError(parameter, text, 'a spec "name:key=value,key=value" with a name of letters, digits and dashes');
  }
  const params: Record<string, string> = {};
  const rest = colon < 0 ? '' : trimmed.slice(colon + 1);
  if (rest.trim() !== '') {
    for (const part of rest.split(',')) {
      const eq = part.indexOf('=');
      if (eq <= 0) throw new ParameterError(parameter, text, `key=value pairs separated by commas (bad part ${JSON.stringify(part)})`);
      const key = part.slice(0, eq).trim();
      const value = part.slice(eq + 1).trim();
      if (!/^[a-z][a-z0-9_]*$/i.test(key)) throw new ParameterError(parameter, text, `keys made of letters, digits and _ (bad key ${JSON.stringify(key)})`);
      if (key in params) throw new ParameterError(parameter, text, `each key at most once (${key} repeated)`);
      params[key] = value;
    }
  }
  return { name, params };
}

/** Inverse of parseSpec, with numbers printed in shortest round-trip form. */
export function formatSpec(name: string, params: Record<string, string | number | boolean>): string {
  const parts = Object.entries(params).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `${name}:${parts.join(',')}` : name;
}

/** Parse a spec value as a number; names the parameter as `name.key` on failure. */
export function specNumber(spec: Spec, key: string, parameter = `${spec.name}.${key}`): number | undefined {
  const raw = spec.params[key];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new ParameterError(parameter, raw, 'a finite number');
  return value;
}
