// Messages between the page and the heavy-work workers. Each job names a library computation and its inputs;
// results carry typed arrays (transferred, not copied).
import type { StateSpace } from '../lib.js';

export type Job =
  /**
   * The worst rate over [mu, L] on an n x n grid: gd/hb/nag over (alpha, beta) with `rateMap` (alpha across, beta up);
   * with `axes` any linear method spec over any two of its numeric parameters with `rateMapOf` (`alpha` is then the
   * range of axes[0] across, `beta` the range of axes[1] up).
   */
  | { type: 'ratemap'; method: string; mu: number; L: number; alpha: [number, number]; beta: [number, number]; n: number; logAlpha: boolean; axes?: [string, string] }
  | { type: 'mandelbrot'; x: [number, number]; y: [number, number]; width: number; height: number; maxIter: number }
  | { type: 'bifurcation'; r: [number, number]; x: [number, number]; width: number; height: number; transient: number; samples: number }
  | { type: 'lyapunov-logistic'; r: [number, number]; n: number }
  /**
   * Each method is a spec (resolved per kappa with mu = 1/kappa, L = 1: tune= rules, alpha = 1/L) or a fixed linear form.
   * `quadraticOnly`: only the (cheap) worst rate on quadratics, `certified` left null (a first picture in a few ms).
   */
  | { type: 'certify'; methods: ({ key: string; spec: string } | { key: string; stateSpace: StateSpace })[]; kappas: number[]; iqc: string; quadraticOnly?: boolean }
  | { type: 'speed'; kappas: number[]; methods: { key: string; spec: string }[]; dim: number; tol: number; maxSteps: number }
  | { type: 'lorenz-lyapunov'; a: number; b: number; c: number; time: number }
  /** Section 5's energy curves at damping mu and discrete step s (energyCurves). */
  | { type: 'energy-decay'; mu: number; s: number }
  /** The Lorenz trajectory from (1, 1, 1) on [0, t1] at `samples` equally spaced times (DOPRI5, rtol = atol = 1e-9). */
  | { type: 'lorenz-path'; a: number; b: number; c: number; t1: number; samples: number }
  /** The noisy quadratic model nqmSetup({ dim }) grouped by nqmBins({ ratio }): one method's tuned steps-to-target curve (nqmBatchCurve). */
  | { type: 'nqm-curve'; method: string; dim: number; ratio: number; batches: number[]; target: number }
  /**
   * Steps to target at fixed parameters on the binned model, per method spec and batch size; with `exactAt`, also on
   * all `dim` directions (the exact sum) at that batch size. `maxEvaluations` bounds each search (rows then say
   * `capped: true` instead of a step count).
   */
  | { type: 'nqm-fixed'; methods: { key: string; spec: string }[]; dim: number; ratio: number; batches: number[]; target: number; exactAt?: number; maxEvaluations?: number }
  /** One seeded sampled run of a method's own step() on all `dim` directions (nqmSampledRun), every `every`-th loss. */
  | { type: 'nqm-sample'; method: string; dim: number; batch: number; steps: number; seed: number; every: number }
  | { type: 'ping' };

export interface RasterResult {
  kind: 'raster';
  width: number;
  height: number;
  /** A scalar field to colour on the page, or ready RGBA pixels (coloured by the library). */
  field?: Float32Array;
  rgba?: Uint8ClampedArray;
  /** Escape-time images: the library's per-pixel iteration counts and smooth counts (row 0 at the top), for the CSV. */
  iterations?: Uint32Array;
  smooth?: Float32Array;
  ms: number;
  extra?: Record<string, number | number[] | null>;
}

export interface SeriesResult {
  kind: 'series';
  rows: Record<string, number | string | boolean | null>[];
  ms: number;
}

/** A flat array of numbers (e.g. a trajectory, `stride` values per sample), transferred. */
export interface ArrayResult {
  kind: 'array';
  data: Float64Array;
  stride: number;
  /** Further named arrays (transferred with `data`). */
  arrays?: Record<string, Float64Array>;
  ms: number;
  extra?: Record<string, number>;
}

export type JobResult = RasterResult | SeriesResult | ArrayResult;
