import { describe, expect, it } from 'vitest';
import { dampingComparison, linearMethod, directionRate } from '../../src/theory/index.js';

describe('Nesterov vs heavy ball at the same (alpha, beta) = (1, 0.81)', () => {
  const hs = [0.001, 0.01, 0.1, 0.5, 0.9];
  const rows = dampingComparison(1, 0.81, hs, 20);
  it('heavy ball has |z| = sqrt(beta) = 0.9 in every underdamped direction, Nesterov sqrt(beta (1 - alpha h))', () => {
    for (const r of rows.slice(1)) {
      expect(r.hb.modulus).toBeCloseTo(0.9, 7);
      if (r.h > 0.01) expect(r.nag.modulus).toBeCloseTo(Math.sqrt(0.81 * (1 - r.h)), 12);
    }
  });
  it('high-frequency directions die much faster under Nesterov (h = 0.9: |z| 0.285 vs 0.9; amplitude after 20 steps < 1e-9 vs > 1e-2)', () => {
    const top = rows[rows.length - 1];
    expect(top.nag.modulus).toBeCloseTo(0.2846, 4);
    expect(top.nag.amplitudeAtK).toBeLessThan(1e-9);
    expect(top.hb.amplitudeAtK).toBeGreaterThan(1e-2);
    // simulated heavy ball amplitude after 20 steps equals the closed form
    let w = 1, v = 0;
    for (let k = 0; k < 20; k++) { v = 0.81 * v - 0.9 * w; w += v; }
    expect(Math.abs(w)).toBeCloseTo(top.hb.amplitudeAtK, 12);
    // peak transient overshoot: heavy ball swings back to ~|w0|, Nesterov much less
    expect(top.hb.peak).toBeGreaterThan(0.5);
    expect(top.nag.peak).toBeLessThan(0.2);
  });
  it('the slow direction has the same rate to first order: -log rho ratio -> 1 as h -> 0', () => {
    const hb = linearMethod('hb', { alpha: 0.01, beta: 0.5 }), nag = linearMethod('nag', { alpha: 0.01, beta: 0.5 });
    for (const [h, tol] of [[0.1, 1e-2], [0.01, 1e-3], [0.001, 1e-4]]) {
      const ratio = Math.log(directionRate(nag, h)) / Math.log(directionRate(hb, h));
      expect(Math.abs(ratio - 1)).toBeLessThan(tol);
    }
  });
});
