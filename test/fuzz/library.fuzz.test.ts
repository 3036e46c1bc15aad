// Fuzzing the public library (src/index.ts) with fast-check, in two tiers.
// 1. The user-facing entry points, with typed arguments that mix valid values and the hostile ones of issue 16 (NaN,
//    +-Infinity, 1e300, 5e-324, sizes of 2^31, matrices whose data is not rows x cols, non-finite fields, prototype
//    names): the full contract, a ParameterError or a finite result (documented statuses allowed), within the budget.
// 2. Every exported function, called with hostile numbers for each declared parameter: no hang past the budget and no
//    throw of a non-Error. (Typed misuse, e.g. a number where an object is expected, may throw a TypeError there: the
//    TypeScript types are that contract.)
import { afterAll, describe, it } from 'vitest';
import fc from 'fast-check';
import * as lib from '../../src/index.js';
import { CALL_BUDGET_MS, count, counts, fuzzOptions, libraryViolation } from './harness.js';

const HOSTILE = [NaN, Infinity, -Infinity, 1e300, -1e300, 5e-324, -5e-324, 0, -0, -1, 2 ** 31, 1e9, Number.MAX_VALUE];
/** A number: mostly in [lo, hi], sometimes hostile. */
const num = (lo: number, hi: number) => fc.oneof({ arbitrary: fc.double({ min: lo, max: hi, noNaN: true }), weight: 3 }, { arbitrary: fc.constantFrom(...HOSTILE), weight: 1 });
const int = (lo: number, hi: number) => fc.oneof({ arbitrary: fc.integer({ min: lo, max: hi }), weight: 3 }, { arbitrary: fc.constantFrom(...HOSTILE, 2.5), weight: 1 });
const text = fc.oneof(fc.constantFrom('0x10', '0b11', '0o7', ' 5 ', '', 'NaN', 'Infinity', '1e400', '5e-324', '1', '0.5', '-2', 'constructor', '__proto__', 'toString'), fc.string({ maxLength: 8 }));
const PROTO = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const methodNames = [...lib.methods().map((m) => m.name), ...PROTO];
const problemNames = [...lib.problems().map((p) => p.name), ...PROTO];

/** A spec over names, with keys drawn from the entry's parameters plus prototype names, values from `text`. */
const specOf = (names: string[], keys: string[]) => fc.tuple(fc.constantFrom(...names), fc.array(fc.tuple(fc.constantFrom(...keys, ...PROTO), fc.oneof(text, num(0, 2).map(String))), { maxLength: 3 }))
  .map(([n, kv]) => (kv.length ? `${n}:${kv.map(([k, v]) => `${k}=${v}`).join(',')}` : n));
const methodSpec = specOf(methodNames, ['alpha', 'beta', 'tune', 'lr', 'momentum', 'nu', 'betas']);
const problemSpec = specOf(problemNames, ['dim', 'kappa', 'mu', 'L', 'seed', 'spectrum', 'structure']).map((s) => s.replace(/dim=\d{3,}/g, 'dim=20'));

/** A square matrix, sometimes lying about its size or holding hostile entries. */
const matrix = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(num(-3, 3), { minLength: n * n, maxLength: n * n }).map((d) => ({ rows: n, cols: n, data: Float64Array.from(d) }))), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom(1e6, 3, 2, -1, 2.5, NaN), fc.array(num(-3, 3), { maxLength: 9 })).map(([n, d]) => ({ rows: n, cols: n, data: Float64Array.from(d) })), weight: 1 },
  { arbitrary: fc.constantFrom([[800, -800], [800, 800]], [[1e300, 0], [0, 1]], [[1, 1], [0, 1]]).map((r) => lib.fromRows(r)), weight: 1 },
);
const vector = (n: number) => fc.array(num(-3, 3), { minLength: n, maxLength: n });

/** Fields for the integrators: linear ones with fuzzed coefficients, and ones that turn non-finite. */
const field = fc.oneof(
  fc.tuple(num(-3, 3), num(-3, 3), num(-3, 3), num(-3, 3)).map(([a, b, c, d]) => ((_t: number, y: Float64Array, out: Float64Array) => { out[0] = a * y[0] + b * y[1]; out[1] = c * y[0] + d * y[1]; }) as lib.VectorField),
  fc.constantFrom<lib.VectorField>(
    (_t, y, out) => { out[0] = y[0] ** y[0] ** y[0]; out[1] = -y[1]; },
    (_t, y, out) => { out[0] = Math.sqrt(-1 - y[0] * y[0]); out[1] = 0; },
    (_t, y, out) => { out[0] = y[0] * y[0]; out[1] = y[1] * y[1]; }, // blows up in finite time
    lib.vanDerPolField(1), lib.hopfField(1, 1),
  ),
);
const tspan = fc.tuple(num(-2, 2), num(-2, 5)) as fc.Arbitrary<[number, number]>;

/** A result is allowed non-finite numbers only as a documented status (a diverged trajectory, a superstable cycle). */
const diverged = (r: unknown) => (path: string) => typeof r === 'object' && r !== null && (r as { status?: string }).status === 'diverged' && /^\.(y|yEnd|t)\b/.test(path);

type Case = [name: string, base: number, arb: fc.Arbitrary<unknown[]>, call: (...a: never[]) => unknown, allow?: (r: unknown) => (path: string, x: number) => boolean];
const CASES: Case[] = [
  ['parseDecimal', 400, fc.tuple(text, fc.record({ min: num(-2, 2), max: num(-2, 5), integer: fc.boolean() })), (t: string, r: lib.NumberRange) => lib.parseDecimal('x', t, r)],
  ['parseSpec', 300, fc.tuple(fc.oneof(methodSpec, text)), (t: string) => lib.parseSpec(t)],
  ['createMethod', 400, fc.tuple(methodSpec, fc.option(fc.record({ mu: num(0, 1), L: num(0.5, 10) }), { nil: undefined })), (s: string, c?: { mu: number; L: number }) => lib.createMethod(s, c).params],
  ['createProblem', 200, fc.tuple(problemSpec), (s: string) => { const p = lib.createProblem(s); return { dim: p.dim, mu: p.mu, L: p.L }; }],
  ['linearFormOf + formWorstRate', 300, fc.tuple(methodSpec, num(1e-3, 1), num(0.5, 10)), (s: string, mu: number, L: number) => {
    const { form } = lib.linearFormOf(s, { mu, L });
    return lib.formWorstRate(form, mu, L);
  }],
  ['formRate / formEigenvalues / formThresholds', 300, fc.tuple(methodSpec, num(1e-3, 10)), (s: string, h: number) => {
    const { form } = lib.linearFormOf(s, { mu: 0.1, L: 1 });
    return { rate: lib.formRate(form, h), z: lib.formEigenvalues(form, h), t: lib.formThresholds(form) };
  }],
  ['tuneMethod', 400, fc.tuple(fc.constantFrom('gd', 'hb', 'nag', 'tmm', 'chebyshev', 'cg', ...PROTO), num(1e-6, 1), num(0.5, 1e6), fc.option(fc.constantFrom('polyak', 'lecture', 'optimal', 'standard', 'vsfl', ...PROTO), { nil: undefined })),
    (m: lib.TuneMethodName, mu: number, L: number, r?: string) => { const t = lib.tuneMethod(m, mu, L, r as never); return { ...t, it: t.iterationsTo(1e-6) }; },
    () => (path) => path === '.it'], // iterationsTo is Infinity for a rate that rounds to 1: documented
  ['iterationsTo', 300, fc.tuple(num(0, 1.5), num(0, 1.5)), (r: number, t: number) => lib.iterationsTo(r, t), () => () => true],
  ['krylovMinimumLoss / stronglyConvexLowerBound', 300, fc.tuple(int(0, 100), int(1, 100), num(1, 1e6)), (k: number, D: number, kappa: number) => ({ a: lib.krylovMinimumLoss(k, D), b: lib.stronglyConvexLowerBound(kappa, k) })],
  ['chebyshevBound / cgBound', 300, fc.tuple(num(1, 1e6), int(0, 100)), (kappa: number, k: number) => ({ a: lib.chebyshevBound(kappa, k), b: lib.cgBound(kappa, k) })],
  ['energyDecay', 200, fc.tuple(num(1e-3, 10), num(1e-3, 1), fc.record({ tEnd: num(0, 100), samples: int(3, 300) }, { requiredKeys: [] })), (h: number, mu: number, o: { tEnd?: number; samples?: number }) => lib.energyDecay(h, mu, o)],
  ['expm', 300, fc.tuple(matrix), (A: lib.DenseMatrix) => lib.expm(A)],
  ['eigenvalues', 300, fc.tuple(matrix), (A: lib.DenseMatrix) => lib.eigenvalues(A)],
  ['symmetricEigen', 200, fc.tuple(matrix), (A: lib.DenseMatrix) => lib.symmetricEigen(A)],
  ['matrixPower', 200, fc.tuple(matrix, int(0, 20)), (A: lib.DenseMatrix, k: number) => lib.matrixPower(A, k), () => () => true], // powers may overflow: divergence is its result
  ['classifyContinuous2d / classifyDiscrete2d', 300, fc.tuple(vector(4)), (d: number[]) => ({ c: lib.classifyContinuous2d(d), d: lib.classifyDiscrete2d(d) })],
  ['analyzeLinearSystem', 200, fc.tuple(matrix, num(1e-3, 3)), (A: lib.DenseMatrix, alpha: number) => lib.analyzeLinearSystem(A, { alpha })],
  ['odeDopri5', 300, fc.tuple(field, tspan, vector(2)), (f: lib.VectorField, t: [number, number], y0: number[]) => lib.odeDopri5(f, t, y0, { maxSteps: 20000 }), diverged],
  ['odeRk4 / odeEuler', 300, fc.tuple(field, tspan, vector(2), int(1, 200)), (f: lib.VectorField, t: [number, number], y0: number[], steps: number) => ({ a: lib.odeRk4(f, t, y0, { steps }), b: lib.odeEuler(f, t, y0, { steps }) }),
    (r) => (path) => ['a', 'b'].some((k) => (r as Record<string, { status: string }>)[k].status === 'diverged' && path.startsWith(`.${k}.`))],
  ['limitCycle', 60, fc.tuple(field, vector(2), fc.record({ transient: num(0, 20), maxTime: num(0, 40) })), (f: lib.VectorField, y0: number[], o: { transient: number; maxTime: number }) => lib.limitCycle(f, y0, o)],
  ['largestLyapunovFlow', 60, fc.tuple(vector(3), fc.record({ time: num(0, 20), transient: num(0, 5), dt: num(1e-3, 0.1) })), (y0: number[], o: { time: number; transient: number; dt: number }) => {
    try {
      return lib.largestLyapunovFlow(lib.lorenzField(), lib.lorenzJvp(), y0, o);
    } catch (e) {
      // Documented: a tangent flow that overflows is a RangeError naming the time (the CLI prints it as a result).
      if (e instanceof RangeError && /the tangent vector became/.test(e.message)) return { overflowed: true };
      throw e;
    }
  }],
  ['logisticOrbit / logisticCobweb', 300, fc.tuple(num(0, 4), num(0, 1), int(0, 100)), (r: number, x0: number, n: number) => ({ o: lib.logisticOrbit(r, x0, n), c: lib.logisticCobweb(r, x0, n) })],
  ['logisticLyapunov / logisticPeriod', 150, fc.tuple(num(0, 4), fc.record({ iterations: int(1, 2000), transient: int(0, 2000) })), (r: number, o: { iterations: number; transient: number }) => ({ l: lib.logisticLyapunov(r, o), p: lib.logisticPeriod(r, { transient: o.transient }) }),
    () => (path, x) => path === '.l' && x === -Infinity], // -Infinity: a superstable cycle, documented
  ['logisticBifurcation', 150, fc.tuple(num(0, 4), num(0, 4), int(1, 50), fc.record({ transient: int(0, 100), keep: int(1, 50) })), (a: number, b: number, n: number, o: { transient: number; keep: number }) => lib.logisticBifurcation(a, b, n, o)],
  ['mandelbrot / julia', 150, fc.tuple(num(-2, 2), num(-2, 2), fc.record({ width: int(1, 24), height: int(1, 24), maxIter: int(1, 40) })),
    (cr: number, ci: number, o: lib.EscapeTimeOptions) => { const m = lib.mandelbrot(o); const j = lib.julia(cr, ci, o); return { m: m.inside, j: j.inside }; }],
  ['certifyRate', 80, fc.tuple(fc.constantFrom('gd', 'hb:tune=polyak', 'nag:tune=standard', 'tmm', 'hb:alpha=0.5,beta=0.5'), num(1e-3, 1), num(0.5, 100)), (s: string, mu: number, L: number) => {
    const c = lib.certifyMethod(s, mu, L);
    const r = lib.certifyRate(c.stateSpace, mu, L);
    return { rate: r.rate, lowerBound: r.lowerBound };
  }, () => (path, x) => path === '.lowerBound' && x === Infinity], // Infinity: 1 - h D = 0, documented
  ['pep', 60, fc.tuple(fc.constantFrom('gd', 'hb:tune=polyak'), num(0, 1), num(0.5, 10), int(1, 3)), (s: string, mu: number, L: number, N: number) => {
    const r = lib.pep(lib.certifyMethod(s, 0.1, 1).stateSpace, mu, L, N);
    return { worstCase: r.worstCase, status: r.status };
  }],
  ['readSdpa + solveSdp', 150, fc.tuple(fc.array(fc.oneof(text, int(-3, 5).map(String), num(-2, 2).map(String)), { maxLength: 14 })), (tokens: string[]) => {
    const r = lib.solveSdp(lib.readSdpa(tokens.join('\n')), { maxIterations: 50 });
    return { status: r.status };
  }],
  ['expressionField + odeDopri5', 100, fc.tuple(fc.array(fc.constantFrom('x', 'y', '^', '+', '*', '/', '-', '(', ')', '2', 'sin', 'exp', 'log', 'sqrt', 'constructor', '__proto__', '1e308'), { minLength: 1, maxLength: 12 })), async (parts: string[]) => {
    const f = await lib.expressionField([parts.join(''), '-x'], ['x', 'y']);
    return lib.odeDopri5(f, [0, 1], [2, 1], { maxSteps: 5000 });
  }, diverged],
  ['buildFigure', 60, fc.tuple(fc.constantFrom(...lib.figures.map((f) => f.name), ...PROTO), fc.array(fc.tuple(fc.constantFrom('steps', 'beta', 'mu', 'n', 'samples', 'target', 'x0', ...PROTO), fc.oneof(text, num(0, 2).map(String))), { maxLength: 2 })),
    (name: string, kv: [string, string][]) => lib.buildFigure({ name, params: Object.fromEntries(kv) }, { quick: true }), ],
];

const started = performance.now();
afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`library fuzz: ${total} cases in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

describe('library entry points: a ParameterError or a finite result', () => {
  for (const [name, base, arb, call, allow] of CASES) {
    it(name, async () => {
      await fc.assert(fc.asyncProperty(arb, async (args) => {
        count(name);
        if (process.env.FUZZ_TRACE) (await import('node:fs')).writeSync(2, `${name} ${fmtArgs(args).slice(0, 300)}\n`);
        let out: unknown, threw: unknown;
        const t0 = performance.now();
        try {
          out = (call as (...a: unknown[]) => unknown)(...args);
          if (out instanceof Promise) out = await out; // asynchronous entry points (expressionField)
        } catch (e) {
          threw = e ?? new Error(String(e));
        }
        const ms = performance.now() - t0;
        const v = ms > CALL_BUDGET_MS ? `took ${Math.round(ms)} ms`
          : threw !== undefined ? (threw instanceof Error && threw.name === 'ParameterError' ? null : `threw ${threw instanceof Error ? `${threw.name}: ${threw.message}` : String(threw)}`)
            : libraryViolation(() => out, allow?.(out));
        if (v) throw new Error(`${name}(${fmtArgs(args)}): ${v}`);
      }), fuzzOptions(base));
    }, 600_000);
  }
});

/** Arguments for a failure message (functions by name, typed arrays as arrays). */
function fmtArgs(args: unknown[]): string {
  return args.map((a) => (typeof a === 'function' ? `<${a.name || 'field'}>` : JSON.stringify(a, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)))).join(', ');
}

// ---- tier 2: every export ---------------------------------------------------------------------------------------
/** Exports left out of tier 2: raw kernels that take explicit lengths by design (DESIGN.md house style 7). */
const UNCAPPED = new Set(['matvecRows', 'createWasmArena']);

describe('every exported function: no hang, no throw of a non-Error, on hostile numbers', () => {
  const fns = Object.entries(lib).filter(([name, f]) => typeof f === 'function' && !/^[A-Z]/.test(name) && !UNCAPPED.has(name)) as [string, (...a: unknown[]) => unknown][];
  it(`${fns.length} functions`, async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...fns), fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.double({ min: -3, max: 3, noNaN: true })), { minLength: 4, maxLength: 4 }), async ([name, f], xs) => {
      count('every export');
      if (process.env.FUZZ_TRACE) (await import('node:fs')).writeSync(2, `${name} ${xs.join(', ')}\n`);
      const t0 = performance.now();
      try {
        const out = f(...xs.slice(0, f.length));
        if (out instanceof Promise) await out.catch((e: unknown) => { if (!(e instanceof Error)) throw e; });
      } catch (e) {
        if (!(e instanceof Error)) throw new Error(`${name}(${xs.join(', ')}) threw a non-Error: ${String(e)}`);
      }
      const ms = performance.now() - t0;
      if (ms > CALL_BUDGET_MS) throw new Error(`${name}(${xs.join(', ')}) took ${Math.round(ms)} ms`);
    }), fuzzOptions(3000));
  }, 600_000);
});
