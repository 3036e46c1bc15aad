import type { Trace } from './trace.js';

/**
 * run's trace writer: resolves the column slots once per run and writes each recorded step straight into its
 * Float64Array columns (no row buffer, no per-step closure); `finish` hands the columns over without a copy when they are
 * exactly full. Same values, bit for bit, as measuring every column and pushing a row.
 *
 * @example
 * const r = new TraceRecorder(['k', 'loss'], 2, 0); r.write(0, 1, 0, w, undefined, null, 0); r.finish(); // returns { k: [0], loss: [1] }
 */
export class TraceRecorder {
  readonly names: readonly string[];
  length = 0;
  private capacity: number;
  private cols: Float64Array[];
  private readonly kAt: number;
  private readonly lossAt: number;
  private readonly gradNormAt: number;
  private readonly distAt: number;
  private readonly vNormAt: number;
  private readonly energyAt: number;
  private readonly oracleAt: number;
  /** Slot of e_j (or -1), and of w_i (or -1). */
  private readonly eAt: Int32Array;
  private readonly wAt: Int32Array;
  private readonly wantEigen: boolean;

  constructor(names: readonly string[], capacity: number, eCount: number, wCount = 0) {
    this.names = names;
    this.capacity = Math.max(1, capacity);
    this.cols = names.map(() => new Float64Array(this.capacity));
    const slot = (name: string) => names.indexOf(name);
    this.kAt = slot('k'); this.lossAt = slot('loss'); this.gradNormAt = slot('gradNorm'); this.distAt = slot('dist');
    this.vNormAt = slot('vNorm'); this.energyAt = slot('energy'); this.oracleAt = slot('oracleCalls');
    // Plain loops: Int32Array.from({length}, fn) takes V8's slow generic path (measurable at 10^4 runs).
    this.eAt = new Int32Array(eCount);
    this.wAt = new Int32Array(wCount);
    let wantEigen = false;
    for (let j = 0; j < eCount; j++) { this.eAt[j] = slot(`e${j}`); wantEigen ||= this.eAt[j] >= 0; }
    for (let i = 0; i < wCount; i++) this.wAt[i] = slot(`w${i}`);
    this.wantEigen = wantEigen;
  }

  /** Whether oracleCalls is recorded (so the caller counts calls only then). */
  get wantsOracleCalls(): boolean { return this.oracleAt >= 0; }

  /**
   * Append step k: loss J - J*, gradNorm, and from w (with w* = ws, velocity v, eigen-coordinates via `eigen`) the
   * columns dist = ||w - w*||, vNorm = ||v||, energy = loss + 1/2 ||v||^2, e_j, w_i that are recorded.
   */
  write(k: number, loss: number, gradNorm: number, w: Float64Array, v: Float64Array | undefined, ws: Float64Array | undefined,
    calls: number, eigen?: (w: Float64Array, out: Float64Array) => Float64Array, eBuf?: Float64Array): void {
    if (this.cols.length === 0) return;
    if (this.length === this.capacity) this.grow();
    const c = this.cols, r = this.length++;
    if (this.kAt >= 0) c[this.kAt][r] = k;
    if (this.lossAt >= 0) c[this.lossAt][r] = loss;
    if (this.gradNormAt >= 0) c[this.gradNormAt][r] = gradNorm;
    this.writeRest(r, loss, w, v, ws, calls, eigen, eBuf);
  }

  /** True when only k, loss and gradNorm are recorded (run then writes them itself through `column`). */
  get onlyBasic(): boolean {
    return this.distAt < 0 && this.vNormAt < 0 && this.energyAt < 0 && this.oracleAt < 0 && !this.wantEigen && !this.wAt.some((i) => i >= 0);
  }

  /** The current array of a column (it changes when the recorder grows), or null when the column is not recorded. */
  column(name: string): Float64Array | null {
    const j = this.names.indexOf(name);
    return j >= 0 ? this.cols[j] : null;
  }

  /** Index of the next row, growing the columns first when they are full (then `column` must be asked again). */
  reserve(): number {
    if (this.length === this.capacity) this.grow();
    return this.length++;
  }

  /** Rows the columns hold now (a row index >= the capacity seen before `reserve` means they grew). */
  get capacityNow(): number { return this.capacity; }

  private writeRest(r: number, loss: number, w: Float64Array, v: Float64Array | undefined, ws: Float64Array | undefined,
    calls: number, eigen?: (w: Float64Array, out: Float64Array) => Float64Array, eBuf?: Float64Array): void {
    const c = this.cols;
    if (this.distAt >= 0) {
      let s = 0;
      for (let i = 0, n = w.length; i < n; i++) { const d = w[i] - ws![i]; s += d * d; }
      c[this.distAt][r] = Math.sqrt(s);
    }
    if (this.vNormAt >= 0 || this.energyAt >= 0) {
      let s = 0;
      for (let i = 0, n = v!.length; i < n; i++) s += v![i] * v![i];
      const vNorm = Math.sqrt(s);
      if (this.vNormAt >= 0) c[this.vNormAt][r] = vNorm;
      if (this.energyAt >= 0) c[this.energyAt][r] = loss + 0.5 * vNorm * vNorm;
    }
    if (this.oracleAt >= 0) c[this.oracleAt][r] = calls;
    if (this.wantEigen) {
      eigen!(w, eBuf!);
      for (let j = 0; j < this.eAt.length; j++) if (this.eAt[j] >= 0) c[this.eAt[j]][r] = eBuf![j];
    }
    for (let i = 0; i < this.wAt.length; i++) if (this.wAt[i] >= 0) c[this.wAt[i]][r] = w[i];
  }

  /** The columns trimmed to the recorded length (handed over without a copy when exactly full). */
  finish(): Trace {
    const out: Trace = {};
    for (let j = 0; j < this.names.length; j++) {
      const col = this.cols[j];
      out[this.names[j]] = this.length === col.length ? col : col.slice(0, this.length);
    }
    return out;
  }

  private grow(): void {
    this.capacity *= 2;
    this.cols = this.cols.map((col) => { const next = new Float64Array(this.capacity); next.set(col); return next; });
  }
}
