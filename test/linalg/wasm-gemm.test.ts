import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/linalg/index.js';
import { createGemmArena, gemmModuleBytes, gemmReference } from '../../src/linalg/wasm/gemm.js';

/** max_i |a_i - b_i| / max_i |b_i|. */
const relErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let e = 0, s = 0;
  for (let i = 0; i < b.length; i++) { e = Math.max(e, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return e / s;
};

describe('the WebAssembly SIMD matrix product (gemm.ts)', () => {
  it('assembles to a module that validates and runs here (Node 20 has SIMD128)', () => {
    expect(WebAssembly.validate(gemmModuleBytes())).toBe(true);
    expect(createGemmArena(16)).not.toBeNull();
  });

  it('equals the plain loop within 1e-13 relative on every tile remainder (rows mod 4, columns mod 4), strided, add and overwrite', () => {
    const rng = createRng(3);
    for (const [nI, nR, nK] of [[1, 1, 2], [3, 5, 2], [4, 7, 4], [5, 64, 6], [9, 3, 10], [13, 128, 128], [128, 256, 64], [10, 256, 128]]) {
      for (const overwrite of [false, true]) {
        const G = createGemmArena(4 * (nI * nK + nI * nR + nR * nK) + 200)!;
        // a with row stride ai and column stride ar both different from 1 somewhere: a^T layout (ai = 1, ar = nI).
        const aT = nI % 2 === 1, cs = nK + 2, bs = nK + 4;
        const a = rng.fillNormal(G.alloc(nI * nR + 3)), B = rng.fillNormal(G.alloc(nR * bs + 5)), C = rng.fillNormal(G.alloc(nI * cs + 7));
        const ref = Float64Array.from(C);
        const [ai, ar] = aT ? [1, nI] : [nR, 1];
        gemmReference(ref, 7, cs, a, 3, ai, ar, B, 5, bs, nI, nR, nK, 0.75, overwrite);
        const before = Float64Array.from(C);
        G.gemm(C, 7, cs, a, 3, ai, ar, B, 5, bs, nI, nR, nK, 0.75, overwrite);
        expect(relErr(C, ref)).toBeLessThan(1e-13);
        // Entries outside the nI x nK block (the padding columns and the first 7) are untouched.
        for (let i = 0; i < C.length; i++) {
          const inside = i >= 7 && (i - 7) % cs < nK && Math.floor((i - 7) / cs) < nI;
          if (!inside) expect(C[i]).toBe(before[i]);
        }
      }
    }
  });

  it('tanh is within 3 ulp of Math.tanh on 2^18 points from 1e-17 to 25 (and -0, +-1e-300, +-40 exact); derivatives as mlp-activation.ts', () => {
    const N = 2 ** 18, G = createGemmArena(3 * N + 32)!, rng = createRng(8);
    const z = G.alloc(N + 7), d1 = G.alloc(N + 7), d2 = G.alloc(N + 7);
    const x = Float64Array.from({ length: N + 7 }, (_, i) => {
      const u = rng.uniform(0, 1), s = i % 2 === 0 ? 1 : -1;
      return s * (i % 3 === 0 ? 25 * u : i % 3 === 1 ? Math.exp(-39 * u) : 3 * u);
    });
    x.set([-0, 1e-300, -1e-300, 40, -40, 19.1, 0.5]);
    z.set(x);
    G.tanh(z, d1, d2, 0, N + 7, 1); // an odd count: the last element goes through Math.tanh
    const ulp = (y: number): number => (y === 0 ? Number.MIN_VALUE : 2 ** (Math.floor(Math.log2(Math.abs(y))) - 52));
    let worst = 0, derivativeMismatches = 0;
    for (let i = 0; i < N + 7; i++) {
      const t = Math.tanh(x[i]);
      worst = Math.max(worst, Math.abs(z[i] - t) / ulp(t));
      const s = 1 - z[i] * z[i];
      if (d1[i] !== s || d2[i] !== -2 * z[i] * s) derivativeMismatches++;
    }
    expect(worst).toBeLessThanOrEqual(3);
    expect(worst).toBeGreaterThan(0); // the SIMD tanh ran (Math.tanh itself would give 0)
    expect(derivativeMismatches).toBe(0);
    expect(Array.from(z.subarray(0, 5))).toEqual([-0, 1e-300, -1e-300, 1, -1]);
    expect(Object.is(z[0], -0)).toBe(true);
  });

  it('falls back to the plain loop for odd nK and for arrays outside the arena (bitwise equal then)', () => {
    const G = createGemmArena(64)!, rng = createRng(4);
    const a = rng.fillNormal(new Float64Array(6)), B = rng.fillNormal(new Float64Array(9)), C = new Float64Array(6), ref = new Float64Array(6);
    G.gemm(C, 0, 3, a, 0, 3, 1, B, 0, 3, 2, 3, 3, 1, true);
    gemmReference(ref, 0, 3, a, 0, 3, 1, B, 0, 3, 2, 3, 3, 1, true);
    expect(Array.from(C)).toEqual(Array.from(ref));
    expect(() => G.alloc(100)).toThrow(RangeError);
  });
});
