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

// ---- tanh and its two derivatives, two lanes at a time ----
// tanh|x| = e / (e + 2) with e = expm1(y), y = min(2|x|, 40) (tanh = 1 in float64 from |x| = 19.1 on), sign copied back.
// expm1(y) = 2^k (expm1(r) + 1) - 1 with y = k ln 2 + r, |r| <= ln2 / 2 (Cody-Waite: ln 2 = LN2_HI + LN2_LO, k LN2_HI
// exact); expm1(r) = r + r^2 (1/2! + r/3! + ... + r^11/13!) (truncation < 1e-17 relative); 2^k from the bits of
// k + 2^52 + 1023 shifted left by 52 (k is in [0, 58]). Max error vs Math.tanh: see test/linalg/wasm-gemm.test.ts.
const LN2_HI = 6.93147180369123816490e-1, LN2_LO = 1.90821492927058770002e-10;
const F64X2_ABS = 236, F64X2_SUB = 241, F64X2_DIV = 243, F64X2_MIN = 244, F64X2_NEAREST = 148, I64X2_SHL = 203, V_AND = 78, V_OR = 80;
const f64x2cInline = (x: number): number[] => simd(V_CONST, ...new Uint8Array(Float64Array.of(x, x).buffer));
const i64x2cInline = (x: bigint): number[] => simd(V_CONST, ...new Uint8Array(BigInt64Array.of(x, x).buffer));
const vop = (op: number): number[] => simd(op);

// Parameters z d1 d2 (byte addresses) n (elements, even) level; locals end i, then x t e r q kf, then the constants
// (set once before the loop: V8 rebuilds a v128.const in the loop each time).
const T = { z: 0, d1: 1, d2: 2, n: 3, level: 4, end: 5, i: 6, x: 7, t: 8, e: 9, r: 10, q: 11, kf: 12, r2: 13, r4: 14, c0: 15 };
const TANH_V128_LOCALS = 8;

/** The tanh function's code and how many constant locals it uses. */
function tanhBody(): { code: number[]; constants: number } {
  const at = (p: number): number[] => [...get(p), ...get(T.i), I32_ADD];
  const consts: number[][] = [];
  const f64x2c = (x: number): number[] => {
    const bytes = f64x2cInline(x);
    let j = consts.findIndex((c) => c.join() === bytes.join());
    if (j < 0) { j = consts.length; consts.push(bytes); }
    return get(T.c0 + j);
  };
  const i64x2c = (x: bigint): number[] => {
    const bytes = i64x2cInline(x);
    let j = consts.findIndex((c) => c.join() === bytes.join());
    if (j < 0) { j = consts.length; consts.push(bytes); }
    return get(T.c0 + j);
  };
  const loop: number[] = [
    ...at(T.z), ...vload(0), ...set(T.x),
    // y = min(2 |x|, 40) in e; kf = nearest(y / ln 2); r = (y - kf LN2_HI) - kf LN2_LO.
    ...get(T.x), ...vop(F64X2_ABS), ...f64x2c(2), ...vop(F64X2_MUL), ...f64x2c(40), ...vop(F64X2_MIN), ...set(T.e),
    ...get(T.e), ...f64x2c(1 / Math.LN2), ...vop(F64X2_MUL), ...vop(F64X2_NEAREST), ...set(T.kf),
    ...get(T.e), ...get(T.kf), ...f64x2c(LN2_HI), ...vop(F64X2_MUL), ...vop(F64X2_SUB),
    ...get(T.kf), ...f64x2c(LN2_LO), ...vop(F64X2_MUL), ...vop(F64X2_SUB), ...set(T.r),
  ];
  // q = sum_{n=2}^{13} r^(n-2) / n! by Estrin's scheme (pairs, then r^2, r^4): a Horner chain's 11 dependent
  // multiply-adds made the loop latency-bound (11 ns per element, against 21 for Math.tanh).
  let fact = 1;
  const inv: number[] = [];
  for (let n = 1; n <= 13; n++) { fact *= n; inv[n] = 1 / fact; }
  const M = vop(F64X2_MUL), A = vop(F64X2_ADD);
  const lin = (n: number): number[] => [...get(T.r), ...f64x2c(inv[n + 1]), ...M, ...f64x2c(inv[n]), ...A]; // 1/n! + r/(n+1)!
  const quad = (n: number): number[] => [...lin(n), ...lin(n + 2), ...get(T.r2), ...M, ...A];
  loop.push(
    ...get(T.r), ...get(T.r), ...M, ...set(T.r2), ...get(T.r2), ...get(T.r2), ...M, ...set(T.r4),
    ...quad(2), ...get(T.r4), ...quad(6), ...quad(10), ...get(T.r4), ...M, ...A, ...M, ...A, ...set(T.q),
  );
  loop.push(
    // q = expm1(r) = r + r^2 q; t = 2^k (bits of kf + 2^52 + 1023, shifted); e = t q + (t - 1).
    ...get(T.r), ...get(T.r2), ...get(T.q), ...vop(F64X2_MUL), ...vop(F64X2_ADD), ...set(T.q),
    ...get(T.kf), ...f64x2c(2 ** 52 + 1023), ...vop(F64X2_ADD), ...i32c(52), ...vop(I64X2_SHL), ...set(T.t),
    ...get(T.t), ...get(T.q), ...vop(F64X2_MUL), ...get(T.t), ...f64x2c(1), ...vop(F64X2_SUB), ...vop(F64X2_ADD), ...set(T.e),
    // t = e / (e + 2) with the sign bit of x.
    ...get(T.e), ...get(T.e), ...f64x2c(2), ...vop(F64X2_ADD), ...vop(F64X2_DIV),
    ...get(T.x), ...i64x2c(-(2n ** 63n)), ...vop(V_AND), ...vop(V_OR), ...set(T.t),
    ...at(T.z), ...get(T.t), ...vstore(0),
    // level >= 1: d1 = 1 - t^2, d2 = (-2 t) d1 (mlp-activation.ts's order).
    ...get(T.level), 0x04, 0x40,
    ...f64x2c(1), ...get(T.t), ...get(T.t), ...vop(F64X2_MUL), ...vop(F64X2_SUB), ...set(T.e),
    ...at(T.d1), ...get(T.e), ...vstore(0),
    ...at(T.d2), ...f64x2c(-2), ...get(T.t), ...vop(F64X2_MUL), ...get(T.e), ...vop(F64X2_MUL), ...vstore(0),
    0x0b,
    ...get(T.i), ...i32c(16), I32_ADD, ...set(T.i),
  );
  const code = [
    ...consts.flatMap((c, j) => [...c, ...set(T.c0 + j)]),
    ...get(T.n), ...i32c(3), 0x74, ...set(T.end),
    ...whileNot([...get(T.i), ...get(T.end), 0x4f /* i32.ge_u */], loop),
    0x0b,
  ];
  return { code, constants: consts.length };
}

/**
 * The module: memory imported as env.memory; exports gemm(C, cs, a, ai, ar, B, bs, nI, nR, nK, scale, overwrite)
 * and tanh(z, d1, d2, n, level) (z <- tanh z over n elements, n even; with level >= 1 also d1 = tanh', d2 = tanh'').
 */
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
  const fn = [...vec([[...uleb(NI32), I32], [...uleb(NV128), V128]]), ...body];
  const tanh = tanhBody();
  const tanhFn = [...vec([[...uleb(2), I32], [...uleb(TANH_V128_LOCALS + tanh.constants), V128]]), ...tanh.code];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...uleb(params.length), ...params, 0], [0x60, 5, I32, I32, I32, I32, I32, 0]])),
    ...section(2, vec([[...str('env'), ...str('memory'), 0x02, 0x00, 0x00]])),
    ...section(3, vec([[0], [1]])),
    ...section(7, vec([[...str('gemm'), 0x00, 0], [...str('tanh'), 0x00, 1]])),
    ...section(10, vec([[...uleb(fn.length), ...fn], [...uleb(tanhFn.length), ...tanhFn]])),
  ];
  return new Uint8Array(bytes);
}

type GemmExport = (C: number, cs: number, a: number, ai: number, ar: number, B: number, bs: number,
  nI: number, nR: number, nK: number, scale: number, overwrite: number) => void;
type TanhExport = (z: number, d1: number, d2: number, n: number, level: number) => void;

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
  /**
   * z[i] <- tanh z[i] for i in [start, end) and with level >= 1 d1[i] = 1 - t^2, d2[i] = -2 t (1 - t^2) (mlp-activation.ts's
   * tanh), pairs in WebAssembly SIMD (a few ulp from Math.tanh), an odd last element and arrays from elsewhere in TypeScript.
   */
  tanh(z: Float64Array, d1: Float64Array, d2: Float64Array, start: number, end: number, level: number): void;
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
  let memory: WebAssembly.Memory, run: GemmExport, runTanh: TanhExport;
  try {
    const pages = Math.ceil((capacity * 8) / 65536) + 1;
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const ex = new WebAssembly.Instance(mod, { env: { memory } }).exports as { gemm: GemmExport; tanh: TanhExport };
    run = ex.gemm; runTanh = ex.tanh;
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
    tanh(z, d1, d2, start, end, level) {
      let j = start;
      if (z.buffer === buffer && d1.buffer === buffer && d2.buffer === buffer) {
        const n = (end - start) & ~1;
        runTanh(z.byteOffset + 8 * start, d1.byteOffset + 8 * start, d2.byteOffset + 8 * start, n, level);
        j = start + n;
      }
      for (; j < end; j++) {
        const t = Math.tanh(z[j]);
        z[j] = t;
        if (level > 0) { const s = 1 - t * t; d1[j] = s; d2[j] = -2 * t * s; }
      }
    },
  };
}
