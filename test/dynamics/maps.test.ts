import { describe, expect, it } from 'vitest';
import {
  logisticPeriod, logisticLyapunov, logisticOrbit, logisticBifurcation, logisticCobweb, largestLyapunovMap,
  mandelbrot, mandelbrotArea, julia, colorizeEscape, rasterizeBifurcation,
} from '../../src/dynamics/index.js';

/** Bisection for the boundary r* in [lo, hi] where pred(r) switches from true (below) to false (above). */
function boundary(pred: (r: number) => boolean, lo: number, hi: number, tol = 1e-6): number {
  while (hi - lo > tol) { const mid = 0.5 * (lo + hi); if (pred(mid)) lo = mid; else hi = mid; }
  return 0.5 * (lo + hi);
}

describe('logistic map x <- r x (1 - x)', () => {
  it('has its first period doubling at r = 3: period 1 below, 2 above (bisection to 1e-3)', () => {
    expect(logisticPeriod(2.99).period).toBe(1);
    expect(logisticPeriod(3.01).period).toBe(2);
    expect(Math.abs(boundary((r) => logisticPeriod(r).period === 1, 2.9, 3.1, 1e-5) - 3)).toBeLessThan(1e-3);
    // The fixed point 1 - 1/r has multiplier 2 - r.
    const p = logisticPeriod(2.9);
    expect(p.cycle[0]).toBeCloseTo(1 - 1 / 2.9, 9);
    expect(p.multiplier).toBeCloseTo(2 - 2.9, 8);
  });
  it('doubles again (2 -> 4) at r = 1 + sqrt(6)', () => {
    const r2 = 1 + Math.sqrt(6);
    expect(logisticPeriod(r2 - 0.01).period).toBe(2);
    expect(logisticPeriod(r2 + 0.01).period).toBe(4);
    expect(Math.abs(boundary((r) => logisticPeriod(r).period === 2, 3.4, 3.5, 1e-5) - r2)).toBeLessThan(1e-3);
    // The period-2 multiplier is 4 + 2r - r^2 (hand-derived), -1 at r = 1 + sqrt(6).
    expect(logisticPeriod(3.3).multiplier).toBeCloseTo(4 + 2 * 3.3 - 3.3 ** 2, 8);
  });
  it('opens the period-3 window at r = 1 + sqrt(8) (chaos just below, period 3 just above)', () => {
    const r3 = 1 + Math.sqrt(8);
    expect(logisticPeriod(r3 - 1e-3).period).toBeNull();
    expect(logisticLyapunov(r3 - 1e-3)).toBeGreaterThan(0);
    expect(logisticPeriod(r3 + 1e-4).period).toBe(3);
    expect(Math.abs(boundary((r) => logisticPeriod(r).period !== 3, 3.82, 3.835, 1e-7) - r3)).toBeLessThan(1e-5);
  });
  it('the lecture\'s f(x) = 3.5 x (1 - x) settles on a period-4 orbit {0.38282, 0.82694, 0.50088, 0.87500}', () => {
    const p = logisticPeriod(3.5);
    expect(p.period).toBe(4);
    const sorted = Array.from(p.cycle).sort((a, b) => a - b);
    [0.382820, 0.500884, 0.826941, 0.874997].forEach((v, i) => expect(sorted[i]).toBeCloseTo(v, 5));
    expect(Math.abs(p.multiplier!)).toBeLessThan(1);
    expect(logisticLyapunov(3.5)).toBeCloseTo(Math.log(Math.abs(p.multiplier!)) / 4, 4);
  });
  it('has Lyapunov exponent ln 2 at r = 4, and Benettin\'s general map routine agrees', () => {
    expect(Math.abs(logisticLyapunov(4) - Math.LN2)).toBeLessThan(3e-3);
    const b = largestLyapunovMap((x, out) => { out[0] = 4 * x[0] * (1 - x[0]); }, (x, v, out) => { out[0] = 4 * (1 - 2 * x[0]) * v[0]; },
      [0.3], { iterations: 1000000 });
    expect(Math.abs(b.exponent - Math.LN2)).toBeLessThan(3e-3);
  });
  it('orbits, cobwebs and bifurcation data are the iterates', () => {
    expect(Array.from(logisticOrbit(2, 0.25, 2))).toEqual([0.25, 0.375, 0.46875]);
    const c = logisticCobweb(2, 0.25, 2);
    expect(Array.from(c.x)).toEqual([0.25, 0.25, 0.375, 0.375, 0.46875]);
    expect(Array.from(c.y)).toEqual([0, 0.375, 0.375, 0.46875, 0.46875]);
    const d = logisticBifurcation(2.5, 2.8, 4, { keep: 10 });
    for (let i = 0; i < d.r.length; i++) expect(d.x[i]).toBeCloseTo(1 - 1 / d.r[i], 9); // the stable fixed point
    const img = rasterizeBifurcation(d, 10, 10, 2.5, 2.8);
    expect(img.length).toBe(400);
  });
  it('rejects r outside [0, 4]', () => {
    expect(() => logisticPeriod(4.5)).toThrow(/r = 4.5 is invalid: expected a finite number in \[0, 4\]/);
  });
});

describe('Mandelbrot and Julia sets', () => {
  it('pixel-count area converges toward 1.5066 as the resolution grows', () => {
    const ns = [64, 128, 256, 512];
    const areas = ns.map((n) => mandelbrotArea(n, 2000));
    const errs = areas.map((a) => Math.abs(a - 1.50659));
    // 64: 1.5289, 128: 1.5198, 256: 1.5064, 512: 1.5086
    expect(errs[3]).toBeLessThan(3e-3);
    expect(errs[3]).toBeLessThan(errs[0] / 5);
    expect(errs[1]).toBeLessThan(errs[0]);
  });
  it('cardioid/bulb tests and periodicity checking change no pixel, only the work', () => {
    const opts = { width: 200, height: 160, maxIter: 500 };
    const fast = mandelbrot(opts);
    const slow = mandelbrot({ ...opts, bulbCheck: false, periodicity: false });
    expect(Array.from(fast.iterations)).toEqual(Array.from(slow.iterations));
    expect(fast.inside).toBe(slow.inside);
  });
  it('smooth colouring is n + 1 - log2(ln |z_n|) with bailout 256 (hand-iterated at c = -2.4: escapes at n = 5)', () => {
    // Window of one pixel centred on c = -2.4.
    const img = mandelbrot({ width: 1, height: 1, xMin: -2.45, xMax: -2.35, yMin: -0.05, yMax: 0.05, maxIter: 100 });
    let z = 0, n = 0;
    while (Math.abs(z) <= 256) { z = z * z - 2.4; n++; }
    expect(n).toBe(5);
    expect(img.iterations[0]).toBe(5);
    expect(img.smooth[0]).toBeCloseTo(n + 1 - Math.log2(Math.log(Math.abs(z))), 5);
  });
  it('the Julia set of c = 0 is the unit disc (area pi), and c = -1 (basilica) is symmetric under z -> -z', () => {
    const n = 400;
    const j0 = julia(0, 0, { width: n, height: n, maxIter: 200, xMin: -1.25, xMax: 1.25, yMin: -1.25, yMax: 1.25 });
    expect(Math.abs((j0.inside * 2.5 * 2.5) / (n * n) - Math.PI)).toBeLessThan(0.01);
    const jb = julia(-1, 0, { width: 101, height: 101, maxIter: 300 });
    for (let i = 0; i < jb.iterations.length; i++) expect(jb.iterations[i]).toBe(jb.iterations[jb.iterations.length - 1 - i]);
    const rgba = colorizeEscape(jb);
    expect(rgba.length).toBe(101 * 101 * 4);
    expect(rgba[4 * 5100]).toBe(0); // centre pixel (z = 0, in the set) is black
  });
  it('rejects bad sizes', () => {
    expect(() => mandelbrot({ width: 0 })).toThrow(/width = 0/);
    expect(() => mandelbrot({ xMin: 1, xMax: 0 })).toThrow(/xMax = 0/);
  });
});
