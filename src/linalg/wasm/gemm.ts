// A register-blocked matrix product in WebAssembly SIMD (f64x2), assembled to bytes here at first use (no build tool,
// no wabt at run time): C (+)= scale sum_r a[i][r] B[r][k..], the shape of every product of an MLP's passes once the
// weights are transposed for the forward one. Why: V8 does not vectorise the TypeScript loops of mlp-kernels.ts
// (scalar, bounds-checked, ~4.4 GFLOP/s); f64x2 tiles of 4 x 4 keep 8 accumulators in registers (see docs/bench.md).
// Plain SIMD128 only (relaxed SIMD's fused multiply-add needs a flag in Node 20); the loops of gemmReference are the
// reference and the fallback.

/**
 * C[ci + i cs + k] = (overwrite ? 0 : C[ci + i cs + k]) + scale sum_{r < nR} a[ai0 + i ai + r ar] B[bi + r bs + k]
 * for i < nI, k < nK (all offsets and strides in elements): the plain loop the SIMD kernel is checked against.
 *
 * @example
 * const C = new Float64Array(2);
 * gemmReference(C, 0, 2, Float64Array.of(2), 0, 1, 1, Float64Array.of(3, 4), 0, 2, 1, 1, 2, 0.5, true); // C = [3, 4]
 */
export function gemmReference(
  C: Float64Array, ci: number, cs: number, a: Float64Array, ai0: number, ai: number, ar: number, B: Float64Array, bi: number, bs: number,
  nI: number, nR: number, nK: number, scale: number, overwrite: boolean,
): void {
  for (let i = 0; i < nI; i++) {
    for (let k = 0; k < nK; k++) {
      let s = 0;
      for (let r = 0; r < nR; r++) s += a[ai0 + i * ai + r * ar] * B[bi + r * bs + k];
      const c = ci + i * cs + k;
      C[c] = (overwrite ? 0 : C[c]) + scale * s;
    }
  }
}

// ---- a tiny WebAssembly assembler: the opcodes the kernel uses ----
const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n !== 0) b |= 0x80; out.push(b); } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f; n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
};
const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const get = (l: number): number[] => [0x20, ...uleb(l)];
const set = (l: number): number[] => [0x21, ...uleb(l)];
const i32c = (n: number): number[] => [0x41, ...sleb(n)];
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
const I32_ADD = 0x6a, I32_SUB = 0x6b, I32_MUL = 0x6c, I32_GT_S = 0x4a, I32_EQZ = 0x45;
const V_LOAD = 0, V_SPLAT64 = 10, V_STORE = 11, V_CONST = 12, F64X2_SPLAT = 20, F64X2_ADD = 240, F64X2_MUL = 242;
const vload = (off: number): number[] => simd(V_LOAD, 4, ...uleb(off));
const vstore = (off: number): number[] => simd(V_STORE, 4, ...uleb(off));
const zero = (): number[] => simd(V_CONST, ...new Array<number>(16).fill(0));
/** while (cond) body: cond is code leaving an i32 that is nonzero to exit. */
const whileNot = (exit: number[], body: number[]): number[] => [0x02, 0x40, 0x03, 0x40, ...exit, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];

// Parameters (byte addresses and byte strides): C cs a ai ar B bs nI nR nK scale overwrite; then the locals.
const P = { C: 0, cs: 1, a: 2, ai: 3, ar: 4, B: 5, bs: 6, nI: 7, nR: 8, nK: 9, scale: 10, ow: 11 };
/** Rows per tile (splatted a's) and f64x2 vectors per tile row (4 x 2 = 8 accumulators, 2 B loads, 4 splats per r). */
const TI = 4, TV = 2;
// i32 locals i k r pa pb pc and aiK = K ai (K = 1..TI-1, aiK[0] unused); then the v128 locals.
const NI32 = 6 + TI, ACC = 12 + NI32;
const L = { i: 12, k: 13, r: 14, pa: 15, pb: 16, pc: 17, aiK: 17, acc: ACC, b: ACC + TI * TV, s: ACC + TI * TV + TV, vs: ACC + TI * TV + TV + 1 };
const NV128 = TI * TV + TV + 2;

/** One tile of ti rows x tv vectors at (i, k): the r loop, then C (+)= scale acc; advances k by 2 tv. */
function tile(ti: number, tv: number): number[] {
  const acc = (ii: number, vv: number): number => L.acc + ii * TV + vv;
  const code: number[] = [];
  for (let ii = 0; ii < ti; ii++) for (let vv = 0; vv < tv; vv++) code.push(...zero(), ...set(acc(ii, vv)));
  // pa = a + i ai; pb = B + 8 k; r = nR.
  code.push(...get(P.a), ...get(L.i), ...get(P.ai), I32_MUL, I32_ADD, ...set(L.pa));
  code.push(...get(P.B), ...get(L.k), ...i32c(3), 0x74 /* i32.shl */, I32_ADD, ...set(L.pb));
  code.push(...get(P.nR), ...set(L.r));
  const body: number[] = [];
  for (let vv = 0; vv < tv; vv++) body.push(...get(L.pb), ...vload(16 * vv), ...set(L.b + vv));
  for (let ii = 0; ii < ti; ii++) {
    body.push(...get(L.pa), ...(ii === 0 ? [] : [...get(L.aiK + ii), I32_ADD]), ...simd(V_SPLAT64, 3, 0), ...set(L.s));
    for (let vv = 0; vv < tv; vv++) body.push(...get(acc(ii, vv)), ...get(L.s), ...get(L.b + vv), ...simd(F64X2_MUL), ...simd(F64X2_ADD), ...set(acc(ii, vv)));
  }
  body.push(...get(L.pa), ...get(P.ar), I32_ADD, ...set(L.pa));
  body.push(...get(L.pb), ...get(P.bs), I32_ADD, ...set(L.pb));
  body.push(...get(L.r), ...i32c(1), I32_SUB, ...set(L.r));
  code.push(...whileNot([...get(L.r), I32_EQZ], body));
  // pc = C + i cs + 8 k; then row by row, C = (overwrite ? 0 : C) + scale acc.
  code.push(...get(P.C), ...get(L.i), ...get(P.cs), I32_MUL, I32_ADD, ...get(L.k), ...i32c(3), 0x74, I32_ADD, ...set(L.pc));
  for (let ii = 0; ii < ti; ii++) {
    for (let vv = 0; vv < tv; vv++) {
      code.push(...get(L.vs), ...get(acc(ii, vv)), ...simd(F64X2_MUL), ...set(L.s));
      code.push(...get(P.ow), I32_EQZ, 0x04, 0x40, ...get(L.pc), ...vload(16 * vv), ...get(L.s), ...simd(F64X2_ADD), ...set(L.s), 0x0b);
      code.push(...get(L.pc), ...get(L.s), ...vstore(16 * vv));
    }
    code.push(...get(L.pc), ...get(P.cs), I32_ADD, ...set(L.pc));
  }
  code.push(...get(L.k), ...i32c(2 * tv), I32_ADD, ...set(L.k));
  return code;
}

/** Rows i..i+ti-1 across all k (tiles of 2 TV columns, then one of 2 when nK = 2 mod 4); advances i by ti. */
function rowBlock(ti: number): number[] {
  return [
    ...i32c(0), ...set(L.k),
    ...whileNot([...get(L.k), ...i32c(2 * TV), I32_ADD, ...get(P.nK), I32_GT_S], tile(ti, TV)),
    ...whileNot([...get(L.k), ...i32c(2), I32_ADD, ...get(P.nK), I32_GT_S], tile(ti, 1)),
    ...get(L.i), ...i32c(ti), I32_ADD, ...set(L.i),
  ];
}

/** The module: memory imported as env.memory, one export gemm(C, cs, a, ai, ar, B, bs, nI, nR, nK, scale, overwrite). */
export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  const params = [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, I32];
  const body = [
    ...Array.from({ length: TI - 1 }, (_, K) => [...get(P.ai), ...i32c(K + 1), I32_MUL, ...set(L.aiK + K + 1)]).flat(),
    ...get(P.scale), ...simd(F64X2_SPLAT), ...set(L.vs),
    ...i32c(0), ...set(L.i),
    ...whileNot([...get(L.i), ...i32c(TI), I32_ADD, ...get(P.nI), I32_GT_S], rowBlock(TI)),
    ...whileNot([...get(L.i), ...i32c(1), I32_ADD, ...get(P.nI), I32_GT_S], rowBlock(1)),
    0x0b,
  ];
  const locals = vec([[...uleb(NI32), I32], [...uleb(NV128), V128]]);
  const fn = [...locals, ...body];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...uleb(params.length), ...params, 0]])),
    ...section(2, vec([[...str('env'), ...str('memory'), 0x02, 0x00, 0x00]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...str('gemm'), 0x00, 0]])),
    ...section(10, vec([[...uleb(fn.length), ...fn]])),
  ];
  return new Uint8Array(bytes);
}

type GemmExport = (C: number, cs: number, a: number, ai: number, ar: number, B: number, bs: number,
  nI: number, nR: number, nK: number, scale: number, overwrite: number) => void;

/** Float64 arrays in one fixed-size WebAssembly memory and the SIMD product on them. */
export interface GemmArena {
  /** A zero-filled Float64Array of length n in the arena (64-byte aligned); throws a RangeError past `capacity` elements in all. */
  alloc(n: number): Float64Array;
  /**
   * gemmReference's product on arrays of this arena, in WebAssembly SIMD; nK must be even (the tiles are f64x2 pairs),
   * else (or for arrays from elsewhere) it runs gemmReference. Offsets and strides are in elements.
   */
  gemm(C: Float64Array, ci: number, cs: number, a: Float64Array, ai0: number, ai: number, ar: number, B: Float64Array, bi: number, bs: number,
    nI: number, nR: number, nK: number, scale: number, overwrite: boolean): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (or compiling failed). */
function gemmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = gemmModuleBytes();
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch { compiled = null; }
  return compiled;
}

/**
 * An arena of `capacity` float64 elements (fixed size, so its views never detach) with the SIMD product, or null where
 * WebAssembly SIMD is unavailable or the memory cannot be had (callers fall back to their TypeScript loops then).
 * Each arena has its own memory, freed with it by the garbage collector.
 *
 * @example
 * const G = createGemmArena(8)!, C = G.alloc(2), a = G.alloc(1).fill(2), B = G.alloc(2); B.set([3, 4]);
 * G.gemm(C, 0, 2, a, 0, 1, 1, B, 0, 2, 1, 1, 2, 0.5, true); // C = [3, 4]
 */
export function createGemmArena(capacity: number): GemmArena | null {
  if (!(Number.isInteger(capacity) && capacity >= 1 && capacity <= 2 ** 28)) return null;
  const mod = gemmModule();
  if (mod === null) return null;
  let memory: WebAssembly.Memory, run: GemmExport;
  try {
    const pages = Math.ceil((capacity * 8) / 65536) + 1;
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    run = (new WebAssembly.Instance(mod, { env: { memory } }).exports as { gemm: GemmExport }).gemm;
  } catch { return null; }
  const buffer = memory.buffer;
  let top = 0, used = 0;
  return {
    alloc(n) {
      const start = Math.ceil(top / 64) * 64;
      const fits = Number.isInteger(n) && n >= 0 && used + n <= capacity && start + n * 8 <= buffer.byteLength;
      if (!fits) throw new RangeError(`alloc: n = ${n} does not fit the arena (${capacity - used} of ${capacity} elements left)`);
      top = start + n * 8; used += n;
      return new Float64Array(buffer, start, n);
    },
    gemm(C, ci, cs, a, ai0, ai, ar, B, bi, bs, nI, nR, nK, scale, overwrite) {
      if (nK % 2 !== 0 || C.buffer !== buffer || a.buffer !== buffer || B.buffer !== buffer) {
        gemmReference(C, ci, cs, a, ai0, ai, ar, B, bi, bs, nI, nR, nK, scale, overwrite);
        return;
      }
      run(C.byteOffset + 8 * ci, 8 * cs, a.byteOffset + 8 * ai0, 8 * ai, 8 * ar, B.byteOffset + 8 * bi, 8 * bs, nI, nR, nK, scale, overwrite ? 1 : 0);
    },
  };
}
