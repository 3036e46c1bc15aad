// CLI tests for `dynamics`: spawn the built CLI (npm test builds first) and check the JSON summaries and exit codes.
// Few spawns (each costs the CLI's start-up); the library behind each command is tested in test/dynamics.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';

import { cli as momentumLab, cliJson } from './spawn-cli.js';

const cli = (...args: string[]) => momentumLab('dynamics', ...args);
const runJson = (...args: string[]) => cliJson('dynamics', ...args);

describe('momentum-lab dynamics', () => {
  it('linear: eigenvalues and classification in both times, with the lecture\'s sign w\' = -alpha A w', () => {
    const out = runJson('linear', '--matrix', '0,1;-1,0');
    expect(out.eigenvalues).toEqual([{ re: 0, im: 1 }, { re: 0, im: -1 }]);
    expect(out.continuous).toEqual({ type: 'center', stable: false });
    expect(out.discrete).toEqual({ type: 'spiral', stable: false }); // I - A has |lambda|^2 = det = 2
    const jb = runJson('linear', '--matrix', '2,1;0,2', '--alpha', '0.1');
    expect(jb.continuous).toEqual({ type: 'degenerate-node', stable: true });
    expect(jb.discrete).toEqual({ type: 'degenerate-node', stable: true });
    expect(jb.jordan).toEqual([{ value: { re: 2, im: 0 }, algebraic: 2, geometric: 1, blocks: [2] }]);
    // w(t) = exp(-alpha t A) w0 for the Jordan block: w0(t) = e^{-0.2 t} (1 ... ) with w0 = (1, 0): w = (e^{-0.2 t}, 0).
    const t = jb.data.continuous.t as number[], w0 = jb.data.continuous.w0 as number[];
    expect(w0[t.length - 1]).toBeCloseTo(Math.exp(-0.2 * 10), 12);
  });
  it('vanderpol and hopf: { period, amplitude } of the limit cycle', () => {
    const v = runJson('vanderpol', '--mu', '1');
    expect(Math.abs(v.period - 6.6633)).toBeLessThan(1e-4);
    expect(Math.abs(v.amplitude - 2.0086)).toBeLessThan(1e-4);
    const h = runJson('hopf', '--mu', '0.25', '--omega', '2');
    expect(h.period).toBeCloseTo(Math.PI, 6);
    expect(h.amplitude).toBeCloseTo(0.5, 6);
  });
  it('lorenz: { lyapunov } near 0.906 and a trajectory that starts at x0', () => {
    const out = runJson('lorenz', '--t1', '5', '--samples', '11');
    expect(Math.abs(out.lyapunov / 0.9056 - 1)).toBeLessThan(0.02);
    expect(out.data.x[0]).toBe(1);
    expect(out.data.t).toHaveLength(11);
  });
  it('logistic: { period, lyapunov }, period null when chaotic', () => {
    const p4 = runJson('logistic', '--r', '3.5');
    expect(p4.period).toBe(4);
    expect(p4.lyapunov).toBeLessThan(0);
    const chaos = runJson('logistic', '--r', '4', '--n', '2');
    expect(chaos.data.x).toEqual([0.3, expect.closeTo(0.84, 14), expect.closeTo(0.5376, 14)]); // orbit from x0 = 0.3
    expect(chaos.period).toBeNull();
    expect(Math.abs(chaos.lyapunov - Math.LN2)).toBeLessThan(3e-3);
  });
  it('mandelbrot: { areaEstimate } and a PNG; julia and bifurcation write PNGs of the requested size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-dyn-'));
    const file = join(dir, 'm.png');
    const m = runJson('mandelbrot', '--width', '256', '--max-iter', '500', '--out', file);
    expect(Math.abs(m.areaEstimate - 1.5066)).toBeLessThan(0.01);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([256, 256]);
    // The pixel at the centre of the main cardioid (c = -0.0049 + 0.0049i, row 127 col 204) is black.
    const o = 4 * (127 * 256 + 204);
    expect([png.data[o], png.data[o + 1], png.data[o + 2]]).toEqual([0, 0, 0]);
    const j = join(dir, 'j.png'), b = join(dir, 'b.png');
    expect(runJson('julia', '--c', '-1,0', '--width', '64', '--out', j).inside).toBeGreaterThan(0);
    expect(PNG.sync.read(readFileSync(j)).width).toBe(64);
    expect(runJson('bifurcation', '--width', '120', '--height', '80', '--out', b).points).toBe(120 * 100);
    expect(PNG.sync.read(readFileSync(b)).height).toBe(80);
  });
  it('bad input exits 2 with one line naming the parameter', () => {
    for (const [args, msg] of [
      [['linear', '--matrix', '1,2;3'], /--matrix = "1,2;3" is invalid: expected rows of equal length/],
      [['logistic', '--r', '5'], /--r = "5" is invalid: expected a finite number in \[0, 4\]/],
      [['mandelbrot', '--width', '0'], /--width = "0" is invalid/],
      [['mandelbrot', '--out', 'x.jpg'], /--out = "x.jpg" is invalid: expected a file name ending in .png/],
      [['vanderpol', '--mu', 'NaN'], /--mu = "NaN" is invalid/],
    ] as const) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
