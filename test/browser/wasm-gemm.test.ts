// The MLP's WebAssembly SIMD module (src/linalg/wasm/gemm.ts) in Debian's chromium, inside a Worker as the explorer's
// network worker runs it: the bytes validate and the product and tanh give the same bits as in Node.
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/linalg/index.js';
import { createGemmArena, gemmModuleBytes } from '../../src/linalg/wasm/gemm.js';

describe('the SIMD matrix module in a browser worker', () => {
  it('validates in chromium and computes C = a B and tanh bit for bit as Node does', async () => {
    const nI = 9, nR = 7, nK = 10, rng = createRng(12);
    const a = Array.from(rng.fillNormal(new Float64Array(nI * nR))), B = Array.from(rng.fillNormal(new Float64Array(nR * nK)));
    const z = Array.from(rng.fillNormal(new Float64Array(64)), (x) => 3 * x);
    // Node: the arena's own wrapper.
    const G = createGemmArena(4096)!, ga = G.alloc(a.length), gB = G.alloc(B.length), gC = G.alloc(nI * nK);
    ga.set(a); gB.set(B);
    G.gemm(gC, 0, nK, ga, 0, nR, 1, gB, 0, nK, nI, nR, nK, 1, true);
    const gz = G.alloc(64), d1 = G.alloc(64), d2 = G.alloc(64);
    gz.set(z); G.tanh(gz, d1, d2, 0, 64, 1);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const out = await page.evaluate(async ({ bytes, a, B, z, nI, nR, nK }) => {
        const src = `onmessage = (e) => {
          const { bytes, a, B, z, nI, nR, nK } = e.data, u8 = new Uint8Array(bytes);
          if (!WebAssembly.validate(u8)) { postMessage({ valid: false }); return; }
          const memory = new WebAssembly.Memory({ initial: 2, maximum: 2 });
          const ex = new WebAssembly.Instance(new WebAssembly.Module(u8), { env: { memory } }).exports;
          const f = new Float64Array(memory.buffer);
          f.set(a, 0); f.set(B, 256); f.set(z, 1024);
          ex.gemm(512 * 8, nK * 8, 0, nR * 8, 8, 256 * 8, nK * 8, nI, nR, nK, 1, 1);
          ex.tanh(1024 * 8, 1100 * 8, 1200 * 8, 64, 1);
          postMessage({ valid: true, C: Array.from(f.subarray(512, 512 + nI * nK)), t: Array.from(f.subarray(1024, 1088)),
            d1: Array.from(f.subarray(1100, 1164)), d2: Array.from(f.subarray(1200, 1264)) });
        };`;
        const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
        return new Promise<{ valid: boolean; C?: number[]; t?: number[]; d1?: number[]; d2?: number[] }>((res) => {
          w.onmessage = (e) => res(e.data);
          w.postMessage({ bytes, a, B, z, nI, nR, nK });
        });
      }, { bytes: Array.from(gemmModuleBytes()), a, B, z, nI, nR, nK });
      expect(out.valid).toBe(true);
      expect(out.C).toEqual(Array.from(gC));
      expect(out.t).toEqual(Array.from(gz));
      expect(out.d1).toEqual(Array.from(d1));
      expect(out.d2).toEqual(Array.from(d2));
    } finally {
      await browser.close();
    }
  }, 60_000);
});
