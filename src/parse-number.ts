import { ParameterError, describeRange } from './errors.js';

/** A range for parseDecimal: bounds optional, open or closed, integers only when `integer`. */
export interface NumberRange {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

/** Decimal notation only: digits, one optional point, an optional exponent; no spaces, hex, binary, octal, NaN or Infinity. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether `text` is a number written in decimal (the one number syntax of the command line, specs and URLs).
 *
 * @example
 * isDecimal('1e-3'); // returns true
 * isDecimal('0x10'); // returns false
 */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/**
 * Parse a number typed by a user (a flag, a spec value, a URL value): decimal only, finite and in `range`, or a
 * ParameterError naming `parameter` and showing the text as typed (or, out of range with `showNumber`, the number as in
 * spec errors "hb.beta = 1.5 is invalid"). This is the one number parser of the CLI, specs and URLs.
 *
 * @example
 * parseDecimal('--mu', '0.01', { min: 0, minExclusive: true }); // returns 0.01
 * parseDecimal('--mu', '0x10'); // throws ParameterError '--mu = "0x10" is invalid: expected a finite number, written in decimal (e.g. 0.5, 1e-3)'
 */
export function parseDecimal(parameter: string, raw: string, range: NumberRange = {}, showNumber = false): number {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false, integer = false } = range;
  const allowed = describeRange({ min, max, minExclusive, maxExclusive, integer });
  if (typeof raw !== 'string' || !DECIMAL.test(raw)) throw new ParameterError(parameter, raw, `${allowed}, written in decimal (e.g. 0.5, 1e-3)`);
  const x = Number(raw);
  const ok = Number.isFinite(x) && (minExclusive ? x > min : x >= min) && (maxExclusive ? x < max : x <= max) && (!integer || Number.isInteger(x));
  if (!ok) throw new ParameterError(parameter, showNumber && Number.isFinite(x) ? x : raw, allowed);
  return x;
}
