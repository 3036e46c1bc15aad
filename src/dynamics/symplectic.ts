import { checkNumber } from '../errors.js';
import { checkIvp, type FixedStepOptions, integrateFixed, resolveSteps } from './fixed-step.js';
import type { OdeResult } from './ode-result.js';

/**
 * A partitioned (mechanical) system q' = p / m, p' = F(t, q): `force` writes F into `out` without allocating.
 * The state handed back by the integrators is y = [q; p].
 */
export type Force = (t: number, q: Float64Array, out: Float64Array) => void;

/** Options of the symplectic integrators: fixed steps, plus the mass m (default 1). */
export interface SymplecticOptions extends FixedStepOptions {
  mass?: number;
}

/**
 * Symplectic Euler (kick then drift): p_{k+1} = p_k + h F(q_k), q_{k+1} = q_k + h p_{k+1} / m. First order, but it
 * preserves phase-space area; heavy ball with beta = 1 is this method (Hairer, Lubich & Wanner, GNI §I.1.2).
 *
 * @example
 * odeSymplecticEuler((t, q, out) => { out[0] = -q[0]; }, [0, 0.1], [1], [0], { steps: 1 }).yEnd; // returns [0.99, -0.1]
 */
export function odeSymplecticEuler(force: Force, tspan: readonly [number, number], q0: ArrayLike<number>, p0: ArrayLike<number>,
  options: SymplecticOptions = {}): OdeResult {
  return partitioned('symplectic-euler', force, tspan, q0, p0, options);
}

/**
 * Störmer–Verlet / leapfrog (velocity form): p_{1/2} = p_k + h/2 F(q_k), q_{k+1} = q_k + h p_{1/2} / m,
 * p_{k+1} = p_{1/2} + h/2 F(q_{k+1}). Second order, symplectic and time-reversible (Hairer, Lubich & Wanner 2003,
 * "Geometric numerical integration illustrated by the Störmer–Verlet method", Acta Numerica, eq. (1.5)).
 * The force at q_{k+1} is reused as the first kick of the next step (one evaluation per step).
 *
 * @example
 * odeLeapfrog((t, q, out) => { out[0] = -q[0]; }, [0, 0.1], [1], [0], { steps: 1 }).yEnd; // returns [0.995, -0.09975]
 */
export function odeLeapfrog(force: Force, tspan: readonly [number, number], q0: ArrayLike<number>, p0: ArrayLike<number>,
  options: SymplecticOptions = {}): OdeResult {
  return partitioned('leapfrog', force, tspan, q0, p0, options);
}

function partitioned(kind: 'leapfrog' | 'symplectic-euler', force: Force, tspan: readonly [number, number],
  q0: ArrayLike<number>, p0: ArrayLike<number>, options: SymplecticOptions): OdeResult {
  checkIvp(tspan, q0);
  checkIvp(tspan, p0);
  resolveSteps(tspan, options);
  if (q0.length !== p0.length) checkNumber('p0.length', p0.length, { min: q0.length, max: q0.length });
  const m = checkNumber('mass', options.mass ?? 1, { min: 0, minExclusive: true });
  const d = q0.length;
  const y0 = new Float64Array(2 * d);
  y0.set(Array.from(q0), 0);
  y0.set(Array.from(p0), d);
  return integrateFixed(() => {
    const F = new Float64Array(d);
    // Cache of F(q) at the last position (leapfrog's first-same-as-last force).
    let cachedT = NaN;
    const cachedQ = new Float64Array(d);
    const cachedF = new Float64Array(d);
    return (t, y, h, out) => {
      const q = y.subarray(0, d), p = y.subarray(d);
      const qn = out.subarray(0, d), pn = out.subarray(d);
      let evals = 0;
      let hit = Math.abs(cachedT - t) <= 1e-9 * Math.abs(h);
      for (let i = 0; hit && i < d; i++) if (cachedQ[i] !== q[i]) hit = false;
      if (hit) F.set(cachedF);
      else { force(t, q, F); evals++; }
      if (kind === 'symplectic-euler') {
        for (let i = 0; i < d; i++) { pn[i] = p[i] + h * F[i]; qn[i] = q[i] + (h * pn[i]) / m; }
        return evals;
      }
      for (let i = 0; i < d; i++) { pn[i] = p[i] + 0.5 * h * F[i]; qn[i] = q[i] + (h * pn[i]) / m; }
      force(t + h, qn, F);
      evals++;
      for (let i = 0; i < d; i++) pn[i] += 0.5 * h * F[i];
      cachedT = t + h;
      cachedQ.set(qn);
      cachedF.set(F);
      return evals;
    };
  }, tspan, y0, options);
}
