// Fused diagonal-quadratic steps in WebAssembly SIMD, on vectors that live in a fixed-size WebAssembly memory.
// Why: plain JS takes ~2x the time of the fused C loop on a 10^7-dimensional heavy-ball step (V8 bounds-checks
// every typed-array access and does not vectorise); the f64x2 kernel runs at the C loop's speed (see BENCHMARKS.md).
// The TypeScript kernels in diagonalSteps.ts are the reference and the fallback.
import { ParameterError, checkNumber } from '../../errors.js';
import { KERNELS_WASM_BASE64 } from './kernel-bytes.js';
import { gdDiagonalStep, hbDiagonalStep, nagDiagonalStep } from './diagonal-steps.js';

type Kernel = (alpha: number, beta: number, h: number, ws: number, w: number, v: number, n: number) => void;

/** Vectors in one WebAssembly memory and the fused steps that run on them. */
export interface WasmArena {
  /** Capacity in float64 elements (the sum of the lengths alloc may hand out; alignment padding comes on top). */
  readonly capacity: number;
  /** A zero-filled Float64Array of length n inside the arena (64-byte aligned); throws if the arena is full. */
  alloc(n: number): Float64Array;
  /** True if x is a view into this arena's memory. */
  owns(x: Float64Array): boolean;
  /** gdDiagonalStep, in WebAssembly when every vector is in the arena (else the TypeScript reference). */
  gdDiagonalStep(alpha: number, h: Float64Array, wStar: Float64Array | null, w: Float64Array, n?: number): void;
  /** hbDiagonalStep, in WebAssembly when every vector is in the arena (else the TypeScript reference). */
  hbDiagonalStep(alpha: number, beta: number, h: Float64Array, wStar: Float64Array | null, w: Float64Array, v: Float64Array, n?: number): void;
  /** nagDiagonalStep, in WebAssembly when every vector is in the arena (else the TypeScript reference). */
  nagDiagonalStep(alpha: number, beta: number, h: Float64Array, wStar: Float64Array | null, w: Float64Array, v: Float64Array, n?: number): void;
}

const PAGE = 65536;
const MAX_PAGES = 65536; // 4 GiB: the wasm32 limit

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled kernel module, or null where WebAssembly SIMD is unavailable. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  const bytes = decodeBase64(KERNELS_WASM_BASE64);
  compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  return compiled;
}

/** True where this runtime runs the WebAssembly SIMD kernels. */
export function wasmSimdAvailable(): boolean {
  return kernelModule() !== null;
}

/**
 * Creates an arena of `capacity` float64 elements (fixed size, so views never detach) with the fused WebAssembly
 * steps; returns null where WebAssembly SIMD is unavailable (use diagonalSteps.ts then).
 *
 * @example
 * const A = createWasmArena(8)!; const h = A.alloc(4).fill(1), w = A.alloc(4).fill(1);
 * A.gdDiagonalStep(0.5, h, null, w); // w becomes [0.5, 0.5, 0.5, 0.5]
 */
export function createWasmArena(capacity: number): WasmArena | null {
  checkNumber('capacity', capacity, { min: 1, integer: true });
  const pages = Math.ceil((capacity * 8) / PAGE) + 1;
  if (pages > MAX_PAGES) throw new ParameterError('capacity', capacity, `at most ${(MAX_PAGES - 1) * (PAGE / 8)} float64 elements (4 GiB)`);
  const mod = kernelModule();
  if (mod === null) return null;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const k = new WebAssembly.Instance(mod, { env: { memory } }).exports as Record<string, Kernel>;
  const buffer = memory.buffer;
  let top = 0, used = 0;
  const owns = (x: Float64Array): boolean => x.buffer === buffer;
  const off = (x: Float64Array | null): number => (x === null ? 0 : x.byteOffset);
  // The WebAssembly path trusts n: check it against every vector (O(1)), so a bad n cannot touch other vectors.
  // Written without rest parameters or closures: a step must allocate nothing.
  const fits = (n: number, x: Float64Array | null): boolean => {
    if (x === null) return true;
    if (!(Number.isInteger(n) && n >= 0 && n <= x.length)) throw new ParameterError('n', n, `an integer in [0, ${x.length}] (the vectors' length)`);
    return x.buffer === buffer;
  };
  const inArena = (n: number, a: Float64Array, b: Float64Array | null, c: Float64Array, d: Float64Array | null): boolean =>
    fits(n, a) && fits(n, b) && fits(n, c) && fits(n, d);
  return {
    capacity,
    alloc(n) {
      checkNumber('n', n, { min: 0, integer: true });
      const start = Math.ceil(top / 64) * 64;
      const room = Math.min(capacity - used, Math.floor((buffer.byteLength - start) / 8));
      if (n > room) throw new ParameterError('n', n, `at most ${room} (arena full)`);
      top = start + n * 8;
      used += n;
      return new Float64Array(buffer, start, n);
    },
    owns,
    gdDiagonalStep(alpha, h, wStar, w, n = w.length) {
      if (!inArena(n, h, wStar, w, null)) { gdDiagonalStep(alpha, h, wStar, w, n); return; }
      (wStar === null ? k.gd : k.gdShift)(alpha, 0, h.byteOffset, off(wStar), w.byteOffset, 0, n);
    },
    hbDiagonalStep(alpha, beta, h, wStar, w, v, n = w.length) {
      if (!inArena(n, h, wStar, w, v)) { hbDiagonalStep(alpha, beta, h, wStar, w, v, n); return; }
      (wStar === null ? k.hb : k.hbShift)(alpha, beta, h.byteOffset, off(wStar), w.byteOffset, v.byteOffset, n);
    },
    nagDiagonalStep(alpha, beta, h, wStar, w, v, n = w.length) {
      if (!inArena(n, h, wStar, w, v)) { nagDiagonalStep(alpha, beta, h, wStar, w, v, n); return; }
      (wStar === null ? k.nag : k.nagShift)(alpha, beta, h.byteOffset, off(wStar), w.byteOffset, v.byteOffset, n);
    },
  };
}
