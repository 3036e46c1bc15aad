import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { createRng, fromRows, type Complex, type DenseMatrix } from '../../src/linalg/index.js';
import { eigenvaluesHqr } from '../../src/linalg/eigenvalues-hqr.js';
import { ParameterError } from '../../src/errors.js';

const randomMatrix = (n: number, seed: number): DenseMatrix => {
  const rng = createRng(seed);
  return { rows: n, cols: n, data: Float64Array.from({ length: n * n }, () => rng.normal()) };
};

/** The independent reference: ml-matrix's EigenvalueDecomposition (JAMA's hqr2, no balancing). */
const eigenvalues = (A: DenseMatrix): Complex[] => {
  const M = new Matrix(A.rows, A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) M.set(i, j, A.data[i * A.cols + j]);
  const e = new EigenvalueDecomposition(M, { assumeSymmetric: false });
  return e.realEigenvalues.map((re, i) => ({ re, im: e.imaginaryEigenvalues[i] }));
};

/** Largest distance from each value in a to the nearest value in b. */
const matchError = (a: Complex[], b: Complex[]): number =>
  Math.max(...a.map((x) => Math.min(...b.map((y) => Math.hypot(x.re - y.re, x.im - y.im)))));

describe('eigenvaluesHqr (EISPACK balanc + elmhes + hqr)', () => {
  it('a block-diagonal matrix: 2 and the rotation pair ±i', () => {
    const ev = eigenvaluesHqr(fromRows([[2, 0, 0], [0, 0, -1], [0, 1, 0]]));
    expect(ev.map((z) => z.re)).toEqual([2, 0, 0].map((v) => expect.closeTo(v, 15)) as unknown as number[]);
    expect(ev[0].im).toBe(0);
    expect(ev[1].im).toBeCloseTo(1, 15);
    expect(ev[2].im).toBe(-ev[1].im); // complex pairs come out exactly conjugate
  });

  it('the companion matrix of (z-1)(z-2)(z-3)(z^2+1) = z^5 - 6z^4 + 12z^3 - 12z^2 + 11z - 6 has roots 3, 2, 1, ±i', () => {
    const c = [-6, 12, -12, 11, -6]; // z^5 + c0 z^4 + ... + c4
    const rows = [c.map((v) => -v), [1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0]];
    const ev = eigenvaluesHqr(fromRows(rows));
    // Sorted by modulus, then real part, then imaginary part: 3, 2, then the three of modulus 1.
    const expected = [{ re: 3, im: 0 }, { re: 2, im: 0 }, { re: 1, im: 0 }, { re: 0, im: 1 }, { re: 0, im: -1 }];
    ev.forEach((z, i) => { expect(z.re).toBeCloseTo(expected[i].re, 11); expect(z.im).toBeCloseTo(expected[i].im, 11); });
  });

  it('agrees with ml-matrix\'s EigenvalueDecomposition to 1e-10 on random 3..80-dimensional matrices', () => {
    for (const [n, seed] of [[3, 1], [4, 2], [7, 3], [20, 4], [50, 5], [80, 6]]) {
      const A = randomMatrix(n, seed);
      const a = eigenvaluesHqr(A), b = eigenvalues(A);
      expect(a).toHaveLength(n);
      expect(matchError(a, b)).toBeLessThan(1e-10);
      expect(matchError(b, a)).toBeLessThan(1e-10);
      // Invariant: the sum of the eigenvalues is the trace.
      let tr = 0;
      for (let i = 0; i < n; i++) tr += A.data[i * n + i];
      expect(Math.abs(a.reduce((s, z) => s + z.re, 0) - tr)).toBeLessThan(1e-10 * n);
      expect(Math.abs(a.reduce((s, z) => s + z.im, 0))).toBeLessThan(1e-12);
    }
  });

  it('handles badly scaled matrices (balancing) and a triangular matrix (its diagonal)', () => {
    // B = D^-1 M D with D = diag(1e-6, 1, 1e6): entries from 1e-12 to 1e12, the same eigenvalues as M.
    const M = [[1, 2, 3], [4, 5, 7], [7, 8, 9]], d = [1e-6, 1, 1e6];
    const B = fromRows(M.map((row, i) => row.map((v, j) => (v * d[j]) / d[i])));
    expect(matchError(eigenvaluesHqr(B), eigenvalues(fromRows(M)))).toBeLessThan(1e-12 * 20);
    const T = eigenvaluesHqr(fromRows([[4, 1, 2], [0, -3, 5], [0, 0, 0.5]]));
    expect(T.map((z) => z.re)).toEqual([4, -3, 0.5]);
  });

  it('a 1x1, the zero matrix, and a Jordan block (eigenvalue 2, multiplicity 3, to eps^(1/3))', () => {
    expect(eigenvaluesHqr(fromRows([[-7]]))).toEqual([{ re: -7, im: 0 }]);
    expect(eigenvaluesHqr(fromRows([[0, 0], [0, 0]])).map((z) => Math.hypot(z.re, z.im))).toEqual([0, 0]);
    const J = eigenvaluesHqr(fromRows([[2, 1, 0], [0, 2, 1], [0, 0, 2]]));
    for (const z of J) expect(Math.hypot(z.re - 2, z.im)).toBeLessThan(1e-5);
  });

  it('rejects non-square and non-finite matrices, naming the entry (ml-matrix would hang on NaN)', () => {
    expect(() => eigenvaluesHqr({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(ParameterError);
    expect(() => eigenvaluesHqr(fromRows([[1, NaN], [0, 1]]))).toThrow(/matrix\[0\]\[1\]/);
  });
});
