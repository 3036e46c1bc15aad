import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  limitCycle, vanDerPolField, hopfField, lorenzField, lorenzJvp, largestLyapunovFlow, largestLyapunovMap, odeDopri5,
  expressionField, poincareSection,
} from '../../src/dynamics/index.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/dynamics/reference.json', import.meta.url), 'utf8'));

describe('limit cycles', () => {
  it('Van der Pol (mu = 1) has period 6.6633 and amplitude 2.0086 (SciPy DOP853 fixture: 6.663286859323, 2.008619861)', () => {
    const c = limitCycle(vanDerPolField(1), [2, 0]);
    expect(c.converged).toBe(true);
    expect(Math.abs(c.period! - 6.6633)).toBeLessThan(1e-4);
    expect(Math.abs(c.period! - ref.vanderpol.period)).toBeLessThan(1e-8);
    expect(Math.abs(c.amplitude! - ref.vanderpol.amplitude)).toBeLessThan(1e-8);
  });
  it('finds the same cycle from inside and from outside, and for a user field typed as an expression', async () => {
    const inner = limitCycle(vanDerPolField(1), [0.1, 0]);
    const outer = limitCycle(vanDerPolField(1), [4, 4]);
    const typed = limitCycle(await expressionField(['y', 'mu*(1 - x^2)*y - x'], ['x', 'y'], { mu: 1 }), [2, 0]);
    for (const c of [inner, outer, typed]) expect(c.period).toBeCloseTo(ref.vanderpol.period, 7);
  });
  it('Hopf normal form: r = sqrt(mu), period 2 pi / omega for mu > 0; no cycle (a stable focus) for mu < 0', () => {
    for (const [mu, omega] of [[1, 1], [0.25, 2], [0.04, 3]]) {
      const c = limitCycle(hopfField(mu, omega), [0.05, 0]);
      // Returns agree to 1e-8; the cycle attracts at rate e^{-2 mu T} per turn, so slow for small mu: 1e-6.
      expect(c.period).toBeCloseTo((2 * Math.PI) / omega, 6);
      expect(c.amplitude).toBeCloseTo(Math.sqrt(mu), 6);
    }
    const none = limitCycle(hopfField(-0.25, 2), [0.5, 0]);
    expect(none.period).toBeNull();
    expect(none.message).toMatch(/spirals into an equilibrium/);
  });
});

describe('Lyapunov exponents (Benettin)', () => {
  it('Lorenz (a, b, c) = (10, 28, 8/3): largest exponent 0.906 within 2%', () => {
    const l = largestLyapunovFlow(lorenzField(10, 28, 8 / 3), lorenzJvp(10, 28, 8 / 3), [1, 1, 1], { time: 1000 });
    expect(Math.abs(l.exponent / 0.9056 - 1)).toBeLessThan(0.02);
    expect(l.running.length).toBe(1000);
  });
  it('a stable linear flow w\' = -diag(1, 3) w has largest exponent -1; a Hopf limit cycle has 0', () => {
    const lin = largestLyapunovFlow((_t, y, out) => { out[0] = -y[0]; out[1] = -3 * y[1]; },
      (_t, _y, v, out) => { out[0] = -v[0]; out[1] = -3 * v[1]; }, [1, 1], { transient: 10, time: 100 });
    expect(lin.exponent).toBeCloseTo(-1, 3);
    const hopf = largestLyapunovFlow(hopfField(1, 1), (_t, y, v, out) => {
      const [x, z] = y, r2 = x * x + z * z;
      out[0] = (1 - r2 - 2 * x * x) * v[0] + (-1 - 2 * x * z) * v[1];
      out[1] = (1 - 2 * x * z) * v[0] + (1 - r2 - 2 * z * z) * v[1];
    }, [0.5, 0], { time: 500 });
    expect(Math.abs(hopf.exponent)).toBeLessThan(0.01);
  });
  it('Hénon map (1.4, 0.3): largest exponent 0.419 (Sprott, Chaos and Time-Series Analysis, Table 12.1: 0.41922)', () => {
    const l = largestLyapunovMap((p, out) => { out[0] = 1 - 1.4 * p[0] * p[0] + p[1]; out[1] = 0.3 * p[0]; },
      (p, v, out) => { out[0] = -2.8 * p[0] * v[0] + v[1]; out[1] = 0.3 * v[0]; }, [0.1, 0.1], { iterations: 200000 });
    expect(Math.abs(l.exponent - 0.41922)).toBeLessThan(5e-3);
  });
  it('Lorenz trajectories from (1, 1, 1) and (1, 1, 1 + 1e-9) separate at the rate of the largest exponent', () => {
    const f = lorenzField();
    const a = odeDopri5(f, [0, 30], [1, 1, 1], { rtol: 1e-12, atol: 1e-12, tEval: [30] });
    const b = odeDopri5(f, [0, 30], [1, 1, 1 + 1e-9], { rtol: 1e-12, atol: 1e-12, tEval: [30] });
    const d = Math.hypot(a.y[0] - b.y[0], a.y[1] - b.y[1], a.y[2] - b.y[2]);
    // ln(d / 1e-9) / 30 should be of the order of 0.9 (a single trajectory: within a factor of 2).
    const rate = Math.log(d / 1e-9) / 30;
    expect(rate).toBeGreaterThan(0.45);
    expect(rate).toBeLessThan(1.8);
  });
});

describe('Poincaré sections', () => {
  it('every point of the Lorenz section z = 27 (downward) lies on the plane and has z\' < 0 there', () => {
    const f = lorenzField();
    const s = poincareSection(f, [1, 1, 1], 50, { component: 2, value: 27, direction: -1 });
    expect(s.t.length).toBeGreaterThan(20);
    const out = new Float64Array(3);
    for (let k = 0; k < s.t.length; k++) {
      const p = s.points.subarray(3 * k, 3 * k + 3);
      expect(Math.abs(p[2] - 27)).toBeLessThan(1e-9);
      f(0, p, out);
      expect(out[2]).toBeLessThan(0);
    }
  });
});
