import type { BlockSums } from './linear-diagonal-steps.js';

/** run's diagonal kernel for plans with m <= 2 in WebAssembly SIMD (see linearDiagonalSteps2, its reference). */
export interface LinearDiagonalWasm {
  steps2(P: readonly number[], F: readonly number[], X0: Float64Array, X1: Float64Array, V: Float64Array, h: Float64Array, ws: Float64Array,
    n: number, count: number, sums: BlockSums, wantE: boolean, wantV: boolean): void;
}

/** The kernel, or null where WebAssembly SIMD is unavailable. */
export function linearDiagonalWasm(): LinearDiagonalWasm | null {
  return null;
}
