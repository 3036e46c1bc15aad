import { ParameterError } from '../errors.js';
import type { MethodContext } from '../methods/definition.js';
import { linearFormOf, methodDefinition } from '../methods/registry.js';
import { parseSpec } from '../spec.js';
import { formCharacteristic, formRate, formWorstRate } from './linear-form-analysis.js';
import type { RateMapTarget } from './rate-map.js';

/** One axis of a rate map: a numeric parameter of the method and its values. */
export interface RateMapAxis { key: string; values: ArrayLike<number> }

/** A rate map of any linear method: rho[i * x.length + j] is at (y[i], x[j]). */
export interface AnyRateMap {
  spec: string;
  xKey: string;
  yKey: string;
  x: Float64Array;
  y: Float64Array;
  rho: Float64Array;
  /** False when some cell's worst rate over [mu, L] was sampled rather than exact (methods of order > 2). */
  exact: boolean;
}

/**
 * The spectral radius at one h, or the worst over [mu, L], of any linear method over a grid of any two of its
 * numeric parameters (the others fixed by `spec` or defaulted as in `run`): every cell builds the method from its
 * definition and analyses its linear form, so out-of-range values raise the method's own ParameterError. About 2 us
 * per cell for two-state methods (exact), 0.3 ms for higher orders (sampled). For gd/hb/nag over (alpha, beta) the
 * allocation-free `rateMap` computes the same numbers (to ~1e-15 relative: this path goes through the characteristic polynomial) faster.
 *
 * @example
 * rateMapOf('qhm:alpha=1', { key: 'beta', values: [0.5] }, { key: 'nu', values: [0, 1] }, { h: 0.5 }).rho; // returns [0.5, 0.7071...] (nu = 0: gd; nu = 1: a complex pair)
 */
export function rateMapOf(spec: string, x: RateMapAxis, y: RateMapAxis, target: RateMapTarget, context?: MethodContext): AnyRateMap {
  const base = parseSpec(spec, 'spec');
  const def = methodDefinition(base.name);
  for (const [axis, name] of [[x, 'x'], [y, 'y']] as const) {
    const info = def.params.find((p) => p.name === axis.key);
    if (!info || (info.kind ?? 'number') !== 'number') throw new ParameterError(`${name}.key`, axis.key, `a numeric parameter of ${base.name} (${def.params.filter((p) => (p.kind ?? 'number') === 'number').map((p) => p.name).join(', ')})`);
    if (Object.hasOwn(base.params, axis.key)) throw new ParameterError(`${name}.key`, axis.key, `a parameter the spec does not fix (${spec})`);
  }
  if (x.key === y.key) throw new ParameterError('y.key', y.key, `a parameter other than x.key = ${x.key}`);
  const X = Float64Array.from(x.values), Y = Float64Array.from(y.values);
  if (X.length * Y.length > 1 << 20) throw new ParameterError('grid', `${X.length} x ${Y.length}`, 'at most 2^20 cells');
  const ctx = context ?? ('h' in target ? { mu: target.h, L: target.h } : { mu: target.mu, L: target.L });
  const rho = new Float64Array(X.length * Y.length);
  let exact = true;
  for (let i = 0; i < Y.length; i++) {
    for (let j = 0; j < X.length; j++) {
      const params = { ...base.params, [x.key]: String(X[j]), [y.key]: String(Y[i]) };
      const { form } = linearFormOf({ name: base.name, params }, ctx, 'spec');
      const ch = formCharacteristic(form);
      if ('h' in target) rho[i * X.length + j] = formRate(form, target.h, ch);
      else {
        const w = formWorstRate(form, target.mu, target.L, ch);
        rho[i * X.length + j] = w.rate;
        exact &&= w.exact;
      }
    }
  }
  return { spec, xKey: x.key, yKey: y.key, x: X, y: Y, rho, exact };
}
