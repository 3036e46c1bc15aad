import { ParameterError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { canonicalParams, namedAsTyped, parseSpec, resolveParams, type Spec } from '../spec.js';
import type { FigureDef, FigureSpec } from './figure.js';
import { allFigures } from './figures/index.js';

/** Every figure of the lecture, in lecture order. */
export const figures: readonly FigureDef[] = allFigures;

/**
 * Look up a figure by its command-line name.
 *
 * @example
 * findFigure('spectral-radius').section; // returns 'spectral-radius'
 */
export function findFigure(name: string): FigureDef {
  const def = figures.find((f) => f.name === name);
  if (!def) throw new ParameterError('figure', name, `one of ${figures.map((f) => f.name).join(', ')}${didYouMean(name, figures.map((f) => f.name))}`);
  return def;
}

/**
 * Build a figure from a spec string or parsed spec (`'hb-eigendirections:beta=0.999'`), validating its parameters;
 * `quick` applies the figure's reduced-size overrides first (explicit parameters still win).
 *
 * @example
 * buildFigure('spectral-radius:beta=0.81').description; // returns the figure's caption
 */
export function buildFigure(spec: string | Spec, { quick = false }: { quick?: boolean } = {}): FigureSpec {
  const parsed = typeof spec === 'string' ? parseSpec(spec, 'figure') : spec;
  const def = findFigure(parsed.name);
  const merged: Record<string, string> = {};
  if (quick && def.quick) for (const [k, v] of Object.entries(def.quick)) merged[k] = String(v);
  Object.assign(merged, canonicalParams(parsed.params, def.params, def.name)); // maxiter=... replaces quick's maxIter
  // Errors name a key as the user typed it, also under an old spelling (hs=... fails as phase-space.hs).
  const figure = namedAsTyped(parsed.params, def.params, def.name, () => def.build(resolveParams({ name: def.name, params: merged }, def.params)));
  // The contract's last line of defence: a figure whose data or labels came out non-finite (e.g. a target so small
  // that the steps to reach it overflow) is an error naming the figure spec, never a plot of Infinity.
  const bad = firstNonFinite(figure);
  if (bad) {
    const text = Object.keys(parsed.params).length ? `${def.name}:${Object.entries(parsed.params).map(([k, v]) => `${k}=${v}`).join(',')}` : def.name;
    throw new ParameterError('figure', text, `parameters for which the figure is finite (${bad}); move them towards the defaults`);
  }
  return figure;
}

/** The first non-finite number (or a label showing one) in a figure spec, as "path = value", or null. */
function firstNonFinite(spec: unknown): string | null {
  const stack: [unknown, string][] = [[spec, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') { if (!Number.isFinite(v)) return `${path.slice(1)} = ${v}`; continue; }
    if (typeof v === 'string') { if (/\bInfinity\b|\bNaN\b/.test(v)) return `${path.slice(1)} shows ${/\bNaN\b/.test(v) ? 'NaN' : 'Infinity'}`; continue; }
    if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, `${path}.${k}`]);
  }
  return null;
}
