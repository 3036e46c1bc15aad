import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskySolve } from '../../src/certify/cholesky.js';
import { jacobiEigenvalues } from '../../src/certify/jacobi-eigenvalues.js';
import { minEigenvalueSturm } from '../../src/certify/min-eigenvalue-sturm.js';
import { createRng, fromRows, symmetricEigen } from '../../src/linalg/index.js';

function randomSymmetric(n: number, seed: number, scale = 1): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = scale * rng.normal(); a[i * n + j] = v; a[j * n + i] = v; }
  return a;
}

describe('dense kernels of the SDP solver', () => {
  it('Jacobi eigenvalues and the Sturm minimum agree with ml-matrix on random symmetric matrices', () => {
    for (const n of [1, 2, 3, 7, 12, 30]) {
      for (const seed of [1, 2, 3]) {
        const a = randomSymmetric(n, seed + 10 * n, seed === 3 ? 1e4 : 1);
        const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
        const ref = symmetricEigen(fromRows(rows)).values;
        const tol = 1e-12 * Math.max(1, ...Array.from(ref, Math.abs));
        const jac = jacobiEigenvalues(a.slice(), n);
        jac.forEach((v, i) => expect(Math.abs(v - ref[i])).toBeLessThan(tol));
        expect(Math.abs(minEigenvalueSturm(a.slice(), n, new Float64Array(4 * n)) - ref[0])).toBeLessThan(tol);
      }
    }
  });
  it('the Sturm minimum of the 1-D Laplacian tridiag(1, 2, 1) of size 3 is 2 − √2', () => {
    expect(minEigenvalueSturm(Float64Array.of(2, 1, 0, 1, 2, 1, 0, 1, 2), 3, new Float64Array(12))).toBeCloseTo(2 - Math.SQRT2, 14);
  });
  it('Cholesky: L Lᵀ reproduces A, solves and inverts it; an indefinite matrix is refused', () => {
    const a = Float64Array.of(4, 2, 2, 5);
    const l = a.slice();
    expect(cholesky(l, 2)).toBe(true);
    expect(Array.from(l)).toEqual([2, 0, 1, 2]);
    expect(Array.from(choleskySolve(l, 2, Float64Array.of(4, 7)))).toEqual([0.375, 1.25]);
    const inv = choleskyInverse(l, 2, new Float64Array(4), new Float64Array(4));
    [5 / 16, -2 / 16, -2 / 16, 4 / 16].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 15));
    expect(cholesky(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
  });
});
