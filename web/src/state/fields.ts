// Typed, validated state fields: each is a zod schema with a default and a short description of what is allowed
// (the description is what the malformed-URL notice prints, in the CLI's "parameter, value, allowed" style).
import { z } from 'zod';

export interface Field<T = unknown> {
  schema: z.ZodType<T>;
  default: T;
  allowed: string;
}

export type Shape = Record<string, Field>;
export type Values<S extends Shape> = { [K in keyof S]: S[K]['default'] };

/** A number in [min, max] (integers only if `int`). */
export function num(min: number, max: number, def: number, { int = false } = {}): Field<number> {
  const inner = int ? z.number().int().min(min).max(max) : z.number().min(min).max(max);
  const schema = z.string().trim().min(1).pipe(z.coerce.number()).pipe(inner);
  return { schema: schema as unknown as z.ZodType<number>, default: def, allowed: `${int ? 'an integer' : 'a number'} in [${min}, ${max}]` };
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

/** A short free-text string matching a pattern (e.g. a matrix "a,b;c,d" or an expression). */
export function text(pattern: RegExp, def: string, allowed: string, maxLength = 200): Field<string> {
  return { schema: z.string().max(maxLength).regex(pattern), default: def, allowed };
}

/** Serialise a value for the URL. */
export function formatValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'number') return String(Number(v.toPrecision(12)));
  return String(v);
}
