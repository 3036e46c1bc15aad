import { createRng } from '../linalg/rng.js';
import { checkNumber } from '../errors.js';
import type { SdpBlock, SdpEntry, SdpProblem } from './problem.js';

/**
 * A random SDP that is strictly primal and dual feasible (so it has an optimal solution and no duality gap):
 * random sparse symmetric A_k, a random X0 ≻ 0 with b = A(X0), and a random y0, Z0 ≻ 0 with C = Σ y0_k A_k − Z0.
 * Block sizes: positive = semidefinite, negative = diagonal (SDPA's convention). `density` is the fraction of
 * upper-triangle entries of each block that are nonzero in each A_k.
 *
 * @example
 * randomSdp([3, -2], 4, { seed: 1 }).b.length; // returns 4
 */
export function randomSdp(blockSizes: readonly number[], m: number, { seed = 1, density = 0.3 } = {}): SdpProblem {
  checkNumber('m', m, { min: 1, integer: true });
  checkNumber('density', density, { min: 0, max: 1, minExclusive: true });
  blockSizes.forEach((s, i) => checkNumber(`blockSizes[${i}]`, Math.abs(s), { min: 1, integer: true }));
  const rng = createRng(seed);
  const blocks: SdpBlock[] = blockSizes.map((s) => (s > 0 ? { kind: 'sdp', n: s } : { kind: 'diag', n: -s }));
  const round = (x: number) => Math.round(x * 1e6) / 1e6; // short decimals: the SDPA text is then exact
  const A: SdpEntry[][] = [];
  for (let k = 0; k < m; k++) {
    const es: SdpEntry[] = [];
    blocks.forEach((blk, bi) => {
      for (let i = 0; i < blk.n; i++) {
        for (let j = blk.kind === 'diag' ? i : i; j < (blk.kind === 'diag' ? i + 1 : blk.n); j++) {
          if (rng.next() < density) es.push({ block: bi, i, j, v: round(rng.normal()) });
        }
      }
    });
    if (es.length === 0) es.push({ block: 0, i: 0, j: 0, v: 1 });
    A.push(es);
  }
  // X0 = R Rᵀ / n + I and Z0 likewise, per block.
  const pd = (blk: SdpBlock): Float64Array => {
    const n = blk.n;
    if (blk.kind === 'diag') return Float64Array.from({ length: n }, () => round(0.5 + rng.next()));
    const R = Float64Array.from({ length: n * n }, () => rng.normal());
    const P = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += R[i * n + k] * R[j * n + k];
      const v = round(s / n + (i === j ? 1 : 0));
      P[i * n + j] = v; P[j * n + i] = v;
    }
    return P;
  };
  const X0 = blocks.map(pd), Z0 = blocks.map(pd);
  const y0 = Float64Array.from({ length: m }, () => round(rng.normal()));
  const b = new Float64Array(m);
  A.forEach((es, k) => {
    let s = 0;
    for (const e of es) {
      const blk = blocks[e.block];
      s += blk.kind === 'diag' ? e.v * X0[e.block][e.i] : (e.i === e.j ? 1 : 2) * e.v * X0[e.block][e.i * blk.n + e.j];
    }
    b[k] = round(s);
  });
  const Cmap = new Map<string, SdpEntry>();
  const add = (block: number, i: number, j: number, v: number) => {
    const key = `${block},${i},${j}`;
    const e = Cmap.get(key);
    if (e) e.v += v; else Cmap.set(key, { block, i, j, v });
  };
  A.forEach((es, k) => { for (const e of es) add(e.block, e.i, e.j, y0[k] * e.v); });
  blocks.forEach((blk, bi) => {
    for (let i = 0; i < blk.n; i++) {
      if (blk.kind === 'diag') add(bi, i, i, -Z0[bi][i]);
      else for (let j = i; j < blk.n; j++) add(bi, i, j, -Z0[bi][i * blk.n + j]);
    }
  });
  const C = [...Cmap.values()].map((e) => ({ ...e, v: round(e.v) })).filter((e) => e.v !== 0);
  return { blocks, b, C, A };
}
