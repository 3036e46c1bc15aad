// One option name for one thing in every command (issue 16 point 4): output files are --out (sweep's --output is a
// hidden old name), tolerances --tol (sdp's --tolerance likewise), and the mandelbrot figure's spec keys also take the
// spellings of `dynamics mandelbrot`'s flags (maxIter / max_iter for maxiter, ...).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index.js';
import { buildFigure } from '../../src/plot/figures.js';
import { canonicalParams } from '../../src/spec.js';
import { cli } from './spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ml-options-'));
const sdp = join(dir, 'ok.dat-s');
writeFileSync(sdp, '1\n1\n2\n1.0\n0 1 1 1 1.0\n0 1 2 2 1.0\n1 1 1 1 1.0\n1 1 2 2 1.0\n');
const sweep = ['sweep', '--problem', 'quadratic:dim=4', '--method', 'gd', '--alpha', '0.1:1:2', '--steps', '5', '--workers', '1'];

describe('option names', () => {
  it.concurrent('no command documents --output or --tolerance; sweep documents --out, sdp --tol', () => {
    for (const name of Object.keys(commands)) {
      const help = cli(name, '--help').stdout;
      expect(help, name).not.toMatch(/--output\b|--tolerance\b/);
    }
    expect(cli('sweep', '--help').stdout).toMatch(/^ {2}--out <file>/m);
    expect(cli('sdp', '--help').stdout).toMatch(/^ {2}--tol <t>/m);
  });
  it.concurrent('sweep --out writes the file; the old --output still does', () => {
    const a = join(dir, 'a.json'), b = join(dir, 'b.csv');
    const r = cli(...sweep, '--out', a);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*a\.json \(json, 2 of 2 points/);
    const s = cli(...sweep, '--output', b);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^wrote .*b\.csv \(csv, 2 of 2 points/);
    expect(JSON.parse(readFileSync(a, 'utf8')).points).toHaveLength(2);
    expect(existsSync(b)).toBe(true);
    const both = cli(...sweep, '--out', a, '--output', b);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('momentum-lab: sweep takes --out FILE once (--output is its old name)\n');
    const bad = cli(...sweep, '--out', join(dir, 'no-such-dir', 'x.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^momentum-lab: --out = .* is invalid/);
  });
  it.concurrent('sdp --tol sets the tolerance; the old --tolerance still does', () => {
    const a = cli('sdp', sdp, '--tol', '1e-10', '--format', 'json');
    const b = cli('sdp', sdp, '--tolerance', '1e-10', '--format', 'json');
    expect(a.code).toBe(0);
    const solution = (text: string) => { const { readMs: _r, solveMs: _s, ...rest } = JSON.parse(text) as Record<string, unknown>; return rest; };
    expect(solution(b.stdout)).toEqual(solution(a.stdout));
    expect(solution(a.stdout).iterations).toBeGreaterThan(0);
    const bad = cli('sdp', sdp, '--tol', '1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^momentum-lab: --tol = "?1"? is invalid/);
    expect(cli('sdp', sdp, '--tol', '1e-9', '--tolerance', '1e-9').stderr).toBe('momentum-lab: sdp takes --tol once (--tolerance is its old name)\n');
  });
});

describe('spec key aliases', () => {
  const infos = [{ name: 'maxiter', description: '', aliases: ['maxIter', 'max_iter'] }, { name: 'width', description: '' }];
  it('renames aliases, refuses two spellings, ignores prototype keys', () => {
    expect(canonicalParams({ maxIter: '5', width: '3' }, infos, 'f')).toEqual({ maxiter: '5', width: '3' });
    expect(canonicalParams({ max_iter: '5' }, infos, 'f')).toEqual({ maxiter: '5' });
    expect(() => canonicalParams({ maxiter: '5', maxIter: '6' }, infos, 'f')).toThrow('f.maxiter = "6" is invalid: expected one value (maxiter, maxIter, max_iter are spellings of one key)');
    expect(Object.keys(canonicalParams({ constructor: '1' }, infos, 'f'))).toEqual(['constructor']);
  });
  it('mandelbrot takes maxIter / x_min for maxiter / xmin, and maxIter beats --quick\'s maxiter', () => {
    const a = buildFigure('mandelbrot:width=16,maxiter=20,xmin=-2', { quick: true });
    const b = buildFigure('mandelbrot:width=16,maxIter=20,x_min=-2', { quick: true });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(() => buildFigure('mandelbrot:maxiter=20,max_iter=30')).toThrow(/spellings of one key/);
  });
});
