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

/** A left-aligned text table (for listings with prose columns; cli/output's `table` right-aligns numbers). */
export function leftTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(widths[j]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** Listing of named entries with their parameters: "name  description" then an indented "key=default ..." line. */
export function entryList(entries: { name: string; description: string; params: ParamInfo[] }[]): string {
  const width = Math.max(...entries.map((e) => e.name.length));
  return entries.map((e) => {
    const params = e.params.map((p) => `${p.name}=${paramDefault(p)}`).join(' ') || '(no parameters)';
    return `${e.name.padEnd(width)}  ${e.description}\n${' '.repeat(width)}  ${params}`;
  }).join('\n') + '\n';
}
