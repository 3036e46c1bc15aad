import { describe, expect, it } from 'vitest';
import { ChunkedRows } from '../../src/dynamics/chunked-rows.js';
import { lorenzField, odeDopri5 } from '../../src/dynamics/index.js';

describe('ChunkedRows (the saved-row store of odeDopri5 and the fixed-step integrators)', () => {
  it('returns every pushed row, in order, in exactly-sized arrays, across many chunks', () => {
    const rows = new ChunkedRows(3), y = new Float64Array(3), m = 10000; // chunks of 64, 128, ..., 2730 rows
    for (let k = 0; k < m; k++) { y[0] = k; y[1] = -k; y[2] = k * k; rows.push(k / 8, y); }
    const { t, y: ys } = rows.arrays();
    expect(rows.length).toBe(m);
    expect(t.length).toBe(m);
    expect(ys.length).toBe(3 * m);
    let bad = 0;
    for (let k = 0; k < m; k++) if (t[k] !== k / 8 || ys[3 * k] !== k || ys[3 * k + 1] !== -k || ys[3 * k + 2] !== k * k) bad++;
    expect(bad).toBe(0);
  });

  it('handles wide states (64-row chunks), a chunk boundary exactly at the end, and no rows', () => {
    const wide = new ChunkedRows(5000), y = new Float64Array(5000);
    for (let k = 0; k < 128; k++) { y[4999] = k; wide.push(k, y); } // two full chunks of 64 rows
    const a = wide.arrays();
    expect(a.t.length).toBe(128);
    expect(a.y.length).toBe(128 * 5000);
    expect(a.y[127 * 5000 + 4999]).toBe(127);
    expect(a.y[64 * 5000 + 4999]).toBe(64);
    const none = new ChunkedRows(2).arrays();
    expect([none.t.length, none.y.length]).toEqual([0, 0]);
  });
});

describe('odeDopri5 saving steps', () => {
  it('saving every step does not change the solution: same end point bit for bit, same counts, rows = accepted steps + 1', () => {
    const f = lorenzField();
    const saved = odeDopri5(f, [0, 20], [1, 1, 1], { rtol: 1e-9, atol: 1e-9 });
    const lean = odeDopri5(f, [0, 20], [1, 1, 1], { rtol: 1e-9, atol: 1e-9, saveSteps: false });
    expect(Array.from(saved.yEnd)).toEqual(Array.from(lean.yEnd));
    expect(saved.stats).toEqual(lean.stats);
    const m = saved.t.length;
    expect(m).toBe(saved.stats.steps + 1);
    expect(m).toBeGreaterThan(1000); // five chunks (64 + 128 + 256 + 512 rows, then 1024)
    expect([saved.t[0], saved.t[m - 1]]).toEqual([0, 20]);
    expect(Array.from(saved.y.subarray(0, 3))).toEqual([1, 1, 1]);
    expect(Array.from(saved.y.subarray(3 * (m - 1)))).toEqual(Array.from(saved.yEnd));
    let increasing = true;
    for (let k = 1; k < m; k++) if (!(saved.t[k] > saved.t[k - 1])) increasing = false;
    expect(increasing).toBe(true);
  });

  it('with tEval and saveSteps both on, keeps the rows of both, merged in time order', () => {
    const f = lorenzField();
    const tEval = [0, 0.5, 1, 1.5, 2];
    const both = odeDopri5(f, [0, 2], [1, 1, 1], { rtol: 1e-8, atol: 1e-8, tEval, saveSteps: true });
    const steps = odeDopri5(f, [0, 2], [1, 1, 1], { rtol: 1e-8, atol: 1e-8 });
    expect(both.t.length).toBe(steps.t.length + tEval.length);
    for (let k = 1; k < both.t.length; k++) expect(both.t[k]).toBeGreaterThanOrEqual(both.t[k - 1]);
    for (const te of tEval) expect(Array.from(both.t).includes(te)).toBe(true);
  });
});
