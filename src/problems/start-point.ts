import { ParameterError, checkNumber } from '../errors.js';
import { createRng } from '../linalg/index.js';
import type { ParamInfo } from '../spec.js';
import { PROBLEM_MAX_DIM } from './problem.js';
import { parseList } from './spectrum.js';

/**
 * Parse a start-point spec value: a number (every coordinate), a `;`-list of dim numbers, or `random` (seeded
 * standard normal). Names the parameter `name.x0` on failure.
 *
 * @example
 * parseStartPoint('2', 3, 'quadratic'); // returns [2, 2, 2]
 */
export function parseStartPoint(raw: string | number | boolean | undefined, dim: number, prefix: string, { fallback, seed = 0, key = 'x0' }: {
  fallback?: Float64Array; seed?: number; key?: string;
} = {}): Float64Array {
  const parameter = `${prefix}.${key}`;
  checkNumber(`${prefix}.dim`, dim, { min: 1, max: PROBLEM_MAX_DIM, integer: true });
  if (raw === undefined) return fallback ?? new Float64Array(dim).fill(1);
  const text = String(raw).trim();
  if (text === 'random') return createRng(seed + (key === 'x0' ? 7919 : 104729)).fillNormal(new Float64Array(dim));
  const values = text.includes(';') ? parseList(text, parameter) : Float64Array.of(text === '' ? NaN : Number(text));
  if (!values.every(Number.isFinite)) throw new ParameterError(parameter, raw, `a finite number, a list of ${dim} numbers separated by ;, or random`);
  if (values.length === 1) return new Float64Array(dim).fill(values[0]);
  if (values.length !== dim) throw new ParameterError(parameter, raw, `a single number or exactly ${dim} numbers separated by ; (dim = ${dim})`);
  return values;
}

/** The ParamInfo of a start point, for `problems` listings. */
export function startPointInfo(defaultText: string): ParamInfo {
  return {
    name: 'x0', kind: 'string', default: defaultText,
    description: 'start point: a number (all coordinates), a ;-separated list of dim numbers, or random (seeded normal)',
  };
}
