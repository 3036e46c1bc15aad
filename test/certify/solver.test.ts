import { describe, expect, it } from 'vitest';
import { type SdpProblem, checkSdpCertificate, randomSdp, readSdpa, solveSdp } from '../../src/certify/index.js';
import { symmetricEigen, fromRows } from '../../src/linalg/index.js';

/** max C•X s.t. tr X = 1: the optimal value is λmax(C) (Rayleigh quotient). */
function maxEigenProblem(C: number[][]): SdpProblem {
  const n = C.length;
  const entries = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) if (C[i][j] !== 0) entries.push({ block: 0, i, j, v: C[i][j] });
  return {
    blocks: [{ kind: 'sdp', n }], b: Float64Array.of(1), C: entries,
    A: [Array.from({ length: n }, (_, i) => ({ block: 0, i, j: i, v: 1 }))],
  };
}

describe('solveSdp (HKM predictor-corrector)', () => {
  it('max C•X over tr X = 1 is the largest eigenvalue of C', () => {
    const C = [[2, -1, 0.5, 0], [-1, 3, 0, 1], [0.5, 0, -1, 2], [0, 1, 2, 0.5]];
    const r = solveSdp(maxEigenProblem(C));
    const lmax = Math.max(...symmetricEigen(fromRows(C)).values);
    expect(r.status).toBe('optimal');
    expect(Math.abs(r.primalObjective - lmax)).toBeLessThan(1e-7);
    expect(Math.abs(r.dualObjective - lmax)).toBeLessThan(1e-7);
  });
  it('an LP in a diagonal block: max x1 + 2 x2 s.t. x1 + x2 + x3 = 4, x1 - x3 = 1 is 7 (x = (1, 3, 0))', () => {
    const p = readSdpa('2\n1\n-3\n4 1\n0 1 1 1 1\n0 1 2 2 2\n1 1 1 1 1\n1 1 2 2 1\n1 1 3 3 1\n2 1 1 1 1\n2 1 3 3 -1\n');
    const r = solveSdp(p);
    expect(r.status).toBe('optimal');
    expect(r.primalObjective).toBeCloseTo(7, 7);
    expect(Array.from(r.X[0]).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1, 3, 0]);
  });
  it('stops at relative gap and infeasibilities <= 1e-8 and its certificate checks out (random feasible SDPs)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const p = randomSdp([6, 4, -3], 12, { seed, density: 0.3 });
      const r = solveSdp(p);
      expect(r.status).toBe('optimal');
      expect(Math.max(r.relativeGap, r.primalInfeasibility, r.dualInfeasibility)).toBeLessThanOrEqual(1e-8);
      const c = checkSdpCertificate(p, r);
      expect(c.minEigX).toBeGreaterThanOrEqual(0);
      expect(c.minEigZ).toBeGreaterThan(-1e-7);
      expect(c.primalResidual).toBeLessThanOrEqual(1e-8);
      expect(Math.abs(c.primalObjective - c.dualObjective) / (1 + Math.abs(c.dualObjective))).toBeLessThan(1e-7);
    }
  });
  it('reports infeasible only with a checked certificate: bᵀy = −1 and Aᵀy ⪰ 0', () => {
    // X ⪰ 0 with x11 = −1 and x22 = 2: infeasible.
    const p = readSdpa('2\n1\n2\n-1 2\n1 1 1 1 1\n2 1 2 2 1\n');
    const r = solveSdp(p);
    expect(r.status).toBe('infeasible');
    expect(r.y[0] * -1 + r.y[1] * 2).toBeCloseTo(-1, 12);
    expect(Math.min(r.y[0], r.y[1])).toBeGreaterThanOrEqual(-1e-8); // Aᵀy = diag(y1, y2) ⪰ 0
  });
  it('reports unbounded with a ray: max 2 x12 s.t. x11 = 1 has X ⪰ 0, A(X) ≈ 0, C•X = 1', () => {
    const p = readSdpa('1\n1\n2\n1\n0 1 1 2 1\n1 1 1 1 1\n');
    const r = solveSdp(p);
    expect(r.status).toBe('unbounded');
    const [x11, x12, , x22] = r.X[0];
    expect(2 * x12).toBeCloseTo(1, 9);
    expect(Math.abs(x11)).toBeLessThan(1e-8);
    expect(x11 * x22 - x12 * x12).toBeGreaterThanOrEqual(-1e-12);
  });
  it('a numerical failure is "unknown", never "infeasible": an iteration cap of 3 on a feasible problem', () => {
    const r = solveSdp(randomSdp([8], 10, { seed: 5 }), { maxIterations: 3 });
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(/iteration limit/);
  });
  it('a run that fails returns its most accurate iterate, and the numbers it reports are that iterate\'s own', () => {
    const p = randomSdp([8, -3], 12, { seed: 7 });
    const seen: number[] = [];
    const track = solveSdp(p, { maxIterations: 6, onIteration: (s) => { seen.push(Math.max(s.relativeGap, s.primalInfeasibility, s.dualInfeasibility)); return false; } });
    expect(track.status).toBe('unknown');
    const r = solveSdp(p, { maxIterations: 6 });
    const acc = Math.max(r.relativeGap, r.primalInfeasibility, r.dualInfeasibility);
    expect(acc).toBeLessThanOrEqual(Math.min(...seen) * (1 + 1e-12));
    const c = checkSdpCertificate(p, r);
    expect(Math.abs(c.primalObjective - r.primalObjective)).toBeLessThan(1e-9 * (1 + Math.abs(r.primalObjective)));
    expect(Math.abs(c.dualObjective - r.dualObjective)).toBeLessThan(1e-9 * (1 + Math.abs(r.dualObjective)));
    expect(Math.abs(c.primalResidual - r.primalInfeasibility)).toBeLessThan(1e-9 * (1 + r.primalInfeasibility));
  });
  it('rejects malformed problems naming the field', () => {
    const p = maxEigenProblem([[1]]);
    expect(() => solveSdp({ ...p, b: Float64Array.of(1, 2) })).toThrow(/problem.A = 1 is invalid: expected one constraint matrix per entry of b \(2\)/);
    expect(() => solveSdp({ ...p, C: [{ block: 0, i: 1, j: 0, v: 1 }] })).toThrow(/problem.C\[0\]/);
    expect(() => solveSdp({ ...p, A: [[{ block: 0, i: 0, j: 0, v: NaN }]] })).toThrow(/problem.A\[0\]\[0\].v = NaN/);
    expect(() => solveSdp(p, { tolerance: 0 })).toThrow(/tolerance = 0/);
  });
});
