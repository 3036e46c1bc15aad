// Helpers for the run / methods / problems commands: parameter ranges for humans, integer/number option parsing.
import { describeRange } from '../src/errors.js';
import { type NumberRange, parseDecimal } from '../src/parse-number.js';
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

/**
 * Parse a command-line number (src/parse-number's parseDecimal: decimal only), naming the flag and showing the raw text
 * on failure; undefined stays undefined (flag absent).
 */
export function parseNumberOption(flag: string, raw: string | number | undefined, range: NumberRange = {}): number | undefined {
  if (raw === undefined) return undefined;
  return parseDecimal(flag, typeof raw === 'number' ? String(raw) : raw, range);
}

/** A comma-separated list of numbers, each parsed as by parseNumberOption (an empty item is refused). */
export function parseNumberList(flag: string, raw: string, range: NumberRange = {}): number[] {
  return raw.split(',').map((s) => parseDecimal(flag, s, range));
}

/** Listings fit this many columns (the last, prose column of a table wraps). */
export const LISTING_WIDTH = 100;

/**
 * Break prose into lines of at most `width` characters at spaces (a longer word stays whole).
 *
 * @example
 * wrap('a bb ccc', 4); // returns ['a bb', 'ccc']
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Prose wrapped to LISTING_WIDTH with a hanging indent, e.g. a tuning rule's formula. */
export function wrapIndented(text: string, indent: string, width = LISTING_WIDTH): string {
  return wrap(text, width - indent.length).map((l) => indent + l).join('\n') + '\n';
}

/** Widest a middle column of leftTable may be before its cells wrap (e.g. a long list of choices). */
const MIDDLE_COLUMN_MAX = 30;

/**
 * A left-aligned text table (for listings with prose columns; cli/output's `table` right-aligns numbers): the last
 * column wraps so that lines fit LISTING_WIDTH columns, and a middle column wider than MIDDLE_COLUMN_MAX wraps too.
 */
export function leftTable(headers: string[], rows: string[][]): string {
  const last = headers.length - 1;
  const widths = headers.map((h, j) => {
    const natural = Math.max(h.length, ...rows.map((r) => r[j].length));
    return j === 0 || j === last ? natural : Math.max(h.length, Math.min(natural, MIDDLE_COLUMN_MAX));
  });
  const lead = widths.slice(0, -1).reduce((a, w) => a + w + 2, 0);
  const room = Math.max(30, LISTING_WIDTH - lead);
  widths[last] = Math.min(widths[last], room);
  const line = (r: string[]) => {
    const cells = r.map((c, j) => (j === 0 ? [c] : wrap(c, widths[j])));
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, i) => cells.map((c, j) => (j === last ? (c[i] ?? '') : (c[i] ?? '').padEnd(widths[j]))).join('  ').trimEnd()).join('\n');
  };
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/**
 * Listing of named entries with their parameters: "name  description" then an indented "key=default ..." line, both
 * wrapped (with a hanging indent) to LISTING_WIDTH columns.
 */
export function entryList(entries: { name: string; description: string; params: ParamInfo[] }[]): string {
  const width = Math.max(...entries.map((e) => e.name.length));
  return entries.map((e) => {
    const params = e.params.map((p) => `${p.name}=${paramDefault(p)}`).join(' ') || '(no parameters)';
    return namedBlock(e.name, width, [e.description, params]);
  }).join('\n') + '\n';
}

/**
 * `name` padded to `width`, then each paragraph wrapped to LISTING_WIDTH under a hanging indent of width + 2.
 *
 * @example
 * namedBlock('hb', 4, ['heavy ball', 'alpha=- beta=0.9']); // returns 'hb    heavy ball\n      alpha=- beta=0.9'
 */
export function namedBlock(name: string, width: number, paragraphs: string[]): string {
  const indent = ' '.repeat(width + 2);
  const room = Math.max(30, LISTING_WIDTH - indent.length);
  const lines = paragraphs.flatMap((p) => wrap(p, room));
  return lines.map((l, i) => (i === 0 ? `${name.padEnd(width)}  ${l}` : `${indent}${l}`)).join('\n');
}
