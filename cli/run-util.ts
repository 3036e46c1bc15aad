// Helpers for the run / methods / problems commands: parameter ranges for humans, integer/number option parsing.
import { ParameterError, describeRange } from '../src/errors.js';
import type { ParamInfo } from '../src/spec.js';

/** "[0, 1)", "linear | loguniform", "true | false", "an integer >= 1" ... for a ParamInfo. */
export function paramRange(p: ParamInfo): string {
  const kind = p.kind ?? 'number';
  if (kind === 'string') return p.choices ? p.choices.join(' | ') : 'text';
  if (kind === 'boolean') return 'true | false';
  const range = describeRange({ min: p.min, max: p.max, minExclusive: p.minExclusive, maxExclusive: p.maxExclusive, integer: kind === 'integer' });
  return range.replace(/^a finite number /, '').replace(/^a finite number$/, 'any number').replace(/^an integer /, 'integer ');
}

/** "name=default" (or "name" when required / derived). */
export function paramDefault(p: ParamInfo): string {
  return p.default === undefined ? '-' : String(p.default);
}

/** Parse a command-line number, naming the flag and showing the raw text on failure. */
export function parseNumberOption(flag: string, raw: string | number | undefined, {
  min = -Infinity, max = Infinity, minExclusive = false, integer = false,
}: { min?: number; max?: number; minExclusive?: boolean; integer?: boolean } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const x = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
  const ok = Number.isFinite(x) && (minExclusive ? x > min : x >= min) && x <= max && (!integer || Number.isInteger(x));
  if (!ok) throw new ParameterError(flag, raw, describeRange({ min, max, minExclusive, integer }));
  return x;
}
