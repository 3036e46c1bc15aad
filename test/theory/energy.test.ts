// Continuous heavy ball: exact solution, energy, dissipation, the lecture's averaged decay law, and the
// discrete–continuous map alpha = s^2, beta = 1 - mu s.
import { describe, expect, it } from 'vitest';
import { logspace } from '../../src/linalg/index.js';
import {
  continuousHeavyBallDirection, continuousHeavyBall, oscillatorEnergy, energyDissipation, energyDecay,
  hbFromContinuous, continuousFromHb, effectiveLearningRate, terminalVelocity, smallAlphaRate, fitRate,
} from '../../src/theory/index.js';

/** Classical RK4 on w' = v, v' = -mu v - h w (an independent reference). */
function rk4(h: number, mu: number, w0: number, v0: number, t: number, n: number) {
  const f = (w: number, v: number): [number, number] => [v, -mu * v - h * w];
  let w = w0, v = v0;
  const dt = t / n;
  for (let i = 0; i < n; i++) {
    const k1 = f(w, v), k2 = f(w + (dt / 2) * k1[0], v + (dt / 2) * k1[1]);
    const k3 = f(w + (dt / 2) * k2[0], v + (dt / 2) * k2[1]), k4 = f(w + dt * k3[0], v + dt * k3[1]);
    w += (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    v += (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
  }
  return { w, v };
}

describe('continuous heavy ball v\' = -mu v - grad J, exact solution per direction', () => {
  for (const [name, h, mu] of [['underdamped', 2, 0.3], ['critical', 0.25, 1], ['overdamped', 0.1, 2], ['undamped', 1, 0]] as const) {
    it(`${name} (h = ${h}, mu = ${mu}) agrees with RK4 to 1e-10`, () => {
      for (const t of [0.5, 3, 10]) {
        const exact = continuousHeavyBallDirection(h, mu, 0.7, -0.4, t);
        const ref = rk4(h, mu, 0.7, -0.4, t, 20000);
        expect(exact.w).toBeCloseTo(ref.w, 10);
        expect(exact.v).toBeCloseTo(ref.v, 10);
      }
    });
  }
  it('the harmonic oscillator (mu = 0) from w(0) = A, v(0) = 0 is w = A cos(omega t), v = -omega A sin(omega t), E = h A^2/2', () => {
    const h = 4, A = 0.5;
    for (const t of [0.1, 1, 7]) {
      const s = continuousHeavyBallDirection(h, 0, A, 0, t);
      expect(s.w).toBeCloseTo(A * Math.cos(2 * t), 14);
      expect(s.v).toBeCloseTo(-2 * A * Math.sin(2 * t), 14);
      expect(oscillatorEnergy([h], [s.w], [s.v])).toBeCloseTo(0.5, 14);
    }
  });
  it('dE/dt = -mu ||v||^2 (central difference of the exact energy)', () => {
    const h = [0.05, 0.3, 2, 9], mu = 0.4, w0 = [1, -1, 0.5, 0.2], v0 = [0, 0.3, -0.1, 1];
    const w = new Float64Array(4), v = new Float64Array(4);
    const E = (t: number) => { continuousHeavyBall(h, mu, w0, v0, t, w, v); return oscillatorEnergy(h, w, v); };
    for (const t of [0.3, 2, 5]) {
      const dt = 1e-5;
      const dEdt = (E(t + dt) - E(t - dt)) / (2 * dt);
      continuousHeavyBall(h, mu, w0, v0, t, w, v);
      expect(dEdt).toBeCloseTo(energyDissipation(mu, v), 8);
    }
  });
});

describe('averaged energy decay E(t) ~ E(0) exp(-mu t), independent of h in the underdamped limit', () => {
  const mu = 0.01;
  const hs = Array.from(logspace(1e-3, 100, 11)); // mu^2/4 = 2.5e-5: all underdamped, omega/mu from 3 to 1000
  const results = hs.map((h) => ({ h, ...energyDecay(h, mu) }));
  it('the fitted decay rate is mu for every h (spread stated)', () => {
    const rates = results.map((r) => r.fittedRate);
    const spread = (Math.max(...rates) - Math.min(...rates)) / mu;
    console.log(`energy decay rate / mu over h in [1e-3, 100]: ${rates.map((r) => (r / mu).toFixed(4)).join(' ')}; spread ${(100 * spread).toFixed(2)}%`);
    for (const r of rates) expect(Math.abs(r / mu - 1)).toBeLessThan(0.02);
    expect(spread).toBeLessThan(0.03);
  });
  it('the instantaneous error of the law is mu/(2 omega) and vanishes as h grows', () => {
    for (const r of results) {
      const predicted = r.predictedDeviation!;
      expect(r.maxDeviation).toBeGreaterThan(0.9 * predicted);
      expect(r.maxDeviation).toBeLessThan(1.1 * predicted + 2 * predicted ** 2);
    }
    expect(results[results.length - 1].maxDeviation).toBeLessThan(1e-3);
  });
  it('an overdamped direction (h < mu^2/4) decays more slowly than mu: rate 2 (mu/2 - sqrt(mu^2/4 - h))', () => {
    const h = 1e-5, p = mu / 2;
    const r = energyDecay(h, mu, { tEnd: 5000 });
    expect(r.fittedRate).toBeLessThan(0.5 * mu);
    expect(r.fittedRate).toBeCloseTo(2 * (p - Math.sqrt(p * p - h)), 4);
    expect(r.predictedDeviation).toBeNull(); // no oscillation: no ripple predicted (null, never Infinity)
  });
  it('discrete heavy ball: the energy decays by beta per step for every underdamped h (beta^k = (1 - mu s)^(t/s) ~ e^(-mu t))', () => {
    const { alpha, beta } = hbFromContinuous(mu, 0.1);
    for (const h of [0.01, 0.1, 1, 10]) {
      let w = 1, v = 0;
      const logE = new Float64Array(20001);
      for (let k = 0; k <= 20000; k++) {
        logE[k] = Math.log(0.5 * h * w * w + (0.5 * v * v) / alpha);
        v = beta * v - alpha * h * w; w += v;
      }
      expect(fitRate(logE, 0)).toBeCloseTo(beta, 6);
    }
  });
});

describe('the discrete–continuous map alpha = s^2, beta = 1 - mu s', () => {
  it('maps back and forth', () => {
    const { alpha, beta } = hbFromContinuous(0.2, 0.05);
    expect(alpha).toBeCloseTo(0.0025, 16);
    expect(beta).toBeCloseTo(0.99, 16);
    const c = continuousFromHb(alpha, beta);
    expect(c.mu).toBeCloseTo(0.2, 14);
    expect(c.s).toBeCloseTo(0.05, 15);
  });
  it('heavy ball converges to the continuous solution at first order in s (w_k ~ w(k s), v_k ~ s v(k s))', () => {
    const h = 2, mu = 0.3, T = 10;
    const errs = [0.02, 0.01, 0.005].map((s) => {
      const { alpha, beta } = hbFromContinuous(mu, s);
      let w = 1, v = 0;
      for (let k = 0; k < Math.round(T / s); k++) { v = beta * v - alpha * h * w; w += v; }
      return Math.abs(w - continuousHeavyBallDirection(h, mu, 1, 0, T).w);
    });
    const order1 = Math.log2(errs[0] / errs[1]), order2 = Math.log2(errs[1] / errs[2]);
    expect(order1).toBeGreaterThan(0.9);
    expect(order1).toBeLessThan(1.1);
    expect(order2).toBeGreaterThan(0.9);
    expect(order2).toBeLessThan(1.1);
  });
});

describe('effective learning rate', () => {
  it('on a plane heavy ball reaches the terminal velocity -alpha/(1 - beta) grad J', () => {
    const alpha = 0.01, beta = 0.9, g = new Float64Array([2, -1]);
    expect(effectiveLearningRate(alpha, beta)).toBeCloseTo(0.1, 15);
    const v = new Float64Array(2);
    for (let k = 0; k < 500; k++) for (let i = 0; i < 2; i++) v[i] = beta * v[i] - alpha * g[i];
    const vt = terminalVelocity(alpha, beta, g, new Float64Array(2));
    expect(vt[0]).toBeCloseTo(-0.2, 15);
    expect(v[0]).toBeCloseTo(vt[0], 14);
    expect(v[1]).toBeCloseTo(vt[1], 14);
  });
  it('rho ~ 1 - alpha_eff h for small alpha, with error -beta (alpha h)^2/(1 - beta)^3 + O((alpha h)^3)', () => {
    const beta = 0.5, h = 1;
    for (const alpha of [1e-2, 1e-3, 1e-4]) {
      const r = smallAlphaRate(alpha, beta, h);
      expect(r.error).toBeLessThan(0);
      // next term: c3 x^3 with c3 = -beta (1 + beta)/(1 - beta)^5 = -24
      expect((r.error - r.leadingError) / alpha ** 3).toBeCloseTo(-24, alpha === 1e-2 ? -1 : 0);
    }
    // the ratio error / x^2 tends to -beta/(1 - beta)^3 = -4
    expect(smallAlphaRate(1e-4, beta, h).error / 1e-8).toBeCloseTo(-4, 2);
  });
});
