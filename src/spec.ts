import { ParameterError } from './errors.js';
import { didYouMean } from './suggest.js';
import { parseDecimal } from './parse-number.js';

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
      if (Object.hasOwn(params, key)) throw new ParameterError(parameter, text, `each key at most once (${key} repeated)`);
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
  if (!Object.hasOwn(spec.params, key)) return undefined;
  return parseDecimal(parameter, spec.params[key]);
}

/** Description of one parameter of a method or problem: default and valid range (shown by `methods` / `problems`). */
export interface ParamInfo {
  name: string;
  description: string;
  /** Default value; undefined means required (or derived, see description). */
  default?: number | string | boolean;
  kind?: 'number' | 'integer' | 'string' | 'boolean';
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** Allowed strings for kind 'string'. */
  choices?: string[];
  /** Old spellings of the key, accepted but not documented (e.g. maxiter and max_iter for maxIter, the flag --max-iter). */
  aliases?: string[];
  /** 'rate': no fixed default; the method's learning rate, 1/L when the problem knows L (methods/definition.ts). */
  derivedDefault?: 'rate';
}

/**
 * A spec's params with every alias key (ParamInfo.aliases) renamed to its parameter's name; a key given under two
 * spellings is a ParameterError. Own properties only: an alias named like an Object.prototype key is never matched.
 *
 * @example
 * canonicalParams({ maxiter: '200' }, [{ name: 'maxIter', description: '', aliases: ['maxiter'] }], 'mandelbrot');
 * // returns { maxIter: '200' }
 */
export function canonicalParams(params: Record<string, string>, infos: readonly ParamInfo[], prefix: string): Record<string, string> {
  if (!infos.some((p) => p.aliases?.length)) return params;
  const out: Record<string, string> = {};
  for (const key of Object.keys(params)) {
    const name = infos.find((p) => p.name !== key && (p.aliases ?? []).includes(key))?.name ?? key;
    if (Object.hasOwn(out, name)) throw new ParameterError(`${prefix}.${key}`, params[key], `${name} given once (${(infos.find((p) => p.name === name)?.aliases ?? []).join(', ')}: its old spellings)`);
    Object.defineProperty(out, name, { value: params[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Run `fn` (which validates or uses `params` under their canonical names) so that a ParameterError about a key typed
 * under an alias names the key as typed: `lorenz:tend=0` fails as `lorenz.tend`, not `lorenz.t1`.
 *
 * @example
 * namedAsTyped({ tend: '0' }, [{ name: 't1', description: '', aliases: ['tend'] }], 'lorenz', () => { throw new ParameterError('lorenz.t1', 0, 'a number > 0'); });
 * // throws "lorenz.tend = 0 is invalid: expected a number > 0"
 */
export function namedAsTyped<T>(params: Record<string, string>, infos: readonly ParamInfo[], prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof ParameterError) || !err.parameter.startsWith(`${prefix}.`)) throw err;
    const name = err.parameter.slice(prefix.length + 1);
    const typed = Object.keys(params).find((k) => k !== name && (infos.find((p) => p.name === name)?.aliases ?? []).includes(k));
    if (typed === undefined) throw err;
    throw new ParameterError(`${prefix}.${typed}`, err.value, err.allowed);
  }
}

/**
 * Validate a spec's params against their descriptions and return typed values (defaults filled in).
 * Unknown keys and out-of-range values throw a ParameterError naming `name.key`.
 *
 * @example
 * resolveParams(parseSpec('hb:beta=0.9'), [{name: 'beta', description: '', default: 0.9, min: 0, max: 1, maxExclusive: true}]);
 * // returns { beta: 0.9 }
 */
export function resolveParams(spec: Spec, infos: readonly ParamInfo[], prefix = spec.name): Record<string, number | string | boolean | undefined> {
  const typed = spec.params;
  return namedAsTyped(typed, infos, prefix, () => resolveCanonical({ name: spec.name, params: canonicalParams(typed, infos, prefix) }, infos, prefix));
}

/** resolveParams on params already renamed to their canonical keys. */
function resolveCanonical(spec: Spec, infos: readonly ParamInfo[], prefix: string): Record<string, number | string | boolean | undefined> {
  const out: Record<string, number | string | boolean | undefined> = {};
  const known = new Set(infos.map((p) => p.name));
  for (const key of Object.keys(spec.params)) {
    if (!known.has(key)) throw new ParameterError(`${prefix}.${key}`, spec.params[key], `one of the keys ${infos.map((p) => p.name).join(', ') || '(none)'}${didYouMean(key, infos.map((p) => p.name))}`);
  }
  for (const info of infos) {
    const raw = Object.hasOwn(spec.params, info.name) ? spec.params[info.name] : undefined;
    const parameter = `${prefix}.${info.name}`;
    if (raw === undefined) { out[info.name] = info.default; continue; }
    const kind = info.kind ?? 'number';
    if (kind === 'string') {
      if (info.choices && !info.choices.includes(raw)) throw new ParameterError(parameter, raw, `one of ${info.choices.join(' | ')}${didYouMean(raw, info.choices)}`);
      out[info.name] = raw;
    } else if (kind === 'boolean') {
      if (!['true', 'false', '1', '0'].includes(raw)) throw new ParameterError(parameter, raw, 'true or false');
      out[info.name] = raw === 'true' || raw === '1';
    } else {
      out[info.name] = parseDecimal(parameter, raw, { min: info.min, max: info.max, minExclusive: info.minExclusive, maxExclusive: info.maxExclusive, integer: kind === 'integer' }, true);
    }
  }
  return out;
}
