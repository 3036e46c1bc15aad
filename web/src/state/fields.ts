// Typed, validated state fields: each is a zod schema with a default and a short description of what is allowed
// (the description is what the malformed-URL notice prints, in the CLI's "parameter, value, allowed" style).
import { z } from 'zod';

export interface Field<T = unknown> {
  schema: z.ZodType<T>;
  default: T;
  allowed: string;
  /** For numbers: the range a URL value outside it is clamped to (with a notice), and whether it must be an integer. */
  range?: { min: number; max: number; int: boolean };
}

/**
 * A decimal number as people type it: optional sign, digits with an optional fraction, optional exponent. No
 * surrounding spaces, no hex/octal/binary (`0x10`), no `Infinity`/`NaN`, nothing `Number()` accepts beyond that.
 */
export const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Parse a strict decimal (see DECIMAL) to a finite number, or null. */
export function parseDecimal(raw: string): number | null {
  if (!DECIMAL.test(raw)) return null;
  const x = Number(raw);
  return Number.isFinite(x) ? x : null;
}

/** Control characters (C0, DEL, C1), invisible format characters (bidi overrides, zero-width) and line separators. */
export const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export type Shape = Record<string, Field>;
export type Values<S extends Shape> = { [K in keyof S]: S[K]['default'] };

/** A number in [min, max] (integers only if `int`). */
export function num(min: number, max: number, def: number, { int = false } = {}): Field<number> {
  const inner = int ? z.number().int().min(min).max(max) : z.number().min(min).max(max);
  const schema = z.string().regex(DECIMAL).transform(Number).pipe(inner);
  return { schema: schema as unknown as z.ZodType<number>, default: def, allowed: `${int ? 'an integer' : 'a number'} in [${min}, ${max}]`, range: { min, max, int } };
}

/** One of a fixed set of strings. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, def: T[number]): Field<T[number]> {
  return { schema: z.enum(values) as unknown as z.ZodType<T[number]>, default: def, allowed: `one of ${values.join(' | ')}` };
}

/** A boolean written as 1/0 in the URL. */
export function flag(def: boolean): Field<boolean> {
  const schema = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
  return { schema: schema as unknown as z.ZodType<boolean>, default: def, allowed: '1 or 0' };
}

/** A comma-separated list drawn from a fixed set (e.g. the methods shown). */
export function subset<const T extends readonly [string, ...string[]]>(values: T, def: T[number][]): Field<T[number][]> {
  const schema = z.string().transform((s) => (s === '' ? [] : s.split(','))).pipe(z.array(z.enum(values)));
  return { schema: schema as unknown as z.ZodType<T[number][]>, default: def, allowed: `a comma-separated subset of ${values.join(',')}` };
}

/**
 * A short free-text string matching a pattern (e.g. a matrix "a,b;c,d" or an expression). Control characters (newline,
 * tab, escape, bidi overrides) are never valid, whatever the pattern allows: a value may end up in a shell command.
 */
export function text(pattern: RegExp, def: string, allowed: string, maxLength = 200): Field<string> {
  const schema = z.string().max(maxLength).refine((v) => !CONTROL.test(v), 'control character').regex(pattern);
  return { schema: schema as unknown as z.ZodType<string>, default: def, allowed };
}

/** Serialise a value for the URL. */
export function formatValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'number') return String(Number(v.toPrecision(12)));
  return String(v);
}
