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

/** Check that `value` is a finite number in [lo, hi] (bounds optional, open/closed chosen by flags). */
export function checkNumber(
  parameter: string,
  value: unknown,
  { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false, integer = false }: {
    min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; integer?: boolean;
  } = {},
): number {
  const ok = typeof value === 'number' && Number.isFinite(value)
    && (minExclusive ? value > min : value >= min)
    && (maxExclusive ? value < max : value <= max)
    && (!integer || Number.isInteger(value));
  if (!ok) throw new ParameterError(parameter, value, describeRange({ min, max, minExclusive, maxExclusive, integer }));
  return value as number;
}

/** Human-readable range, e.g. "a number in [0, 1)" or "an integer >= 1". */
export function describeRange({ min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false, integer = false }: {
  min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; integer?: boolean;
}): string {
  const kind = integer ? 'an integer' : 'a finite number';
  if (min === -Infinity && max === Infinity) return kind;
  if (max === Infinity) return `${kind} ${minExclusive ? '>' : '>='} ${min}`;
  if (min === -Infinity) return `${kind} ${maxExclusive ? '<' : '<='} ${max}`;
  return `${kind} in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
}
