import { formCharacteristic } from '../../src/theory/index.js';
import { describe, expect, it } from 'vitest';
import { certifyMethod, pep, twoTermStateSpace, type PepPoint } from '../../src/certify/index.js';

const gd = (alpha: number) => twoTermStateSpace(alpha, 0, 0);

/** Largest violation of the F(mu, L) interpolation conditions by a set of points (Taylor et al. 2017, Thm 4). */
function interpolationViolation(points: PepPoint[], mu: number, L: number): number {
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
  const sub = (a: number[], b: number[]) => a.map((v, i) => v - b[i]);
  let worst = 0;
  for (const pi of points) for (const pj of points) {
    if (pi === pj) continue;
    const dx = sub(pi.x, pj.x), dg = sub(pi.g, pj.g);
    const rhs = pj.f + dot(pj.g, dx) + (dot(dg, dg) / L + mu * dot(dx, dx) - (2 * mu / L) * dot(dg, dx)) / (2 * (1 - mu / L));
    worst = Math.max(worst, rhs - pi.f);
  }
  return worst;
}

/** ‖x_N‖² on the 1-d quadratic h x²/2 from x_{−1} = x_0 = 1 (two-term method). */
function quadraticDistance(alpha: number, b1: number, b2: number, h: number, N: number): number {
  let prev = 1, x = 1;
  for (let k = 0; k < N; k++) {
    const y = x + b2 * (x - prev);
    const next = x + b1 * (x - prev) - alpha * h * y;
    prev = x; x = next;
  }
  return x * x;
}

describe('performance estimation (PEP)', () => {
  it('one GD step with alpha = 1/L contracts the squared distance by exactly (1 − mu/L)^2', () => {
    for (const [mu, L] of [[0.1, 1], [1, 4], [0.5, 10]]) {
      const r = pep(gd(1 / L), mu, L, 1, { measure: 'distance', initial: 'distance' });
      expect(r.status).toBe('optimal');
      expect(Math.abs(r.worstCase! - (1 - mu / L) ** 2)).toBeLessThan(1e-7);
    }
  });
  it('N GD steps with alpha = 1/L on smooth convex functions: f(x_N) − f* <= L ‖x_0 − x*‖² / (4N + 2), tight (Drori–Teboulle)', () => {
    for (const N of [1, 2, 3, 5]) {
      const r = pep(gd(1), 0, 1, N, { measure: 'function-value', initial: 'distance' });
      expect(Math.abs(r.worstCase! - 1 / (4 * N + 2)) / (1 / (4 * N + 2))).toBeLessThan(1e-6);
    }
  });
  it('N GD steps with alpha = 1/L, squared distance: (1 − mu/L)^(2N)', () => {
    const r = pep(gd(1), 0.2, 1, 3);
    expect(Math.abs(r.worstCase! - 0.8 ** 6)).toBeLessThan(1e-7);
  });
  it('the worst case over F(mu, L) is at least the worst case over the quadratics it contains (HB, NAG, TMM)', () => {
    for (const spec of ['hb:tune=polyak', 'nag:tune=standard', 'tmm']) {
      for (const N of [2, 4]) {
        const m = certifyMethod(spec, 0.1, 1);
        const t = formCharacteristic(m.stateSpace).twoTerm!;
        const r = pep(m.stateSpace, 0.1, 1, N);
        let quad = 0;
        for (let k = 0; k <= 200; k++) quad = Math.max(quad, quadraticDistance(t.alpha, t.beta1, t.beta2, 0.1 + 0.9 * k / 200, N));
        expect(r.worstCase!).toBeGreaterThanOrEqual(quad - 1e-7);
      }
    }
  });
  it('the worst-case function from the SDP solution satisfies the interpolation conditions and attains the value', () => {
    const m = certifyMethod('nag:tune=standard', 0.1, 1);
    const r = pep(m.stateSpace, 0.1, 1, 3, { measure: 'function-value', initial: 'distance' });
    expect(r.points.map((p) => p.label)).toEqual(['x*', 'y0', 'y1', 'y2', 'x3']);
    expect(interpolationViolation(r.points, 0.1, 1)).toBeLessThan(1e-6);
    const x3 = r.points.find((p) => p.label === 'x3')!, x0 = r.points.find((p) => p.label === 'y0')!;
    expect(Math.abs(x3.f - r.worstCase!)).toBeLessThan(1e-7);
    expect(x0.x.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 6);
    expect(r.multipliers.length).toBeGreaterThan(0);
    expect(r.multipliers.every((l) => l.lambda > 0)).toBe(true);
  });
  it('gradient-norm after one GD step alpha = 1/L from ‖∇f(x_0)‖² <= 1 is (1 − mu/L)^2', () => {
    const r = pep(gd(1), 0.25, 1, 1, { measure: 'gradient-norm', initial: 'gradient-norm' });
    expect(Math.abs(r.worstCase! - 0.75 ** 2)).toBeLessThan(1e-7);
  });
  it('an unbounded worst case is reported as such (distance from a function-value bound with mu = 0), never as a number', () => {
    const r = pep(gd(1), 0, 1, 2, { measure: 'distance', initial: 'function-value' });
    expect(r.status).toBe('unbounded');
    expect(r.worstCase).toBeNull();
  });
  it('rejects bad input naming the parameter', () => {
    expect(() => pep(gd(1), 0, 1, 0)).toThrow(/N = 0 is invalid/);
    expect(() => pep(gd(1), 1, 1, 1)).toThrow(/mu = 1 is invalid: expected a finite number in \[0, 1\)/);
    expect(() => pep(gd(1), 0, 1, 1, { measure: 'loss' as never })).toThrow(/measure = "loss"/);
    expect(() => pep({ A: [[1]], B: [-1], C: [1], D: 0.5 }, 0, 1, 1)).toThrow(/state-space.D = 0.5/);
  });
});
