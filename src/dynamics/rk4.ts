import type { VectorField } from './vector-field.js';
import { type FixedStepOptions, integrateFixed } from './fixed-step.js';
import type { OdeResult } from './ode-result.js';

/**
 * The classical fourth-order Runge–Kutta method (Kutta 1901; Hairer, Nørsett & Wanner I, Table II.1.2):
 * y_{k+1} = y_k + h (k1 + 2 k2 + 2 k3 + k4) / 6, with stage buffers allocated once.
 *
 * @example
 * odeRk4((t, y, out) => { out[0] = y[0]; }, [0, 1], [1], { steps: 1 }).yEnd; // returns [2.708333...] (= 65/24)
 */
export function odeRk4(f: VectorField, tspan: readonly [number, number], y0: ArrayLike<number>, options: FixedStepOptions = {}): OdeResult {
  return integrateFixed((n) => rk4Stepper(f, n), tspan, y0, options);
}

/**
 * One classical RK4 step with preallocated stage buffers: out <- y + h/6 (k1 + 2 k2 + 2 k3 + k4); returns the number of
 * evaluations of f (4). `out` may be `y` itself (each out[i] is written after the last read of y[i]).
 */
export function rk4Stepper(f: VectorField, n: number): (t: number, y: Float64Array, h: number, out: Float64Array) => number {
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n), k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  return (t, y, h, out) => {
    f(t, y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
    f(t + 0.5 * h, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
    f(t + 0.5 * h, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
    f(t + h, tmp, k4);
    for (let i = 0; i < n; i++) out[i] = y[i] + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    return 4;
  };
}
