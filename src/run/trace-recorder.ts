import type { Trace } from './trace.js';

/**
 * run's trace writer: resolves the column slots once per run and writes each recorded step straight into its
 * Float64Array columns (no row buffer, no per-step closure); `finish` hands the columns over without a copy when they are
 * exactly full. Same values, bit for bit, as measuring every column and pushing a row.
 *
 * @example
 * const r = new TraceRecorder(['k', 'loss'], 2, [], []); r.write(0, 0, Float64Array.of(1, 0), w, undefined, undefined, 0); r.finish(1); // returns { k: [0], loss: [1] }
 */
export class TraceRecorder {
  readonly names: readonly string[];
  /** True when only k, loss and gradNorm are recorded (run then writes them itself through `column`). */
  readonly onlyBasic: boolean;
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
  /** Whether an e_j column is recorded (run then measures the eigen-coordinates). */
  readonly wantEigen: boolean;
  private readonly wantW: boolean;

  /** `eNames`, `wNames`: the names of the e_j and w_i columns available (e0, e1, ..., w0, ...), recorded or not. */
  constructor(names: readonly string[], capacity: number, eNames: readonly string[], wNames: readonly string[]) {
    this.names = names;
    this.capacity = Math.max(1, capacity);
    // Plain loops, no names.map / Int32Array.from({length}, fn) / .some(fn): at 10^4 runs of a sweep the recorder's
    // construction is part of every run's setup.
    const cols: Float64Array[] = [];
    for (let j = 0; j < names.length; j++) cols.push(new Float64Array(this.capacity));
    this.cols = cols;
    this.kAt = names.indexOf('k'); this.lossAt = names.indexOf('loss'); this.gradNormAt = names.indexOf('gradNorm');
    this.distAt = names.indexOf('dist'); this.vNormAt = names.indexOf('vNorm'); this.energyAt = names.indexOf('energy');
    this.oracleAt = names.indexOf('oracleCalls');
    this.eAt = new Int32Array(eNames.length);
    this.wAt = new Int32Array(wNames.length);
    let wantEigen = false, wantW = false;
    for (let j = 0; j < eNames.length; j++) { this.eAt[j] = names.indexOf(eNames[j]); wantEigen ||= this.eAt[j] >= 0; }
    for (let i = 0; i < wNames.length; i++) { this.wAt[i] = names.indexOf(wNames[i]); wantW ||= this.wAt[i] >= 0; }
    this.wantEigen = wantEigen;
    this.wantW = wantW;
    this.onlyBasic = this.distAt < 0 && this.vNormAt < 0 && this.energyAt < 0 && this.oracleAt < 0 && !wantEigen && !wantW;
  }

  /** Whether oracleCalls is recorded (so the caller counts calls only then). */
  get wantsOracleCalls(): boolean { return this.oracleAt >= 0; }

  /**
   * Write row r (growing the columns when r is past them) for step k: measured = [loss J - J*, gradNorm], and from w (with w* = ws,
   * velocity v, eigen-coordinates via `eigen`) the columns dist = ||w - w*||, vNorm = ||v||, energy = loss + 1/2 ||v||^2,
   * e_j, w_i that are recorded.
   */
  write(r: number, k: number, measured: Float64Array, w: Float64Array, v: Float64Array | undefined, ws: Float64Array | undefined,
    calls: number, eigen?: (w: Float64Array, out: Float64Array) => Float64Array, eBuf?: Float64Array): void {
    if (this.cols.length === 0) return;
    this.room(r);
    const c = this.cols, loss = measured[0], gradNorm = measured[1];
    if (this.kAt >= 0) c[this.kAt][r] = k;
    if (this.lossAt >= 0) c[this.lossAt][r] = loss;
    if (this.gradNormAt >= 0) c[this.gradNormAt][r] = gradNorm;
    this.writeRest(r, loss, w, v, ws, calls, eigen, eBuf);
  }

  /**
   * Write row r for step k from values measured elsewhere (run's diagonal kernel): m = [loss, gradNorm, dist, vNorm,
   * oracleCalls], with energy = loss + 1/2 vNorm^2 as in `write`. Only for traces without e_j and w_i columns.
   */
  writeMeasured(r: number, k: number, m: Float64Array): void {
    if (this.cols.length === 0) return;
    this.room(r);
    const c = this.cols, loss = m[0], vNorm = m[3];
    if (this.kAt >= 0) c[this.kAt][r] = k;
    if (this.lossAt >= 0) c[this.lossAt][r] = loss;
    if (this.gradNormAt >= 0) c[this.gradNormAt][r] = m[1];
    if (this.distAt >= 0) c[this.distAt][r] = m[2];
    if (this.vNormAt >= 0) c[this.vNormAt][r] = vNorm;
    if (this.energyAt >= 0) c[this.energyAt][r] = loss + 0.5 * vNorm * vNorm;
    if (this.oracleAt >= 0) c[this.oracleAt][r] = m[4];
  }

  /** Whether dist, and vNorm or energy, are recorded; whether e_j or w_i columns are (they read the state). */
  get wantsDist(): boolean { return this.distAt >= 0; }
  get wantsVelocity(): boolean { return this.vNormAt >= 0 || this.energyAt >= 0; }
  get wantsState(): boolean { return this.wantEigen || this.wantW; }

  /** The current array of a column (it changes when the recorder grows), or null when the column is not recorded. */
  column(name: string): Float64Array | null {
    const j = this.names.indexOf(name);
    return j >= 0 ? this.cols[j] : null;
  }

  /** Make room for row r, doubling the columns while they are too short (then `column` must be asked again). */
  room(r: number): void {
    while (r >= this.capacity) this.grow();
  }

  /** Rows the columns hold now. */
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

  /** The columns trimmed to `rows` rows (handed over without a copy when exactly full). */
  finish(rows: number): Trace {
    const out: Trace = {};
    for (let j = 0; j < this.names.length; j++) {
      const col = this.cols[j];
      out[this.names[j]] = rows === col.length ? col : col.slice(0, rows);
    }
    return out;
  }

  private grow(): void {
    this.capacity *= 2;
    this.cols = this.cols.map((col) => { const next = new Float64Array(this.capacity); next.set(col); return next; });
  }
}
