import { describe, expect, it } from 'vitest';
import { createRng, linspace } from '../../src/linalg/index.js';
import {
  linearMethod, directionRate, directionRegime, directionEigenvalues, worstRateOverInterval, tuneMethod, iterationsTo, cgBound, chebyshevBound, rateMap, rateMapCurves,
} from '../../src/theory/index.js';

describe('worst rate over [mu, L] is exact', () => {
  it('equals dense sampling (2e4 points) for random stable and unstable two-term methods', () => {
    const rng = createRng(8);
    for (let t = 0; t < 200; t++) {
      const m = linearMethod('two-term', { alpha: rng.uniform(0.05, 2), beta1: rng.uniform(-0.9, 0.99), beta2: rng.uniform(-1, 2) });
      const mu = rng.uniform(0.001, 0.5), L = mu + rng.uniform(0, 2);
      const { rate } = worstRateOverInterval(m, mu, L);
      let dense = 0;
      for (let i = 0; i <= 20000; i++) dense = Math.max(dense, directionRate(m, mu + ((L - mu) * i) / 20000));
      expect(rate).toBeGreaterThanOrEqual(dense - 1e-12);
      expect(rate - dense).toBeLessThan(1e-5 * Math.max(1, rate)); // dense sampling can only miss by the grid step
    }
  });
});

describe('tuning rules and their predicted rates', () => {
  const mu = 0.01, L = 1, kappa = 100;
  it('GD: alpha = 2/(L + mu), rate (kappa - 1)/(kappa + 1); alpha = 1/L, rate 1 - 1/kappa', () => {
    expect(tuneMethod('gd', mu, L).alpha).toBeCloseTo(2 / 1.01, 15);
    expect(tuneMethod('gd', mu, L).rate).toBeCloseTo(99 / 101, 14);
    expect(tuneMethod('gd', mu, L, 'standard').rate).toBeCloseTo(0.99, 14);
  });
  it('heavy ball, Polyak: alpha = 4/(sqrt L + sqrt mu)^2, beta = (9/11)^2, rate 9/11', () => {
    const t = tuneMethod('hb', mu, L, 'polyak');
    expect(t.alpha).toBeCloseTo(4 / 1.21, 14);
    expect(t.beta).toBeCloseTo((9 / 11) ** 2, 14);
    expect(t.rate).toBeCloseTo(9 / 11, 12);
  });
  it('heavy ball, lecture: rate 1 - 1/sqrt(kappa) = 0.9', () => {
    expect(tuneMethod('hb', mu, L, 'lecture').rate).toBeCloseTo(0.9, 12);
  });
  it('Nesterov standard: alpha = 1/L, beta = 9/11, rate 1 - 1/sqrt(kappa) (mu critically damped)', () => {
    const t = tuneMethod('nag', mu, L, 'standard');
    expect(t.beta).toBeCloseTo(9 / 11, 15);
    expect(t.rate).toBeCloseTo(0.9, 12);
  });
  it('every closed-form rate equals the worst spectral radius of the tuned parameters over [mu, L]', () => {
    for (const k of [2, 10, 100, 1e4]) {
      for (const [method, rule] of [['gd', 'optimal'], ['gd', 'standard'], ['hb', 'polyak'], ['hb', 'lecture'], ['nag', 'standard'], ['nag', 'optimal']] as const) {
        const t = tuneMethod(method, 1 / k, 1, rule);
        const m = method === 'gd' ? linearMethod('gd', { alpha: t.alpha! }) : linearMethod(method, { alpha: t.alpha!, beta: t.beta! });
        // 1e-7: the tuned points sit on double roots, where rho is a square root of rounding errors
        expect(Math.abs(worstRateOverInterval(m, 1 / k, 1).rate - t.rate)).toBeLessThan(1e-7);
      }
    }
  });
  it('Nesterov optimal for quadratics: rate 1 - 2/sqrt(3 kappa + 1), equal at mu and L', () => {
    for (const k of [4, 100, 1e4]) {
      const t = tuneMethod('nag', 1 / k, 1, 'optimal');
      const m = linearMethod('nag', { alpha: t.alpha!, beta: t.beta! });
      expect(t.rate).toBeCloseTo(1 - 2 / Math.sqrt(3 * k + 1), 12);
      expect(directionRate(m, 1 / k)).toBeCloseTo(t.rate, 7);
      expect(directionRate(m, 1)).toBeCloseTo(t.rate, 7);
    }
  });
  it('Polyak and Nesterov-optimal are the minima of the worst rate over a fine (alpha, beta) grid (kappa = 100)', () => {
    for (const method of ['hb', 'nag'] as const) {
      const t = tuneMethod(method, mu, L);
      // grid around the optimum, then refined twice
      let best = { rate: Infinity, alpha: 0, beta: 0 };
      let aLo = 0.5, aHi = 4, bLo = 0, bHi = 0.99;
      for (let pass = 0; pass < 3; pass++) {
        const map = rateMap(method, linspace(aLo, aHi, 61), linspace(bLo, bHi, 61), { mu, L });
        for (let i = 0; i < map.betas.length; i++) for (let j = 0; j < map.alphas.length; j++) {
          const r = map.rho[i * map.alphas.length + j];
          if (r < best.rate) best = { rate: r, alpha: map.alphas[j], beta: map.betas[i] };
        }
        const da = (aHi - aLo) / 10, db = (bHi - bLo) / 10;
        aLo = best.alpha - da; aHi = best.alpha + da; bLo = Math.max(0, best.beta - db); bHi = Math.min(0.999, best.beta + db);
      }
      expect(best.rate).toBeGreaterThanOrEqual(t.rate - 1e-7); // nothing on the grid beats the rule
      expect(best.rate - t.rate).toBeLessThan(2e-3); // and the grid gets close to it
      expect(best.alpha).toBeCloseTo(t.alpha!, 1);
      expect(best.beta).toBeCloseTo(t.beta!, 2);
    }
  });
  it('Chebyshev and CG bounds: 2 r^k/(1 + r^2k) and 2 r^k, r = (sqrt(kappa) - 1)/(sqrt(kappa) + 1)', () => {
    expect(chebyshevBound(100, 10)).toBeCloseTo((2 * (9 / 11) ** 10) / (1 + (9 / 11) ** 20), 15);
    expect(cgBound(100, 10)).toBeCloseTo(2 * (9 / 11) ** 10, 15);
    const cg = tuneMethod('cg', mu, L);
    const n = cg.iterationsTo(1e-6);
    expect(cgBound(kappa, n)).toBeLessThanOrEqual(1e-6);
    expect(cgBound(kappa, n - 1)).toBeGreaterThan(1e-6);
    expect(n).toBe(Math.ceil(Math.log(1e-6 / 2) / Math.log(9 / 11)));
    const ch = tuneMethod('chebyshev', mu, L);
    expect(chebyshevBound(kappa, ch.iterationsTo(1e-6))).toBeLessThanOrEqual(1e-6);
    expect(chebyshevBound(kappa, ch.iterationsTo(1e-6) - 1)).toBeGreaterThan(1e-6);
  });
  it('iterationsTo is the smallest k with rho^k <= tol', () => {
    expect(iterationsTo(0.9, 1e-6)).toBe(132); // 0.9^131 = 1.0e-6 (above), 0.9^132 = 9.4e-7
    expect(0.9 ** 131).toBeGreaterThan(1e-6);
    expect(iterationsTo(0.5, 0.25)).toBe(2);
    expect(iterationsTo(1, 1e-6)).toBe(Infinity);
  });
  it('rejects a rule that does not apply, naming it', () => {
    expect(() => tuneMethod('gd', mu, L, 'polyak')).toThrow(/rule = "polyak" is invalid: expected for gd: optimal \| standard/);
    expect(() => tuneMethod('hb', 1, 0.5)).toThrow(/L = 0.5 is invalid/);
  });
});

describe('rate maps', () => {
  it('a single-h map is rho(h) at every grid point and the curves lie on its boundaries', () => {
    const alphas = linspace(0.05, 5, 40), betas = linspace(0, 0.95, 30);
    const map = rateMap('hb', alphas, betas, { h: 1 });
    expect(map.rho[3 * 40 + 7]).toBe(directionRate(linearMethod('hb', { alpha: alphas[7], beta: betas[3] }), 1));
    const { curves, optimal } = rateMapCurves('hb', betas, { h: 1 });
    const stab = curves.find((c) => c.name === 'stability')!;
    for (let i = 0; i < betas.length; i++) {
      expect(directionRate(linearMethod('hb', { alpha: stab.alphas[i], beta: betas[i] }), 1)).toBeCloseTo(1, 12);
    }
    expect(optimal).toEqual({ alpha: 1, beta: 0, rate: 0 });
  });
  it("Nesterov's curves: rho = 1 on the stability curve at L, mu critical on the critical-damping curve, and the optimal point", () => {
    const betas = linspace(0.1, 0.95, 12);
    const { curves, optimal } = rateMapCurves('nag', betas, { mu: 0.01, L: 1 });
    const [stab, crit, upper] = ['stability', 'criticalDamping', 'upperRealComplex'].map((n) => curves.find((c) => c.name === n)!);
    for (let i = 0; i < betas.length; i++) {
      expect(directionRate(linearMethod('nag', { alpha: stab.alphas[i], beta: betas[i] }), 1)).toBeCloseTo(1, 12);
      expect(directionRegime(linearMethod('nag', { alpha: crit.alphas[i], beta: betas[i] }), 0.01)).toBe('critical');
      expect(directionEigenvalues(linearMethod('nag', { alpha: upper.alphas[i], beta: betas[i] }), 1)).toEqual([{ re: 0, im: 0 }, { re: 0, im: 0 }]);
    }
    expect(optimal.rate).toBeCloseTo(1 - 2 / Math.sqrt(301), 7);
  });
  it('the worst-over-[mu, L] map has its minimum at the Polyak point', () => {
    const { optimal } = rateMapCurves('hb', [0.5], { mu: 0.01, L: 1 });
    // mu and L are double roots at Polyak's point: the radius there is determined to ~sqrt(eps) only.
    expect(Math.abs(optimal.rate - 9 / 11)).toBeLessThan(2e-8);
  });
});
