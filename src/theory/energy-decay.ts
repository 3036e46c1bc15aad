import { ParameterError, checkNumber } from '../errors.js';
import { continuousHeavyBallDirection } from './continuous-heavy-ball.js';

/** Most samples of energyDecay (each a closed-form evaluation; 1e6 take about 0.1 s). */
export const ENERGY_DECAY_MAX_SAMPLES = 1e6;

/**
 * How well one direction of the continuous heavy ball follows the lecture's averaged law E(t) ~ E(0) exp(-mu t),
 * from w(0) = 1, v(0) = 0 on t in [0, tEnd]: the least-squares decay rate of log E(t) (sampled at `samples` points),
 * and the largest relative deviation max |E(t) / (E(0) e^(-mu t)) - 1|. In the underdamped case
 * E(t)/(E(0) e^(-mu t)) = 1 + (p/omega) sin(2 omega t) + 2 (p/omega)^2 sin^2(omega t) exactly (p = mu/2,
 * omega = sqrt(h - p^2)), so the deviation is about mu / (2 sqrt(h)) and vanishes in the underdamped limit h >> mu^2;
 * the averaged rate is mu for every h there. Overdamped directions decay more slowly (rate 2 (p - sqrt(p^2 - h))) and
 * have predictedDeviation null. Caps: samples <= ENERGY_DECAY_MAX_SAMPLES, mu tEnd <= 500, h <= 1e150.
 *
 * @example
 * energyDecay(1, 0.01).fittedRate; // returns ~0.01
 */
export function energyDecay(h: number, mu: number, { tEnd = 20 / mu, samples = 4001 }: { tEnd?: number; samples?: number } = {}): {
  fittedRate: number; maxDeviation: number; predictedDeviation: number | null;
} {
  checkNumber('h', h, { min: 0, minExclusive: true, max: 1e150 });
  checkNumber('mu', mu, { min: 1e-150, max: 1e150 });
  checkNumber('samples', samples, { min: 3, max: ENERGY_DECAY_MAX_SAMPLES, integer: true });
  // E(t) ~ e^(-mu t) must stay a normal double for its logarithm: mu tEnd <= 500 (the default is 20).
  checkNumber('tEnd', tEnd, { min: 0, minExclusive: true, max: 500 / mu });
  let st = 0, sy = 0, stt = 0, sty = 0, maxDeviation = 0;
  for (let i = 0; i < samples; i++) {
    const t = (tEnd * i) / (samples - 1);
    const { w, v } = continuousHeavyBallDirection(h, mu, 1, 0, t);
    const E = 0.5 * (h * w * w + v * v);
    const y = Math.log(E);
    st += t; sy += y; stt += t * t; sty += t * y;
    maxDeviation = Math.max(maxDeviation, Math.abs(E / (0.5 * h * Math.exp(-mu * t)) - 1));
  }
  const slope = (samples * sty - st * sy) / (samples * stt - st * st);
  const p = mu / 2;
  const omega2 = h - p * p;
  // Overdamped (omega^2 <= 0): no oscillation, no predicted deviation (null, not Infinity).
  const predictedDeviation = omega2 > 0 ? p / Math.sqrt(omega2) : null;
  if (!Number.isFinite(slope) || !Number.isFinite(maxDeviation)) {
    // Only at extreme ratios (e.g. h / mu^2 near 1e300, where E(t) underflows between samples).
    throw new ParameterError('h', h, `a curvature whose energy stays representable on [0, tEnd] with mu = ${mu} (the fit is not finite)`);
  }
  return { fittedRate: -slope, maxDeviation, predictedDeviation };
}
