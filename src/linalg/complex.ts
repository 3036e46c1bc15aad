import { checkNumber } from '../errors.js';
/** A complex number as plain data (JSON-friendly: `{re, im}`). */
export interface Complex {
  re: number;
  im: number;
}

export const complex = (re: number, im = 0): Complex => ({ re, im });
export const cadd = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });
export const csub = (a: Complex, b: Complex): Complex => ({ re: a.re - b.re, im: a.im - b.im });
export const cmul = (a: Complex, b: Complex): Complex => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
export const cscale = (s: number, a: Complex): Complex => ({ re: s * a.re, im: s * a.im });
export const cconj = (a: Complex): Complex => ({ re: a.re, im: -a.im });
/** |a| (hypot, no overflow). @example cabs({re: 3, im: 4}) // returns 5 */
export const cabs = (a: Complex): number => Math.hypot(a.re, a.im);
export const carg = (a: Complex): number => Math.atan2(a.im, a.re);

export function cdiv(a: Complex, b: Complex): Complex {
  // Smith's algorithm: avoids overflow for large |b|.
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re, d = b.re + b.im * r;
    return { re: (a.re + a.im * r) / d, im: (a.im - a.re * r) / d };
  }
  const r = b.re / b.im, d = b.re * r + b.im;
  return { re: (a.re * r + a.im) / d, im: (a.im * r - a.re) / d };
}

/** Principal square root. @example csqrt({re: -4, im: 0}) // returns {re: 0, im: 2} */
export function csqrt(a: Complex): Complex {
  if (a.re === 0 && a.im === 0) return { re: 0, im: 0 };
  const m = cabs(a);
  const re = Math.sqrt((m + Math.abs(a.re)) / 2);
  if (a.re >= 0) return { re, im: a.im / (2 * re) };
  return { re: Math.abs(a.im) / (2 * re), im: a.im >= 0 ? re : -re };
}

/** a^k for integer k >= 0 by repeated squaring. */
export function cpow(a: Complex, k: number): Complex {
  // An integer power by squaring: k = Infinity would loop forever (floor(Infinity / 2) = Infinity).
  checkNumber('k', k, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
  let result: Complex = { re: 1, im: 0 };
  let base = a;
  let n = k;
  while (n > 0) {
    if (n & 1) result = cmul(result, base);
    base = cmul(base, base);
    n = Math.floor(n / 2);
  }
  return result;
}
