import { LINEAR_DIAGONAL_WASM_BASE64 } from './linear-diagonal-bytes.js';
import { type BlockSums, MOMENTUM, linearDiagonalSteps2 } from './linear-diagonal-steps.js';

/**
 * run's diagonal kernel in WebAssembly SIMD for plans of the MOMENTUM shape (heavy ball, Nesterov, the non-Nesterov
 * adapters): the operations of linearDiagonalSteps2, its reference, in the same order, so the same bits. The module
 * works on a chunk of coordinates in its own small memory; `steps2` copies each chunk in (h, w*, w, x), takes the
 * block's steps there (step-major: per step, the chunk's coordinates in index order, the sums in registers) and copies
 * the state back; the last n mod 4 coordinates and other shapes take the TypeScript kernel. Why: V8's code for the
 * TypeScript loop is compute-bound at large n (bounds checks, no vectors); this one is not.
 */
export interface LinearDiagonalWasm {
  steps2(P: readonly number[], F: readonly number[], X0: Float64Array, X1: Float64Array, V: Float64Array, h: Float64Array, ws: Float64Array,
    n: number, count: number, sums: BlockSums, wantE: boolean, wantV: boolean, fresh: boolean): void;
}

type Momentum = (a11: number, b1: number, c0: number, c1: number, c: number, fresh: number, h: number, ws: number, w: number,
  x: number, v: number, n: number, count: number, pE: number, pG: number, pEE: number, pVV: number) => void;

/** Coordinates per chunk (5 vectors of 16 KiB: they stay in the L2 cache for the block's steps) and steps per block. */
const CHUNK = 2048, MAX_COUNT = 512;

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let kernel: LinearDiagonalWasm | null | undefined;
let disabled = false;

/** Turn the WebAssembly kernel off (true) as if the runtime had no WebAssembly SIMD, to test the fallback; or on. */
export function disableLinearDiagonalWasm(off: boolean): void {
  disabled = off;
}

/** The kernel, or null where WebAssembly SIMD is unavailable (or disabled): then run uses the TypeScript kernel. */
export function linearDiagonalWasm(): LinearDiagonalWasm | null {
  if (disabled) return null;
  if (kernel !== undefined) return kernel;
  kernel = null;
  if (typeof WebAssembly !== 'object') return kernel;
  const bytes = decodeBase64(LINEAR_DIAGONAL_WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return kernel;
  // Layout (bytes): h, w*, w, x, v (CHUNK doubles each), then the four sums (MAX_COUNT doubles each).
  const H = 0, WS = 8 * CHUNK, W = 16 * CHUNK, X = 24 * CHUNK, V = 32 * CHUNK, SUMS = 40 * CHUNK;
  const bytesNeeded = SUMS + 4 * 8 * MAX_COUNT, pages = Math.ceil(bytesNeeded / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  // The variants m<look><unit><incV><full> (see bench/wasm/generate-kernels.js), indexed by those four bits.
  const variants: Momentum[] = [];
  for (let b = 0; b < 16; b++) variants.push(exports[`m${(b >> 3) & 1}${(b >> 2) & 1}${(b >> 1) & 1}${b & 1}`] as Momentum);
  const M = new Float64Array(memory.buffer);
  const at = (byte: number) => byte / 8;
  const eHeM = M.subarray(at(SUMS), at(SUMS) + MAX_COUNT), ggM = M.subarray(at(SUMS) + MAX_COUNT, at(SUMS) + 2 * MAX_COUNT);
  const eeM = M.subarray(at(SUMS) + 2 * MAX_COUNT, at(SUMS) + 3 * MAX_COUNT), vvM = M.subarray(at(SUMS) + 3 * MAX_COUNT, at(SUMS) + 4 * MAX_COUNT);
  kernel = {
    steps2(P, F, X0, X1, Vout, h, ws, n, count, sums, wantE, wantV, fresh) {
      if (F[15] !== MOMENTUM || count > MAX_COUNT) { linearDiagonalSteps2(P, F, X0, X1, Vout, h, ws, 0, n, count, sums, wantE, wantV, fresh); return; }
      const n4 = n - (n % 4), keepV = F[11] === 1, full = wantE || wantV;
      const momentum = variants[(F[1] << 3) | (P[0] === 1 && P[8] === 1 ? 4 : 0) | (keepV ? 2 : 0) | (full ? 1 : 0)];
      for (let lo = 0; lo < n4; lo += CHUNK) {
        const len = Math.min(CHUNK, n4 - lo), hi = lo + len;
        M.set(h.subarray(lo, hi), at(H)); M.set(ws.subarray(lo, hi), at(WS));
        M.set(X0.subarray(lo, hi), at(W)); M.set(X1.subarray(lo, hi), at(X));
        momentum(P[3], P[4], P[0], P[1], P[8], fresh && lo === 0 ? 1 : 0, H, WS, W, X, V, len, count,
          SUMS, SUMS + 8 * MAX_COUNT, SUMS + 16 * MAX_COUNT, SUMS + 24 * MAX_COUNT);
        X0.set(M.subarray(at(W), at(W) + len), lo); X1.set(M.subarray(at(X), at(X) + len), lo);
        if (keepV) Vout.set(M.subarray(at(V), at(V) + len), lo);
      }
      if (n4 > 0) {
        sums.eHe.set(eHeM.subarray(0, count)); sums.gg.set(ggM.subarray(0, count));
        if (full) { sums.ee.set(eeM.subarray(0, count)); sums.vv.set(vvM.subarray(0, count)); }
      }
      if (n4 < n) linearDiagonalSteps2(P, F, X0, X1, Vout, h, ws, n4, n, count, sums, wantE, wantV, fresh && n4 === 0);
    },
  };
  return kernel;
}
