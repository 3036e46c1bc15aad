// Shared by the fuzz and regression tests: the built command line run in this process (dist/, as bin/momentum-lab.js
// runs it; npm test builds first), the command-line contract of DESIGN.md as a checkable predicate, the library's
// contract (a ParameterError or a finite result), and the case counts that the fuzz files report.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The built CLI and library (the same code that bin/momentum-lab.js runs): `npm run build` before these tests.
import { main } from '../../dist/cli/main.js';

/** Cases per property: FUZZ_RUNS (set by `npm run fuzz -- --runs N`) scales every property's default. */
export function runs(base: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : base;
}

/**
 * fast-check options: in `npm test` a fixed seed (the same cases on every machine, no flaky runs); under
 * `npm run fuzz` (FUZZ_RUNS set) a fresh seed each time, printed by fast-check on failure, or FUZZ_SEED.
 */
export function fuzzOptions(base: number): { numRuns: number; seed: number; endOnFailure: true } {
  const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? Date.now() % 2 ** 31 : 16;
  return { numRuns: runs(base), seed, endOnFailure: true };
}

/** Seconds one call may take before it counts as a hang (every size a user can type is capped well below it). */
export const CALL_BUDGET_MS = 20_000;

export interface CliResult { code: number; out: string; err: string; ms: number; threw?: unknown }

/**
 * Run `momentum-lab ARGS` in this process: stdout and stderr captured, the exit status as bin/momentum-lab.js would
 * set it (an exception out of main() is an internal error, status 1 with a stack trace there).
 */
export async function runCli(args: string[]): Promise<CliResult> {
  let out = '', err = '';
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((s: string | Uint8Array) => { out += typeof s === 'string' ? s : Buffer.from(s).toString('utf8'); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => { err += typeof s === 'string' ? s : Buffer.from(s).toString('utf8'); return true; }) as typeof process.stderr.write;
  process.exitCode = undefined;
  const t0 = performance.now();
  try {
    const code = await main(['node', 'momentum-lab', ...args]);
    return { code, out, err, ms: performance.now() - t0 };
  } catch (e) {
    return { code: 1, out, err, ms: performance.now() - t0, threw: e };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

/** What a one-line error must contain: a ParameterError's "X = V is invalid: expected" (or "X is missing"), an option name, or "needs". */
const NAMES_PARAMETER = / is invalid: expected | is missing: expected |--[A-Za-z]|unknown option|needs |unknown command|too many arguments|missing required argument/;

/**
 * The command-line contract (DESIGN.md): exit 0 with no NaN/Infinity/undefined printed as a result, or exit 2 with
 * exactly one stderr line naming a parameter; never a stack trace, never an exception, never past CALL_BUDGET_MS.
 * `report` may exit 1 (a failed check). Returns the violation, or null.
 */
export function contractViolation(args: string[], r: CliResult): string | null {
  if (r.threw !== undefined) return `threw ${r.threw instanceof Error ? r.threw.stack?.split('\n').slice(0, 3).join(' | ') : String(r.threw)}`;
  if (r.ms > CALL_BUDGET_MS) return `took ${Math.round(r.ms)} ms`;
  if (/\n\s+at .+:\d+:\d+\)?/.test(r.err) || /internal error/.test(r.err)) return `stack trace on stderr: ${r.err.slice(0, 300)}`;
  if (r.code === 2) {
    // A progress bar asked for with --progress may precede the error line (nqm starts it before validating).
    const lines = r.err.split('\n').filter((l) => l.trim() !== '' && !(args.includes('--progress') && /[░█]/.test(l)));
    if (lines.length !== 1) return `exit 2 with ${lines.length} stderr lines: ${JSON.stringify(r.err.slice(0, 300))}`;
    if (!NAMES_PARAMETER.test(lines[0])) return `exit 2 without naming a parameter: ${lines[0]}`;
    // The user's own text, echoed in quotes, may say NaN; anything else showing NaN or undefined is an internal value.
    if (/\bNaN\b|undefined|\[object Object\]/.test(lines[0].replace(/"[^"]*"|'[^']*'/g, ''))) return `error line shows an internal value: ${lines[0]}`;
    return null;
  }
  if (r.code === 0 || (r.code === 1 && args[0] === 'report')) {
    if (args.includes('--help') || args.includes('-h') || args[0] === 'help') return null;
    if (/\bNaN\b|Infinity|undefined/.test(r.out)) {
      const m = /.{0,60}(\bNaN\b|Infinity|undefined).{0,60}/.exec(r.out);
      return `exit ${r.code} printed ${m?.[1]}: ${JSON.stringify(m?.[0])}`;
    }
    return null;
  }
  return `exit ${r.code}: ${r.err.slice(0, 300)}`;
}

/** Numbers anywhere in a result (typed arrays, arrays, plain objects, Maps), capped at `limit` visits. */
function* numbersIn(value: unknown, limit = 200_000): Generator<[string, number]> {
  const stack: [unknown, string][] = [[value, '']];
  const seen = new Set<unknown>();
  let visits = 0;
  while (stack.length && visits++ < limit) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') { yield [path, v]; continue; }
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const a = v as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < a.length && visits++ < limit; i++) if (typeof a[i] === 'number') yield [`${path}[${i}]`, a[i] as number];
      continue;
    }
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    for (const [k, x] of entries) stack.push([x, `${path}.${String(k)}`]);
  }
}

/**
 * The library's contract: a call either throws a ParameterError (whose message names a parameter) or returns a
 * result whose numbers are finite, except at the paths `allowNonFinite` accepts (documented statuses such as
 * logisticLyapunov's -Infinity for a superstable cycle, or a trajectory cut at divergence). Returns the violation.
 */
export function libraryViolation(call: () => unknown, allowNonFinite: (path: string, x: number) => boolean = () => false): string | null {
  const t0 = performance.now();
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    // By name: the library may be the built one (dist/) or the sources (src/), two ParameterError classes.
    if (e instanceof Error && e.name === 'ParameterError') return performance.now() - t0 > CALL_BUDGET_MS ? `took ${Math.round(performance.now() - t0)} ms` : null;
    return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  const ms = performance.now() - t0;
  if (ms > CALL_BUDGET_MS) return `took ${Math.round(ms)} ms`;
  for (const [path, x] of numbersIn(result)) if (!Number.isFinite(x) && !allowNonFinite(path, x)) return `returned ${x} at ${path || '(the result)'}`;
  return null;
}

/** Case counters, printed once per file (the numbers the issue's closing note asks for). */
export const counts: Record<string, number> = {};
export function count(entry: string): void { counts[entry] = (counts[entry] ?? 0) + 1; }

/** A scratch directory with the input files the fuzzers draw from (good, malformed, huge, deep). */
export function fixtures() {
  const dir = mkdtempSync(join(tmpdir(), 'ml-fuzz-'));
  const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  return {
    dir,
    outFiles: [join(dir, 'f.svg'), join(dir, 'f.png'), join(dir, 'f.json'), join(dir, 'f.csv'), join(dir, 'f.gif'), sub, '',
      ' ', '/nonexistent/deep/f.svg', '/proc/f.svg', join(dir, 'missing', 'f.json')],
    outDirs: [join(dir, 'rep'), '/nonexistent/deep/rep', '/proc/rep', '', sub],
    configs: [file('ok.json', '{"steps": 5}'), file('deep.json', deep), file('not.json', 'root:x:0:0\n'),
      file('proto.json', '{"__proto__": {"steps": 5}, "constructor": 1}'), file('nan.json', '{"steps": NaN}'),
      file('huge.json', '{"steps": 1e999}'), join(dir, 'missing.json'), dir],
    stateSpaces: [file('ss.json', '{"A": [[1]], "B": [-0.1], "C": [1], "D": 0}'),
      file('ss-d.json', '{"A": [[1]], "B": [-0.1], "C": [1], "D": 0.5}'),
      file('ss-big.json', '{"A": [[1e300]], "B": [-1e300], "C": [1e300], "D": 0}'),
      file('ss-bad.json', '{"A": [[1, "x"], [0, 1]], "B": [1, 0], "C": [1, 0], "D": 0}'),
      file('ss-deep.json', deep), file('ss-empty.json', '{}')],
    sdps: [file('ok.dat-s', '1\n1\n2\n1.0\n0 1 1 1 1.0\n0 1 2 2 1.0\n1 1 1 1 1.0\n1 1 2 2 1.0\n'),
      file('big.dat-s', '1\n1\n2\n1e300\n0 1 1 1 1e300\n0 1 2 2 1.0\n1 1 1 1 1e300\n1 1 2 2 1.0\n'),
      file('hex.dat-s', '1\n1\n2\n0x10\n0 1 1 1 1.0\n1 1 1 1 1.0\n'), file('empty.dat-s', ''),
      file('huge-block.dat-s', '1\n1\n1000000\n1.0\n'), file('unbounded.dat-s', '1\n1\n1\n0\n0 1 1 1 1.0\n')],
  };
}
