import { describe, expect, it } from 'vitest';
import { eig2x2, eigenvalues, fromRows, createRng, randomRotation, matmul, transpose, identity } from '../../src/linalg/index.js';
import { parseSpec, resolveParams } from '../../src/spec.js';

describe('eig2x2', () => {
  it('a rotation generator has eigenvalues ±i exactly', () => {
    expect(eig2x2(0, -1, 1, 0)).toEqual([{ re: 0, im: 1 }, { re: 0, im: -1 }]);
  });
  it('a Jordan block has its repeated eigenvalue exactly', () => {
    expect(eig2x2(0.7, 1, 0, 0.7)).toEqual([{ re: 0.7, im: 0 }, { re: 0.7, im: 0 }]);
  });
  it('real roots satisfy trace and determinant to rounding', () => {
    const [l1, l2] = eig2x2(1.9, -0.81, 1, 0);
    expect(l1.re + l2.re).toBeCloseTo(1.9, 14);
    expect(l1.re * l2.re).toBeCloseTo(0.81, 14);
  });
  it('agrees with the general solver on random 2x2 matrices', () => {
    const rng = createRng(7);
    for (let t = 0; t < 200; t++) {
      const [a, b, c, d] = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
      const z = eig2x2(a, b, c, d);
      const tr = z[0].re + z[1].re;
      const det = z[0].re * z[1].re - z[0].im * z[1].im;
      expect(tr).toBeCloseTo(a + d, 12);
      expect(det).toBeCloseTo(a * d - b * c, 12);
    }
  });
});

describe('eigenvalues (general)', () => {
  it('finds the eigenvalues of a 3x3 companion matrix of (x-1)(x-2)(x-3)', () => {
    // x^3 - 6x^2 + 11x - 6
    const z = eigenvalues(fromRows([[6, -11, 6], [1, 0, 0], [0, 1, 0]]));
    expect(z.map((v) => v.re)).toEqual([expect.closeTo(3, 10), expect.closeTo(2, 10), expect.closeTo(1, 10)]);
  });
  it('refuses NaN instead of hanging', () => {
    expect(() => eigenvalues(fromRows([[1, NaN, 0], [0, 1, 0], [0, 0, 1]]))).toThrow(/matrix\[0\]\[1\] = NaN/);
  });
});

describe('randomRotation', () => {
  it('is orthogonal: Q^T Q = I to 1e-13', () => {
    const Q = randomRotation(30, createRng(3));
    const P = matmul(transpose(Q), Q);
    const I = identity(30);
    let err = 0;
    for (let i = 0; i < P.data.length; i++) err = Math.max(err, Math.abs(P.data[i] - I.data[i]));
    expect(err).toBeLessThan(1e-13);
  });
});

describe('parseSpec', () => {
  it('splits name and key=value pairs', () => {
    expect(parseSpec('hb:alpha=0.01,beta=0.9')).toEqual({ name: 'hb', params: { alpha: '0.01', beta: '0.9' } });
  });
  it('names the bad part', () => {
    expect(() => parseSpec('hb:alpha', '--method')).toThrow(/--method = "hb:alpha" is invalid/);
  });
});

describe('resolveParams', () => {
  const infos = [{ name: 'beta', description: 'momentum', default: 0.9, min: 0, max: 1, maxExclusive: true }];
  it('fills defaults and parses numbers', () => {
    expect(resolveParams(parseSpec('hb'), infos)).toEqual({ beta: 0.9 });
    expect(resolveParams(parseSpec('hb:beta=0.5'), infos)).toEqual({ beta: 0.5 });
  });
  it('names parameter, value and range on a bad value', () => {
    expect(() => resolveParams(parseSpec('hb:beta=1.5'), infos)).toThrow('hb.beta = 1.5 is invalid: expected a finite number in [0, 1)');
    expect(() => resolveParams(parseSpec('hb:gamma=1'), infos)).toThrow(/hb.gamma = "1" is invalid: expected one of the keys beta/);
  });
});
