import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng } from '../../src/linalg/index.js';
import { type MlpActivation, type MlpLoss, mlp, mlpDataset } from '../../src/problems/index.js';

interface TorchCase {
  name: string; sizes: number[]; activation: MlpActivation; loss: MlpLoss; lambda: number;
  weights: unknown; v: number[]; loss_value: number; grad: number[]; hvp: number[];
}
const torch = JSON.parse(readFileSync(new URL('../fixtures/mlp-torch.json', import.meta.url), 'utf8')) as { cases: TorchCase[] };

/** max_i |a_i - b_i| / max_i |b_i|. */
const relErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let e = 0, s = 0;
  for (let i = 0; i < b.length; i++) { e = Math.max(e, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return e / s;
};
const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

describe('the MLP in WebAssembly SIMD against its TypeScript reference (simd: false)', () => {
  afterEach(() => { vi.unstubAllGlobals(); vi.resetModules(); });

  it('64-128-128-10 tanh on 200 digits: J, gradient and H v agree to 1e-12, H v matches central differences, u.Hv = v.Hu', () => {
    const data = mlpDataset('digits', 200), opts = { hidden: [128, 128], activation: 'tanh' as const, lambda: 1e-3 };
    const p = mlp(data, opts), q = mlp(data, { ...opts, simd: false }), n = p.dim, rng = createRng(9);
    const w = Float64Array.from(p.x0, (x) => x + 0.05 * rng.normal()), u = rng.fillNormal(new Float64Array(n)), v = rng.fillNormal(new Float64Array(n));
    expect(Math.abs(p.value(w) - q.value(w)) / q.value(w)).toBeLessThan(1e-13);
    const g = p.grad(w, new Float64Array(n)), gRef = q.grad(w, new Float64Array(n));
    expect(relErr(g, gRef)).toBeLessThan(1e-12);
    expect(relErr(g, gRef)).toBeGreaterThan(0); // the SIMD path did run (its summation order differs)
    const Hv = p.hvp(w, v, new Float64Array(n)), Hu = p.hvp(w, u, new Float64Array(n));
    expect(relErr(Hv, q.hvp(w, v, new Float64Array(n)))).toBeLessThan(1e-12);
    expect(Math.abs(dot(u, Hv) - dot(v, Hu)) / Math.abs(dot(u, Hv))).toBeLessThan(1e-12);
    const h = 1e-5, gp = p.grad(Float64Array.from(w, (t, i) => t + h * v[i]), new Float64Array(n));
    const gm = p.grad(Float64Array.from(w, (t, i) => t - h * v[i]), new Float64Array(n));
    expect(relErr(Hv, gp.map((t, i) => (t - gm[i]) / (2 * h)))).toBeLessThan(1e-6);
    // Mini-batch oracles read the same arena: a batch of all examples equals the full pass.
    const all = Uint32Array.from({ length: 200 }, (_, i) => i);
    expect(relErr(p.batchHvp(w, all, v, new Float64Array(n)), Hv)).toBeLessThan(1e-14);
    expect(p.accuracy(w)).toBe(q.accuracy(w));
    // The caller's arrays are left as they were (the pass works on copies in the arena).
    expect(p.grad(w, new Float64Array(n))).toEqual(g);
  });

  it('equal PyTorch double backward to 1e-10 on the fixture cases, with SIMD and without', () => {
    const digits = mlpDataset('digits', 20), cheb = mlpDataset('chebyshev3');
    for (const simd of [true, false]) {
      for (const c of torch.cases) {
        const p = mlp(c.loss === 'xent' ? digits : cheb, { hidden: c.sizes.slice(1, -1), activation: c.activation, loss: c.loss, lambda: c.lambda, simd });
        const w = p.fromJson(c.weights), n = p.dim;
        expect(Math.abs(p.value(w) - c.loss_value) / c.loss_value).toBeLessThan(1e-12);
        expect(relErr(p.grad(w, new Float64Array(n)), c.grad)).toBeLessThan(1e-10);
        expect(relErr(p.hvp(w, Float64Array.from(c.v), new Float64Array(n)), c.hvp)).toBeLessThan(1e-10);
      }
    }
  });

  it('without WebAssembly (as in a runtime that has none) the kernel falls back to the TypeScript loops, bitwise', async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    const fresh = await import('../../src/problems/index.js');
    const { createGemmArena } = await import('../../src/linalg/wasm/gemm.js');
    expect(createGemmArena(16)).toBeNull();
    const data = fresh.mlpDataset('digits', 50), opts = { hidden: [32], activation: 'tanh' as const };
    const p = fresh.mlp(data, opts);
    vi.unstubAllGlobals();
    const q = mlp(mlpDataset('digits', 50), { ...opts, simd: false }), n = p.dim;
    const v = createRng(2).fillNormal(new Float64Array(n));
    expect(Array.from(p.grad(p.x0, new Float64Array(n)))).toEqual(Array.from(q.grad(q.x0, new Float64Array(n))));
    expect(Array.from(p.hvp(p.x0, v, new Float64Array(n)))).toEqual(Array.from(q.hvp(q.x0, v, new Float64Array(n))));
  });
});
