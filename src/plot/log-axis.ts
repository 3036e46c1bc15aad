const superscriptDigits: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/**
 * Write 10^n with Unicode superscripts, as the lecture writes axis labels.
 *
 * @example
 * powerOfTen(-5); // returns '10⁻⁵'
 */
export function powerOfTen(n: number): string {
  if (n === 0) return '1';
  if (n === 1) return '10';
  return '10' + String(n).split('').map((c) => superscriptDigits[c] ?? c).join('');
}

/**
 * Axis properties for a log scale over [lo, hi]: ticks at powers of ten (thinned to at most `maxTicks`), labelled 10ⁿ.
 *
 * @example
 * logAxis(1e-3, 1).values; // returns [0.001, 0.01, 0.1, 1]
 */
export function logAxis(lo: number, hi: number, maxTicks = 7): { values: number[]; labelExpr: string } {
  const a = Math.floor(Math.log10(Math.max(lo, Number.MIN_VALUE)));
  const b = Math.ceil(Math.log10(Math.max(hi, lo, Number.MIN_VALUE)));
  const stride = Math.max(1, Math.ceil((b - a + 1) / maxTicks));
  const exps: number[] = [];
  for (let e = b; e >= a; e -= stride) exps.unshift(e);
  const labels = exps.map((e) => `round(log(datum.value) / LN10) == ${e} ? '${powerOfTen(e)}'`);
  return { values: exps.map((e) => Number(`1e${e}`)), labelExpr: `${labels.join(' : ')} : ''` };
}
