// CLI: momentum-lab nqm (issue #13 point 5). JSON shapes exactly, tuned values equal to the theory API, bad input exit 2.
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

describe('nqm on the paper setup (binned search, exact steps)', () => {
  it('--dim 10000 tuned SGD at B = 64 equals nqmTune on the bins, certified on the 10^4 directions', () => {
    const out = cliJson('nqm', '--method', 'sgd', '--batch', '64');
    const setup = nqmSetup();
    const t = nqmTune('gd', setup, 64, 0.01, { bins: nqmBins(setup) });
    expect(out.curves[0].steps).toBe(t.steps);
    expect(out.curves[0].alpha).toBe(t.alpha);
  });
});
