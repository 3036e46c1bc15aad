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
 * Axis properties for a log scale over [lo, hi]: ticks at the powers of ten inside it (thinned to at most `maxTicks`),
 * labelled 10ⁿ.
 *
 * @example
 * logAxis(1e-3, 1).values; // returns [0.001, 0.01, 0.1, 1]
 */
export function logAxis(lo: number, hi: number, maxTicks = 7): { values: number[]; labelExpr: string } {
  const a = Math.floor(Math.log10(Math.max(lo, Number.MIN_VALUE)));
  const b = Math.ceil(Math.log10(Math.max(hi, lo, Number.MIN_VALUE)));
  const stride = Math.max(1, Math.ceil((b - a + 1) / maxTicks));
  // Only powers of ten inside [lo, hi] (the scale is not rounded out to whole decades).
  const lower = Math.ceil(Math.log10(Math.max(lo, Number.MIN_VALUE)) - 1e-9);
  const upper = Math.floor(Math.log10(Math.max(hi, lo, Number.MIN_VALUE)) + 1e-9);
  const exps: number[] = [];
  for (let e = upper; e >= lower; e -= stride) exps.unshift(e);
  if (exps.length === 0) return { values: [lo, hi], labelExpr: "format(datum.value, '.3~g')" }; // within one decade
  const labels = exps.map((e) => `round(log(datum.value) / LN10) == ${e} ? '${powerOfTen(e)}'`);
  return { values: exps.map((e) => Number(`1e${e}`)), labelExpr: `${labels.join(' : ')} : ''` };
}
