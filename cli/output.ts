// Shared output helpers for every command: --format table|json|csv, progress bars only on a terminal.
import { ParameterError } from '../src/errors.js';

export type Format = 'table' | 'json' | 'csv';

export function parseFormat(value: string | undefined, allowed: readonly Format[] = ['table', 'json', 'csv']): Format {
  const f = (value ?? 'table') as Format;
  if (!allowed.includes(f)) throw new ParameterError('--format', value, allowed.join(' | '));
  return f;
}

/** Format a number for humans: shortest round-trip up to 6 significant digits; '-' for none (null, NaN, Infinity). */
export function fmt(x: number | null | undefined, digits = 6): string {
  // The contract: never print NaN or Infinity as a result (commands name such states in words).
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1);
}

/** A plain aligned text table. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c ?? '-')));
  const widths = headers.map((h, j) => Math.max(h.length, ...cells.map((r) => String(r[j]).length)));
  const line = (r: string[]) => r.map((c, j) => String(c).padStart(widths[j])).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/** CSV from columns (RFC 4180 quoting for strings; null and non-finite numbers as empty cells). */
export function csv(columns: Record<string, ArrayLike<number | string | null>>): string {
  const keys = Object.keys(columns);
  const n = Math.max(0, ...keys.map((k) => columns[k].length));
  const q = (v: number | string | null) => (v === null ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [keys.join(',')];
  for (let i = 0; i < n; i++) lines.push(keys.map((k) => q(columns[k][i] ?? null)).join(','));
  return lines.join('\n') + '\n';
}

/** JSON with typed arrays as plain arrays and non-finite numbers as null (JSON has no NaN). */
export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    return v;
  }) + '\n';
}

/** Whether a progress bar should be shown: only on a terminal and not for machine-readable output. */
export function wantProgress(format: Format): boolean {
  return Boolean(process.stderr.isTTY) && format === 'table';
}
