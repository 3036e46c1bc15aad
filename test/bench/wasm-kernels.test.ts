import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/linalg/index.js';
import {
  createWasmArena, gdDiagonalStep, hbDiagonalStep, nagDiagonalStep, wasmSimdAvailable,
} from '../../src/linalg/wasm/index.js';
import { ParameterError } from '../../src/errors.js';
import { diagonalQuadratic } from '../../src/problems/index.js';
import { gradientDescent, heavyBall, nesterov } from '../../src/methods/index.js';
// @ts-expect-error: plain-JS generator script without type declarations
import { kernelsWat, kernelsBinary, kernelBytesTs } from '../../bench/wasm/generate-kernels.js';

const rng = createRng(2024);
const random = (n: number, lo: number, hi: number): Float64Array => Float64Array.from({ length: n }, () => rng.uniform(lo, hi));
const sizes = [0, 1, 3, 4, 5, 7, 8, 37, 1001];
const cases = [false, true]; // without / with a minimiser w*

describe('WebAssembly SIMD kernels', () => {
  it('are available in this Node (V8 has had WebAssembly SIMD since Node 16.4)', () => {
    expect(wasmSimdAvailable()).toBe(true);
  });

  it('are generated from the committed template (kernels.wat and kernelBytes.ts are up to date)', async () => {
    const wat = kernelsWat() as string;
    expect(readFileSync(new URL('../../src/linalg/wasm/kernels.wat', import.meta.url), 'utf8')).toBe(wat);
    const bin = await kernelsBinary(wat);
    expect(readFileSync(new URL('../../src/linalg/wasm/kernel-bytes.ts', import.meta.url), 'utf8')).toBe(kernelBytesTs(bin));
  });

  for (const method of ['gd', 'hb', 'nag'] as const) {
    for (const shift of cases) {
      it(`${method}${shift ? ' with w*' : ''}: 20 WebAssembly steps equal 20 TypeScript steps bitwise, every length incl. the scalar tail`, () => {
        const A = createWasmArena(6 * 1001 + 64)!;
        for (const n of sizes) {
          const A2 = createWasmArena(4 * n + 64)!;
          const h = random(n, 0.01, 1), ws = shift ? random(n, -1, 1) : null, w0 = random(n, -2, 2), v0 = random(n, -0.1, 0.1);
          const [hA, wsA, wA, vA] = [A2.alloc(n), shift ? A2.alloc(n) : null, A2.alloc(n), A2.alloc(n)];
          hA.set(h); if (wsA && ws) wsA.set(ws); wA.set(w0); vA.set(v0);
          const w = Float64Array.from(w0), v = Float64Array.from(v0);
          for (let k = 0; k < 20; k++) {
            if (method === 'gd') { gdDiagonalStep(0.7, h, ws, w); A2.gdDiagonalStep(0.7, hA, wsA, wA); }
            if (method === 'hb') { hbDiagonalStep(0.7, 0.8, h, ws, w, v); A2.hbDiagonalStep(0.7, 0.8, hA, wsA, wA, vA); }
            if (method === 'nag') { nagDiagonalStep(0.7, 0.8, h, ws, w, v); A2.nagDiagonalStep(0.7, 0.8, hA, wsA, wA, vA); }
          }
          expect(Array.from(wA)).toEqual(Array.from(w));
          expect(Array.from(vA)).toEqual(Array.from(v));
          if (n > 0 && method !== 'gd') expect(w.some((x, i) => x !== w0[i])).toBe(true);
        }
        expect(A.capacity).toBe(6 * 1001 + 64);
      });
    }
  }

  it('hand values: one heavy-ball step with h=1, alpha=beta=1/2, w=v=1 gives v=0, w=1; NAG from v=0 gives w=1/2', () => {
    const A = createWasmArena(64)!;
    const h = A.alloc(5).fill(1), w = A.alloc(5).fill(1), v = A.alloc(5).fill(1);
    A.hbDiagonalStep(0.5, 0.5, h, null, w, v);
    expect(Array.from(v)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(w)).toEqual([1, 1, 1, 1, 1]);
    A.nagDiagonalStep(0.5, 0.9, h, null, w, v);
    expect(Array.from(w)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    A.gdDiagonalStep(0.5, h, null, w);
    expect(Array.from(w)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
  });

  it('the fused heavy-ball step equals grad-then-update (the lecture form) bitwise and converges at the predicted rate', () => {
    // kappa = 100, alpha = (2/(sqrt(L)+sqrt(mu)))^2, beta = ((sqrt(kappa)-1)/(sqrt(kappa)+1))^2: rate sqrt(beta) = 9/11.
    const n = 64, mu = 0.01, L = 1;
    const h = Float64Array.from({ length: n }, (_, i) => mu + ((L - mu) * i) / (n - 1));
    const alpha = (2 / (Math.sqrt(L) + Math.sqrt(mu))) ** 2, beta = (9 / 11) ** 2;
    const A = createWasmArena(3 * n + 64)!;
    const [hA, w, v] = [A.alloc(n), A.alloc(n).fill(1), A.alloc(n)];
    hA.set(h);
    const wRef = new Float64Array(n).fill(1), vRef = new Float64Array(n), g = new Float64Array(n);
    for (let k = 0; k < 200; k++) {
      A.hbDiagonalStep(alpha, beta, hA, null, w, v);
      for (let i = 0; i < n; i++) g[i] = h[i] * wRef[i];
      for (let i = 0; i < n; i++) { vRef[i] = beta * vRef[i] - alpha * g[i]; wRef[i] += vRef[i]; }
    }
    expect(Array.from(w)).toEqual(Array.from(wRef));
    const err = Math.max(...Array.from(w, Math.abs));
    // |w_k| <= C k rho^k with rho = 9/11 (a Jordan block at the optimum): after 200 steps below 200 * (9/11)^200 * 10.
    expect(err).toBeLessThan(2000 * (9 / 11) ** 200);
    expect(err).toBeGreaterThan(1e-30);
  });

  for (const method of ['gd', 'hb', 'nag'] as const) {
    it(`${method}: 30 kernel steps (TypeScript and WebAssembly) equal 30 steps of the library's optimizer bitwise, with w*`, () => {
      const n = 37, h = random(n, 0.01, 1), ws = random(n, -1, 1), x0 = random(n, -2, 2);
      const problem = diagonalQuadratic(h, { minimizer: ws, x0 });
      const opt = method === 'gd' ? gradientDescent(0.9) : method === 'hb' ? heavyBall(0.9, { beta: 0.7 }) : nesterov(0.9, { beta: 0.7 });
      const state = opt.init(problem, problem.x0);
      const A = createWasmArena(5 * n + 64)!;
      const [hA, wsA, wA, vA] = [A.alloc(n), A.alloc(n), A.alloc(n), A.alloc(n)];
      hA.set(h); wsA.set(ws); wA.set(x0);
      const w = Float64Array.from(x0), v = new Float64Array(n);
      for (let k = 0; k < 30; k++) {
        opt.step(state, problem);
        if (method === 'gd') { gdDiagonalStep(0.9, h, ws, w); A.gdDiagonalStep(0.9, hA, wsA, wA); }
        if (method === 'hb') { hbDiagonalStep(0.9, 0.7, h, ws, w, v); A.hbDiagonalStep(0.9, 0.7, hA, wsA, wA, vA); }
        if (method === 'nag') { nagDiagonalStep(0.9, 0.7, h, ws, w, v); A.nagDiagonalStep(0.9, 0.7, hA, wsA, wA, vA); }
      }
      expect(Array.from(w)).toEqual(Array.from(state.w));
      expect(Array.from(wA)).toEqual(Array.from(state.w));
    });
  }

  it('vectors outside the arena fall back to the TypeScript kernel (same result)', () => {
    const A = createWasmArena(16)!;
    const h = Float64Array.of(1, 2, 3), w = Float64Array.of(1, 1, 1), v = new Float64Array(3);
    A.hbDiagonalStep(0.1, 0.5, h, null, w, v);
    expect(Array.from(v)).toEqual([-0.1, -0.2, -0.30000000000000004]);
    expect(A.owns(w)).toBe(false);
  });

  it('rejects a length beyond the vectors and a full arena, naming the parameter', () => {
    const A = createWasmArena(16)!;
    const h = A.alloc(4), w = A.alloc(4), v = A.alloc(4);
    expect(() => A.hbDiagonalStep(0.1, 0.5, h, null, w, v, 5)).toThrow(ParameterError);
    expect(() => A.hbDiagonalStep(0.1, 0.5, h, null, w, v, 5)).toThrow(/n.*\[0, 4\]/);
    expect(() => A.alloc(10_000)).toThrow(/arena full/);
    expect(() => createWasmArena(0)).toThrow(/capacity/);
    expect(() => createWasmArena(2 ** 40)).toThrow(/4 GiB/);
  });
});
