import type { VectorField } from './vector-field.js';
import { type FixedStepOptions, integrateFixed } from './fixed-step.js';
import type { OdeResult } from './ode-result.js';

/**
 * Explicit Euler, y_{k+1} = y_k + h f(t_k, y_k): first order (Hairer, Nørsett & Wanner I, §I.7).
 * This is the lecture's discrete-time update w <- w - alpha f(w) applied to w' = -f(w) with h = alpha.
 *
 * @example
 * odeEuler((t, y, out) => { out[0] = y[0]; }, [0, 1], [1], { steps: 1 }).yEnd; // returns [2]
 */
export function odeEuler(f: VectorField, tspan: readonly [number, number], y0: ArrayLike<number>, options: FixedStepOptions = {}): OdeResult {
  return integrateFixed((n) => {
    const k1 = new Float64Array(n);
    return (t, y, h, out) => {
      f(t, y, k1);
      for (let i = 0; i < n; i++) out[i] = y[i] + h * k1[i];
      return 1;
    };
  }, tspan, y0, options);
}
