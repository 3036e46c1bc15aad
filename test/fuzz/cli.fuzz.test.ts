// Fuzzing every command of the command line (fast-check) against DESIGN.md's contract: exit 2 with one line naming a
// parameter, or exit 0 with no NaN/Infinity printed; no stack trace; no call past the budget (test/fuzz/harness.ts).
// Arguments come from each command's own option list (commander), with values that mix valid ones (kept small, so
// that a valid call is fast) with the hostile ones of issue 16: hex/binary/octal/padded numbers, NaN, 1e400, 5e-324,
// Object.prototype names as methods, keys and rules, empty and unwritable output paths, deep and malformed files.
// `npm run fuzz -- --runs 10000` runs the same properties longer.
import { afterAll, describe, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Command, Option } from 'commander';
import { buildProgram } from '../../dist/cli/main.js';
import { methods } from '../../dist/src/methods/registry.js';
import { problems } from '../../dist/src/problems/registry.js';
import { figures } from '../../dist/src/plot/index.js';
import type { ParamInfo } from '../../dist/src/spec.js';
import { contractViolation, count, counts, fixtures, fuzzOptions, runCli } from './harness.js';

const fx = fixtures();
// Weights files for train/hessian --weights: the 1-4-1 net of mlp:data=chebyshev3,hidden=4 (right shape), wrong shapes, junk.
const layer = (rows: number, cols: number, v = 0.1) => ({ W: Array.from({ length: rows }, () => Array(cols).fill(v)), b: Array(rows).fill(0) });
const weightFile = (name: string, text: string) => { const p = join(fx.dir, name); writeFileSync(p, text); return p; };
const weights = [weightFile('w.json', JSON.stringify({ layers: [layer(4, 1), layer(1, 4)] })), weightFile('w-shape.json', JSON.stringify({ layers: [layer(5, 1), layer(1, 5)] })),
  weightFile('w-big.json', JSON.stringify({ layers: [layer(4, 1, 1e300), layer(1, 4, 1e300)] })), weightFile('w-str.json', '{"layers": [{"W": [["x"]], "b": [0]}]}'), ...fx.configs];
const program = await buildProgram(['node', 'momentum-lab']);

// ---- value pools ---------------------------------------------------------------------------------------------------
const NASTY = ['0x10', '0b11', '0o7', ' 5 ', '', 'NaN', 'Infinity', '-Infinity', '1e400', '5e-324', '-5e-324',
  '1.7976931348623157e308', '-1', '0', '-0', '1e-300', '1e300', 'abc', '1,2', '1_0', '٣', '1e', '.', '+', '2^3', '0.5.5'];
const PROTO = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];

const nasty = fc.constantFrom(...NASTY);
const proto = fc.constantFrom(...PROTO);
const junk = fc.oneof(proto, fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '\n', 'x'.repeat(300)));

/** A number option: mostly in [lo, hi] (integers if asked), sometimes hostile. */
function num(lo: number, hi: number, integer = false): fc.Arbitrary<string> {
  const good = integer ? fc.integer({ min: lo, max: hi }).map(String) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).map(String);
  return fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: nasty, weight: 2 }, { arbitrary: junk, weight: 1 });
}
const choice = (...xs: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...xs), weight: 4 }, { arbitrary: junk, weight: 1 });
const list = (item: fc.Arbitrary<string>, sep = ',', max = 3) => fc.array(item, { minLength: 1, maxLength: max }).map((xs) => xs.join(sep));

/** A spec `name:key=value,...` over the entries' names and parameters (plus prototype keys and junk). */
function spec(entries: readonly { name: string; params: readonly ParamInfo[] }[], small: Record<string, [number, number]> = {}): fc.Arbitrary<string> {
  const value = (p: ParamInfo | undefined): fc.Arbitrary<string> => {
    if (!p) return fc.oneof(num(0, 2), junk);
    if (p.kind === 'string') return p.choices ? choice(...p.choices) : fc.oneof(fc.constantFrom(String(p.default ?? 'auto')), junk, list(num(0, 1), ';'));
    if (p.kind === 'boolean') return choice('true', 'false', '1', '0');
    const [lo, hi] = small[p.name] ?? [p.min ?? 0, Math.min(p.max ?? 2, (p.min ?? 0) + 2)];
    return num(lo, hi, p.kind === 'integer');
  };
  const named = fc.constantFrom(...entries).chain((e) => fc.tuple(
    fc.constant(e.name),
    fc.array((e.params.length ? fc.oneof({ arbitrary: fc.constantFrom(...e.params), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 }) : fc.constant(undefined))
      .chain((p) => fc.tuple(p ? fc.constantFrom(p.name, ...(p.aliases ?? [])) : fc.oneof(proto, fc.constantFrom('dim', 'tune', 'x')), value(p))), { maxLength: 3 }),
  ));
  return fc.oneof(
    { arbitrary: named.map(([name, kv]) => (kv.length ? `${name}:${kv.map(([k, v]) => `${k}=${v}`).join(',')}` : name)), weight: 5 },
    { arbitrary: fc.tuple(proto, fc.constantFrom('', ':alpha=1', ':constructor=1')).map(([a, b]) => a + b), weight: 1 },
    { arbitrary: junk, weight: 1 },
  );
}
// Small sizes keep a valid call in milliseconds: the caps themselves are tested by the hostile values.
const SMALL = { dim: [1, 12] as [number, number], steps: [1, 30] as [number, number], n: [8, 12] as [number, number], samples: [10, 40] as [number, number],
  width: [16, 40] as [number, number], height: [20, 40] as [number, number], keep: [10, 20] as [number, number], maxIter: [10, 30] as [number, number],
  kmax: [2, 20] as [number, number], batch: [1, 8] as [number, number], t1: [1, 3] as [number, number],
  sharpnessEvery: [5, 30] as [number, number], hidden: [1, 8] as [number, number] };
const methodSpec = spec(methods(), SMALL);
const trainMethod = fc.oneof({ arbitrary: fc.tuple(choice('gd', 'hb', 'nag'), num(0.01, 0.5)).map(([m, a]) => `${m}:alpha=${a}`), weight: 3 }, { arbitrary: methodSpec, weight: 1 });
const problemSpec = spec(problems(), SMALL);
const figureSpec = spec(figures, SMALL);
// Small networks (and the other problems) for train and hessian: the data sets' sizes keep a call in seconds.
const netSpec = fc.oneof({ arbitrary: fc.tuple(choice('chebyshev3', 'iris'), choice('4', '2;3', '0', '5000', '1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1', '8'), choice('tanh', 'relu', 'softplus', 'identity'), choice('mse', 'xent'))
  .map(([d, h, a, l]) => `mlp:data=${d},hidden=${h},act=${a},loss=${l}`), weight: 4 }, { arbitrary: problemSpec, weight: 1 });
const axis = fc.oneof({ arbitrary: fc.tuple(num(0, 1.5), num(0, 1.5), num(1, 3, true)).map((xs) => xs.join(':')), weight: 4 }, { arbitrary: junk, weight: 1 });
const vector = (n: number) => fc.oneof({ arbitrary: list(num(-2, 2), ',', n), weight: 3 }, { arbitrary: junk, weight: 1 });

/** Values for an option, by its long name (and the command, where the same name means different things). */
function valueFor(command: string, long: string): fc.Arbitrary<string | string[]> {
  const byName: Record<string, fc.Arbitrary<string | string[]>> = {
    '--format': choice('table', 'json', 'csv', 'xml', 'JSON'),
    '--method': command === 'nqm' ? list(methodSpec, ',', 2) : command === 'train' ? trainMethod : methodSpec,
    '--problem': command === 'train' || command === 'hessian' ? netSpec : problemSpec,
    '--h': list(num(1e-3, 2)),
    '--mu': num(1e-3, 1), '--L': num(0.5, 10),
    '--steps': num(0, 30, true), '--tol': command === 'tune' ? list(num(1e-9, 0.5)) : command === 'sdp' ? num(1e-10, 1e-3) : num(1e-9, 0.5),
    '--tol-on': choice('grad', 'loss'), '--batch': list(num(1, 8, true)), '--seed': num(0, 99, true),
    '--record-every': num(1, 5, true), '--record': choice('loss', 'gradNorm', 'loss,gradNorm', 'w'), '--config': fc.constantFrom(...fx.configs),
    '--rule': choice('polyak', 'lecture', 'optimal', 'standard', 'vsfl', 'numeric'),
    '--alpha': command === 'sweep' ? axis : num(0.01, 2), '--beta': command === 'sweep' ? axis : num(0, 3),
    '--alpha-param': choice('alpha', 'lr', 'beta', 'nu'), '--beta-param': choice('beta', 'momentum', 'nu'),
    '--workers': num(1, 2, true), '--shard': choice('0/1', '0/2', '1/2', '2/2', '-1/2', 'a/b', '0x1/2', ' 0/1 '),
    '--merge': fc.array(fc.constantFrom(...fx.configs), { minLength: 0, maxLength: 2 }),
    '--output': fc.constantFrom(...fx.outFiles), '--out': fc.constantFrom(...(command === 'report' ? fx.outDirs : fx.outFiles)),
    '--iqc': choice('sector', 'off-by-one', 'weighted'), '--pep': num(1, 3, true),
    '--measure': choice('function-value', 'distance', 'gradient-norm'), '--initial': choice('function-value', 'distance', 'gradient-norm'),
    '--state-space': fc.constantFrom(...fx.stateSpaces), '--tolerance': num(1e-10, 1e-3), '--scale': num(0.05, 3),
    '--only': choice('erratum-T-minus-sign', 'nope', 'gd-closed-form'),
    '--t1': num(0.1, 3), '--samples': num(2, 20, true), '--lyapunov-time': num(1, 5), '--x0': vector(3), '--w0': vector(2), '--c': vector(2),
    '--r': num(0, 4), '--n': num(1, 20, true), '--width': num(1, 24, true), '--height': num(1, 24, true), '--max-iter': num(1, 30, true),
    '--nr': num(1, 12, true), '--keep': num(1, 12, true), '--transient': num(0, 50, true), '--r-min': num(0, 4), '--r-max': num(0, 4),
    '--x-min': num(-2, 2), '--x-max': num(-2, 2), '--y-min': num(-2, 2), '--y-max': num(-2, 2),
    '--matrix': fc.oneof(fc.tuple(num(-2, 2), num(-2, 2), num(-2, 2), num(-2, 2)).map(([a, b, c, d]) => `${a},${b};${c},${d}`), junk,
      fc.constantFrom('1,0;0,1', '-1,0;0,-1', '1,1;0,1', '800,-800;800,800', '1,2;3', '1e300,0;0,1')),
    '--convention': choice('lecture', 'plain'), '--target': num(1e-3, 0.5), '--dim': num(1, 20, true),
    '--precondition': choice('none', '0.5', '1', '0'),
    '--weights': fc.constantFrom(...weights), '--save-weights': fc.constantFrom(...fx.outFiles), '--sharpness-every': num(0, 10, true),
    '--top': num(0, 6, true), '--bottom': num(0, 6, true), '--runs': num(1, 3, true), '--sigma2': num(1e-6, 0.1), '--bins': num(2, 50, true),
  };
  return Object.hasOwn(byName, long) ? byName[long] : num(0, 5);
}

/** Positional arguments of a command. */
function positionals(path: string[]): fc.Arbitrary<string[]> {
  const name = path[0];
  if (name === 'methods') return fc.option(fc.oneof(fc.constantFrom(...methods().map((m) => m.name)), junk), { nil: undefined }).map((x) => (x === undefined ? [] : [x]));
  if (name === 'problems') return fc.option(fc.oneof(fc.constantFrom(...problems().map((p) => p.name)), junk), { nil: undefined }).map((x) => (x === undefined ? [] : [x]));
  if (name === 'sdp') return fc.oneof({ arbitrary: fc.constantFrom(...fx.sdps), weight: 4 }, { arbitrary: fc.constantFrom(fx.dir, '/nonexistent', ''), weight: 1 }).map((f) => [f]);
  if (name === 'plot') return fc.tuple(figureSpec, fc.array(fc.tuple(fc.oneof(proto, fc.constantFrom('steps', 'beta', 'n', 'x')), num(0, 2)).map(([k, v]) => `${k}=${v}`), { maxLength: 1 })).map(([f, kv]) => [f, ...kv]);
  return fc.constant([]);
}

/** argv for a command path: its positionals, then a few of its options with values (sometimes an unknown option). */
function argv(path: string[], cmd: Command, extra: (args: string[]) => string[] = (a) => a): fc.Arbitrary<string[]> {
  const options = cmd.options.filter((o: Option) => o.long && o.long !== '--help');
  const opt = fc.constantFrom(...options).chain((o: Option) => {
    const long = o.long!;
    if (!o.required && !o.optional) return fc.constant<string[]>([long]);
    return fc.tuple(valueFor(path[0], long), fc.boolean()).map(([v, spaced]) => (Array.isArray(v) ? [long, ...v] : spaced ? [long, v] : [`${long}=${v}`]));
  });
  const opts = options.length ? fc.uniqueArray(opt, { maxLength: 5, selector: (a) => a[0].split('=')[0] }) : fc.constant([]);
  const stray = fc.oneof({ arbitrary: fc.constant([] as string[]), weight: 12 }, { arbitrary: fc.constantFrom(['--nope'], ['--metod', 'hb'], ['stray'], ['--help']), weight: 1 });
  return fc.tuple(positionals(path), opts, stray).map(([pos, os, s]) => extra([...path, ...pos, ...os.flat(), ...s]));
}

/** Whether argv has the option (as `--x v` or `--x=v`). */
const has = (a: string[], long: string) => a.some((x) => x === long || x.startsWith(`${long}=`));

/** Cases per command (npm test); scaled by FUZZ_RUNS. The expensive ones get fewer. */
const PLAN: [string[], number, ((a: string[]) => string[])?][] = [
  [['methods'], 300], [['problems'], 300], [['analyze'], 400], [['tune'], 400], [['certify'], 200], [['sdp'], 200],
  // Without --out a valid plot renders an SVG; --format json prints the spec without rendering, and --quick is cheaper.
  [['plot'], 250, (a) => (a.includes('--out') || a.some((x) => x.startsWith('--out=')) ? a : [...a, '--quick', ...(a.includes('--format') ? [] : ['--format', 'json'])])],
  // --only keeps report to at most one check (a full report takes minutes; its own test builds it once).
  [['report'], 150, (a) => (a.includes('--only') || a.some((x) => x.startsWith('--only=')) ? a : [...a, '--only', 'nope'])],
  [['sweep'], 150, (a) => (a.some((x) => x.startsWith('--workers')) ? a : [...a, '--workers', '1'])],
  [['run'], 300], [['nqm'], 150],
  // train and hessian on small nets: the problem (and method, and a few steps) added when the case has none.
  [['train'], 100, (a) => [...a, ...(has(a, '--problem') ? [] : ['--problem', 'mlp:data=chebyshev3,hidden=4']), ...(has(a, '--method') ? [] : ['--method', 'hb:alpha=0.1,beta=0.5']), ...(has(a, '--steps') ? [] : ['--steps', '20'])]],
  [['hessian'], 100, (a) => [...a, ...(has(a, '--problem') ? [] : ['--problem', 'mlp:data=iris,hidden=8'])]],
  ...['lorenz', 'vanderpol', 'hopf', 'linear', 'logistic', 'bifurcation', 'mandelbrot', 'julia'].map((s) => [['dynamics', s], 150] as [string[], number]),
];

const started = performance.now();
afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`CLI fuzz: ${total} cases in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

describe('every command keeps the command-line contract on fuzzed arguments', () => {
  for (const [path, base, extra] of PLAN) {
    let cmd = program.commands.find((c) => c.name() === path[0])!;
    if (path[1]) cmd = cmd.commands.find((c) => c.name() === path[1])!;
    it(`${path.join(' ')}: exit 0 with finite output, or exit 2 with one line naming a parameter`, async () => {
      await fc.assert(fc.asyncProperty(argv(path, cmd, extra), async (args) => {
        count(path.join(' '));
        const r = await runCli(args);
        const v = contractViolation(args, r);
        if (v) throw new Error(`momentum-lab ${args.map((a) => JSON.stringify(a)).join(' ')}: ${v}`);
      }), fuzzOptions(base));
    }, 600_000);
  }
});
