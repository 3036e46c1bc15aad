import type { Problem } from '../../problems/problem.js';

/** The oracle the reference implementations use: plain number[] in, fresh number[] out (clarity over speed). */
export interface PlainOracle {
  grad(w: number[]): number[];
  hvp?(w: number[], v: number[]): number[];
}

/** Wrap a Problem as a PlainOracle (allocates on every call: references only). */
export function plainOracle(problem: Problem): PlainOracle {
  const hvp = problem.hvp;
  return {
    grad: (w) => Array.from(problem.grad(Float64Array.from(w), new Float64Array(w.length))),
    hvp: hvp ? (w, v) => Array.from(hvp.call(problem, Float64Array.from(w), Float64Array.from(v), new Float64Array(w.length))) : undefined,
  };
}

export const dotPlain = (x: number[], y: number[]): number => x.reduce((s, xi, i) => s + xi * y[i], 0);
