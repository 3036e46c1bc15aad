// CLI tests for `run`, `methods`, `problems`: spawn the built CLI (npm test builds first) and check JSON and exit codes.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Spawned asynchronously so that the tests below can run concurrently (it.concurrent).
const cli = (...args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
  execFile(process.execPath, ['bin/momentum-lab.js', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
    resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
  });
});
const runJson = async (...args: string[]) => {
  const r = await cli('run', ...args, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('momentum-lab run', async () => {
  it.concurrent('heavy ball alpha=1, beta=0.81 converges on quadratic dim=1000, kappa=100 in ~ log(||g0||/tol) / log(1/0.9) steps', async () => {
    const out = await runJson('--problem', 'quadratic:dim=1000,kappa=100', '--method', 'hb:alpha=1,beta=0.81');
    expect(out.status).toBe('converged');
    expect(out.divergedAt).toBeNull();
    const g = out.trace.gradNorm as number[];
    expect(g.length).toBe(out.steps + 1);
    expect(g[out.steps]).toBeLessThanOrEqual(1e-8);
    expect(g[out.steps - 1]).toBeGreaterThan(1e-8);
    // Every eigen-mode contracts at |lambda| = sqrt(beta) = 0.9 (h = mu is critically damped), so the step count is close
    // to log(||g0|| / tol) / log(1/0.9) = 202.5 with ||g0|| = sqrt(sum h_j^2) for x0 = 1.
    const predicted = Math.log(g[0] / 1e-8) / Math.log(1 / 0.9);
    expect(Math.abs(out.steps - predicted)).toBeLessThan(15);
    expect(out.oracleCalls.grad).toBe(out.steps);
    expect(out.finalLoss).toBeCloseTo(out.trace.loss[out.steps], 20);
    expect(out.method).toEqual({ spec: 'hb:alpha=1,beta=0.81', name: 'hb', params: { alpha: 1, beta: 0.81 } });
    expect([out.problem.dim, out.problem.mu, out.problem.L]).toEqual([1000, 0.01, 1]);
  });

  it.concurrent('a step size beyond 2(1 + beta)/L reports diverged with the step where the loss passed 1e12 x its start', async () => {
    const out = await runJson('--problem', 'quadratic:dim=1000,kappa=100', '--method', 'hb:alpha=4,beta=0.9');
    expect(out.status).toBe('diverged');
    const loss = out.trace.loss as number[], k = out.divergedAt as number;
    expect(out.steps).toBe(k);
    expect(loss[k]).toBeGreaterThan(1e12 * loss[0]);
    expect(loss[k - 1]).toBeLessThanOrEqual(1e12 * loss[0]);
  });

  it.concurrent('heavy ball with alpha = 1/9, beta = 4/9 on the Lessard counterexample cycles from 3.3 and converges from 0.5', async () => {
    const hb = `hb:alpha=${1 / 9},beta=${4 / 9}`;
    const cyc = await runJson('--problem', 'lessard-counterexample', '--method', hb, '--steps', '600');
    expect(cyc.status).toBe('max_steps');
    const w = cyc.trace.w0 as number[], n = w.length;
    expect(Math.abs(w[n - 1] - w[n - 4])).toBeLessThan(1e-9);
    expect(Math.abs(w[n - 1] - w[n - 2])).toBeGreaterThan(0.1);
    const conv = await runJson('--problem', 'lessard-counterexample:x0=0.5', '--method', hb, '--steps', '600');
    expect(conv.status).toBe('converged');
  });

  it.concurrent('csv prints the same trace as json, one row per recorded step', async () => {
    const args = ['--problem', 'rosenbrock', '--method', 'hb:alpha=0.001,beta=0.9', '--steps', '50', '--tol', '0'];
    const out = await runJson(...args);
    const r = await cli('run', ...args, '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(Object.keys(out.trace).join(','));
    expect(lines.length).toBe(52);
    const last = lines[51].split(',').map(Number);
    Object.keys(out.trace).forEach((c, j) => expect(last[j]).toBe(out.trace[c][50]));
  });

  it.concurrent('--config JSON gives the same run as the flags, and flags override it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-run-'));
    const file = join(dir, 'run.json');
    writeFileSync(file, JSON.stringify({ problem: { name: 'quadratic', dim: 50, kappa: 10 }, method: 'gd:alpha=1', steps: 5000, tol: 1e-9 }));
    const viaConfig = await runJson('--config', file);
    const viaFlags = await runJson('--problem', 'quadratic:dim=50,kappa=10', '--method', 'gd:alpha=1', '--steps', '5000', '--tol', '1e-9');
    expect(viaConfig.trace).toEqual(viaFlags.trace);
    expect(viaConfig.status).toBe('converged');
    expect((await runJson('--config', file, '--steps', '7')).steps).toBe(7);
    // --record keeps only the named columns (e = every eigen-coordinate), here (1 - alpha h_j)^k for GD
    const rec = await runJson('--problem', 'quadratic:values=0.5;1', '--method', 'gd:alpha=1', '--steps', '3', '--tol', '0', '--record', 'k,e');
    expect(rec.trace).toEqual({ k: [0, 1, 2, 3], e0: [1, 0.5, 0.25, 0.125], e1: [1, 0, 0, 0] });
  });

  it.concurrent('--seed seeds a problem whose spec sets no seed (same run as seed= in the spec, different from seed 0)', async () => {
    const base = ['--method', 'gd:alpha=1', '--steps', '20', '--tol', '0', '--record', 'loss'];
    const [viaFlag, viaSpec, seed0] = await Promise.all([
      runJson('--problem', 'quadratic:dim=20,spectrum=loguniform', '--seed', '5', ...base),
      runJson('--problem', 'quadratic:dim=20,spectrum=loguniform,seed=5', ...base),
      runJson('--problem', 'quadratic:dim=20,spectrum=loguniform', ...base),
    ]);
    expect(viaFlag.trace.loss).toEqual(viaSpec.trace.loss);
    expect(viaFlag.trace.loss[20]).not.toBe(seed0.trace.loss[20]);
    expect(viaFlag.problem.spec).toBe('quadratic:dim=20,spectrum=loguniform,seed=5');
  });

  const bad: [string[], RegExp][] = [
    [['--problem', 'quadratic:dim=100', '--method', 'hb:beta=1.5'], /^momentum-lab: hb\.beta = 1\.5 is invalid: expected a finite number in \[0, 1\]\n$/],
    [['--problem', 'quadratic:dim=-3', '--method', 'hb'], /^momentum-lab: quadratic\.dim = -3 is invalid: expected an integer in \[1, /],
    [['--problem', 'quadratic', '--method', 'hb', '--steps', '0'], /^momentum-lab: --steps = "0" is invalid: expected an integer in \[1, /],
    [['--problem', 'quadratic', '--method', 'hb', '--tol', 'abc'], /^momentum-lab: --tol = "abc" is invalid: expected a finite number >= 0/],
    [['--problem', 'quadratic', '--method', 'hb', '--format', 'xml'], /^momentum-lab: --format = "xml" is invalid: expected table \| json \| csv/],
    [['--problem', 'cubic', '--method', 'hb'], /^momentum-lab: problem = "cubic" is invalid: expected one of quadratic, /],
    [['--problem', 'quadratic', '--method', 'adam'], /^momentum-lab: method = "adam" is invalid: expected one of gd, hb, /],
    [['--method', 'hb'], /^momentum-lab: run needs --problem SPEC/],
    [['--problem', 'rosenbrock', '--method', 'hb', '--tol-on', 'dist'], /^momentum-lab: --tol-on = "dist" is invalid: expected grad \| loss/],
  ];
  for (const [args, message] of bad) {
    it.concurrent(`bad input ${args.join(' ')} exits 2 with one line naming it`, async () => {
      const r = await cli('run', ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').length).toBe(1);
    });
  }

  it.concurrent('--batch B --seed S: a seeded stochastic run (mini-batches), reproducible, another seed another path', async () => {
    const args = ['--problem', 'logistic-regression', '--method', 'hb:alpha=0.5,beta=0.9', '--steps', '200', '--tol', '0', '--record', 'loss'];
    const [a, b, c, exact] = await Promise.all([
      runJson(...args, '--batch', '10', '--seed', '3'), runJson(...args, '--batch', '10', '--seed', '3'),
      runJson(...args, '--batch', '10', '--seed', '4'), runJson(...args)]);
    expect(a.trace.loss).toEqual(b.trace.loss);
    expect(a.trace.loss).not.toEqual(c.trace.loss);
    expect(a.options).toMatchObject({ batch: 10, seed: 3, noise: 'minibatch' });
    expect(exact.options).toMatchObject({ batch: null, noise: null });
    // The loss is measured exactly (k = 0 is the same point), the path differs from the full-batch run's.
    expect(a.trace.loss[0]).toBe(exact.trace.loss[0]);
    expect(a.trace.loss[200]).not.toBe(exact.trace.loss[200]);
    // A --config with batch and seed gives the flags' run.
    const dir = mkdtempSync(join(tmpdir(), 'ml-batch-'));
    const file = join(dir, 'run.json');
    writeFileSync(file, JSON.stringify({ problem: 'logistic-regression', method: 'hb:alpha=0.5,beta=0.9', steps: 200, tol: 0, record: ['loss'], batch: 10, seed: 3 }));
    expect((await runJson('--config', file)).trace.loss).toEqual(a.trace.loss);
  });

  it.concurrent('--batch on a quadratic is NQM noise: the loss stalls at a noise floor that a larger batch lowers', async () => {
    const args = ['--problem', 'quadratic:dim=50,kappa=10', '--method', 'gd:alpha=1', '--steps', '400', '--tol', '0', '--record', 'loss'];
    const [small, large] = await Promise.all([runJson(...args, '--batch', '1', '--seed', '1'), runJson(...args, '--batch', '100', '--seed', '1')]);
    expect(small.options.noise).toBe('nqm');
    const tail = (l: number[]) => l.slice(200).reduce((s, x) => s + x, 0) / 201;
    // GD at alpha = 1 on h in [0.1, 1]: steady-state risk sum_i (alpha h_i c_i / B) / (2 (2 - alpha h_i)) ~ 1/B scale.
    expect(tail(small.trace.loss)).toBeGreaterThan(30 * tail(large.trace.loss));
  });

  it.concurrent('a 5,000-deep --config file is one line naming --config (depth capped before parsing), exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-deep-')), file = join(dir, 'deep.json');
    writeFileSync(file, '['.repeat(5000) + ']'.repeat(5000));
    const r = await cli('run', '--config', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--config = .* nested at most 64 levels deep/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.concurrent('bad --batch values exit 2 naming --batch', async () => {
    const base = ['run', '--problem', 'logistic-regression', '--method', 'gd'];
    for (const [value, pattern] of [['0', /--batch = "?0"? is invalid/], ['1.5', /--batch = "?1.5"? is invalid/], ['101', /--batch = 101 is invalid: expected an integer in \[1, 100\]/]] as const) {
      const r = await cli(...base, '--batch', value);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const r = await cli('run', '--problem', 'rosenbrock', '--method', 'gd', '--batch', '4');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--batch = 4 is invalid.*rosenbrock is neither/);
  });

  it.concurrent('a bad --config names the file, the key and what is allowed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-run-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ problem: 'quadratic', method: 'hb', steps: 0 }));
    const r = await cli('run', '--config', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--config .*bad\.json: steps = 0 is invalid/);
    writeFileSync(file, JSON.stringify({ problem: 'quadratic', method: 'hb', stpes: 10 }));
    expect((await cli('run', '--config', file)).stderr).toMatch(/"stpes" is invalid: expected only the keys problem, method, steps/);
    expect((await cli('run', '--config', join(dir, 'missing.json'))).code).toBe(2);
  });
});

describe('momentum-lab methods / problems', async () => {
  it.concurrent('methods --format json lists every method with parameter ranges (hb.beta in [0, 1])', async () => {
    const r = await cli('methods', '--format', 'json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; params: { name: string; min?: number; max?: number; maxExclusive?: boolean }[] }[];
    const names = list.map((m) => m.name);
    for (const m of ['gd', 'hb', 'nag', 'nag-aspremont', 'cg', 'nlcg', 'chebyshev', 'aggmo', 'qhm', 'leapfrog', 'pgd', 'torch-sgd', 'optax-sgd', 'keras-sgd']) expect(names).toContain(m);
    const beta = list.find((m) => m.name === 'hb')!.params.find((p) => p.name === 'beta')!;
    expect([beta.min, beta.max, beta.maxExclusive]).toEqual([0, 1, false]);
  });
  it.concurrent('problems --format json lists the problems; `problems quadratic` shows its parameter ranges', async () => {
    const list = JSON.parse((await cli('problems', '--format', 'json')).stdout) as { name: string }[];
    expect(list.map((p) => p.name)).toEqual(['quadratic', 'nesterov-worst', 'nesterov-worst-sc', 'lessard-counterexample', 'rosenbrock', 'banana', 'convex-rosenbrock', 'logistic-regression', 'least-squares', 'mlp']);
    const r = await cli('problems', 'quadratic');
    expect(r.stdout).toMatch(/structure\s+diagonal\s+diagonal \| dense \| tridiagonal/);
    const bad = await cli('problems', 'cubic');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/problem = "cubic" is invalid/);
  });
});
