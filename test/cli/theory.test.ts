// CLI: analyze, tune and sweep. End-to-end cases spawn the built bin (`npm test` builds first); the many bad-input
// cases call the same `main` in-process (each spawn pays the CLI's start-up, seconds on a loaded 2-core machine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { createMethod } from '../../src/methods/registry.js';
import { createProblem } from '../../src/problems/registry.js';
import { formWorstRate, formWorstRateOverSpectrum } from '../../src/theory/index.js';

/** Run the CLI in this process: exit status and what it wrote. */
async function inproc(...args: string[]) {
  let out = '', err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    const code = await main(['node', 'momentum-lab', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore(); e.mockRestore();
  }
}

const bin = join(import.meta.dirname, '../../bin/momentum-lab.js');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function cliJson(...args: string[]) {
  const r = cli(...args, '--format', 'json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('momentum-lab analyze', () => {
  it('heavy ball at given curvatures: eigenvalues, spectral radius, regime, thresholds, rate, effective learning rate', () => {
    const r = cliJson('analyze', '--method', 'hb:alpha=1,beta=0.81', '--h', '0.005,0.01,0.5,3.7');
    expect(Object.keys(r)).toEqual(['method', 'params', 'stateSpace', 'order', 'twoTerm', 'directions', 'thresholds', 'rate', 'effectiveLearningRate']);
    expect(r.method).toBe('hb');
    expect(r.thresholds.T).toBeCloseTo(0.01, 14);
    expect(r.thresholds.upperReal).toBeCloseTo(3.61, 14);
    expect(r.thresholds.stability).toBeCloseTo(3.62, 14);
    expect(r.directions.map((d: { regime: string }) => d.regime)).toEqual(['overdamped', 'critical', 'underdamped', 'divergent']);
    const under = r.directions[2];
    expect(Object.keys(under)).toEqual(['h', 'eigenvalues', 'spectralRadius', 'regime']);
    expect(under.eigenvalues[0].re).toBeCloseTo(0.655, 14); // (1 + beta - alpha h)/2
    expect(Math.hypot(under.eigenvalues[0].re, under.eigenvalues[0].im)).toBeCloseTo(0.9, 14);
    // h = 3.7 > 3.62: the dominant root is -(|gamma| + sqrt(gamma^2 - 4 beta))/2, gamma = -1.89
    expect(r.directions[3].spectralRadius).toBeCloseTo((1.89 + Math.sqrt(1.89 ** 2 - 3.24)) / 2, 13);
    expect(r.rate).toBe(r.directions[3].spectralRadius);
    expect(r.effectiveLearningRate).toBeCloseTo(1 / 0.19, 13);
  });
  it('over an interval [mu, L]: representative directions (mu, T inside, L) and the worst rate', () => {
    const r = cliJson('analyze', '--method', 'hb:alpha=1,beta=0.5', '--mu', '0.01', '--L', '1');
    // T = (1 - sqrt 0.5)^2 = 0.0858 lies inside: mu overdamped, T critical, L underdamped
    expect(r.directions.map((d: { h: number }) => d.h)).toEqual([0.01, expect.closeTo(0.085786437626905, 12), 1]);
    expect(r.directions.map((d: { regime: string }) => d.regime)).toEqual(['overdamped', 'critical', 'underdamped']);
    const gamma = 1.5 - 0.01;
    expect(r.rate).toBeCloseTo((gamma + Math.sqrt(gamma * gamma - 2)) / 2, 14);
  });
  it('tune= rules work inside a method spec with --mu/--L (Polyak: rate 9/11 at kappa 100)', async () => {
    const r = JSON.parse((await inproc('analyze', '--method', 'hb:tune=polyak', '--mu', '0.01', '--L', '1', '--format', 'json')).out);
    expect(r.params.alpha).toBeCloseTo(4 / 1.21, 14);
    expect(r.rate).toBeCloseTo(9 / 11, 7);
    // without alpha and beta: the library's defaults alpha = 1/L, beta = 0.9 (as `run` uses)
    const d = JSON.parse((await inproc('analyze', '--method', 'hb', '--mu', '0.01', '--L', '2', '--format', 'json')).out);
    expect([d.params.alpha, d.params.beta, d.rate]).toEqual([0.5, 0.9, expect.closeTo(Math.sqrt(0.9), 14)]);
  });
  it('Nesterov, GD and the general two-term method', async () => {
    const j = async (...a: string[]) => JSON.parse((await inproc('analyze', ...a, '--format', 'json')).out);
    const nag = await j('--method', 'nag:alpha=1,beta=0.9', '--h', '0.5');
    expect(nag.directions[0].spectralRadius).toBeCloseTo(Math.sqrt(0.45), 14);
    expect(nag.thresholds.upperReal).toBeCloseTo(1, 14);
    const gd = await j('--method', 'gd:alpha=0.5', '--mu', '0.1', '--L', '3');
    expect(gd.twoTerm.beta1).toBe(0);
    expect(gd.rate).toBeCloseTo(0.95, 14); // max(|1 - 0.05|, |1 - 1.5|)
    const tt = await j('--method', 'two-term:alpha=1,beta1=0.9,beta2=0.9', '--h', '0.5');
    expect(tt.directions[0].spectralRadius).toBeCloseTo(nag.directions[0].spectralRadius, 14);
    expect(tt.params.beta2).toBe(0.9);
  });
  it('rejects bad input with exit 2 and a message naming the parameter', async () => {
    const spawned = cli('analyze', '--method', 'hb:alpha=1,beta=1.5', '--h', '1');
    expect([spawned.code, spawned.out, spawned.err]).toEqual([2, '', 'momentum-lab: hb.beta = 1.5 is invalid: expected a finite number in [0, 1]\n']);
    const cases: [string[], RegExp][] = [
      [['--method', 'hb:alpha=1,beta=1.5', '--h', '1'], /hb\.beta = 1\.5 is invalid: expected a finite number in \[0, 1\]/],
      [['--method', 'hb:alpha=1,beta=0.5'], /--h H\[,H\.\.\.\] or --mu M --L L/],
      [['--method', 'hb:alpha=1,beta=0.5', '--h', '1,x'], /--h = "x" is invalid/],
      [['--method', 'hb:alpha=1,beta=0.5', '--mu', '2', '--L', '1'], /--L = "1" is invalid: expected a number >= --mu/],
      [['--method', 'adam:alpha=1', '--h', '1'], /--method = "adam" is invalid: expected one of gd, hb, nag/],
      [['--method', 'hb:tune=polyak', '--h', '1'], /tune= needs the curvature interval/],
      [['--method', 'hb:alpha=-1', '--h', '1'], /hb\.alpha = -1 is invalid/],
      [['--method', 'hb:alpha=1e200,beta=0.5', '--h', '1e200'], /--h = 1e\+200 is invalid: expected a curvature with \|B C\| h <= 1e100/],
    ];
    for (const [args, message] of cases) {
      const r = await inproc('analyze', ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  });
});

describe('momentum-lab tune', () => {
  it('heavy ball (Polyak) on [0.01, 1]: alpha = 4/1.21, beta = (9/11)^2, rate 9/11, 69 iterations to 1e-6', () => {
    const r = cliJson('tune', '--method', 'hb', '--mu', '0.01', '--L', '1');
    expect(r).toMatchObject({ method: 'hb', rule: 'polyak', alpha: expect.closeTo(4 / 1.21, 14), beta: expect.closeTo(81 / 121, 14), rate: expect.closeTo(9 / 11, 14), iterationsTo: { '1e-6': 69 } });
    expect((9 / 11) ** 69).toBeLessThanOrEqual(1e-6);
    expect((9 / 11) ** 68).toBeGreaterThan(1e-6);
  });
  it('every method and rule, with several tolerances', async () => {
    const tj = async (...a: string[]) => JSON.parse((await inproc('tune', ...a, '--format', 'json')).out);
    const lecture = await tj( '--method', 'hb', '--rule', 'lecture', '--mu', '0.01', '--L', '1', '--tol', '1e-3,1e-6');
    expect(lecture).toMatchObject({ method: 'hb', rule: 'lecture', alpha: 1, beta: expect.closeTo(0.81, 15), rate: expect.closeTo(0.9, 15), iterationsTo: { '1e-3': 66, '1e-6': 132 } });
    const nag = await tj('--method', 'nag', '--mu', '0.01', '--L', '1');
    expect(nag.rule).toBe('optimal');
    expect(nag.alpha).toBeCloseTo(4 / 3.01, 14);
    expect(nag.rate).toBeCloseTo(1 - 2 / Math.sqrt(301), 14);
    const gd = await tj('--method', 'gd', '--mu', '0.01', '--L', '1');
    expect(gd.rate).toBeCloseTo(99 / 101, 14);
    expect(gd.iterationsTo['1e-6']).toBe(Math.ceil(Math.log(1e-6) / Math.log(99 / 101)));
    const cg = await tj('--method', 'cg', '--mu', '0.01', '--L', '1');
    expect(cg).toMatchObject({ method: 'cg', rule: 'optimal', alpha: null, beta: null, rate: expect.closeTo(9 / 11, 14), iterationsTo: { '1e-6': Math.ceil(Math.log(5e-7) / Math.log(9 / 11)) } });
    const ch = await tj('--method', 'chebyshev', '--mu', '0.01', '--L', '1');
    expect(ch.iterationsTo['1e-6']).toBeLessThanOrEqual(cg.iterationsTo['1e-6']);
  });
  it('rejects bad input with exit 2', async () => {
    expect(cli('tune', '--method', 'gd', '--mu', '0.01', '--L', '1', '--rule', 'polyak').code).toBe(2);
    const cases: [string[], RegExp][] = [
      [['--method', 'gd', '--mu', '0.01', '--L', '1', '--rule', 'polyak'], /--rule = "polyak" is invalid: expected for gd: optimal \| standard/],
      [['--method', 'adam', '--mu', '0.01', '--L', '1'], /--method = "adam" is invalid/],
      [['--method', 'hb', '--mu', '0', '--L', '1'], /--mu = "0" is invalid: expected a finite number > 0/],
      [['--method', 'hb', '--mu', '0.1'], /--mu M --L L/],
      [['--method', 'hb', '--mu', '0.1', '--L', '1', '--tol', '2'], /--tol = "2" is invalid/],
    ];
    for (const [args, message] of cases) {
      const r = await inproc('tune', ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});

describe('momentum-lab sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
  it('a 64x64 grid on a dim-1000 quadratic: progress bar, two worker threads, measured rates match the theory', () => {
    const file = join(dir, 'big.json');
    const r = cli('sweep', '--problem', 'quadratic:dim=1000,kappa=100', '--method', 'hb', '--alpha', '0.05:3.5:64', '--beta', '0:0.95:64',
      '--steps', '80', '--workers', '2', '--progress', '--stats', '--output', file);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/sweep \[.*\] 100% \| 4096\/4096 points/);
    expect(r.err).toMatch(/4096 points on 2 thread\(s\)/);
    const out = JSON.parse(readFileSync(file, 'utf8'));
    expect(out.points).toHaveLength(4096);
    expect(out.points.map((p: { index: number }) => p.index)).toEqual(Array.from({ length: 4096 }, (_, i) => i));
    // theory: points with rho > 1 grow (diverged, or a measured rate > 1 when too slow to pass 1e12 x in 80 steps),
    // points with rho < 1 never diverge, and fast points match the prediction
    let checked = 0;
    for (const p of out.points) {
      if (p.predicted > 1.05) expect(p.divergedAt !== null || p.rate > 1).toBe(true);
      if (p.predicted < 0.99) expect(p.divergedAt).toBeNull();
      if (p.predicted < 0.99) { expect(Math.abs(p.rate - p.predicted)).toBeLessThan(0.03); checked++; }
    }
    expect(checked).toBeGreaterThan(2000); // 2788 convergent points; largest deviation measured 0.023 after 80 steps
  });
  it('on a real terminal (script(1) gives a pty) the progress bar appears unasked; piped, it does not', async () => {
    const args = ['sweep', '--problem', 'quadratic:dim=1000,kappa=100', '--method', 'hb', '--alpha', '0.1:3:16', '--beta', '0:0.9:8', '--steps', '40'];
    const piped = await inproc(...args, '--workers', '1', '--format', 'csv');
    expect(piped.code).toBe(0);
    expect(piped.err).toBe('');
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (script.status !== 0) return; // util-linux script(1) missing: the --progress test above still covers the bar
    const quoted = [process.execPath, bin, ...args, '--output', join(dir, 'tty.json')].map((a) => `'${a}'`).join(' ');
    const tty = spawnSync('script', ['-qec', quoted, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/sweep \[.*\] 100% \| 128\/128 points/);
    expect(JSON.parse(readFileSync(join(dir, 'tty.json'), 'utf8')).points).toHaveLength(128);
  });
  it('merged shards equal an unsharded run, byte for byte (JSON and CSV)', async () => {
    const args = ['sweep', '--problem', 'quadratic:dim=200,kappa=50,spectrum=loguniform', '--method', 'nag', '--alpha', '0.01:2:13', '--log', '--beta', '0:0.9:7', '--steps', '50'];
    const full = cli(...args, '--workers', '2', '--format', 'json');
    expect(full.code).toBe(0);
    const files: string[] = [];
    for (const i of [0, 1, 2]) {
      const f = join(dir, `shard${i}.json`);
      // shard 1 in-process on one thread, the others through the binary on two worker threads
      const r = i === 1 ? await inproc(...args, '--workers', '1', '--shard', `${i}/3`, '--output', f) : cli(...args, '--workers', '2', '--shard', `${i}/3`, '--output', f);
      expect(r.code).toBe(0);
      files.push(f);
    }
    expect(JSON.parse(readFileSync(files[0], 'utf8')).points.length).toBe(30); // floor(91/3)
    const merged = await inproc('sweep', '--merge', ...files, '--format', 'json');
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(full.out);
    const mergedCsv = await inproc('sweep', '--merge', ...files.reverse(), '--format', 'csv');
    expect(mergedCsv.out).toBe((await inproc(...args, '--workers', '1', '--format', 'csv')).out);
    expect(mergedCsv.out.split('\n')[0]).toBe('index,alpha,beta,rate,predicted,divergedAt');
  });
  it('refuses incomplete or mismatched shards and bad grids with exit 2', async () => {
    const f0 = join(dir, 'shard0.json');
    expect((await inproc('sweep', '--merge', f0)).err).toMatch(/--merge = .* is invalid: expected all shards of the sweep \(grid point 30 is missing\)/);
    const other = join(dir, 'other.json');
    const data = JSON.parse(readFileSync(join(dir, 'shard1.json'), 'utf8'));
    writeFileSync(other, JSON.stringify({ ...data, steps: 51 }));
    const r = await inproc('sweep', '--merge', f0, other);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/a shard of the same sweep/);
    const base = ['sweep', '--problem', 'quadratic:dim=10', '--method', 'hb'];
    const bad = async (...a: string[]) => { const x = await inproc(...a); expect(x.code).toBe(2); return x.err; };
    expect(await bad(...base, '--alpha', '0:1', '--beta', '0:0.9:3')).toMatch(/--alpha = "0:1" is invalid: expected from:to:n/);
    expect(await bad(...base, '--alpha', '0:1:4', '--log')).toMatch(/--alpha = "0:1:4" is invalid: .*> 0 \(--log\)/);
    expect(await bad(...base, '--alpha', '0.1:1:4', '--shard', '3/3')).toMatch(/--shard = "3\/3" is invalid: expected i\/n with 0 <= i < n/);
    expect(await bad(...base, '--alpha', '0.1:1:4', '--beta', '0:1.5:3')).toMatch(/hb\.beta = 1\.5 is invalid/);
    expect(await bad('sweep', '--problem', 'quadratic:dim=10', '--method', 'gd', '--alpha', '0.1:1:4', '--beta', '0:0.5:2')).toMatch(/a numeric parameter of gd for --beta/);
    expect(cli(...base, '--alpha', '0:1').code).toBe(2); // and through the real binary
  });
});

describe('every linear method through analyze, tune, certify and sweep (issue #12)', () => {
  const specs = ['qhm:alpha=0.7,beta=0.5,nu=0.7', 'aggmo:alpha=0.5,betas=0;0.9', 'torch-sgd:lr=0.5,momentum=0.9,dampening=0.1', 'optax-sgd:learning_rate=0.5,momentum=0.8',
    'keras-sgd:learning_rate=0.5,momentum=0.8,nesterov=true', 'tfjs-momentum:learningRate=0.5,momentum=0.8', 'leapfrog:alpha=0.5,beta=0.8', 'tmm', 'two-term:alpha=0.5,beta1=0.8,beta2=0.3'];
  it('analyze reports the radius of the form; certify certifies at least that rate; tune finds a stable point', async () => {
    for (const spec of specs) {
      const a = JSON.parse((await inproc('analyze', '--method', spec, '--mu', '0.1', '--L', '1', '--format', 'json')).out);
      const form = createMethod(spec, { mu: 0.1, L: 1 }).linear!;
      expect(a.rate, spec).toBeCloseTo(formWorstRate(form, 0.1, 1).rate, 12);
      const c = JSON.parse((await inproc('certify', '--method', spec, '--mu', '0.1', '--L', '1', '--format', 'json')).out);
      if (c.rate !== null) expect(c.rate, spec).toBeGreaterThanOrEqual(a.rate - 1e-6);
      const name = spec.split(':')[0];
      const t = JSON.parse((await inproc('tune', '--method', name === 'tmm' ? 'tmm' : `${name}`, '--mu', '0.1', '--L', '1', ...(name === 'tmm' ? [] : ['--rule', 'numeric']), '--format', 'json')).out);
      expect(t.rate, spec).toBeLessThan(1);
    }
  });
  it('sweep sets the method\'s own rate and momentum parameters and predicts from its form', async () => {
    const r = JSON.parse((await inproc('sweep', '--problem', 'quadratic:dim=20,kappa=10', '--method', 'torch-sgd:dampening=0.1', '--alpha', '0.5:1:2', '--beta', '0.5:0.8:2', '--steps', '200', '--workers', '1', '--format', 'json')).out);
    expect(r.points).toHaveLength(4);
    for (const p of r.points) {
      const form = createMethod(`torch-sgd:dampening=0.1,lr=${p.alpha},momentum=${p.beta}`).linear!;
      expect(p.predicted).toBeCloseTo(formWorstRateOverSpectrum(form, createProblem('quadratic:dim=20,kappa=10').spectrum!), 14);
      expect(Math.abs(p.rate - p.predicted)).toBeLessThan(0.02);
    }
  });
});
