import { ParameterError, checkNumber } from '../errors.js';
import { createRng, randomRotation } from '../linalg/index.js';
import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import { denseQuadratic } from './dense-quadratic.js';
import { diagonalQuadratic } from './diagonal-quadratic.js';
import type { QuadraticProblem } from './quadratic-problem.js';
import { type SpectrumKind, generateSpectrum, listSpectrum, parseList, spectrumBounds } from './spectrum.js';
import { parseStartPoint, startPointInfo } from './start-point.js';
import { tridiagonalQuadratic } from './tridiagonal-quadratic.js';

/** Largest dim for dense and tridiagonal structure (both form an n x n matrix once). */
export const MAX_DENSE_DIM = 2000;
/** Largest dim for diagonal quadratics (each vector of the run is 8 dim bytes). */
export const MAX_DIAGONAL_DIM = 50_000_000;

export const quadraticParams: ParamInfo[] = [
  { name: 'dim', kind: 'integer', default: 100, min: 1, max: MAX_DIAGONAL_DIM, description: `dimension n (dense/tridiagonal: <= ${MAX_DENSE_DIM}); default: the length of values= when given` },
  { name: 'kappa', kind: 'number', min: 1, description: 'condition number L/mu (default 100 unless mu is given)' },
  { name: 'mu', kind: 'number', min: 0, minExclusive: true, description: 'smallest eigenvalue (default L/kappa)' },
  { name: 'L', kind: 'number', default: 1, min: 0, minExclusive: true, description: 'largest eigenvalue' },
  { name: 'spectrum', kind: 'string', default: 'linear', choices: ['linear', 'geometric', 'loguniform', 'clusters', 'list'], description: 'eigenvalue layout on [mu, L] (list: give values=)' },
  { name: 'values', kind: 'string', description: 'explicit eigenvalues separated by ; (e.g. values=0.01;0.1;1), implies spectrum=list' },
  { name: 'width', kind: 'number', default: 0.1, min: 0, max: 1, description: 'relative width of each cluster (spectrum=clusters)' },
  { name: 'structure', kind: 'string', default: 'diagonal', choices: ['diagonal', 'dense', 'tridiagonal'], description: 'H = diag(h), Q diag(h) Q^T with a seeded random rotation Q, or a Lanczos tridiagonal matrix with spectrum h' },
  { name: 'seed', kind: 'integer', default: 0, min: 0, description: 'seed for loguniform spectra, rotations, random x0 and minimizer' },
  { name: 'wstar', kind: 'string', default: '0', description: 'the minimizer w*: a number (all coordinates), a ;-list, or random' },
  startPointInfo('1'),
];

/**
 * The `quadratic` problem from its spec: J(w) = 1/2 (w - w*)^T H (w - w*) with a generated or explicit spectrum
 * spanning [mu, L] (L = 1, mu = 1/kappa by default) and diagonal, dense or tridiagonal H.
 *
 * @example
 * createQuadratic(parseSpec('quadratic:dim=3,kappa=4')).spectrum; // returns [0.25, 0.625, 1]
 */
export function createQuadratic(spec: Spec): QuadraticProblem {
  const p = resolveParams(spec, quadraticParams);
  const prefix = spec.name;
  let h: Float64Array;
  let kind = p.spectrum as SpectrumKind | 'list';
  if (p.values !== undefined) {
    if (spec.params.spectrum !== undefined && kind !== 'list') throw new ParameterError(`${prefix}.spectrum`, kind, 'list (or no spectrum key) when values= is given');
    if (p.kappa !== undefined || p.mu !== undefined || spec.params.L !== undefined) throw new ParameterError(`${prefix}.values`, p.values, 'no kappa, mu or L alongside (they follow from the values)');
    kind = 'list';
    h = listSpectrum(parseList(String(p.values), `${prefix}.values`), prefix);
    if (spec.params.dim !== undefined && p.dim !== h.length) throw new ParameterError(`${prefix}.dim`, p.dim, `${h.length}, the number of values given (or leave dim out)`);
  } else {
    if (kind === 'list') throw new ParameterError(`${prefix}.spectrum`, kind, 'list only together with values= (e.g. values=0.01;0.1;1)');
    h = generateSpectrum(kind, p.dim as number, { kappa: p.kappa as number | undefined, mu: p.mu as number | undefined, L: p.L as number }, {
      seed: p.seed as number, width: p.width as number, prefix,
    });
  }
  const dim = h.length;
  const structure = p.structure as string;
  if (structure !== 'diagonal') checkNumber(`${prefix}.dim`, dim, { min: 1, max: MAX_DENSE_DIM, integer: true });
  const seed = p.seed as number;
  const minimizer = parseStartPoint(p.wstar, dim, prefix, { seed, key: 'wstar' });
  const x0 = parseStartPoint(p.x0, dim, prefix, { seed });
  const { kappa } = spectrumBounds({ mu: h[0], L: h[dim - 1] }, prefix);
  const label = `quadratic dim=${dim} kappa=${+kappa.toPrecision(6)} (${kind} spectrum on [${+h[0].toPrecision(6)}, ${+h[dim - 1].toPrecision(6)}], ${structure})`;
  const options = { minimizer, x0, name: spec.name, label };
  if (structure === 'dense') return denseQuadratic(h, randomRotation(dim, createRng(seed)), options);
  if (structure === 'tridiagonal') return tridiagonalQuadratic(h, { ...options, seed });
  return diagonalQuadratic(h, options);
}
