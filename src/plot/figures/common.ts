import { ParameterError } from '../../errors.js';
import { parseList } from '../../problems/spectrum.js';
import type { FigureParams } from '../figure.js';
import { powerOfTen } from '../log-axis.js';

/** A numeric figure parameter (already validated by resolveParams). */
export function num(params: FigureParams, key: string): number {
  return params[key] as number;
}

/**
 * A list parameter `a;b;c` of positive numbers (spec lists use ';' because ',' separates keys).
 *
 * @example
 * positiveList({ h: '0.1;1' }, 'h', 'fig'); // returns [0.1, 1]
 */
export function positiveList(params: FigureParams, key: string, figure: string): number[] {
  const raw = String(params[key]);
  const values = Array.from(parseList(raw, `${figure}.${key}`));
  if (values.some((x) => !(x > 0))) throw new ParameterError(`${figure}.${key}`, raw, 'positive numbers separated by ;');
  if (values.length > 12) throw new ParameterError(`${figure}.${key}`, raw, 'at most 12 values');
  return values;
}

/**
 * Format a number for a legend: up to 3 significant digits, no trailing zeros, powers of ten as 10ⁿ.
 *
 * @example
 * label(0.0026334); // returns '0.00263'
 * label(0.0005); // returns '5×10⁻⁴'
 */
export function label(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e4) return String(Number(x.toPrecision(3)));
  const [mantissa, exponent] = x.toExponential(2).split('e');
  const m = String(Number(mantissa));
  return `${m === '1' ? '' : m === '-1' ? '−' : `${m.replace('-', '−')}×`}${powerOfTen(Number(exponent))}`;
}

/**
 * Least-squares slope of log y against log x: the exponent p of y ~ x^p (used to label fitted lines; a presentation
 * helper, not library math).
 *
 * @example
 * logLogSlope([1, 10, 100], [2, 20, 200]); // returns 1
 */
export function logLogSlope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.log(x[i]), b = Math.log(y[i]);
    sx += a; sy += b; sxx += a * a; sxy += a * b;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}
