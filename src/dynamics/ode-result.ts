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

/** Growable row store for saved states (amortised doubling, no per-step allocation). */
export class TrajectoryBuffer {
  private ts: Float64Array;
  private ys: Float64Array;
  length = 0;
  constructor(readonly dim: number, capacity = 64) {
    this.ts = new Float64Array(capacity);
    this.ys = new Float64Array(capacity * dim);
  }

  push(t: number, y: ArrayLike<number>): void {
    if (this.length === this.ts.length) {
      const ts = new Float64Array(this.ts.length * 2);
      ts.set(this.ts);
      const ys = new Float64Array(ts.length * this.dim);
      ys.set(this.ys);
      this.ts = ts;
      this.ys = ys;
    }
    this.ts[this.length] = t;
    const o = this.length * this.dim;
    for (let i = 0; i < this.dim; i++) this.ys[o + i] = y[i];
    this.length++;
  }

  /** Trimmed copies of the saved rows. */
  arrays(): { t: Float64Array; y: Float64Array } {
    return { t: this.ts.slice(0, this.length), y: this.ys.slice(0, this.length * this.dim) };
  }
}
