import { describe, expect, it } from 'vitest';
import { createMethod } from '../../src/methods/registry.js';
import { formWorstRate, rateMap, rateMapOf } from '../../src/theory/index.js';

describe('rate maps of any linear method over any two parameters', () => {
  it('heavy ball over (alpha, beta) equals the allocation-free rateMap (bit for bit on this grid; ~1e-15 relative in general)', () => {
    const alphas = [0.5, 1, 2, 3, 3.3], betas = [0, 0.5, 0.81, 0.95, 1];
    for (const target of [{ h: 0.3 }, { mu: 0.01, L: 1 }]) {
      const a = rateMapOf('hb', { key: 'alpha', values: alphas }, { key: 'beta', values: betas }, target);
      expect(Array.from(a.rho)).toEqual(Array.from(rateMap('hb', alphas, betas, target).rho));
      expect(a.exact).toBe(true);
    }
  });
  it('qhm over (beta, nu): each cell is the worst rate of that method built from its spec; nu = 0 is gd', () => {
    const betas = [0.3, 0.6, 0.9], nus = [0, 0.5, 1];
    const m = rateMapOf('qhm:alpha=1.5', { key: 'beta', values: betas }, { key: 'nu', values: nus }, { mu: 0.05, L: 1 });
    nus.forEach((nu, i) => betas.forEach((beta, j) => {
      const form = createMethod(`qhm:alpha=1.5,beta=${beta},nu=${nu}`).linear!;
      expect(m.rho[i * betas.length + j]).toBe(formWorstRate(form, 0.05, 1).rate);
    }));
    // nu = 0: gradient descent with alpha = 1.5 whatever beta: max |1 - 1.5 h| over [0.05, 1] = 0.925
    for (let j = 0; j < 3; j++) expect(m.rho[j]).toBeCloseTo(0.925, 12);
  });
  it('rejects unknown or fixed axes and out-of-range values with the method\'s own error', () => {
    expect(() => rateMapOf('hb', { key: 'gamma', values: [1] }, { key: 'beta', values: [0.5] }, { h: 1 })).toThrow(/x.key = "gamma" is invalid: expected a numeric parameter of hb/);
    expect(() => rateMapOf('hb:beta=0.5', { key: 'alpha', values: [1] }, { key: 'beta', values: [0.5] }, { h: 1 })).toThrow(/y.key = "beta" is invalid/);
    expect(() => rateMapOf('hb', { key: 'alpha', values: [1] }, { key: 'beta', values: [1.5] }, { h: 1 })).toThrow(/hb.beta = 1.5 is invalid/);
  });
});
