import { checkNumber } from '../errors.js';
import type { VectorField } from './vector-field.js';
import { odeDopri5 } from './dopri5.js';

/**
 * The Poincaré section of a trajectory: the states where it crosses the hyperplane y[component] = value in
 * `direction`, located on DOPRI5's dense output (event location), with their times.
 *
 * @example
 * poincareSection(lorenzField(), [1, 1, 1], 50, { component: 2, value: 27, direction: -1 }).points; // rows (x, y, 27)
 */
export function poincareSection(f: VectorField, y0: ArrayLike<number>, t1: number,
  { component = 0, value = 0, direction = 1 as -1 | 0 | 1, rtol = 1e-10, atol = 1e-12, maxPoints = 1e6 } = {}):
  { t: Float64Array; points: Float64Array; dim: number; status: string } {
  const n = y0.length;
  checkNumber('component', component, { min: 0, max: n - 1, integer: true });
  checkNumber('value', value);
  checkNumber('t1', t1, { min: 0, minExclusive: true });
  const r = odeDopri5(f, [0, t1], y0, {
    rtol, atol, saveSteps: false,
    events: [{ g: (_t, y) => y[component] - value, direction, terminal: maxPoints }],
  });
  const m = r.events.length;
  const t = new Float64Array(m), points = new Float64Array(m * n);
  r.events.forEach((e, k) => { t[k] = e.t; points.set(e.y, k * n); });
  return { t, points, dim: n, status: r.status };
}
