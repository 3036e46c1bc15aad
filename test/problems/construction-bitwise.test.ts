import { describe, expect, it } from 'vitest';
import { createRng, matvec, matvecRows, randomRotation } from '../../src/linalg/index.js';
import { denseQuadratic, tridiagonalQuadratic } from '../../src/problems/index.js';

// The O(n^3) constructors work on four rows at a time (four independent sums) for speed. Each sum still runs in the
// same order, so the results must be bitwise those of the plain one-row loops written out here.

/** randomRotation with the Q update one row at a time (the earlier code). */
function randomRotationPlain(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const A = new Float64Array(n * n);
  rng.fillNormal(A);
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  const v = new Float64Array(n), colSums = new Float64Array(n);
  for (let k = 0; k < n - 1; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm += A[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const alpha = A[k * n + k] >= 0 ? -norm : norm;
    for (let i = 0; i < n; i++) v[i] = i < k ? 0 : A[i * n + k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    colSums.fill(0);
    for (let i = k; i < n; i++) { if (v[i] === 0) continue; for (let j = k; j < n; j++) colSums[j] += v[i] * A[i * n + j]; }
    for (let j = k; j < n; j++) colSums[j] = (2 * colSums[j]) / vv;
    for (let i = k; i < n; i++) for (let j = k; j < n; j++) A[i * n + j] -= colSums[j] * v[i];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k; j < n; j++) s += Q[i * n + j] * v[j];
      s = (2 * s) / vv;
      for (let j = k; j < n; j++) Q[i * n + j] -= s * v[j];
    }
  }
  for (let k = 0; k < n; k++) if (A[k * n + k] < 0) for (let i = 0; i < n; i++) Q[i * n + k] = -Q[i * n + k];
  return Q;
}

describe('blocked O(n^3) constructors are bitwise the plain loops', () => {
  for (const n of [1, 2, 5, 37, 64]) {
    it(`randomRotation and denseQuadratic at n = ${n}`, () => {
      const Q = randomRotation(n, createRng(11));
      expect(Buffer.from(Q.data.buffer).equals(Buffer.from(randomRotationPlain(n, 11).buffer))).toBe(true);
      const h = Float64Array.from({ length: n }, (_, i) => 0.5 + Math.cos(3 * i) ** 2);
      const p = denseQuadratic(h, Q);
      // Plain H = Q diag(h) Q^T and H v, e -> Q^T e (sorted columns), summed in the same orders.
      const q = Q.data, order = Array.from({ length: n }, (_, i) => i).sort((a, b) => h[a] - h[b]);
      const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 0.3));
      const H = new Float64Array(n * n), Hv = new Float64Array(n), ec = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += q[i * n + k] * h[k] * q[j * n + k];
          H[i * n + j] = s; H[j * n + i] = s;
        }
      }
      for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += H[i * n + j] * v[j]; Hv[i] = s; }
      for (let jj = 0; jj < n; jj++) { let s = 0; for (let i = 0; i < n; i++) s += q[i * n + order[jj]] * v[i]; ec[jj] = s; }
      const g = p.applyH(v, new Float64Array(n));
      expect(Buffer.from(g.buffer).equals(Buffer.from(Hv.buffer))).toBe(true);
      const w = Float64Array.from(v, (x, i) => x + p.minimizer[i]);
      const c = p.eigenCoordinates(w, new Float64Array(n));
      expect(Buffer.from(c.buffer).equals(Buffer.from(ec.buffer))).toBe(true);
    });
  }

  it('tridiagonalQuadratic keeps an orthonormal eigenbasis and its spectrum at n = 400 (one Gram-Schmidt pass)', () => {
    const n = 400;
    const h = Float64Array.from({ length: n }, (_, i) => 10 ** (-3 * (1 - i / (n - 1))));
    const p = tridiagonalQuadratic(h);
    let worst = 0;
    for (let t = 0; t < 4; t++) {
      const e = Float64Array.from({ length: n }, (_, i) => Math.sin((i + 1) * (t + 1.3)));
      const w = Float64Array.from(e, (x, i) => x + p.minimizer[i]);
      const c = p.eigenCoordinates(w, new Float64Array(n)), g = p.grad(w, new Float64Array(n));
      let ee = 0, cc = 0, eHe = 0, hc = 0;
      for (let i = 0; i < n; i++) { ee += e[i] ** 2; cc += c[i] ** 2; eHe += e[i] * g[i]; hc += p.spectrum[i] * c[i] ** 2; }
      worst = Math.max(worst, Math.abs(cc / ee - 1), Math.abs(hc / eHe - 1)); // measured 1.3e-15
    }
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('matvecRows (the blocked kernel behind matvec and the dense H v)', () => {
  it('is bitwise the row-by-row loop for every row count mod 4, with and without a stride, and matvec uses it', () => {
    for (const rows of [1, 3, 4, 6, 9]) {
      const cols = 7;
      const data = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(1.7 * i + 0.2) * 10 ** ((i % 5) - 2));
      const x = Float64Array.from({ length: cols }, (_, j) => Math.cos(j) - 0.3);
      const plain = new Float64Array(rows);
      for (let i = 0; i < rows; i++) { let s = 0; for (let j = 0; j < cols; j++) s += data[i * cols + j] * x[j]; plain[i] = s; }
      const got = matvecRows(data, rows, cols, x, new Float64Array(rows));
      expect(Buffer.from(got.buffer).equals(Buffer.from(plain.buffer))).toBe(true);
      expect(Buffer.from(matvec({ rows, cols, data }, x).buffer).equals(Buffer.from(plain.buffer))).toBe(true);
      // A block of columns (2..6) through the stride: rows `cols` apart.
      const sub = new Float64Array(rows);
      for (let i = 0; i < rows; i++) { let s = 0; for (let j = 2; j < cols; j++) s += data[i * cols + j] * x[j]; sub[i] = s; }
      const got2 = matvecRows(data.subarray(2), rows, cols - 2, x.subarray(2), new Float64Array(rows), cols);
      expect(Buffer.from(got2.buffer).equals(Buffer.from(sub.buffer))).toBe(true);
    }
  });
});
