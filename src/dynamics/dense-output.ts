import { D1, D3, D4, D5, D6, D7 } from './dopri5-tableau.js';

/**
 * The 4th-order continuous extension of one accepted DOPRI5 step on [tOld, tOld + h] (Hairer's contd5):
 * y(tOld + theta h) = r1 + theta (r2 + (1 - theta) (r3 + theta (r4 + (1 - theta) r5))).
 * Buffers are preallocated and refilled at every step.
 *
 * @example
 * dense.at(dense.tOld + dense.h / 2, out); // out = the interpolated state at the middle of the step
 */
export class Dopri5Dense {
  tOld = 0;
  h = 0;
  readonly r1: Float64Array;
  readonly r2: Float64Array;
  readonly r3: Float64Array;
  readonly r4: Float64Array;
  readonly r5: Float64Array;
  constructor(readonly dim: number) {
    this.r1 = new Float64Array(dim); this.r2 = new Float64Array(dim); this.r3 = new Float64Array(dim);
    this.r4 = new Float64Array(dim); this.r5 = new Float64Array(dim);
  }

  get tNew(): number { return this.tOld + this.h; }

  /** Fill the coefficients from y (start), y1 (end) and the stages k1..k7 of a step of size h from t. */
  prepare(t: number, h: number, y: Float64Array, y1: Float64Array, k1: Float64Array, k3: Float64Array, k4: Float64Array,
    k5: Float64Array, k6: Float64Array, k7: Float64Array): void {
    this.tOld = t;
    this.h = h;
    const { r1, r2, r3, r4, r5 } = this;
    for (let i = 0; i < this.dim; i++) {
      const ydiff = y1[i] - y[i];
      const bspl = h * k1[i] - ydiff;
      r1[i] = y[i];
      r2[i] = ydiff;
      r3[i] = bspl;
      r4[i] = ydiff - h * k7[i] - bspl;
      r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
    }
  }

  /** out <- the interpolated state at time t (inside the step). */
  at(t: number, out: Float64Array): Float64Array {
    const theta = (t - this.tOld) / this.h, theta1 = 1 - theta;
    const { r1, r2, r3, r4, r5 } = this;
    for (let i = 0; i < this.dim; i++) out[i] = r1[i] + theta * (r2[i] + theta1 * (r3[i] + theta * (r4[i] + theta1 * r5[i])));
    return out;
  }
}
