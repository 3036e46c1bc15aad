// The cases of issue 16 ("Hardening"), one by one: each was a crash, a hang, a NaN/Infinity printed or returned as a
// result, or an invalid value accepted; each is now a one-line error naming the parameter (exit 2 / ParameterError) or
// a documented status. The command line is the built one, run in this process (test/fuzz/harness.ts).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ParameterError, certifyRate, classifyDiscrete2d, createMethod, energyDecay, expm, eigenvalues, fromRows, krylovMinimumLoss,
  largestLyapunovFlow, limitCycle, logisticLyapunov, logisticOrbit, odeDopri5, parseDecimal, parseSpec, pep, resolveParams,
  solveSdp, stronglyConvexLowerBound, tuneMethod, expressionField, lorenzField, lorenzJvp, symmetricEigen, linearFormOf, formThresholds,
} from '../../src/index.js';
import { contractViolation, fixtures, runCli } from './harness.js';

const fx = fixtures();

/** Run the CLI, expect exit 2 with one line naming `parameter` (and the contract), return that line. */
async function refused(args: string[], parameter: string | RegExp): Promise<string> {
  const r = await runCli(args);
  expect(contractViolation(args, r)).toBeNull();
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  if (typeof parameter === 'string') expect(r.err).toContain(`momentum-lab: ${parameter} = `);
  else expect(r.err).toMatch(parameter);
  return r.err;
}

describe('the one number parser: decimal only, finite, in range, naming the parameter', () => {
  it.each(['0x10', '0b11', '0o7', ' 5 ', '', 'NaN', 'Infinity', '-Infinity', '1e400', '1_000', '5,', '٣', '1e', '.', '+'])(
    'refuses %j', (text) => {
      expect(() => parseDecimal('--mu', text)).toThrow(ParameterError);
      expect(() => parseDecimal('--mu', text)).toThrow(/^--mu = ".*" is invalid: expected a finite number/);
    });
  it.each([['5', 5], ['-0.5', -0.5], ['1e-3', 0.001], ['.5', 0.5], ['5.', 5], ['+2', 2], ['1E3', 1000], ['5e-324', 5e-324]])(
    'reads %j as %d', (text, value) => expect(parseDecimal('x', text)).toBe(value));
  it('checks the range and shows the text as typed (or the number, for spec values)', () => {
    expect(() => parseDecimal('--h', '0', { min: 0, minExclusive: true })).toThrow('--h = "0" is invalid: expected a finite number > 0');
    expect(() => parseDecimal('hb.beta', '1.5', { min: 0, max: 1 }, true)).toThrow('hb.beta = 1.5 is invalid: expected a finite number in [0, 1]');
  });
  it('spec values and CLI numbers use it: hb:alpha=0x10 and --h 0x10 are refused', async () => {
    expect(() => createMethod('hb:alpha=0x10')).toThrow('hb.alpha = "0x10" is invalid');
    expect(() => createMethod('aggmo:alpha=0.1,betas=0x1;0.9')).toThrow(/aggmo\.betas/);
    await refused(['analyze', '--method', 'hb:alpha=0x10', '--h', '1'], 'hb.alpha');
    for (const h of ['0x10', '0b11', '0o7', ' 5 ', '', 'NaN']) await refused(['analyze', '--method', 'hb:alpha=0.1', '--h', h], '--h');
    await refused(['tune', '--method', 'hb', '--mu', '0x1', '--L', '1'], '--mu');
    await refused(['certify', '--method', 'gd', '--mu', '0.1', '--L', ' 1 '], '--L');
    await refused(['dynamics', 'logistic', '--r', '0b11'], '--r');
    await refused(['plot', 'logistic', '--scale', '0x2', '--out', `${fx.dir}/a.png`], '--scale');
  });
  it('`dynamics bifurcation --width=NaN` is refused without --out too', async () => {
    await refused(['dynamics', 'bifurcation', '--width=NaN'], '--width');
  });
});

describe('names are looked up as own properties only', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('%s as a method, problem, figure or rule', async (name) => {
    await refused(['analyze', '--method', name, '--h', '1'], '--method');
    await refused(['certify', '--method', name, '--mu', '0.1', '--L', '1'], '--method');
    await refused(['tune', '--method', name, '--mu', '0.1', '--L', '1'], '--method');
    await refused(['tune', '--method', 'hb', '--rule', name, '--mu', '0.1', '--L', '1'], '--rule');
    await refused(['methods', name], /^momentum-lab: method = /);
    await refused(['problems', name], /^momentum-lab: problem = /);
    await refused(['plot', name], /^momentum-lab: figure = /);
  });
  it('spec keys that are Object.prototype names are unknown keys, not "repeated"', async () => {
    expect(parseSpec('hb:constructor=1').params).toEqual({ constructor: '1' });
    expect(Object.getPrototypeOf(parseSpec('hb:toString=1,valueOf=2').params)).toBe(Object.prototype);
    expect(() => resolveParams(parseSpec('hb:constructor=1'), [])).toThrow('hb.constructor = "1" is invalid: expected one of the keys (none)');
    await refused(['analyze', '--method', 'hb:constructor=1', '--h', '1'], 'hb.constructor');
    await refused(['plot', 'logistic:toString=1'], 'logistic.toString');
    await refused(['plot', 'logistic', 'hasOwnProperty=1'], 'logistic.hasOwnProperty');
  });
});

describe('output paths need an existing parent directory, checked before any work', () => {
  it('report --out /proc/rep fails at once; /nonexistent/deep/rep creates nothing; --out "" is refused', async () => {
    const t0 = performance.now();
    await refused(['report', '--out', '/proc/rep'], '--out');
    expect(performance.now() - t0).toBeLessThan(5000);
    await refused(['report', '--out', '/nonexistent/deep/rep'], '--out');
    expect(existsSync('/nonexistent')).toBe(false);
    await refused(['report', '--out', ''], '--out');
  });
  it('plot, dynamics and sweep outputs', async () => {
    await refused(['plot', 'logistic', '--out', ''], '--out');
    await refused(['plot', 'logistic', '--out', '/nonexistent/deep/f.svg'], '--out');
    await refused(['plot', 'logistic', '--out', fx.dir], '--out');
    await refused(['dynamics', 'mandelbrot', '--width', '8', '--out', '/nonexistent/deep/m.png'], '--out');
    await refused(['sweep', '--problem', 'quadratic:dim=4', '--method', 'gd', '--alpha', '0.1:1:2', '--output', ''], '--output');
    expect(existsSync('/nonexistent')).toBe(false);
  });
  it('sweep --output says what it wrote', async () => {
    const file = `${fx.dir}/sweep.json`;
    const r = await runCli(['sweep', '--problem', 'quadratic:dim=4', '--method', 'gd', '--alpha', '0.1:1:2', '--steps', '5', '--workers', '1', '--output', file]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(new RegExp(`^wrote ${file} \\(json, 2 of 2 points, \\d+ bytes\\)\\n$`));
  });
});

describe('input files: depth and size caps', () => {
  it('a 5,000-deep --state-space JSON is a one-line error, not a stack overflow', async () => {
    const deep = fx.stateSpaces.find((f) => f.endsWith('ss-deep.json'))!;
    const err = await refused(['certify', '--state-space', deep, '--mu', '0.1', '--L', '1'], '--state-space');
    expect(err).toMatch(/nested at most 64 levels deep/);
  });
  it('sdp on 1e300 entries: a clear error naming the line (was NaN and Infinity printed)', async () => {
    const err = await refused(['sdp', fx.sdps.find((f) => f.endsWith('big.dat-s'))!], /^momentum-lab: SDPA line 4 = "1e300" is invalid: expected a number in \[-1e\+30, 1e\+30\]/);
    expect(err).not.toMatch(/NaN|Infinity/);
    expect(() => solveSdp({ blocks: [{ kind: 'diag', n: 1 }], b: Float64Array.of(1e300), A: [[{ block: 0, i: 0, j: 0, v: 1 }]], C: [] })).toThrow(/problem\.b\[0\] = 1e\+300/);
  });
});

describe('finite results or a clear error (never NaN or Infinity printed or returned)', () => {
  it('plot logistic --scale=5e-324 (was "Target size is zero")', async () => {
    await refused(['plot', 'logistic', '--scale=5e-324', '--out', `${fx.dir}/s.png`], '--scale');
  });
  it('analyze --method nag:alpha=5e-324: the gain is too small (was thresholds Infinity, "divergent" at |z| = 1)', async () => {
    const err = await refused(['analyze', '--method', 'nag:alpha=5e-324,beta=0.9', '--mu', '0.1', '--L', '1'], '--method');
    expect(err).toMatch(/\|B C\| h >= 1e-12/);
  });
  it('certify --L=1.7976931348623157e308 and kappa past 1e12 (was "kappa Infinity", "rate on quadratics 1")', async () => {
    await refused(['certify', '--method', 'gd', '--mu', '0.1', '--L=1.7976931348623157e308'], '--L');
    await refused(['certify', '--method', 'gd', '--mu', '1e-10', '--L', '1e5'], '--L');
  });
  it('a state space with D != 0 whose loop is singular: no "rate on quadratics Infinity"', async () => {
    const r = await runCli(['certify', '--state-space', fx.stateSpaces.find((f) => f.endsWith('ss-d.json'))!, '--mu', '1', '--L', '2']);
    expect(contractViolation([], r)).toBeNull();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rate on quadratics unbounded: 1 - h D = 0 at h = mu or L/);
  });
  it('a state space with 1e300 entries names --state-space, not the solver internals', async () => {
    const big = fx.stateSpaces.find((f) => f.endsWith('ss-big.json'))!;
    await refused(['certify', '--state-space', big, '--mu', '0.1', '--L', '1'], /--state-space .*: A\[0\]\[0\] = 1e\+300 is invalid: expected a finite number in \[-1000000000000, 1000000000000\]/);
    await refused(['certify', '--state-space', big, '--mu', '0.1', '--L', '1', '--pep', '1'], /--state-space/);
  });
  it('expm([[800, -800], [800, 800]]) overflows: a ParameterError (was Infinity and NaN entries)', () => {
    expect(() => expm(fromRows([[800, -800], [800, 800]]))).toThrow(/matrix = .* is invalid: expected a matrix whose exponential is finite/);
    expect(expm(fromRows([[1, 0], [0, 2]])).data[3]).toBeCloseTo(Math.exp(2), 13);
  });
  it('expm and eigenvalues check that the data has rows x cols entries, and cap the order', () => {
    const lying = { rows: 1e6, cols: 1e6, data: new Float64Array(4) };
    expect(() => expm(lying)).toThrow('matrix = "1000000x1000000" is invalid: expected a matrix of order at most 1000');
    expect(() => eigenvalues({ rows: 3, cols: 3, data: new Float64Array(4) })).toThrow('matrix.data = "4 entries" is invalid: expected 9 = rows x cols entries');
    expect(() => eigenvalues({ rows: 2, cols: 2, data: new Float64Array(9) })).toThrow(/expected 4 = rows x cols entries/);
  });
  it('krylovMinimumLoss(NaN, 10) and friends name the parameter (was NaN)', () => {
    expect(() => krylovMinimumLoss(NaN, 10)).toThrow('k = NaN is invalid: expected an integer in [0, 9007199254740991]');
    expect(() => krylovMinimumLoss(3, 0)).toThrow(/^D = 0 is invalid/);
    expect(krylovMinimumLoss(3, 10)).toBe(0.125);
    expect(() => stronglyConvexLowerBound(0.5, 1)).toThrow(/^kappa = 0.5 is invalid/);
  });
  it("tuneMethod('gd', 1e-300, 1e9, 'optimal'): kappa overflows, a ParameterError naming L (was rate NaN)", () => {
    expect(() => tuneMethod('gd', 1e-300, 1e9, 'optimal')).toThrow(/^L = 1000000000 is invalid: expected a number with kappa = L\/mu finite/);
    expect(tuneMethod('gd', 0.1, 1, 'optimal').rate).toBeCloseTo(9 / 11, 15);
  });
  it('energyDecay(.., {tEnd: 0}) and 1e9 samples are refused; overdamped directions have predictedDeviation null', () => {
    expect(() => energyDecay(1, 0.1, { tEnd: 0 })).toThrow(/^tEnd = 0 is invalid: expected a finite number in \(0, 5000\]/);
    expect(() => energyDecay(1, 0.1, { samples: 1e9 })).toThrow(/^samples = 1000000000 is invalid: expected an integer in \[3, 1000000\]/);
    expect(energyDecay(1e-5, 0.01, { tEnd: 5000 }).predictedDeviation).toBeNull();
  });
  it("errors name the user's parameter: hb:tune=polyak on [1e-300, 1e300] names the rule (was 'beta = NaN is invalid')", async () => {
    const err = await refused(['analyze', '--method', 'hb:tune=polyak', '--mu', '1e-300', '--L', '1e300'], 'hb.tune');
    expect(err).toMatch(/narrow the interval/);
    expect(err).not.toMatch(/NaN/);
  });
});

describe('certify: mu < L for IQC and PEP alike, as the help says', () => {
  it('--mu 1 --L 1 is refused by both (IQC accepted it, PEP did not)', async () => {
    await refused(['certify', '--method', 'gd', '--mu', '1', '--L', '1'], '--mu');
    await refused(['certify', '--method', 'gd', '--mu', '1', '--L', '1', '--pep', '2'], '--mu');
    expect(() => certifyRate({ A: [[1]], B: [-0.5], C: [1], D: 0 }, 1, 1)).toThrow(/^mu = 1 is invalid: expected a finite number in \(0, 1\)/);
    const help = (await runCli(['certify', '--help'])).out;
    expect(help).toMatch(/smoothness L, in \(mu, 1e12\]/);
  });
  it('PEP JSON carries the SDP status: "optimal", or the reason worstCase is null', async () => {
    const ok = JSON.parse((await runCli(['certify', '--method', 'gd', '--mu', '0.1', '--L', '1', '--pep', '1', '--format', 'json'])).out);
    expect([ok.status, ok.worstCase]).toEqual(['optimal', expect.closeTo(0.81, 6)]);
    // With mu = 0 the distance at x_N is not bounded by the initial gradient norm (a flat direction): unbounded.
    const r = await runCli(['certify', '--method', 'gd', '--mu', '0', '--L', '1', '--pep', '1', '--measure', 'distance', '--initial', 'gradient-norm', '--format', 'json']);
    expect(r.code).toBe(0);
    const u = JSON.parse(r.out);
    expect(u.worstCase).toBeNull();
    expect(u.status).toBe('unbounded');
    expect(pep({ A: [[1]], B: [-1], C: [1], D: 0 }, 0.1, 1, 1).status).toBe('optimal');
  });
});

describe('integrators stop on a non-finite derivative with a status', () => {
  it('the typed field x^x^x^... at x = 2: DOPRI5 stops at once (was 6,000,002 field calls)', async () => {
    const tower = Array.from({ length: 40 }, () => 'x').join('^');
    const f = await expressionField([tower, '-y'], ['x', 'y']);
    let calls = 0;
    const counted = (t: number, y: Float64Array, out: Float64Array) => { calls++; f(t, y, out); };
    const r = odeDopri5(counted, [0, 10], [2, 1]);
    expect(r.status).toBe('diverged');
    expect(r.message).toMatch(/the vector field is not finite at t = 0/);
    expect(calls).toBeLessThan(10);
    const c = limitCycle(f, [2, 1]);
    expect([c.period, c.converged]).toEqual([null, false]);
    expect(c.message).toMatch(/transient: the vector field is not finite/);
    // A tower long enough to overflow mathjs's recursion is refused by length, with the parameter named.
    await expect(expressionField([Array.from({ length: 5000 }, () => 'x').join('^'), '-y'], ['x', 'y'])).rejects.toThrow(/^expression\[0\] = "9999 characters" is invalid: expected a math expression of at most 2000 characters/);
  });
  it('a field that turns non-finite mid-way stops with status diverged after few calls', () => {
    let calls = 0;
    const r = odeDopri5((_t, y, out) => { calls++; out[0] = y[0] > 2 ? NaN : 1; }, [0, 10], [0]);
    expect(r.status).toBe('diverged');
    expect(r.tEnd).toBeGreaterThan(1.9);
    expect(calls).toBeLessThan(2000);
  });
});

describe('size caps of the library entry points (documented next to each function)', () => {
  it('logisticOrbit length, logisticLyapunov iterations, Lyapunov flow time', () => {
    expect(() => logisticOrbit(3.5, 0.3, 2 ** 31)).toThrow(/^n = 2147483648 is invalid: expected an integer in \[0, 10000000\]/);
    expect(() => logisticLyapunov(3.5, { iterations: 1e12 })).toThrow(/^iterations = 1000000000000 is invalid/);
    expect(() => largestLyapunovFlow(lorenzField(), lorenzJvp(), [1, 1, 1], { time: 1e9 })).toThrow(/^\(transient \+ time\) \/ dt = .* is invalid: expected a finite number <= 10000000/);
    expect(() => limitCycle(lorenzField(), [1, 1, 1], { maxTime: 1e300 })).toThrow(/^maxTime = 1e\+300 is invalid/);
  });
});

describe('degenerate numerics', () => {
  it('discrete time: B = I, -I and [[1, 1], [0, 1]] have an eigenvalue +-1: non-isolated (docs/dynamics.md)', () => {
    for (const B of [[1, 0, 0, 1], [-1, 0, 0, -1], [1, 1, 0, 1]]) expect(classifyDiscrete2d(B)).toEqual({ type: 'non-isolated', stable: false });
    expect(classifyDiscrete2d([0.5, 0, 0, 0.5])).toEqual({ type: 'star', stable: true });
    expect(classifyDiscrete2d([0.5, 1, 0, 0.5])).toEqual({ type: 'degenerate-node', stable: true });
  });
  it('the logistic map at r = 2 is superstable (its orbit lands an ulp from 1/2: exponent was -36)', async () => {
    expect(logisticLyapunov(2)).toBe(-Infinity);
    expect(logisticLyapunov(1 + Math.sqrt(5))).toBe(-Infinity); // superstable 2-cycle
    expect(logisticLyapunov(4)).toBeCloseTo(Math.log(2), 2);
    const j = JSON.parse((await runCli(['dynamics', 'logistic', '--r', '2', '--n', '3', '--format', 'json'])).out);
    expect([j.lyapunov, j.superstable, j.period]).toEqual([null, true, 1]);
    const t = await runCli(['dynamics', 'logistic', '--r', '2', '--n', '3']);
    expect(t.out).toMatch(/Lyapunov exponent +none: superstable/);
    expect(t.out).not.toMatch(/Infinity/);
  });
});

// Found by the long hunt of stop 20 (the commands newer than the fuzz: train, hessian, nqm/sweep --merge).
describe('train, hessian and shard merges: the caps count what the work costs, merged files are checked', () => {
  const dir = fx.dir;
  const nqmArgs = ['nqm', '--method', 'sgd', '--batch', '4,64', '--dim', '100', '--format', 'json'];
  async function shards(): Promise<[string, string]> {
    const files: [string, string] = [join(dir, 'n0.json'), join(dir, 'n1.json')];
    for (const i of [0, 1]) {
      const r = await runCli([...nqmArgs, '--shard', `${i}/2`]);
      expect(r.code).toBe(0);
      writeFileSync(files[i], r.out);
    }
    return files;
  }
  it('train on a network counts examples and the sharpness: 10 steps of a 64-500-500-10 net on 1797 digits, sharpness every step, were accepted (hours)', async () => {
    // (10 steps + 11 records + 200 x 12 Lanczos gradients) x 1797 examples x 288,010 parameters = 1.253e12 > 1e12.
    const line = await refused(['train', '--problem', 'mlp:data=digits,hidden=500;500', '--method', 'gd:alpha=0.1', '--steps', '10', '--sharpness-every', '1'], '--steps x --problem size x examples');
    expect(line).toContain('= 1252998161370 is invalid: expected at most 1e12');
    // The same cap without the examples (a quadratic): steps x dim, as before.
    await refused(['train', '--problem', 'quadratic:dim=1000000', '--method', 'gd', '--steps', '1000000', '--sharpness-every', '0'], '--steps x --problem size');
  });
  it('hessian on a network counts examples: 100,000 density products on 19,210 parameters x 1797 digits were accepted', async () => {
    const line = await refused(['hessian', '--problem', 'mlp:data=digits,hidden=256', '--density', '--steps', '1000', '--runs', '100'], 'Hessian-vector products x dim x examples');
    expect(line).toContain('= 3452037000000 is invalid');
  });
  it('a Lanczos request past its storage names the flag, not the library\'s internal steps', async () => {
    // 840 steps x 307,210 parameters > 5e7: was "steps = 840 is invalid".
    expect(await refused(['hessian', '--problem', 'mlp:data=digits,hidden=4096', '--top', '200'], '--top')).toContain('expected at most 30 for 307210 parameters');
    await refused(['hessian', '--problem', 'mlp:data=digits,hidden=4096', '--density', '--steps', '1000'], '--steps');
    await refused(['hessian', '--problem', 'mlp:data=chebyshev3,hidden=750;750', '--top', '1'], '--top');
    expect(await refused(['train', '--problem', 'mlp:data=chebyshev3,hidden=750;750', '--method', 'gd:alpha=0.01', '--steps', '2'], '--sharpness-every'))
      .toContain('expected 0 (the sharpness needs dim <= 500000, here 565501)');
  });
  it('nqm --merge of a 200,000-deep shard file was a stack overflow (internal error); now capped as every JSON input', async () => {
    const [f0, f1] = await shards();
    const deep = join(dir, 'n0-deep.json');
    writeFileSync(deep, readFileSync(f0, 'utf8').replace('"setup":{', `"setup":{"x":${'['.repeat(200000)}${']'.repeat(200000)},`));
    expect(await refused(['nqm', '--merge', deep, f1], '--merge')).toContain('nested at most 64 levels deep');
  });
  it('nqm --merge and sweep --merge refuse rows that the command never writes (Infinity, negative or text steps, extra keys)', async () => {
    const [f0, f1] = await shards();
    const good = await runCli(['nqm', '--merge', f0, f1, '--format', 'json']);
    expect(good.code).toBe(0);
    expect(good.out).toBe((await runCli(nqmArgs)).out);
    const text = readFileSync(f0, 'utf8');
    const steps = /"steps":(\d+)/.exec(text)![0];
    for (const [name, edit] of [['inf', '"steps":1e999'], ['neg', '"steps":-5'], ['str', '"steps":"x"'], ['extra', `${steps},"__proto__":{"x":1}`]] as const) {
      const f = join(dir, `n0-${name}.json`);
      writeFileSync(f, text.replace(steps, edit));
      expect(await refused(['nqm', '--merge', f, f1], '--merge'), name).toContain('expected a JSON file written by `momentum-lab nqm --shard i/n --format json`');
    }
    const target = join(dir, 'n0-target.json');
    writeFileSync(target, text.replace('"target":0.01', '"target":1e999'));
    await refused(['nqm', '--merge', target, f1], '--merge');
    const w = [join(dir, 'w0.json'), join(dir, 'w1.json')];
    for (const i of [0, 1]) writeFileSync(w[i], (await runCli(['sweep', '--problem', 'quadratic:dim=4', '--method', 'hb', '--alpha', '0.1:1:2', '--beta', '0:0.5:2', '--steps', '20', '--workers', '1', '--shard', `${i}/2`, '--format', 'json'])).out);
    expect((await runCli(['sweep', '--merge', ...w, '--format', 'json'])).code).toBe(0);
    writeFileSync(w[0], readFileSync(w[0], 'utf8').replace(/"rate":[0-9.e-]+/, '"rate":"abc"'));
    await refused(['sweep', '--merge', ...w, '--format', 'csv'], '--merge');
  });
  it('an empty nqm shard says "no points" (was "points 0..-1")', async () => {
    const r = await runCli(['nqm', '--method', 'sgd', '--batch', '4', '--dim', '100', '--shard', '0/2']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('shard 0/2: no points of 1 (');
  });
});

// Found by `npm run fuzz -- --runs 1500 --seed 1` (library properties), stop 20.
describe('library fuzz findings: a ParameterError or a finite result', () => {
  it('symmetricEigen with subnormal entries next to 0.0088 threw a TypeError inside ml-matrix; now they flush to 0', () => {
    const A = { rows: 3, cols: 3, data: Float64Array.from([0.008818391548395081, 8e-323, 3.914700293454255e-36, -5.4e-323, 5e-324, -1.6341571811936878e-261, 3.812293976929491e-83, 1.6362608835518549e-111, -0]) };
    const { values, vectors } = symmetricEigen(A);
    expect(Array.from(values)).toEqual([0, 0, 0.008818391548395081]);
    expect(vectors.data.every(Number.isFinite)).toBe(true);
  });
  it('stronglyConvexLowerBound(1e300, 1.8e308) was NaN (1 ** Infinity); k is capped at 2^53', () => {
    expect(() => stronglyConvexLowerBound(1e300, 1.7976931348623157e308)).toThrow('k = 1.7976931348623157e+308 is invalid: expected an integer in [0, 9007199254740991]');
    expect(() => krylovMinimumLoss(1.7976931348623157e308, 4)).toThrow(ParameterError);
    expect(stronglyConvexLowerBound(100, 10)).toBe((9 / 11) ** 20);
  });
  it('formThresholds of torch-sgd:lr=5e-324 was { stability: Infinity }; now a ParameterError', () => {
    const { form } = linearFormOf('torch-sgd:lr=5e-324', { mu: 0.1, L: 1 });
    expect(() => formThresholds(form)).toThrow('alpha = 5e-324 is invalid: expected a step size whose thresholds h = c / alpha are finite (here Infinity)');
    expect(formThresholds(linearFormOf('torch-sgd:lr=0.5', { mu: 0.1, L: 1 }).form)!.stability).toBe(4);
  });
  it('createMethod with a context L = Infinity returned a method with L = Infinity; now refused', () => {
    expect(() => createMethod('nag-aspremont', { mu: 0.9999999999999982, L: Infinity })).toThrow('L = Infinity is invalid: expected a finite number');
    expect(() => createMethod('gd', { name: 'quadratic', mu: NaN, L: 1 })).toThrow('quadratic.mu = NaN is invalid');
  });
});

describe('run --config: errors say what is allowed in plain words', () => {
  it('zod\'s "expected Invalid input: expected number" became "expected number, received string"; 1e999 is shown as Infinity, not null', async () => {
    const file = (name: string, data: string) => { const p = join(fx.dir, name); writeFileSync(p, data); return p; };
    const seed = file('c-seed.json', '{"problem":"logistic-regression","method":"gd:alpha=0.5","batch":10,"seed":"3","steps":5}');
    expect(await refused(['run', '--config', seed], /^momentum-lab: --config .*c-seed\.json: seed = "3" is invalid: expected number, received string\n$/)).toBeTruthy();
    const inf = file('c-inf.json', '{"problem":"quadratic:dim=3","method":{"name":"hb","alpha":1e999},"steps":5}');
    expect(await refused(['run', '--config', inf], /method = .*\\"alpha\\":\\"Infinity\\".* is invalid: expected a spec string or an object/)).not.toMatch(/null|Invalid input/);
    const every = file('c-every.json', '{"problem":"quadratic:dim=3","method":"gd","recordEvery":0}');
    expect(await refused(['run', '--config', every], /recordEvery = 0 is invalid: expected number to be >=1\n$/)).toBeTruthy();
  });
});
