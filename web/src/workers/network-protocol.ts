// Messages between section 10 and its dedicated training worker (network.worker.ts). One run at a time: a `start`
// replaces the run in progress, `stop` ends it, `density` asks for the spectral density at the current weights.

/** A training run: the library's problem and method specs and the recording schedule of `train` (src/run/train.ts). */
export interface NetworkStart {
  type: 'start';
  id: number;
  /** e.g. 'mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse,seed=1'. */
  problem: string;
  /** e.g. 'gd:alpha=0.2'. */
  method: string;
  steps: number;
  /** Record the loss every n-th step (and the first, the last, and every sharpness step). */
  recordEvery: number;
  /** Measure the sharpness (Lanczos, exact Hessian-vector products) every K-th step (and the first and last). */
  sharpnessEvery: number;
  /** Spectral density every n-th step (0: only at the end and on request). */
  densityEvery: number;
  /** Seed of Lanczos' start vector (the CLI's --seed). */
  seed: number;
  /** Milliseconds of work between two progress messages. */
  chunkMs: number;
}

export type NetworkRequest = NetworkStart | { type: 'stop'; id: number } | { type: 'density'; id: number };

/** One recorded step: null where not measured (as train's trace). */
export interface NetworkRow {
  k: number;
  loss: number | null;
  sharpness: number | null;
}

export type NetworkStatus = 'running' | 'finished' | 'diverged' | 'stopped';

export type NetworkReply =
  | { type: 'ready'; id: number; dim: number; label: string }
  /** The rows recorded since the last progress message; `ms` is the compute time of the run so far. */
  | { type: 'progress'; id: number; rows: NetworkRow[]; k: number; status: NetworkStatus; divergedAt: number | null; ms: number }
  /** The SLQ density at the weights of step k (grid and density on the same bins), and its top Ritz value. */
  | { type: 'density'; id: number; k: number; grid: Float64Array; density: Float64Array; top: number; ms: number }
  | { type: 'error'; id: number; message: string };
