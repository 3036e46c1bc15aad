import { characteristic, type LinearMethod } from './linear-method.js';
import { regimeThresholds } from './thresholds.js';

/** How one eigendirection behaves under a linear method. */
export type Regime = 'overdamped' | 'critical' | 'underdamped' | 'oscillating' | 'divergent';

/** Default relative tolerance for critical damping: |h - T| <= 1e-9 T. */
export const CRITICAL_TOLERANCE = 1e-9;

/**
 * Classify direction h (lecture, "the overdamped case" / "the underdamped case", with DESIGN.md errata):
 * divergent if the spectral radius is >= 1 or h >= (1 - tol) x the stability threshold (heavy ball: alpha h >= 2 (1 + beta);
 * on the boundary rho = 1, so a borderline direction does not converge);
 * critical if |h - T| <= tol T (the double root of z^2 - a z + b at the lower real/complex boundary T; a relative
 * tolerance because T is computed in floating point, default 1e-9);
 * underdamped if the roots are complex (T < h < upperReal; heavy ball |z| = sqrt(beta));
 * overdamped if they are real with a positive dominant root (h < T, monotone approach);
 * oscillating if real with a negative dominant root (heavy ball alpha h > (1 + sqrt(beta))^2, sign flips each step).
 * The upper boundary |h - upperReal| <= tol upperReal (a double negative root) is classified as oscillating.
 *
 * @example
 * directionRegime(linearMethod('hb', { alpha: 1, beta: 0.81 }), 0.01); // returns 'critical'
 */
export function directionRegime(m: LinearMethod, h: number, { tolerance = CRITICAL_TOLERANCE }: { tolerance?: number } = {}): Regime {
  const { a, b } = characteristic(m, h);
  const half = a / 2;
  const disc = half * half - b;
  const rho = disc < 0 ? Math.sqrt(b) : Math.abs(half) + Math.sqrt(disc);
  const { T, upperReal, stability } = regimeThresholds(m);
  if (!(rho < 1) || (stability !== null && h >= stability * (1 - tolerance))) return 'divergent';
  if (T !== null && Math.abs(h - T) <= tolerance * T) return 'critical';
  if (upperReal !== null && upperReal !== T && Math.abs(h - upperReal) <= tolerance * upperReal) return 'oscillating';
  if (disc < 0) return 'underdamped';
  return half >= 0 ? 'overdamped' : 'oscillating';
}
