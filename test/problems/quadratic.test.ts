import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, fromRows, symmetricEigen } from '../../src/linalg/index.js';
import {
  clusterSpectrum, createProblem, diagonalQuadratic, geometricSpectrum, linearSpectrum, listSpectrum, logUniformSpectrum,
  quadraticFromOperator, tridiagonalQuadratic, type QuadraticProblem,
} from '../../src/problems/index.js';
import { gradientError } from './helpers.js';

const randomPoint = (n: number, seed: number) => createRng(seed).fillNormal(new Float64Array(n));

describe('spectrum generators', () => {
  it('linear spectrum with kappa=4 on 3 points is [0.25, 0.625, 1]', () => {
    expect(Array.from(linearSpectrum(3, { kappa: 4 }))).toEqual([0.25, 0.625, 1]);
  });
  it('geometric spectrum with kappa=100 on 3 points is [0.01, 0.1, 1]', () => {
    const h = geometricSpectrum(3, { kappa: 100 });
    expect(h[0]).toBe(0.01); expect(h[1]).toBeCloseTo(0.1, 14); expect(h[2]).toBe(1);
  });
  it('clusters of width 0.1 with kappa=10 on 4 points are [0.1, 0.11, 0.9, 1]', () => {
    const h = clusterSpectrum(4, { kappa: 10 }, 0.1);
    expect(Array.from(h).map((x) => +x.toFixed(12))).toEqual([0.1, 0.11, 0.9, 1]);
  });
  for (const [kind, gen] of [
    ['linear', (n: number, b: object) => linearSpectrum(n, b)],
    ['geometric', (n: number, b: object) => geometricSpectrum(n, b)],
    ['loguniform', (n: number, b: object) => logUniformSpectrum(n, b, 3)],
    ['clusters', (n: number, b: object) => clusterSpectrum(n, b)],
  ] as const) {
    it(`${kind} spectra are ascending and span [mu, L] exactly (L = 1, mu = 1/kappa; and given mu, L)`, () => {
      for (const n of [2, 3, 17, 1000]) {
        for (const [bounds, mu, L] of [[{ kappa: 100 }, 0.01, 1], [{ mu: 0.5, L: 8 }, 0.5, 8], [{ kappa: 1e6, L: 2 }, 2e-6, 2]] as const) {
          const h = gen(n, bounds);
          expect(h.length).toBe(n);
          expect(h[0]).toBe(mu);
          expect(h[n - 1]).toBe(L);
          for (let j = 1; j < n; j++) expect(h[j]).toBeGreaterThanOrEqual(h[j - 1]);
        }
      }
    });
  }
  it('property: every generator spans [mu, L] exactly and ascends, for any dim, kappa and L', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 400 }), fc.double({ min: 1, max: 1e8, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.nat(1000),
      (n, kappa, L, seed) => {
        const mu = L / kappa;
        for (const h of [linearSpectrum(n, { kappa, L }), geometricSpectrum(n, { kappa, L }), logUniformSpectrum(n, { kappa, L }, seed), clusterSpectrum(n, { kappa, L })]) {
          if (h.length !== n || h[0] !== mu || h[n - 1] !== L) return false;
          for (let j = 1; j < n; j++) if (!(h[j] >= h[j - 1]) || h[j] > L) return false;
        }
        return true;
      }), { numRuns: 200, seed: 42 });
  });
  it('log-uniform spectra are reproducible by seed and roughly uniform in log h', () => {
    const a = logUniformSpectrum(20001, { kappa: 1e4 }, 5), b = logUniformSpectrum(20001, { kappa: 1e4 }, 5);
    expect(Array.from(a)).toEqual(Array.from(b));
    // Median of log10 h over U[-4, 0] is -2 (standard error ~ 0.014 at this size).
    expect(Math.log10(a[10000])).toBeCloseTo(-2, 1);
  });
  it('explicit lists are sorted; nonpositive values are rejected naming quadratic.values', () => {
    expect(Array.from(listSpectrum([1, 0.01, 0.1]))).toEqual([0.01, 0.1, 1]);
    expect(() => listSpectrum([1, 0])).toThrow(/quadratic\.values/);
  });
  it('inconsistent kappa, mu, L are rejected', () => {
    expect(() => linearSpectrum(4, { kappa: 10, mu: 0.5 })).toThrow(/quadratic\.kappa .*L \/ mu = 2/);
    expect(() => linearSpectrum(4, { kappa: 0.5 })).toThrow(/quadratic\.kappa = 0\.5/);
  });
});

describe('quadratic problems', () => {
  it('the diagonal quadratic has J(1,1) = 1/2 (1 + 4) = 2.5 for h = (1, 4)', () => {
    const p = diagonalQuadratic(Float64Array.of(1, 4));
    expect(p.value(Float64Array.of(1, 1))).toBe(2.5);
    expect(Array.from(p.grad(Float64Array.of(1, 1), new Float64Array(2)))).toEqual([1, 4]);
  });

  const structures = ['diagonal', 'dense', 'tridiagonal'] as const;
  for (const structure of structures) {
    it(`${structure}: gradient matches finite differences, minimiser has J = 0 and zero gradient`, () => {
      const p = createProblem(`quadratic:dim=12,kappa=50,spectrum=loguniform,structure=${structure},seed=2,wstar=random`) as QuadraticProblem;
      expect(gradientError(p, randomPoint(12, 1))).toBeLessThan(1e-8);
      expect(p.value(p.minimizer)).toBeCloseTo(0, 14);
      expect(Math.max(...p.grad(p.minimizer, new Float64Array(12)).map(Math.abs))).toBeLessThan(1e-14);
      expect(p.mu).toBeCloseTo(0.02, 15); expect(p.L).toBe(1);
    });
    it(`${structure}: J(w) = 1/2 sum_j h_j c_j^2 with c = eigenCoordinates(w), and Hessian eigenvalues equal the spectrum`, () => {
      const p = createProblem(`quadratic:dim=9,kappa=30,spectrum=clusters,structure=${structure},seed=4,wstar=0.5`) as QuadraticProblem;
      const w = randomPoint(9, 8), c = p.eigenCoordinates(w, new Float64Array(9));
      let s = 0;
      for (let j = 0; j < 9; j++) s += p.spectrum[j] * c[j] * c[j];
      expect(p.value(w)).toBeCloseTo(s / 2, 12);
      // ||c|| = ||w - w*|| (orthonormal eigenbasis).
      let e2 = 0, c2 = 0;
      for (let j = 0; j < 9; j++) { e2 += (w[j] - 0.5) ** 2; c2 += c[j] ** 2; }
      expect(c2).toBeCloseTo(e2, 12);
      // Assemble H column by column through hvp and compare its eigenvalues with the spectrum.
      const cols: number[][] = [];
      for (let j = 0; j < 9; j++) {
        const ej = new Float64Array(9); ej[j] = 1;
        cols.push(Array.from(p.hvp(w, ej, new Float64Array(9))));
      }
      const { values } = symmetricEigen(fromRows(cols));
      const sorted = Array.from(values).sort((a, b) => a - b);
      sorted.forEach((x, j) => expect(x).toBeCloseTo(p.spectrum[j], 12));
    });
  }

  it('tridiagonal structure keeps a log-uniform spectrum with kappa = 1e4 at dim 200 (Lanczos with reorthogonalisation)', () => {
    const p = createProblem('quadratic:dim=200,kappa=1e4,spectrum=loguniform,structure=tridiagonal,seed=3') as QuadraticProblem;
    const rows = Array.from({ length: 200 }, (_, j) => { const e = new Float64Array(200); e[j] = 1; return Array.from(p.applyH(e, new Float64Array(200))); });
    const values = Array.from(symmetricEigen(fromRows(rows)).values).sort((a, b) => a - b);
    values.forEach((x, j) => expect(Math.abs(x - p.spectrum[j])).toBeLessThan(1e-12));
    expect(rows[0][2]).toBe(0); // tridiagonal
  });

  it('tridiagonal structure is tridiagonal even with repeated eigenvalues (Lanczos restart)', () => {
    const p = tridiagonalQuadratic(Float64Array.of(1, 1, 2, 2, 3));
    // The Krylov space of 1/sqrt(5) sees 3 distinct eigenvalues, so Lanczos breaks down once and restarts.
    expect(p.offDiagonal.filter((b) => b === 0).length).toBe(1);
    const e2 = new Float64Array(5); e2[2] = 1;
    const col = p.applyH(e2, new Float64Array(5));
    expect(col[0]).toBe(0); expect(col[4]).toBe(0);
    let tr = 0;
    for (const a of p.diagonal) tr += a;
    expect(tr).toBeCloseTo(9, 12); // trace = sum of eigenvalues
    const rows = [0, 1, 2, 3, 4].map((j) => { const ej = new Float64Array(5); ej[j] = 1; return Array.from(p.applyH(ej, new Float64Array(5))); });
    Array.from(symmetricEigen(fromRows(rows)).values).sort((a, b) => a - b).forEach((x, j) => expect(x).toBeCloseTo([1, 1, 2, 2, 3][j], 12));
  });

  it('explicit values give the spectrum, dim and kappa; x0 is a scalar, a list or random', () => {
    const p = createProblem('quadratic:values=0.01;1;0.1') as QuadraticProblem;
    expect(Array.from(p.spectrum)).toEqual([0.01, 0.1, 1]);
    expect(p.dim).toBe(3);
    expect(Array.from(p.x0)).toEqual([1, 1, 1]);
    expect(Array.from(createProblem('quadratic:dim=2,x0=3').x0)).toEqual([3, 3]);
    expect(Array.from(createProblem('quadratic:dim=2,x0=3;-1').x0)).toEqual([3, -1]);
    const r1 = createProblem('quadratic:dim=4,x0=random,seed=9').x0, r2 = createProblem('quadratic:dim=4,x0=random,seed=9').x0;
    expect(Array.from(r1)).toEqual(Array.from(r2));
    expect(new Set(r1).size).toBe(4);
  });

  it('bad quadratic specs name the parameter, the value and what is allowed', () => {
    expect(() => createProblem('quadratic:dim=-3')).toThrow('quadratic.dim = -3 is invalid: expected an integer in [1, 50000000]');
    expect(() => createProblem('quadratic:kappa=0')).toThrow(/quadratic\.kappa = 0 is invalid/);
    expect(() => createProblem('quadratic:structure=sparse')).toThrow(/quadratic\.structure = "sparse" .*diagonal \| dense \| tridiagonal/);
    expect(() => createProblem('quadratic:dim=3000,structure=dense')).toThrow(/quadratic\.dim = 3000 .*2000/);
    expect(() => createProblem('quadratic:values=1;2,dim=3')).toThrow(/quadratic\.dim = 3 .*2, the number of values/);
    expect(() => createProblem('quadratic:dim=2,x0=1;2;3')).toThrow(/quadratic\.x0 .*exactly 2 numbers/);
    expect(() => createProblem('quadratic:spectrum=list')).toThrow(/quadratic\.spectrum = "list" .*values=/);
    expect(() => createProblem('quadratic:foo=1')).toThrow(/quadratic\.foo .*one of the keys dim, kappa/);
    expect(() => createProblem('cubic')).toThrow(/problem = "cubic" .*one of quadratic/);
  });

  it('an operator quadratic (path-graph Laplacian plus mu I) agrees with the dense evaluation', () => {
    const n = 6, mu = 0.1;
    const apply = (v: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) out[i] = (2 + mu) * v[i] - (i > 0 ? v[i - 1] : 0) - (i < n - 1 ? v[i + 1] : 0);
      return out;
    };
    const p = quadraticFromOperator(apply, n, { mu, L: 4 + mu, x0: Float64Array.of(1, 2, 3, 4, 5, 6) });
    let s = 0;
    const x = p.x0;
    for (let i = 0; i < n; i++) s += (2 + mu) * x[i] * x[i] - 2 * (i < n - 1 ? x[i] * x[i + 1] : 0);
    expect(p.value(x)).toBeCloseTo(s / 2, 12);
    expect(gradientError(p, x)).toBeLessThan(1e-8);
  });
});
