import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import type { Problem } from './problem.js';
import { parseStartPoint, startPointInfo } from './start-point.js';

export const bananaParams: ParamInfo[] = [startPointInfo('-1.5;0.9')];

/**
 * distill's "banana" (Goh 2017, the Rosenbrock widget of "Why Momentum Really Works"): a milder, rescaled Rosenbrock,
 * J(x, y) = (1 - x)^2 + 20 (3y - x^2)^2, minimiser (1, 1/3), J* = 0. The start (-1.5, 0.9) lies inside distill's plotted
 * window [-2, 2] x [-0.27, 1.07] (distill lets the reader drag the start; this default is ours).
 *
 * @example
 * banana().value(Float64Array.of(1, 1 / 3)); // returns 0
 */
export function banana(x0: Float64Array = Float64Array.of(-1.5, 0.9), name = 'banana'): Problem {
  return {
    name,
    label: "distill's banana (1 - x)^2 + 20 (3y - x^2)^2",
    dim: 2,
    x0,
    minimizer: Float64Array.of(1, 1 / 3),
    minValue: 0,
    value(w) {
      const x = w[0], r = 3 * w[1] - x * x;
      return (1 - x) ** 2 + 20 * r * r;
    },
    grad(w, out) {
      const x = w[0], r = 3 * w[1] - x * x;
      out[0] = -2 * (1 - x) - 80 * x * r;
      out[1] = 120 * r;
      return out;
    },
    hvp(w, v, out) {
      const x = w[0], r = 3 * w[1] - x * x;
      const hxx = 2 - 80 * r + 160 * x * x, hxy = -240 * x, hyy = 360;
      const v0 = v[0], v1 = v[1];
      out[0] = hxx * v0 + hxy * v1;
      out[1] = hxy * v0 + hyy * v1;
      return out;
    },
  };
}

export function createBanana(spec: Spec): Problem {
  const p = resolveParams(spec, bananaParams);
  return banana(parseStartPoint(p.x0, 2, spec.name), spec.name);
}
