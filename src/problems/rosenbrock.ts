import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import type { Problem } from './problem.js';
import { parseStartPoint, startPointInfo } from './start-point.js';

export const rosenbrockParams: ParamInfo[] = [
  { name: 'a', kind: 'number', default: 1, description: 'valley target: minimiser (a, a^2)' },
  { name: 'b', kind: 'number', default: 100, min: 0, minExclusive: true, description: 'steepness of the valley walls' },
  startPointInfo('-1.2;1'),
];

/**
 * Rosenbrock's function J(x, y) = (a - x)^2 + b (y - x^2)^2 (Rosenbrock 1960): non-convex, with a curved valley;
 * minimiser (a, a^2), J* = 0; the classic start is (-1.2, 1).
 *
 * @example
 * rosenbrock(1, 100).value(Float64Array.of(0, 0)); // returns 1
 */
export function rosenbrock(a = 1, b = 100, x0: Float64Array = Float64Array.of(-1.2, 1), name = 'rosenbrock'): Problem {
  return {
    name,
    label: `rosenbrock a=${a} b=${b}`,
    dim: 2,
    x0,
    minimizer: Float64Array.of(a, a * a),
    minValue: 0,
    value(w) {
      const x = w[0], y = w[1];
      return (a - x) ** 2 + b * (y - x * x) ** 2;
    },
    grad(w, out) {
      const x = w[0], r = w[1] - x * x;
      out[0] = -2 * (a - x) - 4 * b * x * r;
      out[1] = 2 * b * r;
      return out;
    },
    hvp(w, v, out) {
      const x = w[0], y = w[1];
      const hxx = 2 - 4 * b * (y - x * x) + 8 * b * x * x, hxy = -4 * b * x, hyy = 2 * b;
      const v0 = v[0], v1 = v[1];
      out[0] = hxx * v0 + hxy * v1;
      out[1] = hxy * v0 + hyy * v1;
      return out;
    },
  };
}

export function createRosenbrock(spec: Spec): Problem {
  const p = resolveParams(spec, rosenbrockParams);
  return rosenbrock(p.a as number, p.b as number, parseStartPoint(p.x0, 2, spec.name), spec.name);
}
