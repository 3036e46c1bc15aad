/**
 * An invalid argument: names the parameter, the value it got and what is allowed.
 * The CLI turns it into one line on stderr and exit status 2.
 *
 * @example
 * throw new ParameterError('beta', 1.5, 'a number in [0, 1)');
 * // message: "beta = 1.5 is invalid: expected a number in [0, 1)"
 */
export class ParameterError extends Error {
  readonly parameter: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(parameter: string, value: unknown, allowed: string) {
    // A missing value says so ("chebyshev.L is missing: expected ..."), never "= undefined".
    super(value === undefined ? `${parameter} is missing: expected ${allowed}` : `${parameter} = ${formatValue(value)} is invalid: expected ${allowed}`);
    this.name = 'ParameterError';
    this.parameter = parameter;
    this.value = value;
    this.allowed = allowed;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Float64Array || Array.isArray(value)) return `[${Array.from(value as ArrayLike<number>).slice(0, 6).join(', ')}${(value as ArrayLike<number>).length > 6 ? ', ...' : ''}]`;
  return String(value);
}

/** The bounds of a number: all optional, open or closed by the flags, integers only when `integer`. */
export interface NumberRange {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

/** Whether `value` is a finite number within `range` (checkNumber's test, without building its message). */
export function inNumberRange(value: unknown, range: NumberRange): value is number {
  const min = range.min ?? -Infinity, max = range.max ?? Infinity;
  return typeof value === 'number' && Number.isFinite(value)
    && (range.minExclusive === true ? value > min : value >= min)
    && (range.maxExclusive === true ? value < max : value <= max)
    && (range.integer !== true || Number.isInteger(value));
}

/** Check that `value` is a finite number in [lo, hi] (bounds optional, open/closed chosen by flags). */
export function checkNumber(parameter: string, value: unknown, range: NumberRange = {}): number {
  if (!inNumberRange(value, range)) throw new ParameterError(parameter, value, describeRange(range));
  return value as number;
}

/** Human-readable range, e.g. "a number in [0, 1)" or "an integer >= 1". */
export function describeRange({ min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false, integer = false }: NumberRange): string {
  const kind = integer ? 'an integer' : 'a finite number';
  if (min === -Infinity && max === Infinity) return kind;
  if (max === Infinity) return `${kind} ${minExclusive ? '>' : '>='} ${min}`;
  if (min === -Infinity) return `${kind} ${maxExclusive ? '<' : '<='} ${max}`;
  return `${kind} in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
}
