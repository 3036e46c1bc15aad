// CLI tests for `certify` and `sdp`: spawn the built CLI (npm test builds first), check JSON output and exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { cli, cliJson as runJson } from './spawn-cli.js';

describe('momentum-lab certify', () => {
  it('GD with the optimal step 2/(L+mu) (gd:tune=optimal) is certified at (kappa − 1)/(kappa + 1), with exactly the documented keys', () => {
    const out = runJson('certify', '--method', 'gd:tune=optimal', '--mu', '1', '--L', '10');
    expect(Object.keys(out)).toEqual(['method', 'mu', 'L', 'iqc', 'rate', 'certified', 'bisectionSteps', 'solveMs']);
    expect(out).toMatchObject({ method: 'gd:tune=optimal', mu: 1, L: 10, iqc: 'weighted', certified: true });
    expect(Math.abs(out.rate - 9 / 11)).toBeLessThan(1e-6);
    expect(out.bisectionSteps).toBe(1); // the probe just above the quadratic rate settles GD in one SDP
    expect(out.solveMs).toBeGreaterThan(0);
  });
  it('heavy ball with Polyak tuning at kappa = 25: rate null (empty CSV cell) and certified false', () => {
    const r = cli('certify', '--method', 'hb:tune=polyak', '--mu', '1', '--L', '25', '--format', 'csv');
    expect(r.code).toBe(0);
    const [header, row] = r.stdout.trim().split('\n').map((l) => l.split(','));
    expect(header).toEqual(['method', 'mu', 'L', 'iqc', 'rate', 'certified', 'bisectionSteps', 'solveMs']);
    expect(row.slice(0, 6)).toEqual(['hb:tune=polyak', '1', '25', 'weighted', '', 'false']);
    expect(Number(row[6])).toBe(2); // both end probes fail: nothing below 1 is certifiable
  });
  it('two-term with explicit coefficients equals the same method as a user state space from JSON', () => {
    const a = runJson('certify', '--method', 'two-term:alpha=0.1,beta1=0.5,beta2=0.2', '--mu', '1', '--L', '10');
    const dir = mkdtempSync(join(tmpdir(), 'certify-cli-'));
    const file = join(dir, 'ss.json');
    writeFileSync(file, JSON.stringify({ A: [[1.5, -0.5], [1, 0]], B: [[-0.1], [0]], C: [[1.2, -0.2]], D: 0 }));
    const b = runJson('certify', '--state-space', file, '--mu', '1', '--L', '10');
    expect(a.certified).toBe(true);
    expect(Math.abs(a.rate - b.rate)).toBeLessThan(1e-7);
    expect(b.method).toBe(`state-space:${file}`);
  });
  it('PEP: one GD step alpha = 1/L gives (1 − mu/L)^2 in squared distance', () => {
    const out = runJson('certify', '--method', 'gd:alpha=0.25', '--mu', '1', '--L', '4', '--pep', '1', '--measure', 'distance', '--initial', 'distance');
    expect(Object.keys(out)).toEqual(['method', 'N', 'worstCase', 'status', 'measure', 'initial']);
    expect(Math.abs(out.worstCase - 0.5625)).toBeLessThan(1e-7);
  });
  it('bad input exits 2 with one line naming the parameter', () => {
    for (const [args, pattern] of [
      // (one spawn per case is slow: the parameter checks themselves are unit-tested in test/certify)
      [['--method', 'adam', '--mu', '1', '--L', '2'], /--method = "adam" is invalid: expected one of gd, hb, nag/],
      [['--method', 'gd', '--mu', '1', '--L', 'abc'], /--L = "abc" is invalid: expected a finite number/],
      [['--method', 'gd', '--mu', '0.1', '--L', '1', '--pep', '2', '--measure', 'loss'], /--measure = "loss"/],
    ] as [string[], RegExp][]) {
      const r = cli('certify', ...args, '--format', 'json');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    }
  });
});

describe('momentum-lab sdp', () => {
  const refs = JSON.parse(readFileSync('test/fixtures/sdpa/references.json', 'utf8'));
  it('solves a committed SDPA file to CSDP\'s value and prints status, objectives, timings', () => {
    const out = runJson('sdp', 'test/fixtures/sdpa/random-04.dat-s');
    expect(out.status).toBe('optimal');
    expect(Math.abs(out.primalObjective - refs['random-04'].dual) / (1 + Math.abs(refs['random-04'].dual))).toBeLessThan(1e-6);
    expect(Math.abs(out.dualObjective - refs['random-04'].dual) / (1 + Math.abs(refs['random-04'].dual))).toBeLessThan(1e-6);
    expect(out.minEigX).toBeGreaterThanOrEqual(0);
    expect(out.solveMs).toBeGreaterThan(0);
    expect(out.blocks).toEqual([15]);
  });
  it('reports an infeasible problem as infeasible', () => {
    expect(runJson('sdp', 'test/fixtures/sdpa/infeasible-01.dat-s').status).toBe('infeasible');
  });
  it('bad files exit 2 naming the file or the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdp-cli-'));
    const bad = join(dir, 'bad.dat-s');
    writeFileSync(bad, '1\n1\n2\n1\n1 1 3 3 1\n');
    const r = cli('sdp', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SDPA line 5 = 3 is invalid/);
  });
});
