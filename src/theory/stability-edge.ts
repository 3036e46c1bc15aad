import type { StateSpace } from '../methods/linear-form.js';
import { type FormCharacteristic, formCharacteristic, formRate, formThresholds } from './linear-form-analysis.js';

/** The edge of stability of a linear method (see `stabilityEdge`). */
export interface StabilityEdge {
  /** h*: every curvature in (0, h*) contracts (spectral radius < 1), h* itself does not; null when there is none. */
  h: number | null;
  /** 'closed form' (two-term methods: the Jury condition), 'bisection' (others: a scan in h and bisection). */
  method: 'closed form' | 'bisection';
  /** Why h is null: 'not stable near h = 0' (e.g. beta = 1) or 'stable on the whole scan' (up to 1e6 / |B C|). */
  reason?: string;
}

/**
 * The edge of stability: h* = sup{h > 0 : rho(A + h B C) < 1 on (0, h)}, the largest curvature (sharpness) a method
 * can take without diverging along it. Full-batch training drives the top Hessian eigenvalue up to this line and holds
 * it there (Cohen et al. 2021): 2 / alpha for GD, 2 (1 + beta) / alpha for heavy ball, 2 (1 + beta) / ((1 + 2 beta) alpha)
 * for Nesterov. Two-term methods get it in closed form; others by scanning h geometrically (ratio 1.01 from 1e-6 to 1e6
 * times 1 / |B C|) for the first h with rho >= 1, then bisecting to the last double.
 *
 * @example
 * stabilityEdge(createMethod('hb:alpha=0.5,beta=0.9').linear!).h; // returns 7.6 = 2 (1 + 0.9) / 0.5
 */
export function stabilityEdge(ss: StateSpace, characteristic: FormCharacteristic = formCharacteristic(ss), { numeric = false }: { numeric?: boolean } = {}): StabilityEdge {
  const thresholds = numeric ? null : formThresholds(ss, characteristic);
  if (thresholds !== null) return { h: thresholds.stability, method: 'closed form' };
  const gain = Math.max(...ss.B.map(Math.abs)) * Math.max(...ss.C.map(Math.abs));
  if (!(gain > 0 && Number.isFinite(gain))) return { h: null, method: 'bisection', reason: 'the gradient does not enter (|B C| = 0)' };
  const rho = (h: number): number => formRate(ss, h, characteristic);
  let lo = 1e-6 / gain;
  if (!(rho(lo) < 1)) return { h: null, method: 'bisection', reason: 'not stable near h = 0' };
  let hi = lo;
  for (;;) {
    hi = lo * 1.01;
    if (hi > 1e6 / gain) return { h: null, method: 'bisection', reason: 'stable on the whole scan' };
    if (!(rho(hi) < 1)) break;
    lo = hi;
  }
  // rho(lo) < 1 <= rho(hi): bisect until the two are neighbouring doubles (at most ~60 halvings).
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (rho(mid) < 1) lo = mid; else hi = mid;
  }
  return { h: hi, method: 'bisection' };
}
