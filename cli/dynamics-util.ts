// Option parsing and output helpers of the `dynamics` command (cli/commands/dynamics.ts).
import { PNG } from 'pngjs';
import { ParameterError } from '../src/errors.js';
import { isDecimal, parseDecimal } from '../src/parse-number.js';
import { type Format, csv, fmt, json } from './output.js';
import { checkOutputFile, writeOutputFile } from './contract-util.js';

export type Opts = Record<string, string | undefined>;

/** A number option: absent -> fallback; otherwise a finite number in range, or a ParameterError naming the flag. */
export function num(opts: Opts, key: string, flag: string, fallback: number,
  range: { min?: number; max?: number; minExclusive?: boolean; integer?: boolean } = {}): number {
  const raw = opts[key];
  if (raw === undefined) return fallback;
  return parseDecimal(flag, raw, range);
}

/** A comma-separated vector option of fixed length, e.g. --x0 "1,1,1". */
export function vec(opts: Opts, key: string, flag: string, fallback: number[], maxAbs = 1e6): number[] {
  const raw = opts[key];
  if (raw === undefined) return fallback;
  const parts = raw.split(',').map((s) => s.trim());
  const v = parts.map(Number);
  if (parts.length !== fallback.length || !parts.every(isDecimal) || !v.every((x) => Number.isFinite(x) && Math.abs(x) <= maxAbs)) {
    throw new ParameterError(flag, raw, `${fallback.length} numbers in [-${maxAbs}, ${maxAbs}] separated by commas, e.g. "${fallback.join(',')}"`);
  }
  return v;
}

/** A parameter given under two names (the lecture's a, b, c or Lorenz's sigma, rho, beta). */
export function alias(opts: Opts, a: string, b: string, fallback: number, range: { min?: number; max?: number } = {}): number {
  if (opts[a] !== undefined && opts[b] !== undefined) throw new ParameterError(`--${a}`, opts[a], `either --${a} or --${b}, not both`);
  return opts[a] !== undefined ? num(opts, a, `--${a}`, fallback, range) : num(opts, b, `--${b}`, fallback, range);
}

export function out(text: string): void { process.stdout.write(text); }

/** A left-aligned "quantity  value" listing (the summaries are text as much as numbers). */
export function kv(lines: [string, string | number | null][]): string {
  const w = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(w)}  ${typeof v === 'number' ? fmt(v) : v ?? '-'}`).join('\n') + '\n';
}

/** Print a summary: JSON (summary + data), CSV (the data columns) or an aligned key/value table. */
export function emit(format: Format, summary: Record<string, unknown>, data: Record<string, ArrayLike<number>> | null, lines: [string, string | number | null][]): void {
  if (format === 'json') out(json(data ? { ...summary, data } : summary));
  else if (format === 'csv') out(data ? csv(data) : csv(Object.fromEntries(lines.map(([k, v]) => [k, [v]]))));
  else out(kv(lines));
}

/** Check a --out PNG path before the work: a name ending in .png in an existing directory. */
export function checkPngPath(file: string): void {
  if (!/\.png$/i.test(file)) throw new ParameterError('--out', file, 'a file name ending in .png');
  checkOutputFile('--out', file);
}

/** Write RGBA pixels as a PNG file (pngjs); the name must end in .png. */
export function writePng(file: string, width: number, height: number, rgba: Uint8ClampedArray): void {
  checkPngPath(file);
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  writeOutputFile('--out', file, PNG.sync.write(png));
}
