/** Counters every integrator reports. */
export interface OdeStats {
  /** Accepted steps. */
  steps: number;
  /** Rejected steps (adaptive methods only). */
  rejected: number;
  /** Evaluations of the vector field (for partitioned methods: of the force). */
  nfev: number;
}

/**
 * A trajectory: saved times and states (row-major, `t.length` rows of `dim`), the final state and the statistics.
 * Divergence is a result: `status` is 'diverged' and `message` names the time where the state left the finite numbers.
 */
export interface OdeResult {
  t: Float64Array;
  /** Saved states, row k = y.subarray(k * dim, (k + 1) * dim). */
  y: Float64Array;
  dim: number;
  /** Final time reached (t1 unless stopped early). */
  tEnd: number;
  yEnd: Float64Array;
  stats: OdeStats;
  status: 'success' | 'diverged' | 'max-steps' | 'step-too-small' | 'terminal-event';
  message: string;
}
