import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eigenvalues, eigenvaluesHqr, fromRows, type Complex } from '../../src/linalg/index.js';

// Reference: numpy.linalg.eigvals (LAPACK dgeev, balanced) of B = D A D^-1, D = diag(logspace(-4, 4, 12)), from
// scripts/fixtures/eig-balanced.py (test/fixtures/linalg/eig-balanced.json).
interface Fixture {
  n: number;
  B: number[][];
  eigenvalues: Complex[];
  spectralRadius: number;
  maxConditionNumber: number;
  minModulusGap: number;
}
const ref: Fixture = JSON.parse(readFileSync(new URL('../fixtures/linalg/eig-balanced.json', import.meta.url), 'utf8'));

/** eigenvalues()'s order: descending modulus, then descending real part, then descending imaginary part. */
const sorted = (z: Complex[]): Complex[] =>
  [...z].sort((x, y) => Math.hypot(y.re, y.im) - Math.hypot(x.re, x.im) || y.re - x.re || y.im - x.im);

/** max_i |z_i - w_i| / rho(B) over the two lists sorted alike (the normwise relative error of a backward stable solver). */
const relativeError = (z: Complex[], w: Complex[]): number =>
  Math.max(...z.map((x, i) => Math.hypot(x.re - w[i].re, x.im - w[i].im))) / ref.spectralRadius;

// Bound: a backward stable, balancing solver is off by about cond(lambda) eps ||A_balanced||; here cond <= 4.9 and
// ||A_balanced||_2 is a few units, so about 1e-14 relative to rho(B) = 3.76. 1e-12 leaves two orders of margin, and is
// far below the fixture's smallest gap between the moduli of non-conjugate eigenvalues (0.0136), so sorting both
// lists pairs each eigenvalue with itself.
const BOUND = 1e-12;

describe('eigenvalues of a badly scaled matrix D A D^-1 (D from 1e-4 to 1e4) agree with numpy', () => {
  const B = fromRows(ref.B);
  const expected = sorted(ref.eigenvalues);

  it('the fixture is well conditioned enough for the bound and for matching by sorting', () => {
    expect(ref.n).toBe(12);
    expect(ref.maxConditionNumber).toBeLessThan(5);
    expect(ref.minModulusGap).toBeGreaterThan(1e6 * BOUND * ref.spectralRadius);
  });

  it('eigenvalues() matches numpy.linalg.eigvals to 1e-12 relative to the spectral radius', () => {
    const z = eigenvalues(B);
    expect(z).toHaveLength(ref.n);
    expect(relativeError(z, expected)).toBeLessThanOrEqual(BOUND);
  });

  it('eigenvaluesHqr matches numpy.linalg.eigvals to 1e-12, and eigenvalues() returns exactly its values', () => {
    const z = eigenvaluesHqr(B);
    expect(relativeError(z, expected)).toBeLessThanOrEqual(BOUND);
    expect(eigenvalues(B)).toEqual(z);
  });

  it('the eigenvalues sum to the trace of B and come in exact conjugate pairs', () => {
    const z = eigenvalues(B);
    let trace = 0;
    for (let i = 0; i < ref.n; i++) trace += ref.B[i][i];
    expect(Math.abs(z.reduce((s, x) => s + x.re, 0) - trace)).toBeLessThan(1e-13 * ref.n * ref.spectralRadius);
    expect(z.reduce((s, x) => s + x.im, 0)).toBe(0);
  });
});
