import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/linalg/index.js';
import {
  linearMethod, directionMatrix, directionEigenvalues, directionRate, matrixPower2, closedFormTrajectory,
  rootDifferenceQuotient, type Matrix2,
} from '../../src/theory/index.js';

const mul = (A: Matrix2, B: Matrix2): Matrix2 => [
  A[0] * B[0] + A[1] * B[2], A[0] * B[1] + A[1] * B[3], A[2] * B[0] + A[3] * B[2], A[2] * B[1] + A[3] * B[3],
];
const powerByMultiplication = (R: Matrix2, k: number): Matrix2 => {
  let P: Matrix2 = [1, 0, 0, 1];
  for (let j = 0; j < k; j++) P = mul(P, R);
  return P;
};
const maxAbsDiff = (A: Matrix2, B: Matrix2) => Math.max(...A.map((a, i) => Math.abs(a - B[i])));
const maxAbs = (A: Matrix2) => Math.max(...A.map(Math.abs));

describe('per-direction iteration matrices', () => {
  it('heavy ball in (w, v) is [[1 - alpha h, beta], [-alpha h, beta]] (v+ = beta v - alpha h w, w+ = w + v+)', () => {
    expect(directionMatrix(linearMethod('hb', { alpha: 0.3, beta: 0.6 }), 2)).toEqual([expect.closeTo(0.4, 15), 0.6, expect.closeTo(-0.6, 15), 0.6]);
  });
  it('Nesterov (Sutskever) in (w, v) is (1 - alpha h) [[1, beta], [-alpha h/(1 - alpha h), beta]]', () => {
    // v+ = beta v - alpha h (w + beta v) = -alpha h w + beta (1 - alpha h) v;  w+ = w + v+.
    const [a, b, c, d] = directionMatrix(linearMethod('nag', { alpha: 0.3, beta: 0.6 }), 2);
    expect([a, b, c, d]).toEqual([expect.closeTo(0.4, 15), expect.closeTo(0.24, 15), expect.closeTo(-0.6, 15), expect.closeTo(0.24, 15)]);
  });
  it('one step of the matrix equals one step of each method written out', () => {
    const rng = createRng(3);
    for (let t = 0; t < 100; t++) {
      const alpha = rng.uniform(0.01, 2), beta = rng.uniform(0, 1), h = rng.uniform(0, 3), w = rng.normal(), v = rng.normal();
      // heavy ball
      let R = directionMatrix(linearMethod('hb', { alpha, beta }), h);
      let vn = beta * v - alpha * h * w, wn = w + vn;
      expect(R[0] * w + R[1] * v).toBeCloseTo(wn, 12);
      expect(R[2] * w + R[3] * v).toBeCloseTo(vn, 12);
      // Nesterov
      R = directionMatrix(linearMethod('nag', { alpha, beta }), h);
      vn = beta * v - alpha * h * (w + beta * v); wn = w + vn;
      expect(R[0] * w + R[1] * v).toBeCloseTo(wn, 12);
      expect(R[2] * w + R[3] * v).toBeCloseTo(vn, 12);
      // two-term
      const b1 = rng.uniform(-0.5, 1), b2 = rng.uniform(-1, 2);
      R = directionMatrix(linearMethod('two-term', { alpha, beta1: b1, beta2: b2 }), h);
      const xPrev = w - v;
      wn = w - alpha * h * (w + b2 * (w - xPrev)) + b1 * (w - xPrev);
      expect(R[0] * w + R[1] * v).toBeCloseTo(wn, 12);
      expect(R[2] * w + R[3] * v).toBeCloseTo(wn - w, 12);
    }
  });
  it('refuses curvatures where alpha h overflows instead of returning NaN', () => {
    const m = linearMethod('hb', { alpha: 1e200, beta: 0.5 });
    expect(() => directionRate(m, 1e200)).toThrow(/h = 1e\+200 is invalid: expected a curvature with \|alpha h\| <= 1e100/);
    expect(() => directionEigenvalues(m, NaN)).toThrow(/h = NaN is invalid/);
  });
  it('the spectral radius formula equals the modulus of the eig2x2 eigenvalues', () => {
    const rng = createRng(4);
    for (let t = 0; t < 300; t++) {
      const m = linearMethod('two-term', { alpha: rng.uniform(0.01, 2), beta1: rng.uniform(-0.9, 0.99), beta2: rng.uniform(-1, 2) });
      const h = rng.uniform(0, 4);
      const [z1, z2] = directionEigenvalues(m, h);
      expect(directionRate(m, h)).toBeCloseTo(Math.max(Math.hypot(z1.re, z1.im), Math.hypot(z2.re, z2.im)), 10);
    }
  });
});

describe('closed-form powers R^k (Cayley–Hamilton)', () => {
  it('a Jordan block [[z, 1], [0, z]]^k = [[z^k, k z^(k-1)], [0, z^k]] exactly', () => {
    const P = matrixPower2([0.9, 1, 0, 0.9], 50);
    expect(P[0]).toBeCloseTo(0.9 ** 50, 14);
    expect(P[1]).toBeCloseTo(50 * 0.9 ** 49, 13);
    expect(P[2]).toBe(0);
  });
  it('U_k(a, b) at a double root z = 0.5 is k z^(k-1)', () => {
    expect(rootDifferenceQuotient(1, 0.25, 7)).toBeCloseTo(7 * 0.5 ** 6, 15);
  });
  it('agrees with repeated multiplication for complex, real, repeated, near-repeated and opposite-sign roots', () => {
    const rng = createRng(5);
    const cases: Matrix2[] = [
      directionMatrix(linearMethod('hb', { alpha: 1, beta: 0.81 }), 0.5), // complex
      directionMatrix(linearMethod('hb', { alpha: 1, beta: 0.81 }), 0.01), // critical (double root 0.9)
      directionMatrix(linearMethod('hb', { alpha: 1, beta: 0.81 }), 0.01 * (1 + 1e-9)), // nearly repeated, complex
      directionMatrix(linearMethod('hb', { alpha: 1, beta: 0.81 }), 0.01 * (1 - 1e-9)), // nearly repeated, real
      directionMatrix(linearMethod('hb', { alpha: 1, beta: 0.81 }), 3.7), // real negative
      directionMatrix(linearMethod('nag', { alpha: 1, beta: 0.9 }), 1.2), // opposite signs
      directionMatrix(linearMethod('nag', { alpha: 1, beta: 0.9 }), 1), // double root 0 (nilpotent)
      directionMatrix(linearMethod('gd', { alpha: 1 }), 0.3),
    ];
    for (let t = 0; t < 50; t++) cases.push([rng.normal(), rng.normal(), rng.normal(), rng.normal()].map((x) => x * 0.6) as Matrix2);
    for (const R of cases) {
      for (const k of [0, 1, 2, 3, 10, 37, 100]) {
        const A = matrixPower2(R, k), B = powerByMultiplication(R, k);
        expect(maxAbsDiff(A, B)).toBeLessThanOrEqual(1e-11 * Math.max(1, maxAbs(B)));
      }
    }
  });
  it('the closed-form trajectory of heavy ball matches the simulated one for 200 steps', () => {
    const alpha = 0.4, beta = 0.7, h = 1.3;
    const { w, v } = closedFormTrajectory(directionMatrix(linearMethod('hb', { alpha, beta }), h), [1, -0.5], 200);
    let ws = 1, vs = -0.5;
    for (let k = 1; k <= 200; k++) {
      vs = beta * vs - alpha * h * ws; ws += vs;
      expect(w[k]).toBeCloseTo(ws, 13);
      expect(v[k]).toBeCloseTo(vs, 13);
    }
  });
});
