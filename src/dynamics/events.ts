/**
 * An event g(t, y) = 0 located on the dense output (e.g. a Poincaré section). `direction` +1 counts only upward
 * crossings (g goes from < 0 to >= 0), -1 only downward ones, 0 both; `terminal` > 0 stops the integration at
 * that many occurrences.
 */
export interface OdeEvent {
  g: (t: number, y: Float64Array) => number;
  direction?: -1 | 0 | 1;
  terminal?: number;
}

/** One located event: which one (index into the events list), when, and the state there. */
export interface EventHit {
  index: number;
  t: number;
  y: Float64Array;
}

/** Whether a sign change from gOld to gNew is a crossing in `direction`. */
export function crosses(gOld: number, gNew: number, direction: -1 | 0 | 1): boolean {
  const up = gOld < 0 && gNew >= 0, down = gOld > 0 && gNew <= 0;
  return direction === 1 ? up : direction === -1 ? down : up || down;
}

/**
 * Root of a continuous function h on [a, b] with h(a), h(b) of opposite signs (or h(b) = 0), by the Illinois
 * variant of regula falsi (Dowell & Jarratt 1971: superlinear, never leaves the bracket), to a few ulps.
 *
 * @example
 * illinoisRoot((t) => t * t - 2, 1, 2, -1, 2); // returns 1.4142135623730951
 */
export function illinoisRoot(h: (t: number) => number, a: number, b: number, ha: number, hb: number, maxIter = 200): number {
  if (hb === 0) return b;
  let side = 0;
  for (let it = 0; it < maxIter; it++) {
    const tol = 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b), 1e-300);
    if (Math.abs(b - a) <= tol) break;
    let c = (a * hb - b * ha) / (hb - ha);
    if (!(c > Math.min(a, b) && c < Math.max(a, b))) c = 0.5 * (a + b);
    const hc = h(c);
    if (hc === 0) return c;
    if ((hc > 0) === (hb > 0)) {
      b = c; hb = hc;
      if (side === -1) ha /= 2;
      side = -1;
    } else {
      a = c; ha = hc;
      if (side === 1) hb /= 2;
      side = 1;
    }
  }
  return Math.abs(ha) < Math.abs(hb) ? a : b;
}
