import { ParameterError, checkNumber } from '../errors.js';
import { methodDefinition, linearFormOf } from '../methods/registry.js';
import { formatSpec, parseSpec } from '../spec.js';
import { formWorstRate } from './linear-form-analysis.js';

/** A numerically tuned linear method: the free parameters' values, the worst rate over [mu, L] and the spec. */
export interface NumericTuning {
  method: string;
  spec: string;
  params: Record<string, number>;
  rate: number;
  /** Worst-rate evaluations spent. */
  evaluations: number;
}

/**
 * Minimise the worst spectral radius over [mu, L] of any linear method over its free numeric parameters (those the
 * spec does not fix), derived from the linear form alone: a method with closed-form rules gets them in `tuneMethod`;
 * this is for the rest (qhm, aggmo's alpha, the adapters, two-term). Learning rates are searched on a log scale in
 * [1e-4/L, 10/L], bounded parameters on their range; the best of 64 quasi-random starts (a Halton sequence) is
 * refined by Nelder–Mead (300 iterations). A local method on a nonsmooth objective: the result is a good point, not a
 * proven optimum (tests compare it with Polyak's rate for heavy ball).
 *
 * @example
 * tuneNumeric('qhm:nu=1', 0.01, 1).rate; // about 0.818 (qhm with nu = 1 is heavy ball: Polyak's 9/11)
 */
export function tuneNumeric(specText: string, mu: number, L: number): NumericTuning {
  checkNumber('mu', mu, { min: 0, minExclusive: true });
  checkNumber('L', L, { min: mu, minExclusive: true });
  const spec = parseSpec(specText, '--method');
  const def = methodDefinition(spec.name, '--method');
  if (!def.linear) throw new ParameterError('--method', spec.name, 'a linear method');
  type Axis = { name: string; lo: number; hi: number; log: boolean };
  const axes: Axis[] = [];
  for (const p of def.params) {
    if (Object.hasOwn(spec.params, p.name) || (p.kind ?? 'number') !== 'number' || p.name === 'mu' || p.name === 'L') continue;
    if (p.derivedDefault === 'rate') axes.push({ name: p.name, lo: Math.log(1e-4 / L), hi: Math.log(10 / L), log: true });
    else if (p.min !== undefined && p.max !== undefined && Number.isFinite(p.min) && Number.isFinite(p.max) && p.max > p.min) axes.push({ name: p.name, lo: p.min, hi: p.max, log: false });
  }
  if (Object.hasOwn(spec.params, 'tune')) throw new ParameterError(`${spec.name}.tune`, spec.params.tune, 'no tune= rule in a numeric tuning');
  let evaluations = 0;
  const valuesAt = (u: number[]) => Object.fromEntries(axes.map((a, i) => {
    const t = Math.min(1, Math.max(0, u[i]));
    const x = a.lo + t * (a.hi - a.lo);
    return [a.name, a.log ? Math.exp(x) : x];
  }));
  const objective = (u: number[]): number => {
    evaluations++;
    if (u.some((t) => t < 0 || t > 1)) return Infinity;
    try {
      const values = valuesAt(u);
      // Open range ends (e.g. beta < 1) reject the boundary itself: such points score as divergent.
      const { form } = linearFormOf({ name: spec.name, params: { ...spec.params, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])) } }, { mu, L });
      const r = formWorstRate(form, mu, L).rate;
      return Number.isFinite(r) ? r : Infinity;
    } catch { return Infinity; }
  };
  const d = axes.length;
  let best: number[] = [], bestF = Infinity;
  if (d === 0) { bestF = objective([]); } else {
    const primes = [2, 3, 5, 7, 11, 13, 17, 19];
    const halton = (i: number, b: number) => { let f = 1, r = 0; for (let k = i; k > 0; k = Math.floor(k / b)) { f /= b; r += f * (k % b); } return r; };
    for (let i = 1; i <= 64; i++) {
      const u = axes.map((_, j) => halton(i, primes[j % primes.length]));
      const f = objective(u);
      if (f < bestF) { bestF = f; best = u; }
    }
    // Nelder–Mead from the best start, simplex edge 0.05 in the unit cube.
    let simplex = [best, ...axes.map((_, j) => best.map((x, k) => (k === j ? Math.min(1, x + 0.05) : x)))].map((u) => ({ u, f: objective(u) }));
    for (let it = 0; it < 300; it++) {
      simplex.sort((a, b) => a.f - b.f);
      const worst = simplex[d];
      const c = axes.map((_, k) => simplex.slice(0, d).reduce((s, p) => s + p.u[k], 0) / d);
      const at = (t: number) => c.map((x, k) => x + t * (worst.u[k] - x));
      const r = at(-1), fr = objective(r);
      if (fr < simplex[0].f) { const e = at(-2), fe = objective(e); simplex[d] = fe < fr ? { u: e, f: fe } : { u: r, f: fr }; }
      else if (fr < simplex[d - 1].f) simplex[d] = { u: r, f: fr };
      else {
        const k = at(0.5), fk = objective(k);
        if (fk < worst.f) simplex[d] = { u: k, f: fk };
        else simplex = simplex.map((p, i) => (i === 0 ? p : { u: p.u.map((x, j) => simplex[0].u[j] + 0.5 * (x - simplex[0].u[j])), f: NaN })).map((p) => (Number.isNaN(p.f) ? { u: p.u, f: objective(p.u) } : p));
      }
    }
    simplex.sort((a, b) => a.f - b.f);
    if (simplex[0].f < bestF) { best = simplex[0].u; bestF = simplex[0].f; }
  }
  const params = valuesAt(best);
  const fixed = Object.fromEntries(Object.entries(spec.params));
  return { method: spec.name, spec: formatSpec(spec.name, { ...fixed, ...params }), params, rate: bestF, evaluations };
}
