import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../src/linalg/index.js';
import { createMethod } from '../../src/methods/index.js';
import { createProblem, diagonalQuadratic } from '../../src/problems/index.js';
import { WASM_MIN_DIM, run, setDiagonalKernel } from '../../src/run/index.js';
import { diagonalPlan } from '../../src/run/diagonal-plan.js';
import { MOMENTUM, linearDiagonalSteps2, packPlan2 } from '../../src/run/linear-diagonal-steps.js';
import { disableLinearDiagonalWasm, linearDiagonalWasm } from '../../src/run/linear-diagonal-wasm.js';
// @ts-expect-error: plain-JS generator script without type declarations
import { kernelsBinary, linearDiagonalBytesTs, linearDiagonalWat } from '../../bench/wasm/generate-kernels.js';

const rng = createRng(77);
const random = (n: number, lo: number, hi: number): Float64Array => Float64Array.from({ length: n }, () => rng.uniform(lo, hi));
const bits = (x: ArrayLike<number>) => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));
const sums = () => ({ eHe: new Float64Array(512), gg: new Float64Array(512), ee: new Float64Array(512), vv: new Float64Array(512) });

afterEach(() => { disableLinearDiagonalWasm(false); setDiagonalKernel('auto'); });

describe("run's diagonal kernel in WebAssembly SIMD", () => {
  it('is generated from the committed template (linear-diagonal.wat and linear-diagonal-bytes.ts are up to date)', async () => {
    const wat = linearDiagonalWat() as string;
    expect(readFileSync(new URL('../../src/run/linear-diagonal.wat', import.meta.url), 'utf8')).toBe(wat);
    const bin = await kernelsBinary(wat);
    expect(readFileSync(new URL('../../src/run/linear-diagonal-bytes.ts', import.meta.url), 'utf8')).toBe(linearDiagonalBytesTs(bin));
  });

  // Every variant (look-ahead, unit coefficients, velocity = increment, four sums), with and without w*, on lengths
  // that leave 0 to 3 coordinates to the TypeScript tail and span several chunks of 2048.
  const specs = ['hb:alpha=0.7,beta=0.8', 'nag:alpha=0.6,beta=0.9', 'optax-sgd:learning_rate=0.5,momentum=0.9', 'torch-sgd:lr=0.5,momentum=0.9'];
  for (const spec of specs) {
    it(`${spec}: 25 WebAssembly steps equal 25 TypeScript steps bitwise (state, velocity, all four sums), every length`, () => {
      const kernel = linearDiagonalWasm()!;
      expect(kernel).not.toBeNull();
      const form = createMethod(spec).linear!;
      const { P, F } = packPlan2(diagonalPlan(form, true))!;
      expect(F[15]).toBe(MOMENTUM);
      for (const n of [1, 3, 4, 5, 7, 8, 37, 2048, 2053, 5000]) {
        for (const shift of [false, true]) {
          for (const full of [false, true]) {
            const h = random(n, 0.01, 1), ws = shift ? random(n, -1, 1) : new Float64Array(n), w0 = random(n, -2, 2), x0 = random(n, -0.1, 0.1);
            const [wA, xA, vA, wB, xB, vB] = [Float64Array.from(w0), Float64Array.from(x0), new Float64Array(n), Float64Array.from(w0), Float64Array.from(x0), new Float64Array(n)];
            const sA = sums(), sB = sums();
            kernel.steps2(P, F, wA, xA, vA, h, ws, n, 25, sA, full, full, true);
            linearDiagonalSteps2(P, F, wB, xB, vB, h, ws, 0, n, 25, sB, full, full, true);
            expect(bits(wA), `n ${n}`).toEqual(bits(wB));
            expect(bits(xA)).toEqual(bits(xB));
            expect(bits(vA)).toEqual(bits(vB));
            for (const q of full ? (['eHe', 'gg', 'ee', 'vv'] as const) : (['eHe', 'gg'] as const)) expect(bits(sA[q].subarray(0, 25)), q).toEqual(bits(sB[q].subarray(0, 25)));
            expect(wA.some((x, i) => x !== w0[i])).toBe(true);
          }
        }
      }
    });
  }

  it(`run() takes it from ${WASM_MIN_DIM} coordinates on; with WebAssembly disabled the TypeScript fallback gives the same bits`, () => {
    const p = createProblem(`quadratic:dim=${WASM_MIN_DIM + 3},kappa=100,spectrum=loguniform,seed=9,wstar=0.5`);
    const opts = { steps: 60, tol: 0 };
    const auto = run(p, createMethod('hb:alpha=1,beta=0.8', p), opts);
    disableLinearDiagonalWasm(true);
    expect(linearDiagonalWasm()).toBeNull();
    const fallback = run(p, createMethod('hb:alpha=1,beta=0.8', p), opts);
    disableLinearDiagonalWasm(false);
    setDiagonalKernel('off');
    const plain = run(p, createMethod('hb:alpha=1,beta=0.8', p), opts);
    for (const r of [fallback, plain]) {
      expect(bits(r.w)).toEqual(bits(auto.w));
      for (const [c, col] of Object.entries(auto.trace)) expect(bits(r.trace[c]), c).toEqual(bits(col));
    }
    expect(auto.trace.loss[60]).toBeLessThan(auto.trace.loss[0] * 1e-3);
  });

  it('a heavy-ball run on a diagonal quadratic converges at the predicted rate through the kernel (hand-checked)', () => {
    // h = (0.01, 1), Polyak's tuning: the iteration matrix has the double eigenvalue sqrt(beta) = (sqrt(kappa) - 1)/(sqrt(kappa) + 1)
    // = 9/11, with a Jordan block: e_k ~ k (9/11)^k, so loss_200 / loss_100 = (9/11)^200 (200/100)^2 and the 200th root is
    // (9/11) 2^(1/100) = 0.82388.
    const p = diagonalQuadratic(Float64Array.of(0.01, 1));
    const r = run(p, createMethod('hb:tune=polyak', p), { steps: 200, tol: 0, record: ['loss'] });
    const rate = Math.pow(r.trace.loss[200] / r.trace.loss[100], 1 / 200);
    expect(Math.abs(rate - (9 / 11) * 2 ** (1 / 100))).toBeLessThan(1e-4);
  });
});
