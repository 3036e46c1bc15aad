// One option name for one thing in every command (issue 16 point 4): output files are --out (sweep's --output is a
// hidden old name), tolerances --tol (sdp's --tolerance likewise; tune takes one per --tol), and a figure's spec key
// is the camelCase of the flag for the same thing (t1 = --t1, h = analyze --h, maxIter = --max-iter, rMin = --r-min,
// sharpnessEvery = --sharpness-every); the old keys (tend, hs, maxiter, rmin, every, ...) are hidden aliases.
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

/** A figure's subtitle: the line under its title that states what was computed. */
const subtitle = (figure: unknown) => (figure as { title: { subtitle: string } }).title.subtitle;

describe('spec key aliases', () => {
  const infos = [{ name: 'maxIter', description: '', aliases: ['maxiter', 'max_iter'] }, { name: 'width', description: '' }];
  it('renames aliases, refuses two spellings, ignores prototype keys', () => {
    expect(canonicalParams({ maxiter: '5', width: '3' }, infos, 'f')).toEqual({ maxIter: '5', width: '3' });
    expect(canonicalParams({ max_iter: '5' }, infos, 'f')).toEqual({ maxIter: '5' });
    expect(() => canonicalParams({ maxIter: '5', maxiter: '6' }, infos, 'f')).toThrow('f.maxiter = "6" is invalid: expected maxIter given once (maxiter, max_iter: its old spellings)');
    expect(Object.keys(canonicalParams({ constructor: '1' }, infos, 'f'))).toEqual(['constructor']);
  });

  // Each renamed key: [figure, new spelling, old spelling], small sizes. Both give the same Vega-Lite spec, byte for byte.
  const renamed: [string, string, string][] = [
    ['lorenz:samples=200', 't1=2', 'tend=2'],
    ['limit-cycle:samples=200', 't1=3', 'tend=3'],
    ['energy-decay:samples=100', 't1=5,h=1;4', 'tend=5,hs=1;4'],
    ['hb-eigendirections:steps=10', 'h=0.002;0.01', 'hs=0.002;0.01'],
    ['phase-space:steps=20', 'h=0.1;1', 'hs=0.1;1'],
    ['leapfrog:steps=20', 'h=0.02', 'hs=0.02'],
    ['mandelbrot:width=16', 'maxIter=20,xMin=-2,xMax=0.5,yMax=1', 'maxiter=20,xmin=-2,xmax=0.5,ymax=1'],
    ['mandelbrot:width=16', 'maxIter=20,xMin=-2', 'max_iter=20,x_min=-2'],
    ['bifurcation:width=20,height=20,keep=10', 'rMin=3,rMax=3.5', 'rmin=3,rmax=3.5'],
    ['sharpness:methods=gd:alpha=0.2,steps=100,hidden=8', 'sharpnessEvery=50', 'every=50'],
  ];
  it.each(renamed)('%s: %s and %s give the same figure', (base, now, old) => {
    const a = JSON.stringify(buildFigure(`${base},${now}`));
    expect(JSON.stringify(buildFigure(`${base},${old}`))).toBe(a);
    // ... and the key took effect: the default gives another figure.
    expect(JSON.stringify(buildFigure(base))).not.toBe(a);
  });
  it('the new key reaches the figure: lorenz t1=2 integrates over [0, 2], energy-decay h=1;4 draws two curvatures', () => {
    expect(subtitle(buildFigure('lorenz:samples=200,t1=2'))).toMatch(/t ∈ \[0, 2\]/);
    const rows = (buildFigure('energy-decay:samples=50,t1=5,h=1;4') as unknown as { layer: { data: { values: { t: number; series?: string }[] } }[] }).layer[0].data.values;
    expect(new Set(rows.map((r) => r.series)).size).toBe(2);
    expect(Math.max(...rows.map((r) => r.t))).toBe(5);
  });
  it('two spellings of one key are refused; errors name the key as typed', () => {
    expect(() => buildFigure('lorenz:t1=2,tend=3')).toThrow('lorenz.tend = "3" is invalid: expected t1 given once (tend: its old spellings)');
    expect(() => buildFigure('phase-space:hs=1,h=2')).toThrow('phase-space.h = "2" is invalid: expected h given once (hs: its old spellings)');
    expect(() => buildFigure('mandelbrot:maxiter=20,max_iter=30')).toThrow('mandelbrot.max_iter = "30" is invalid: expected maxIter given once (maxiter, max_iter: its old spellings)');
    expect(() => buildFigure('lorenz:tend=0')).toThrow('lorenz.tend = 0 is invalid: expected a finite number in [1, 10000]');
    expect(() => buildFigure('lorenz:t1=0')).toThrow('lorenz.t1 = 0 is invalid: expected a finite number in [1, 10000]');
    expect(() => buildFigure('phase-space:hs=0.1;x')).toThrow(/^phase-space\.hs = "0\.1;x" is invalid/);
    expect(() => buildFigure('sharpness:steps=20000,every=5,methods=gd:alpha=0.2')).toThrow(/^sharpness\.every = 5 is invalid: expected at least 9/);
    expect(() => buildFigure('sharpness:steps=20000,sharpnessEvery=5,methods=gd:alpha=0.2')).toThrow(/^sharpness\.sharpnessEvery = 5 is invalid/);
  });
  it('quick sizes use the new keys, and an explicit old key still beats them', () => {
    const a = buildFigure('mandelbrot:width=16,maxiter=20,xmin=-2', { quick: true });
    const b = buildFigure('mandelbrot:width=16,maxIter=20,x_min=-2', { quick: true });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(subtitle(a)).toMatch(/, 20 iterations;/);
  });
});

describe('the command line: one spelling documented, both accepted', () => {
  const old = ['tend=', 'hs=', 'maxiter=', 'xmin=', 'xmax=', 'ymax=', 'rmin=', 'rmax=', ' every='];
  it.concurrent('plot --list shows only the new keys', () => {
    const list = cli('plot', '--list').stdout;
    for (const key of old) expect(list, key).not.toContain(key);
    for (const key of ['t1=30', 't1=40', 't1=60', 'h=0.0005;0.001;0.002', 'h=auto', 'maxIter=500 xMin=-2.3 xMax=0.8 yMax=1.2', 'rMin=2.8 rMax=4', 'sharpnessEvery=25']) expect(list, key).toContain(key);
  });
  it.concurrent('plot with the old key writes the same file as with the new one; both at once exit 2', () => {
    const a = join(dir, 'lorenz-new.json'), b = join(dir, 'lorenz-old.json');
    expect(cli('plot', 'lorenz', 't1=2', 'samples=100', '--out', a).code).toBe(0);
    expect(cli('plot', 'lorenz', 'tend=2', 'samples=100', '--out', b).code).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    const both = cli('plot', 'lorenz', 't1=2', 'tend=2', '--out', b);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('momentum-lab: lorenz.tend = "2" is invalid: expected t1 given once (tend: its old spellings)\n');
  });
  it.concurrent('tune takes one tolerance per --tol; the old comma list gives the same output; --help shows --tol <t>', () => {
    const args = ['tune', '--method', 'nag', '--rule', 'optimal', '--mu', '0.0001', '--L', '1', '--format', 'json'];
    const a = cli(...args, '--tol', '1e-3', '--tol', '1e-6', '--tol', '1e-9');
    const b = cli(...args, '--tol', '1e-3,1e-6,1e-9');
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    // rate 0.988453...: k = ceil(ln tol / ln rate), 595 / 1190 / 1785 iterations (docs/theory.md).
    expect(JSON.parse(a.stdout).iterationsTo).toEqual({ '1e-3': 595, '1e-6': 1190, '1e-9': 1785 });
    expect(JSON.parse(cli(...args).stdout).iterationsTo).toEqual({ '1e-6': 1190 });
    const twice = cli(...args, '--tol', '1e-6', '--tol', '1e-6');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe('momentum-lab: --tol = "1e-6" is invalid: expected each tolerance once\n');
    const help = cli('tune', '--help').stdout;
    expect(help).toMatch(/^ {2}--tol <t> /m);
    expect(help).not.toMatch(/--tol <list>|--tol [0-9e.-]+,/);
  });
  it.concurrent('a --tol is one number in run, dynamics and sdp (a list is refused naming --tol)', () => {
    for (const args of [['run', '--problem', 'quadratic:dim=2', '--method', 'gd'], ['dynamics', 'lorenz'], ['sdp', sdp]]) {
      const r = cli(...args, '--tol', '1e-6,1e-9');
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/^momentum-lab: --tol = "1e-6,1e-9" is invalid: expected /);
    }
  });
});
