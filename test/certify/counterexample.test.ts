import { describe, expect, it } from 'vitest';
import { heavyBallCounterexample } from '../../src/certify/index.js';
import { lessardCounterexampleGradient as lessardGradient } from '../../src/problems/index.js';

describe('heavy ball counterexample (Lessard, Recht, Packard 2016, section 4.6)', () => {
  const r = heavyBallCounterexample();
  it('Polyak\'s tuning for mu = 1, L = 25 is alpha = 1/9, beta = 4/9, with rate 2/3 on quadratics', () => {
    expect(r.alpha).toBeCloseTo(1 / 9, 15);
    expect(r.beta).toBeCloseTo(4 / 9, 15);
    expect(r.quadraticRate).toBeCloseTo(2 / 3, 15);
  });
  it('the gradient is that of a function in S(1, 25): slopes 25, 1, 25 and continuous at 1 and 2', () => {
    expect(lessardGradient(1 - 1e-12)).toBeCloseTo(lessardGradient(1), 9);
    expect(lessardGradient(2 - 1e-12)).toBeCloseTo(lessardGradient(2), 9);
    for (const [a, b] of [[-3, -1], [1.2, 1.8], [2.5, 4]]) {
      const slope = (lessardGradient(b) - lessardGradient(a)) / (b - a);
      expect(slope >= 1 - 1e-12 && slope <= 25 + 1e-12).toBe(true);
    }
  });
  it('from x_0 = 3.3 heavy ball settles on a 3-cycle instead of converging to x* = 0', () => {
    expect(r.cycle).not.toBeNull();
    expect(r.cycleResidual).toBeLessThan(1e-12);
    const sorted = [...r.cycle!].sort((p, q) => p - q);
    expect(sorted.map((v) => Math.round(v * 1e4) / 1e4)).toEqual([-1.8024, 0.6465, 2.1159]);
    // Three more heavy-ball steps from the last two cycle points reproduce the cycle (a period-3 orbit).
    const step = (x: number, prev: number) => x - r.alpha * lessardGradient(x) + r.beta * (x - prev);
    const [c0, c1, c2] = r.cycle!;
    const n1 = step(c2, c1), n2 = step(n1, c2), n3 = step(n2, n1);
    expect(Math.abs(n1 - c0)).toBeLessThan(1e-9);
    expect(Math.abs(n2 - c1)).toBeLessThan(1e-9);
    expect(Math.abs(n3 - c2)).toBeLessThan(1e-9);
    // The orbit visits both the x < 1 piece and the x >= 2 piece of f' (it is not a single quadratic's orbit).
    expect(sorted[0] < 1 && sorted[1] < 1 && sorted[2] >= 2).toBe(true);
    expect(r.finalDistance).toBeGreaterThan(0.5);
  });
  it('the IQC analysis certifies no rate below 1 for this tuning', () => {
    expect(r.iqc.certified).toBe(false);
    expect(r.iqc.rate).toBeNull();
    // A double root at mu (Polyak tuning): its eigenvalues are determined only to about sqrt(eps) ~ 1.5e-8.
    expect(r.iqc.lowerBound).toBeCloseTo(2 / 3, 7);
  });
});
