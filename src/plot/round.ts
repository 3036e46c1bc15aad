/**
 * Round to `digits` significant digits, so that figure data (and the SVG made from it) is short and byte-stable.
 * Non-finite values become null (Vega skips them) rather than NaN.
 *
 * @example
 * sig(Math.PI, 4); // returns 3.142
 */
export function sig(x: number, digits = 6): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return 0;
  return Number(x.toPrecision(digits));
}
