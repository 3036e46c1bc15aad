// The command-line contract (DESIGN.md "Command line contract"), checked for every command against the built CLI:
// --help exits 0 and documents --format; bad input exits 2 with exactly one stderr line naming the parameter (never a
// stack trace); --format json parses and carries the documented camelCase keys with plain numbers.
// Spawns run concurrently (it.concurrent, vitest's default of 5 at a time): about 100 spawns in ~15 s on 2 cores.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Result { code: number | null; stdout: string; stderr: string }
const cli = (args: string[]) => new Promise<Result>((resolve) => {
  execFile(process.execPath, ['bin/momentum-lab.js', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
    resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
  });
});

// Fixtures: a 2x2 SDP with optimum 1 (max X11 + X22 s.t. X11 + X22 = 1), malformed SDPA files, a state-space file.
const dir = mkdtempSync(join(tmpdir(), 'ml-contract-'));
const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
const okSdp = file('ok.dat-s', '1\n1\n2\n1.0\n0 1 1 1 1.0\n0 1 2 2 1.0\n1 1 1 1 1.0\n1 1 2 2 1.0\n');
const badRowSdp = file('bad-row.dat-s', '1\n1\n2\n1.0\n0 1 1 1 1.0\n1 1 5 5 1.0\n');
const emptySdp = file('empty.dat-s', '');
const hugeSdp = file('huge.dat-s', '1\n1\n1000000\n1.0\n'); // a 1e6 x 1e6 block: was a RangeError stack trace
const notJson = file('not.json', 'root:x:0:0\n');
const badState = file('state.json', '{"A": [[1, "x"], [0, 1]], "B": [1, 0], "C": [1, 0], "D": 0}');
const missing = join(dir, 'no-such-dir', 'x');
const hugeShard = file('huge-shard.json', '{"points": [{"index": -1}], "total": 1e12}');
const eye60 = Array.from({ length: 60 }, (_, i) => Array.from({ length: 60 }, (_, j) => (i === j ? 0.5 : 0)));
const bigState = file('state60.json', JSON.stringify({ A: eye60, B: eye60.map(() => 0), C: eye60.map(() => 0), D: 0 }));

const COMMANDS = ['run', 'methods', 'problems', 'analyze', 'tune', 'sweep', 'dynamics', 'certify', 'sdp', 'plot', 'report'] as const;
const SYSTEMS = ['lorenz', 'vanderpol', 'hopf', 'linear', 'logistic', 'bifurcation', 'mandelbrot', 'julia'];

/** [arguments, the parameter the one-line message must name]. */
const BAD: [string[], string][] = [
  // run
  [['run'], '--problem'],
  [['run', '--problem', 'quadratic'], '--method'],
  [['run', '--problem', 'quadratic', '--method', 'hb', '--steps', '-1'], '--steps'],
  [['run', '--problem', 'quadratic', '--method', 'hb', '--steps', '1e300'], '--steps'],
  [['run', '--problem', 'quadratic', '--method', 'hb', '--tol', 'NaN'], '--tol'],
  [['run', '--problem', 'quadratic', '--method', 'hb', '--seed', 'Infinity'], '--seed'],
  [['run', '--problem', 'quadratic:dim=-1', '--method', 'hb'], 'quadratic.dim'],
  [['run', '--problem', '', '--method', 'hb'], '--problem'],
  [['run', '--problem', 'quadratic', '--method', 'hb:beta=2'], 'hb.beta'],
  [['run', '--problem', 'quadratic', '--method', 'hb', '--record', 'w'], '--record'],
  [['run', '--problem', 'quadratic', '--method', 'hb', '--config', notJson], '--config'],
  [['run', '--problem', 'quadratic', '--method', 'hb', '--format', 'xml'], '--format'],
  [['run', '--problem', 'quadratic', '--metod', 'hb'], '--metod'],
  [['run', '--problem', 'quadratic:dim=1000000', '--method', 'hb', '--steps', '1e8', '--tol', '0'], '--steps x dim'],
  [['run', '--problem', 'quadratic:mu=1e-300,L=1e300', '--method', 'hb:tune=polyak'], '--problem'],
  // methods, problems
  [['methods', 'nope'], 'method'],
  [['methods', '--format', 'xml'], '--format'],
  [['problems', 'nope'], 'problem'],
  [['problems', 'quadratic', '--format', ''], '--format'],
  // analyze
  [['analyze'], '--method'],
  [['analyze', '--method', 'hb', '--h', '-1'], '--h'],
  [['analyze', '--method', 'hb', '--h', ''], '--h'],
  [['analyze', '--method', 'hb:alpha=1', '--h', '1e300'], '--h'],
  [['analyze', '--method', 'hb', '--mu', '1', '--L', '0.5'], '--L'],
  [['analyze', '--method', 'cg', '--h', '1'], '--method'],
  // tune
  [['tune', '--method', 'nope', '--mu', '1', '--L', '10'], '--method'],
  [['tune', '--method', 'hb', '--mu', '1e-300', '--L', '1e300'], '--L'],
  [['tune', '--method', 'hb', '--mu', '1', '--L', '10', '--tol', '0'], '--tol'],
  [['tune', '--method', 'hb', '--mu', '1', '--L', '10', '--rule', 'nope'], '--rule'],
  // sweep
  [['sweep', '--problem', 'quadratic', '--method', 'hb'], '--alpha'],
  [['sweep', '--problem', 'quadratic', '--method', 'hb', '--alpha', '0.1:1:1e6'], '--alpha'],
  [['sweep', '--problem', 'nope', '--method', 'hb', '--alpha', '0.1:1:3'], '--problem'],
  [['sweep', '--problem', 'quadratic', '--method', 'hb', '--alpha', '0.1:1:3', '--workers', '0'], '--workers'],
  [['sweep', '--problem', 'quadratic:dim=10', '--method', 'hb', '--alpha', '0.1:1:3', '--workers', '1', '--output', missing], '--output'],
  [['sweep', '--problem', 'quadratic:dim=1000000', '--method', 'hb', '--alpha', '0.1:1:4096', '--beta', '0:0.9:4096', '--steps', '1000000'], 'points x --steps x dim'],
  [['sweep', '--merge', missing], '--merge'],
  [['sweep', 'extra'], 'sweep'],
  [['sweep', '--merge', hugeShard], '--merge'], // was a RangeError stack trace (array of length 1e12)
  // dynamics
  [['dynamics'], 'dynamics'],
  [['dynamics', 'nope'], 'dynamics SYSTEM'],
  [['dynamics', 'lorenz', '--a', '1e300'], '--a'],
  [['dynamics', 'lorenz', '--x0', '1,2'], '--x0'],
  [['dynamics', 'lorenz', '--sigmaa', '1'], '--sigmaa'],
  [['dynamics', 'lorenz', 'extra'], 'lorenz'], // subcommands must not inherit the parent's allowExcessArguments
  [['dynamics', 'lorenz', '--lyapunov-time', '1e9'], '--lyapunov-time'],
  [['dynamics', 'vanderpol', '--mu', '-1'], '--mu'],
  [['dynamics', 'linear', '--matrix', '1e300,0;0,1'], '--matrix'],
  [['dynamics', 'linear', '--matrix', '1,2;3'], '--matrix'],
  [['dynamics', 'logistic', '--r', '5'], '--r'],
  [['dynamics', 'bifurcation', '--nr', '1e5', '--transient', '1e7', '--keep', '1e4'], '--keep'],
  [['dynamics', 'mandelbrot', '--width', '16384', '--height', '16384', '--max-iter', '10000000'], '--max-iter'],
  [['dynamics', 'mandelbrot', '--x-min', '1', '--x-max', '0'], '--x-max'],
  [['dynamics', 'mandelbrot', '--width', '4', '--out', `${missing}.png`], '--out'],
  [['dynamics', 'julia', '--c', '1,x'], '--c'],
  // certify
  [['certify', '--mu', '1', '--L', '10'], '--method'],
  [['certify', '--method', 'hb', '--mu', '0', '--L', '10'], '--mu'],
  [['certify', '--method', 'hb', '--mu', '1', '--L', '10', '--iqc', 'nope'], '--iqc'],
  [['certify', '--method', 'tmm', '--mu', '1', '--L', '10', '--pep', '50'], '--pep'],
  [['certify', '--method', 'gd', '--mu', '1', '--L', '10', '--pep', '2', '--measure', 'nope'], '--measure'],
  [['certify', '--state-space', missing, '--mu', '1', '--L', '10'], '--state-space'],
  [['certify', '--state-space', badState, '--mu', '1', '--L', '10'], '--state-space'],
  [['certify', '--state-space', bigState, '--mu', '1', '--L', '10'], '--state-space'],
  // sdp
  [['sdp'], 'file'],
  [['sdp', missing], 'FILE'],
  [['sdp', emptySdp], 'SDPA'],
  [['sdp', badRowSdp], 'SDPA line 6'],
  [['sdp', notJson], 'SDPA line 1'],
  [['sdp', okSdp, '--tolerance', 'abc'], '--tolerance'],
  [['sdp', hugeSdp], 'FILE'],
  // plot
  [['plot'], 'FIGURE'],
  [['plot', 'nope'], 'figure'],
  [['plot', 'lorenz:a=1e300'], 'lorenz.a'],
  [['plot', 'lorenz', 'samples=1e12'], 'lorenz.samples'],
  [['plot', 'lorenz', '--scale', '0'], '--scale'],
  [['plot', 'nesterov-worst', 'dim=100000', 'steps=100000'], 'nesterov-worst.dim x steps'], // ran for minutes
  [['plot', 'convergence-vs-kappa:kmax=1e6'], 'convergence-vs-kappa.kmax x dim'],
  [['plot', 'nesterov-worst', 'dim=abc'], 'nesterov-worst.dim'],
  [['plot', 'lorenz', '--out', 'x.gif'], '--out'],
  [['plot', 'lorenz', '--format', 'csv'], '--format'],
  [['plot', 'logistic', '--quick', '--out', `${missing}.svg`], '--out'],
  // report
  [['report', '--only', 'no-such-check', '--out', join(dir, 'r0')], '--only'],
  [['report', '--format', 'xml'], '--format'],
  [['report', '--only', 'gd-certified-rate', '--out', join(notJson, 'sub')], '--out'],
];

/** [arguments, keys the JSON object must have (for arrays: its first element)]. */
const JSON_CASES: [string[], string[]][] = [
  [['run', '--problem', 'quadratic:dim=3', '--method', 'hb', '--steps', '5'], ['status', 'steps', 'finalLoss', 'divergedAt', 'finalGradNorm', 'oracleCalls', 'problem', 'method', 'options', 'trace']],
  [['methods'], ['name', 'description', 'equation', 'linear', 'params', 'tuning']],
  [['problems', 'quadratic'], ['name', 'description', 'params']],
  [['analyze', '--method', 'hb:alpha=1,beta=0.81', '--h', '1,4'], ['method', 'params', 'stateSpace', 'order', 'twoTerm', 'directions', 'thresholds', 'rate', 'effectiveLearningRate']],
  [['tune', '--method', 'hb', '--mu', '1', '--L', '100'], ['method', 'rule', 'alpha', 'beta', 'params', 'spec', 'rate', 'iterationsTo']],
  [['sweep', '--problem', 'quadratic:dim=10', '--method', 'hb', '--alpha', '0.1:3:4', '--beta', '0:0.9:2', '--workers', '1'], ['problem', 'method', 'steps', 'alphaAxis', 'betaAxis', 'total', 'shard', 'points']],
  [['dynamics', 'logistic', '--r', '3.2', '--n', '5'], ['period', 'lyapunov', 'superstable', 'r', 'x0', 'cycle', 'multiplier', 'data']],
  [['dynamics', 'lorenz', '--t1', '1', '--samples', '3', '--lyapunov-time', '10'], ['lyapunov', 'lyapunovMessage', 'a', 'b', 'c', 'x0', 't1', 'status', 'stats', 'data']],
  [['dynamics', 'linear', '--matrix', '2,0;0,1'], ['eigenvalues', 'continuous', 'discrete', 'convention', 'alpha', 'system', 'diverged', 'systemMatrices', 'jordan', 'data']],
  [['dynamics', 'mandelbrot', '--width', '8'], ['areaEstimate', 'inside', 'width', 'height', 'maxIter', 'xMin', 'xMax', 'yMin', 'yMax', 'ms']],
  [['certify', '--method', 'gd', '--mu', '1', '--L', '10'], ['method', 'mu', 'L', 'iqc', 'rate', 'certified', 'bisectionSteps', 'solveMs']],
  [['certify', '--method', 'gd', '--mu', '1', '--L', '10', '--pep', '2'], ['method', 'N', 'worstCase', 'status', 'measure', 'initial']],
  [['sdp', okSdp], ['file', 'status', 'primalObjective', 'dualObjective', 'relativeGap', 'primalInfeasibility', 'dualInfeasibility', 'iterations', 'constraints', 'blocks']],
  [['plot', '--list'], ['name', 'section', 'title', 'caption', 'params', 'quick']],
  [['plot', 'logistic', '--quick', '--out', join(dir, 'logistic.svg')], ['figure', 'params', 'out', 'format', 'bytes', 'ms']],
  [['report', '--only', 'gd-certified-rate', '--out', join(dir, 'report')], ['out', 'html', 'json', 'quick', 'checks', 'passed', 'failed', 'figures', 'ms']],
];

/** Every key camelCase (letters and digits) and no number written as a string, at any depth. */
function checkPlain(value: unknown, path = '$'): string[] {
  const bad: string[] = [];
  if (Array.isArray(value)) value.slice(0, 5).forEach((v, i) => bad.push(...checkPlain(v, `${path}[${i}]`)));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      // tune's iterationsTo is a map keyed by the tolerances as given (e.g. "1e-6"): data, not field names.
      if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(k) && !path.endsWith('.iterationsTo')) bad.push(`${path}.${k}`);
      bad.push(...checkPlain(v, `${path}.${k}`));
    }
  } else if (typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value)) bad.push(`${path} = "${value}" (a number as a string)`);
  return bad;
}

describe('command-line contract: --help', () => {
  const helps = [...COMMANDS.map((c) => [c]), ...SYSTEMS.map((s) => ['dynamics', s])];
  it.concurrent.each(helps.map((a) => [a.join(' '), a] as const))('%s --help exits 0 and documents --format', async (_name, args) => {
    const r = await cli([...args, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format');
    expect(r.stdout).toMatch(/json/);
  });
});

describe('command-line contract: bad input exits 2 with one line naming the parameter', () => {
  // Every command appears in the table.
  it('covers every command', () => {
    for (const c of COMMANDS) expect(BAD.some(([a]) => a[0] === c), c).toBe(true);
  });
  it.concurrent.each(BAD.map(([a, p]) => [a.join(' ').replace(dir, '$TMP'), a, p] as const))('%s', async (_name, args, parameter) => {
    const r = await cli(args);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(r.code, r.stderr).toBe(2);
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toContain(parameter);
    expect(lines[0]).not.toMatch(/internal error|\bat .*\.js:\d+/);
    expect(r.stdout).toBe('');
  });
});

describe('command-line contract: --format json', () => {
  it('covers every command', () => {
    for (const c of COMMANDS) expect(JSON_CASES.some(([a]) => a[0] === c), c).toBe(true);
  });
  it.concurrent.each(JSON_CASES.map(([a, k]) => [a.join(' ').replace(dir, '$TMP'), a, k] as const))('%s', async (_name, args, keys) => {
    const r = await cli([...args, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout) as unknown;
    const first = (Array.isArray(data) ? data[0] : data) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(expect.arrayContaining(keys));
    expect(checkPlain(data)).toEqual([]);
  });

  it.concurrent('numbers in the JSON are the theory\'s: tune hb on [1, 100] has rate (10 - 1)/(10 + 1); gd certified at (kappa - 1)/(kappa + 1)', async () => {
    const [tune, cert, sdp] = await Promise.all([
      cli(['tune', '--method', 'hb', '--mu', '1', '--L', '100', '--format', 'json']),
      cli(['certify', '--method', 'gd:tune=optimal', '--mu', '1', '--L', '10', '--format', 'json']),
      cli(['sdp', okSdp, '--format', 'json']),
    ]);
    const t = JSON.parse(tune.stdout), c = JSON.parse(cert.stdout), s = JSON.parse(sdp.stdout);
    expect(t.rate).toBeCloseTo(9 / 11, 12);
    expect(t.beta).toBeCloseTo(81 / 121, 12); // Polyak: beta = rate^2
    expect(c.certified).toBe(true);
    expect(Math.abs(c.rate - 9 / 11)).toBeLessThan(1e-5); // bisection to ~1e-6 from above
    expect(c.rate).toBeGreaterThanOrEqual(9 / 11 - 1e-9);
    expect(s.status).toBe('optimal');
    expect(s.primalObjective).toBeCloseTo(1, 6);
    expect(s.blocks).toEqual([2]);
  });
});

describe('command-line contract: results in tables are results', () => {
  it.concurrent('a divergent run shows its step and "-" instead of Infinity/NaN in the table; JSON has null', async () => {
    const args = ['run', '--problem', 'quadratic:dim=10', '--method', 'hb:alpha=1e300', '--steps', '50'];
    const [table, json] = await Promise.all([cli(args), cli([...args, '--format', 'json'])]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('diverged at step 1');
    expect(table.stdout).not.toMatch(/NaN|Infinity|undefined|null/);
    const out = JSON.parse(json.stdout);
    expect(out.status).toBe('diverged');
    expect(out.divergedAt).toBe(1);
    expect(out.trace.loss[1]).toBeNull();
  });

  it.concurrent('--record w on a problem without coordinates does not advertise w (src/run message fix)', async () => {
    const r = await cli(['run', '--problem', 'quadratic:dim=100', '--method', 'hb', '--record', 'w']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('or e, w for all of a group');
    const ok = await cli(['run', '--problem', 'quadratic:dim=3', '--method', 'hb', '--record', 'w', '--steps', '2', '--format', 'json']);
    expect(Object.keys(JSON.parse(ok.stdout).trace)).toEqual(['w0', 'w1', 'w2']);
  });

  it.concurrent('Lorenz with stiff parameters reports the Lyapunov overflow as a result (no crash, no NaN)', async () => {
    const r = await cli(['dynamics', 'lorenz', '--a', '1000', '--b', '1000', '--t1', '0.1', '--samples', '3', '--lyapunov-time', '10']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/largest Lyapunov exponent\s+none \(the RK4 tangent flow \(dt 0\.01\) overflowed at t = \d/);
    expect(r.stdout).not.toMatch(/NaN|Infinity|undefined/);
  });

  it.concurrent('mandelbrot CSV leaves the smooth count of inside pixels empty (no NaN cells)', async () => {
    const r = await cli(['dynamics', 'mandelbrot', '--width', '4', '--format', 'csv']);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('x,y,iterations,smooth');
    expect(rows).toHaveLength(17);
    expect(r.stdout).not.toContain('NaN');
    // The 4 x 4 grid's centre pixels (-0.4375 and 0.1875, +-0.3125) lie in the main cardioid: all 1000 iterations.
    expect(rows.filter((l) => l.endsWith(',1000,'))).toHaveLength(4);
  });
});
