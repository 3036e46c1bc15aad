import { ParameterError } from '../errors.js';
import { parseSpec, resolveParams, type Spec } from '../spec.js';
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
  if (!def) throw new ParameterError('figure', name, `one of ${figures.map((f) => f.name).join(', ')}`);
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
  Object.assign(merged, parsed.params);
  const params = resolveParams({ name: def.name, params: merged }, def.params);
  return def.build(params);
}
