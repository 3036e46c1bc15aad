// CLI: momentum-lab nqm (issue #13 point 5). JSON shapes exactly, tuned values equal to the theory API, bad input exit 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nqmBins, nqmSetup, nqmSteadyStateRisk, nqmStepsToTarget, nqmTune } from '../../src/theory/nqm.js';
import { splitMethods } from '../../cli/commands/nqm.js';
import { cli, cliJson } from './spawn-cli.js';

describe('momentum-lab nqm', () => {
  it('prints { setup, curves } with exactly the six keys per row; tuned values equal nqmTune on the same setup', () => {
    const out = cliJson('nqm', '--method', 'sgd,hb', '--batch', '16,512', '--target', '0.01', '--dim', '1000');
    expect(Object.keys(out)).toEqual(['setup', 'curves']);
    expect(out.setup).toMatchObject({ dim: 1000, target: 0.01 });
    expect(out.curves).toHaveLength(4);
    for (const r of out.curves) expect(Object.keys(r)).toEqual(['method', 'batch', 'steps', 'alpha', 'beta', 'effectiveLearningRate']);
    const setup = nqmSetup({ dim: 1000 });
    const sgd16 = nqmTune('gd', setup, 16, 0.01);
    expect(out.curves[0]).toEqual({ method: 'sgd', batch: 16, steps: sgd16.steps, alpha: sgd16.alpha, beta: null, effectiveLearningRate: sgd16.effectiveLearningRate });
    const hb = out.curves.filter((r: { method: string }) => r.method === 'hb');
    expect(hb.map((r: { batch: number }) => r.batch)).toEqual([16, 512]);
    for (const r of hb) {
      expect(r.effectiveLearningRate).toBeCloseTo(r.alpha / (1 - r.beta), 12);
      expect(nqmStepsToTarget(`hb:alpha=${r.alpha},beta=${r.beta}`, setup, r.batch, 0.01).steps).toBe(r.steps);
    }
    // Momentum at the larger batch needs fewer steps than SGD.
    expect(hb[1].steps).toBeLessThan(out.curves[1].steps);
  });

  it('fixed parameters with --steady-state: the risk as a number, "no steady state: unstable" (never a number) when unstable; steps null when never reached', () => {
    const out = cliJson('nqm', '--method', 'hb:alpha=0.1,beta=0.9', '--method', 'hb:alpha=3.9,beta=0.9', '--batch', '4', '--dim', '100', '--steady-state');
    const setup = nqmSetup({ dim: 100 });
    expect(out.curves[0]).toEqual({ method: 'hb:alpha=0.1,beta=0.9', batch: 4, steps: null, alpha: 0.1, beta: 0.9, effectiveLearningRate: 0.1 / (1 - 0.9), steadyStateRisk: nqmSteadyStateRisk('hb:alpha=0.1,beta=0.9', setup, 4).risk, steadyState: 'stable' });
    expect(out.curves[0].steadyStateRisk).toBeGreaterThan(0.01);
    expect(out.curves[1]).toMatchObject({ steps: null, steadyStateRisk: null, steadyState: 'no steady state: unstable' });
  });

  it('a target above the initial loss is reached at step 0 and the table says so', () => {
    const r = cli('nqm', '--method', 'sgd', '--batch', '4', '--dim', '100', '--target', '10');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reached at step 0/);
    expect(cliJson('nqm', '--method', 'sgd', '--batch', '4', '--dim', '100', '--target', '10').curves[0].steps).toBe(0);
  });

  it('splits --method lists: an item with = and no : continues the previous spec', () => {
    expect(splitMethods(['sgd,hb:alpha=0.1,beta=0.9,nag'])).toEqual(['sgd', 'hb:alpha=0.1,beta=0.9', 'nag']);
    expect(splitMethods(['sgd', 'hb:beta=0.9'])).toEqual(['sgd', 'hb:beta=0.9']);
  });

  it('bad input exits 2 with one line naming the parameter', () => {
    for (const [args, name] of [
      [['--batch', '0'], '--batch'], [['--batch', '2.5'], '--batch'], [['--batch', '4', '--target', '0'], '--target'],
      [['--batch', '4', '--target', '-1'], '--target'], [['--batch', '4', '--dim', '2000000'], '--dim'], [['--batch', '4', '--format', 'xml'], '--format'],
    ] as const) {
      const r = cli('nqm', '--method', 'sgd', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(name);
    }
    const bad = cli('nqm', '--method', 'cg', '--batch', '4');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--method');
  });
});

describe('momentum-lab nqm --precondition P (SGD and every method preconditioned by H^-P)', () => {
  it('tuned rows equal nqmTune with { precondition }, the setup says P; P = 0 prints exactly the unpreconditioned output', () => {
    const out = cliJson('nqm', '--method', 'sgd,hb', '--batch', '64', '--dim', '300', '--precondition', '0.5');
    expect(out.setup).toMatchObject({ dim: 300, precondition: 0.5 });
    const setup = nqmSetup({ dim: 300 });
    const sgd = nqmTune('gd', setup, 64, 0.01, { precondition: 0.5 }), hb = nqmTune('hb', setup, 64, 0.01, { precondition: 0.5 });
    expect(out.curves).toEqual([
      { method: 'sgd', batch: 64, steps: sgd.steps, alpha: sgd.alpha, beta: null, effectiveLearningRate: sgd.effectiveLearningRate },
      { method: 'hb', batch: 64, steps: hb.steps, alpha: hb.alpha, beta: hb.beta, effectiveLearningRate: hb.effectiveLearningRate },
    ]);
    // Preconditioning by H^-1/2 needs fewer steps than plain SGD here (h spans [1/300, 1]).
    expect(sgd.steps!).toBeLessThan(nqmTune('gd', setup, 64, 0.01).steps!);
    expect(cli('nqm', '--method', 'sgd', '--batch', '64', '--dim', '300', '--precondition', '0', '--format', 'json').stdout)
      .toBe(cli('nqm', '--method', 'sgd', '--batch', '64', '--dim', '300', '--format', 'json').stdout);
  });

  it('fixed parameters: steps and steady-state risk from the preconditioned theory', () => {
    const out = cliJson('nqm', '--method', 'gd:alpha=0.5', '--batch', '16', '--dim', '50', '--precondition', '1', '--steady-state');
    const setup = nqmSetup({ dim: 50 });
    expect(out.curves[0].steps).toBe(nqmStepsToTarget('gd:alpha=0.5', setup, 16, 0.01, { precondition: 1 }).steps);
    expect(out.curves[0].steadyStateRisk).toBe(nqmSteadyStateRisk('gd:alpha=0.5', setup, 16, { precondition: 1 }).risk);
  });

  it('refuses P outside [0, 1]: exit 2, one line naming --precondition', () => {
    for (const p of ['-0.1', '1.5', 'x', '']) {
      const r = cli('nqm', '--method', 'sgd', '--batch', '4', '--dim', '10', '--precondition', p);
      expect(r.code, p).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--precondition');
    }
  });
});

describe('momentum-lab nqm --shard i/n and --merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nqm-shards-'));
  const args = ['nqm', '--method', 'sgd,hb:beta=0.9', '--batch', '1,16,256,4096', '--dim', '200', '--steady-state', '--steps', '100', '--precondition', '0.25'];
  const shard = (spec: string, extra: string[] = []): string => {
    const r = cli(...args, ...extra, '--shard', spec, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const file = join(dir, `${spec.replace('/', '-of-')}${extra.join('')}.json`);
    writeFileSync(file, r.stdout);
    return file;
  };

  it('shards computed separately and merged (in any order) print exactly the unsharded JSON, CSV and table', () => {
    const full = cli(...args, '--format', 'json');
    const files = ['0/3', '1/3', '2/3'].map((s) => shard(s));
    const merged = cli('nqm', '--merge', files[2], files[0], files[1], '--format', 'json');
    expect(merged.code, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(full.stdout));
    expect(merged.stdout).toBe(full.stdout);
    // Contiguous blocks [floor(i 8/3), floor((i+1) 8/3)) of the 2 x 4 method-major points.
    expect(files.map((f) => JSON.parse(readFileSync(f, 'utf8')).shard).map((s: { from: number; to: number }) => [s.from, s.to])).toEqual([[0, 2], [2, 5], [5, 8]]);
    expect(cli('nqm', '--merge', ...files, '--format', 'csv').stdout).toBe(cli(...args, '--format', 'csv').stdout);
    expect(cli('nqm', '--merge', ...files).stdout).toBe(cli(...args).stdout);
  });

  it('bad shard specs exit 2 with one line naming --shard', () => {
    for (const spec of ['3/3', '1/0', '-1/2', 'x', '1/2/3', '1.5/3', '']) {
      const r = cli('nqm', '--method', 'sgd', '--batch', '4', '--dim', '10', '--shard', spec);
      expect(r.code, spec).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--shard');
    }
  });

  it('merging shards of different setups, overlapping or incomplete shards, or a non-shard file exits 2 naming --merge', () => {
    const a = shard('0/2'), b = shard('1/2');
    const other = shard('1/2', ['--target', '0.02']);
    const notShard = join(dir, 'plain.json');
    writeFileSync(notShard, cli(...args, '--format', 'json').stdout);
    for (const [files, message] of [
      [[a, other], /a shard of the same nqm run as .*"target":0\.01/], [[a, a, b], /point 0 appears twice/], [[b], /point 0 is missing/],
      [[a, notShard], /a JSON file written by `momentum-lab nqm --shard i\/n --format json`/], [[join(dir, 'missing.json')], /readable/],
    ] as const) {
      const r = cli('nqm', '--merge', ...files);
      expect(r.code, files.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--merge/);
      expect(r.stderr).toMatch(message);
    }
  });

  it('--help ends with examples, shards and merge among them', () => {
    const help = cli('nqm', '--help').stdout.trimEnd().split('\n');
    const at = help.indexOf('Examples:');
    expect(at).toBeGreaterThan(0);
    expect(help.slice(at + 1).every((l) => l.startsWith('  momentum-lab nqm '))).toBe(true);
    expect(help.slice(at).join('\n')).toMatch(/--shard 0\/2[\s\S]*--merge s0\.json s1\.json[\s\S]*/);
    expect(help.slice(at).join('\n')).toContain('--precondition 0.5');
  });
});

describe('nqm on the paper setup (binned search, exact steps)', () => {
  it('--dim 10000 tuned SGD at B = 64 equals nqmTune on the bins, certified on the 10^4 directions', () => {
    const out = cliJson('nqm', '--method', 'sgd', '--batch', '64');
    const setup = nqmSetup();
    const t = nqmTune('gd', setup, 64, 0.01, { bins: nqmBins(setup) });
    expect(out.curves[0].steps).toBe(t.steps);
    expect(out.curves[0].alpha).toBe(t.alpha);
  });
});
