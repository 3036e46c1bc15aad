import { checkNumber } from '../errors.js';
import type { VectorField } from './vector-field.js';

/**
 * The Lorenz system as written in the lecture: x' = a (y - x), y' = x (b - z) - y, z' = x y - c z, with
 * (a, b, c) = (sigma, rho, beta) of Lorenz (1963); the classic chaotic values are a = 10, b = 28, c = 8/3.
 *
 * @example
 * lorenzField()(0, new Float64Array([1, 1, 1]), out); // out = [0, 26, -5/3]
 */
export function lorenzField(a = 10, b = 28, c = 8 / 3): VectorField {
  checkNumber('a', a); checkNumber('b', b); checkNumber('c', c);
  return (_t, u, out) => {
    const x = u[0], y = u[1], z = u[2];
    out[0] = a * (y - x);
    out[1] = x * (b - z) - y;
    out[2] = x * y - c * z;
  };
}

/**
 * The Jacobian-vector product of the Lorenz field, out <- J(u) v, for the variational equation v' = J(u) v.
 * J = [[-a, a, 0], [b - z, -1, -x], [y, x, -c]].
 */
export function lorenzJvp(a = 10, b = 28, c = 8 / 3): (t: number, u: Float64Array, v: Float64Array, out: Float64Array) => void {
  return (_t, u, v, out) => {
    const x = u[0], y = u[1], z = u[2];
    out[0] = a * (v[1] - v[0]);
    out[1] = (b - z) * v[0] - v[1] - x * v[2];
    out[2] = y * v[0] + x * v[1] - c * v[2];
  };
}

/**
 * The Van der Pol oscillator x'' - mu (1 - x^2) x' + x = 0 as x' = y, y' = mu (1 - x^2) y - x (van der Pol 1926).
 * For mu > 0 it has one attracting limit cycle; for mu = 1 its period is 6.66329 and its amplitude 2.00862.
 *
 * @example
 * vanDerPolField(1)(0, new Float64Array([2, 0]), out); // out = [0, -2]
 */
export function vanDerPolField(mu = 1): VectorField {
  checkNumber('mu', mu, { min: 0 });
  return (_t, u, out) => {
    const x = u[0], y = u[1];
    out[0] = y;
    out[1] = mu * (1 - x * x) * y - x;
  };
}

/**
 * The normal form of the supercritical Hopf bifurcation, in polar form r' = mu r - r^3, theta' = omega, i.e.
 * x' = mu x - omega y - x (x^2 + y^2), y' = omega x + mu y - y (x^2 + y^2) (Strogatz, Nonlinear Dynamics and Chaos, §8.2).
 * For mu > 0 the limit cycle is the circle r = sqrt(mu), travelled with period 2 pi / omega.
 *
 * @example
 * hopfField(1, 1)(0, new Float64Array([1, 0]), out); // out = [0, 1]  (on the cycle r = 1)
 */
export function hopfField(mu = 1, omega = 1): VectorField {
  checkNumber('mu', mu); checkNumber('omega', omega);
  return (_t, u, out) => {
    const x = u[0], y = u[1], r2 = x * x + y * y;
    out[0] = mu * x - omega * y - x * r2;
    out[1] = omega * x + mu * y - y * r2;
  };
}
