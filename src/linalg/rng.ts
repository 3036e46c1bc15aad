/**
 * A seeded pseudo-random generator (xoshiro128** seeded by splitmix32), used everywhere randomness is needed
 * so every figure, test and benchmark is reproducible. Written here because Math.random cannot be seeded.
 *
 * @example
 * const rng = createRng(1); rng.next(); // a number in [0, 1), the same for every run with seed 1
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Fill `out` with standard normals. */
  fillNormal(out: Float64Array): Float64Array;
}

export function createRng(seed = 0): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t;
    d = rotl(d, 11);
    return result;
  };
  let spare: number | null = null;
  const next = (): number => (nextU32() * 2 ** 21 + (nextU32() >>> 11)) / 2 ** 53;
  const normal = (): number => {
    if (spare !== null) { const z = spare; spare = null; return z; }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal,
    int: (n) => Math.floor(next() * n),
    fillNormal(out) { for (let i = 0; i < out.length; i++) out[i] = normal(); return out; },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
