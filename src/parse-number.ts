import { type NumberRange, ParameterError, describeRange, inNumberRange } from './errors.js';

export type { NumberRange };

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
  const allowed = describeRange(range);
  if (typeof raw !== 'string' || !DECIMAL.test(raw)) throw new ParameterError(parameter, raw, `${allowed}, written in decimal (e.g. 0.5, 1e-3)`);
  const x = Number(raw);
  if (!inNumberRange(x, range)) throw new ParameterError(parameter, showNumber && Number.isFinite(x) ? x : raw, allowed);
  return x;
}
