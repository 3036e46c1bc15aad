// The lecture's claims about heavy ball on quadratics, each as a test (with the DESIGN.md errata applied).
import { describe, expect, it } from 'vitest';
import { createRng, logspace } from '../../src/linalg/index.js';
import {
  linearMethod, directionEigenvalues, directionRate, directionRegime, regimeThresholds, worstRateOverInterval, tuneMethod,
} from '../../src/theory/index.js';
import { simulateLogNorms, slope } from './simulate.js';

describe('heavy ball regimes and thresholds', () => {
  const alpha = 0.5, beta = 0.64; // sqrt(beta) = 0.8
  const m = linearMethod('hb', { alpha, beta });
  const { T, upperReal, stability } = regimeThresholds(m);

  it('thresholds are T = (1 - sqrt(beta))^2/alpha, (1 + sqrt(beta))^2/alpha and 2(1 + beta)/alpha', () => {
    expect(T).toBeCloseTo(0.08, 14);
    expect(upperReal).toBeCloseTo(6.48, 13);
    expect(stability).toBeCloseTo(6.56, 13);
  });
  it('T separates real from complex eigenvalues (below: real; above: complex) — the lecture text has these swapped', () => {
    for (const f of [0.1, 0.5, 0.9, 0.999]) expect(directionEigenvalues(m, f * T!).every((z) => z.im === 0)).toBe(true);
    for (const f of [1.001, 1.5, 10, 80]) expect(directionEigenvalues(m, f * T!).every((z) => z.im !== 0)).toBe(true);
    expect(directionEigenvalues(m, upperReal! * 1.001).every((z) => z.im === 0 && z.re < 0)).toBe(true);
  });
  it('underdamped directions have |z| = sqrt(beta) for every h in (T, upperReal)', () => {
    for (const h of logspace(T! * 1.0001, upperReal! * 0.9999, 50)) {
      for (const z of directionEigenvalues(m, h)) expect(Math.hypot(z.re, z.im)).toBeCloseTo(0.8, 12);
      expect(directionRegime(m, h)).toBe('underdamped');
    }
  });
  it('names the five regimes at hand-picked curvatures', () => {
    expect(directionRegime(m, 0.04)).toBe('overdamped');
    expect(directionRegime(m, 0.08)).toBe('critical');
    expect(directionRegime(m, 0.08 * (1 + 1e-10))).toBe('critical'); // within the relative tolerance 1e-9
    expect(directionRegime(m, 0.08 * (1 + 1e-6))).toBe('underdamped');
    expect(directionRegime(m, 1)).toBe('underdamped');
    expect(directionRegime(m, 6.5)).toBe('oscillating');
    expect(directionRegime(m, upperReal!)).toBe('oscillating'); // the double root -sqrt(beta)
    expect(directionRegime(m, upperReal! * (1 - 1e-6))).toBe('underdamped');
    expect(directionRegime(m, 6.56)).toBe('divergent');
    expect(directionRegime(m, 7)).toBe('divergent');
  });
  it('the spectral radius is 1/2 (gamma + sqrt(gamma^2 - 4 beta)) for h <= T, gamma = 1 + beta - alpha h', () => {
    const h = 0.05, gamma = 1 + beta - alpha * h;
    expect(directionRate(m, h)).toBeCloseTo(0.5 * (gamma + Math.sqrt(gamma * gamma - 4 * beta)), 14);
  });
  it('beyond upperReal the dominant root is real negative: |z| = 1/2 (|gamma| + sqrt(gamma^2 - 4 beta)), reaching 1 at 2(1 + beta)/alpha', () => {
    const h = 6.52, gamma = 1 + beta - alpha * h;
    expect(directionRate(m, h)).toBeCloseTo(0.5 * (-gamma + Math.sqrt(gamma * gamma - 4 * beta)), 14);
    expect(directionRate(m, stability!)).toBeCloseTo(1, 14);
  });
  it('simulated oscillating directions flip sign every step, overdamped ones never do', () => {
    const sim = (h: number) => { let w = 1, v = 0; const s: number[] = []; for (let k = 0; k < 40; k++) { v = beta * v - alpha * h * w; w += v; s.push(Math.sign(w)); } return s; };
    expect(sim(0.04).every((s) => s === 1)).toBe(true);
    expect(sim(6.5).slice(5).every((s, i, a) => i === 0 || s === -a[i - 1])).toBe(true);
  });
});

describe('Nesterov (Sutskever) per-direction analysis', () => {
  it('|z| = sqrt(beta (1 - alpha h)) in the complex range ((1 - beta)/(1 + beta))^2 < alpha h < 1', () => {
    const m = linearMethod('nag', { alpha: 1, beta: 0.9 });
    const { T, upperReal } = regimeThresholds(m);
    expect(T).toBeCloseTo((0.1 / 1.9) ** 2, 15);
    expect(upperReal).toBe(1);
    for (const h of [0.003, 0.01, 0.1, 0.5, 0.99]) {
      for (const z of directionEigenvalues(m, h)) expect(Math.hypot(z.re, z.im)).toBeCloseTo(Math.sqrt(0.9 * (1 - h)), 12);
    }
  });
  it('is stable exactly for alpha h < 2 (1 + beta)/(1 + 2 beta)', () => {
    const m = linearMethod('nag', { alpha: 1, beta: 0.5 });
    expect(regimeThresholds(m).stability).toBeCloseTo(1.5, 15);
    expect(directionRate(m, 1.5)).toBeCloseTo(1, 14);
    expect(directionRate(m, 1.49)).toBeLessThan(1);
    expect(directionRate(m, 1.51)).toBeGreaterThan(1);
  });
  it('the general two-term thresholds reduce to the heavy-ball and Nesterov closed forms', () => {
    for (const beta of [0.1, 0.5, 0.9, 0.99]) {
      const hb = regimeThresholds(linearMethod('hb', { alpha: 0.7, beta }));
      const hbg = regimeThresholds(linearMethod('two-term', { alpha: 0.7, beta1: beta, beta2: 0 }));
      const nag = regimeThresholds(linearMethod('nag', { alpha: 0.7, beta }));
      const nagg = regimeThresholds(linearMethod('two-term', { alpha: 0.7, beta1: beta, beta2: beta }));
      for (const [a, b] of [[hb, hbg], [nag, nagg]]) {
        expect(b.T).toBeCloseTo(a.T!, 12);
        expect(b.upperReal).toBeCloseTo(a.upperReal!, 12);
        expect(b.stability).toBeCloseTo(a.stability!, 12);
      }
    }
  });
});

describe('general two-term thresholds (random beta1, beta2)', () => {
  it('the discriminant changes sign at T and upperReal, and rho = 1 at the stability threshold', () => {
    const rng = createRng(12);
    let checked = 0;
    for (let t = 0; t < 300; t++) {
      const m = linearMethod('two-term', { alpha: rng.uniform(0.1, 2), beta1: rng.uniform(-0.9, 0.99), beta2: rng.uniform(-0.45, 2) });
      const { T, upperReal, stability } = regimeThresholds(m);
      const complex = (h: number) => directionEigenvalues(m, h).some((z) => z.im !== 0);
      for (const b of [T, upperReal]) {
        if (b === null || b <= 0) continue;
        expect(complex(b * (1 - 1e-6)) !== complex(b * (1 + 1e-6))).toBe(true);
        checked++;
      }
      if (stability !== null) {
        expect(directionRate(m, stability)).toBeCloseTo(1, 9);
        expect(directionRate(m, stability * 0.999)).toBeLessThan(1);
        expect(directionRate(m, stability * 1.001)).toBeGreaterThan(1);
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe("the lecture's tuning: alpha = 1/h_max, beta = (1 - 1/sqrt(kappa))^2", () => {
  for (const kappa of [10, 100, 1e4]) {
    it(`kappa = ${kappa}: the min-curvature direction is critically damped and -log rho ~ 1/sqrt(kappa)`, () => {
      const L = 1, mu = L / kappa;
      const t = tuneMethod('hb', mu, L, 'lecture');
      const m = linearMethod('hb', { alpha: t.alpha!, beta: t.beta! });
      expect(directionRegime(m, mu)).toBe('critical');
      expect(regimeThresholds(m).T).toBeCloseTo(mu, 12);
      expect(directionRegime(m, L)).toBe('underdamped');
      // every direction in [mu, L] is underdamped or critical, so rho = sqrt(beta) = 1 - 1/sqrt(kappa)
      const rho = worstRateOverInterval(m, mu, L).rate;
      expect(Math.abs(rho - (1 - 1 / Math.sqrt(kappa)))).toBeLessThan(1e-7); // double root at mu: sqrt(rounding)
      expect(Math.abs(rho - Math.sqrt(t.beta!))).toBeLessThan(1e-7);
      // -log rho = -1/2 log beta = 1/sqrt(kappa) + 1/(2 kappa) + ...
      const minusLogRho = -Math.log(rho);
      expect(Math.abs(minusLogRho * Math.sqrt(kappa) - 1)).toBeLessThan(1 / Math.sqrt(kappa));
    });
  }
});

describe('GD needs O(kappa) iterations, heavy ball O(sqrt(kappa)) (measured, fitted over kappa in 10..1e4)', () => {
  const kappas = [10, 31.6, 100, 316, 1000, 3162, 1e4];
  const count = (method: 'gd' | 'hb' | 'nag', kappa: number) => {
    const n = 50, L = 1, mu = 1 / kappa;
    const h = logspace(mu, L, n);
    const x0 = new Float64Array(n).fill(1);
    const t = tuneMethod(method, mu, L, method === 'hb' ? 'polyak' : 'optimal');
    const beta = method === 'gd' ? 0 : t.beta!;
    const logs = simulateLogNorms(h, t.alpha!, beta, method === 'nag' ? beta : 0, x0, Math.ceil(60 * kappa));
    const target = logs[0] + Math.log(1e-6);
    return logs.findIndex((y) => y <= target);
  };
  it('the log-log slope is about 1 for GD and about 0.5 for heavy ball (and Nesterov)', () => {
    const lk = kappas.map(Math.log);
    const gd = slope(lk, kappas.map((k) => Math.log(count('gd', k))));
    const hb = slope(lk, kappas.map((k) => Math.log(count('hb', k))));
    expect(gd).toBeGreaterThan(0.95);
    expect(gd).toBeLessThan(1.05);
    expect(hb).toBeGreaterThan(0.45);
    expect(hb).toBeLessThan(0.6);
    const nag = slope(lk, kappas.map((k) => Math.log(count('nag', k))));
    expect(nag).toBeGreaterThan(0.45);
    expect(nag).toBeLessThan(0.6);
  });
});

describe('worst rate over an interval', () => {
  it('heavy ball with alpha, beta in the stable region: the worst over [mu, L] is at mu or L (dense sampling agrees)', () => {
    const m = linearMethod('hb', { alpha: 1.5, beta: 0.5 });
    const w = worstRateOverInterval(m, 0.01, 2);
    let dense = 0;
    for (let i = 0; i <= 20000; i++) dense = Math.max(dense, directionRate(m, 0.01 + (i / 20000) * 1.99));
    expect(w.rate).toBeCloseTo(dense, 12);
    expect([0.01, 2]).toContain(w.h);
  });
});
