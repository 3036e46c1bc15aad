// CLI tests for `train` and `hessian`: spawn the built CLI (npm test builds first).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRows, symmetricEigen } from '../../src/linalg/index.js';
import type { MlpProblem } from '../../src/problems/mlp.js';
import { createProblem } from '../../src/problems/registry.js';

const cli = (...args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
  execFile(process.execPath, ['bin/momentum-lab.js', ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
    resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
  });
});
const jsonOf = async (...args: string[]) => {
  const r = await cli(...args, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
const SMALL = 'mlp:data=iris,hidden=4,act=tanh';

describe('momentum-lab train', () => {
  it.concurrent('JSON: a trace {k, loss, accuracy, sharpness} with null where not measured, and the method\'s threshold', async () => {
    const out = await jsonOf('train', '--problem', 'mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse', '--method', 'hb:alpha=0.3,beta=0.5', '--steps', '100', '--sharpness-every', '25', '--record-every', '5');
    expect(out.status).toBe('finished');
    expect(out.threshold).toBeCloseTo(10, 12); // 2 (1 + beta) / alpha
    expect(out.trace.k.length).toBe(21);
    expect(out.trace.sharpness.map((s: number | null) => s !== null)).toEqual(out.trace.k.map((k: number) => k % 25 === 0));
    expect(out.trace.sharpness[0]).toBeCloseTo(2.887005, 5); // the seeded start's top eigenvalue (hessian --top agrees below)
    expect(out.trace.accuracy.every((a: number | null) => a === null)).toBe(true);
  });

  it.concurrent('--save-weights then --weights: training continues from the saved point; hessian --top equals the dense eigenvalues to 1e-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-train-')), file = join(dir, 'w.json');
    const first = await jsonOf('train', '--problem', SMALL, '--method', 'gd:alpha=0.5', '--steps', '50', '--sharpness-every', '0', '--save-weights', file);
    const weights = JSON.parse(readFileSync(file, 'utf8'));
    expect(weights.layers.map((l: { W: number[][] }) => [l.W.length, l.W[0].length])).toEqual([[4, 4], [3, 4]]);
    const again = await jsonOf('train', '--problem', SMALL, '--method', 'gd:alpha=0.5', '--steps', '1', '--sharpness-every', '0', '--weights', file);
    expect(again.trace.loss[0]).toBeCloseTo(first.finalLoss, 14);
    // The dense Hessian at the saved weights from 35 Hessian-vector products, against Lanczos through the CLI.
    const p = createProblem(SMALL) as MlpProblem, w = p.fromJson(weights), n = p.dim, rows: number[][] = [];
    for (let k = 0; k < n; k++) { const e = new Float64Array(n); e[k] = 1; rows.push(Array.from(p.hvp(w, e, new Float64Array(n)))); }
    const dense = Array.from(symmetricEigen(fromRows(rows)).values).reverse();
    const h = await jsonOf('hessian', '--problem', SMALL, '--weights', file, '--top', '5', '--bottom', '2');
    expect(h.top).toHaveLength(5);
    h.top.forEach((v: number, i: number) => expect(Math.abs(v - dense[i])).toBeLessThan(1e-8 * Math.abs(dense[0])));
    h.bottom.forEach((v: number, i: number) => expect(Math.abs(v - dense[n - 1 - i])).toBeLessThan(1e-8 * Math.abs(dense[0])));
  });

  it.concurrent('hessian --trace and --density: Hutchinson within 3 standard errors of the exact trace, the density has mass 1', async () => {
    const p = createProblem(SMALL), n = p.dim, w = p.x0;
    let exact = 0;
    for (let k = 0; k < n; k++) { const e = new Float64Array(n); e[k] = 1; exact += p.hvp!(w, e, new Float64Array(n))[k]; }
    const h = await jsonOf('hessian', '--problem', SMALL, '--trace', '--density', '--bins', '2000');
    expect(Math.abs(h.trace.estimate - exact)).toBeLessThan(3 * h.trace.standardError);
    const { grid, density } = h.density;
    let mass = 0;
    for (let i = 1; i < grid.length; i++) mass += 0.5 * (density[i] + density[i - 1]) * (grid[i] - grid[i - 1]);
    expect(Math.abs(mass - 1)).toBeLessThan(0.02);
  });

  it.concurrent('bad input exits 2 with one line naming the parameter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-bad-')), bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ layers: [{ W: [[1, 2]], b: [0] }] }));
    const cases: [string[], RegExp][] = [
      [['train', '--problem', 'mlp:data=mnist', '--method', 'gd'], /mlp\.data = /],
      [['train', '--problem', 'mlp:hidden=0', '--method', 'gd'], /mlp\.hidden/],
      [['train', '--problem', SMALL, '--method', 'gd', '--weights', bad], /--weights/],
      [['train', '--problem', SMALL, '--method', 'gd', '--steps', '0'], /--steps/],
      [['train', '--problem', 'rosenbrock', '--method', 'gd', '--save-weights', join(dir, 'x.json')], /--save-weights/],
      [['hessian', '--problem', SMALL, '--top', '1000'], /--top/],
      [['hessian', '--problem', 'rosenbrock', '--top', '3'], /--top = "?3"? is invalid: expected an integer in \[0, 2\]/],
    ];
    for (const [args, pattern] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(pattern);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
