// Spectrum generators for quadratics: eigenvalues h_j (ascending) spanning exactly [mu, L] (DESIGN.md: L = 1, mu = 1/kappa
// unless given).
import { ParameterError, checkNumber } from '../errors.js';
import { PROBLEM_MAX_DIM } from './problem.js';
import { createRng, linspace, logspace } from '../linalg/index.js';

/** The curvature range of a generated spectrum. */
export interface SpectrumBounds {
  /** Condition number kappa = L / mu (default 100 unless mu is given). */
  kappa?: number;
  /** Smallest eigenvalue (default L / kappa). */
  mu?: number;
  /** Largest eigenvalue (default 1). */
  L?: number;
}

export type SpectrumKind = 'linear' | 'loguniform' | 'geometric' | 'clusters';
export const spectrumKinds: readonly SpectrumKind[] = ['linear', 'loguniform', 'geometric', 'clusters'];

/**
 * Resolve (kappa, mu, L) with L = 1, mu = L / kappa, kappa = 100 by default; inconsistent triples throw.
 *
 * @example
 * spectrumBounds({ kappa: 10 }); // returns { mu: 0.1, L: 1, kappa: 10 }
 */
export function spectrumBounds({ kappa, mu, L = 1 }: SpectrumBounds = {}, prefix = 'quadratic'): { mu: number; L: number; kappa: number } {
  checkNumber(`${prefix}.L`, L, { min: 0, minExclusive: true });
  if (kappa !== undefined) checkNumber(`${prefix}.kappa`, kappa, { min: 1 });
  if (mu !== undefined) checkNumber(`${prefix}.mu`, mu, { min: 0, max: L, minExclusive: true });
  if (mu === undefined) mu = L / (kappa ?? 100);
  else if (kappa !== undefined && Math.abs(kappa - L / mu) > 1e-9 * kappa) {
    throw new ParameterError(`${prefix}.kappa`, kappa, `L / mu = ${L / mu} when mu = ${mu} and L = ${L} are given (give two of kappa, mu, L)`);
  }
  return { mu, L, kappa: L / mu };
}

function checkDim(dim: number, mu: number, L: number, prefix: string): void {
  checkNumber(`${prefix}.dim`, dim, { min: 1, max: PROBLEM_MAX_DIM, integer: true });
  if (dim < 2 && mu !== L) throw new ParameterError(`${prefix}.dim`, dim, 'an integer >= 2 for a spectrum spanning [mu, L] with mu < L (or kappa=1, or an explicit values= list)');
}

/**
 * Evenly spaced eigenvalues h_j = mu + (L - mu) j / (dim - 1), j = 0..dim-1.
 *
 * @example
 * linearSpectrum(3, { kappa: 4 }); // returns [0.25, 0.625, 1]
 */
export function linearSpectrum(dim: number, bounds: SpectrumBounds = {}, prefix = 'quadratic'): Float64Array {
  const { mu, L } = spectrumBounds(bounds, prefix);
  checkDim(dim, mu, L, prefix);
  return dim === 1 ? Float64Array.of(L) : clampTo(linspace(mu, L, dim), mu, L);
}

/**
 * Geometrically spaced eigenvalues h_j = mu (L/mu)^(j/(dim-1)): evenly spaced in log h.
 *
 * @example
 * geometricSpectrum(3, { kappa: 100 }); // returns [0.01, 0.1, 1]
 */
export function geometricSpectrum(dim: number, bounds: SpectrumBounds = {}, prefix = 'quadratic'): Float64Array {
  const { mu, L } = spectrumBounds(bounds, prefix);
  checkDim(dim, mu, L, prefix);
  return dim === 1 ? Float64Array.of(L) : clampTo(logspace(mu, L, dim), mu, L);
}

/**
 * Log-uniform random eigenvalues: log h_j ~ U[log mu, log L] (seeded), sorted, with the ends pinned to mu and L exactly.
 *
 * @example
 * logUniformSpectrum(4, { kappa: 100 }, 1); // returns [0.01, h1, h2, 1] with 0.01 <= h1 <= h2 <= 1
 */
export function logUniformSpectrum(dim: number, bounds: SpectrumBounds = {}, seed = 0, prefix = 'quadratic'): Float64Array {
  const { mu, L } = spectrumBounds(bounds, prefix);
  checkDim(dim, mu, L, prefix);
  if (dim === 1) return Float64Array.of(L);
  const rng = createRng(seed);
  const h = new Float64Array(dim);
  const lmu = Math.log(mu), lL = Math.log(L);
  for (let j = 1; j < dim - 1; j++) h[j] = Math.exp(rng.uniform(lmu, lL));
  h[0] = mu;
  h[dim - 1] = L;
  h.subarray(1, dim - 1).sort();
  for (let j = 1; j < dim - 1; j++) h[j] = Math.min(L, Math.max(mu, h[j]));
  return h;
}

/**
 * Two clusters: the lower half evenly spaced in [mu, mu (1 + width)], the upper half in [L (1 - width), L]
 * (width is relative, clipped so the clusters do not overlap). A spectrum on which CG and Chebyshev behave very differently.
 *
 * @example
 * clusterSpectrum(4, { kappa: 10 }, 0.1); // returns [0.1, 0.11, 0.9, 1]
 */
export function clusterSpectrum(dim: number, bounds: SpectrumBounds = {}, width = 0.1, prefix = 'quadratic'): Float64Array {
  const { mu, L } = spectrumBounds(bounds, prefix);
  checkDim(dim, mu, L, prefix);
  checkNumber(`${prefix}.width`, width, { min: 0, max: 1 });
  if (dim === 1) return Float64Array.of(L);
  const nLow = Math.floor(dim / 2), nHigh = dim - nLow;
  const mid = (mu + L) / 2;
  const lowTop = Math.min(mu * (1 + width), mid), highBottom = Math.max(L * (1 - width), mid);
  const h = new Float64Array(dim);
  h.set(linspace(mu, lowTop, nLow), 0);
  h.set(nHigh === 1 ? Float64Array.of(L) : linspace(highBottom, L, nHigh), nLow);
  return clampTo(h, mu, L);
}

/** Keep rounding (e.g. exp(log L) != L) from pushing interior eigenvalues outside [mu, L]. */
function clampTo(h: Float64Array, mu: number, L: number): Float64Array {
  for (let j = 0; j < h.length; j++) h[j] = Math.min(L, Math.max(mu, h[j]));
  return h;
}

/**
 * An explicit list of eigenvalues (all > 0), returned sorted ascending; mu = min, L = max.
 *
 * @example
 * listSpectrum([1, 0.01, 0.1]); // returns [0.01, 0.1, 1]
 */
export function listSpectrum(values: ArrayLike<number>, prefix = 'quadratic'): Float64Array {
  if (values.length < 1) throw new ParameterError(`${prefix}.values`, values, 'a non-empty list of positive numbers separated by ;');
  const h = Float64Array.from(values);
  for (const x of h) if (!(Number.isFinite(x) && x > 0)) throw new ParameterError(`${prefix}.values`, values, 'positive finite numbers separated by ; (e.g. values=0.01;0.1;1)');
  return h.sort();
}

/** Parse `0.01;0.1;1` (spec lists use `;` since `,` separates keys). */
export function parseList(raw: string, parameter: string): Float64Array {
  const parts = raw.split(';').map((s) => s.trim());
  const out = new Float64Array(parts.length);
  parts.forEach((s, i) => {
    const x = s === '' ? NaN : Number(s);
    if (!Number.isFinite(x)) throw new ParameterError(parameter, raw, 'finite numbers separated by ; (e.g. 0.01;0.1;1)');
    out[i] = x;
  });
  return out;
}

/** Dispatch on the spectrum kind. */
export function generateSpectrum(kind: SpectrumKind, dim: number, bounds: SpectrumBounds = {}, { seed = 0, width = 0.1, prefix = 'quadratic' } = {}): Float64Array {
  switch (kind) {
    case 'linear': return linearSpectrum(dim, bounds, prefix);
    case 'geometric': return geometricSpectrum(dim, bounds, prefix);
    case 'loguniform': return logUniformSpectrum(dim, bounds, seed, prefix);
    case 'clusters': return clusterSpectrum(dim, bounds, width, prefix);
    default: throw new ParameterError(`${prefix}.spectrum`, kind, `one of ${spectrumKinds.join(' | ')} | list`);
  }
}
