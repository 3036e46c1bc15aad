/**
 * A growable store of saved rows (t, y): rows go into chunks that double in size up to ~64 KB of states, and are
 * concatenated once, into exactly-sized arrays, at the end; the saved-row store of odeDopri5 and the fixed-step
 * integrators. Nothing is copied while growing and no oversized array is allocated (docs/bench.md, "Engine notes moved
 * from comments").
 *
 * @example
 * const rows = new ChunkedRows(2); rows.push(0, Float64Array.of(1, 2)); rows.arrays(); // { t: [0], y: [1, 2] }
 */
export class ChunkedRows {
  /** All chunks, the last one current. Both lists start non-empty, holding Float64Arrays from their creation, so
   * odeDopri5's optimised code sees one kind of list (docs/bench.md, "Engine notes moved from comments"). */
  private readonly tChunks: Float64Array[];
  private readonly yChunks: Float64Array[];
  private tc: Float64Array;
  private yc: Float64Array;
  /** Rows used in the current chunk. */
  private j = 0;
  private readonly maxRows: number;
  length = 0;
  constructor(readonly dim: number) {
    this.maxRows = Math.max(64, (8192 / Math.max(dim, 1)) | 0);
    this.tc = new Float64Array(64);
    this.yc = new Float64Array(64 * dim);
    this.tChunks = [this.tc];
    this.yChunks = [this.yc];
  }

  push(t: number, y: ArrayLike<number>): void {
    if (this.j === this.tc.length) this.nextChunk();
    const n = this.dim, yc = this.yc, o = this.j * n;
    this.tc[this.j] = t;
    for (let i = 0; i < n; i++) yc[o + i] = y[i];
    this.j++;
    this.length++;
  }

  private nextChunk(): void {
    const rows = 2 * this.tc.length < this.maxRows ? 2 * this.tc.length : this.maxRows;
    this.tc = new Float64Array(rows);
    this.yc = new Float64Array(rows * this.dim);
    this.tChunks.push(this.tc);
    this.yChunks.push(this.yc);
    this.j = 0;
  }

  /** The saved times and the row-major states, in new arrays of exactly length rows. */
  arrays(): { t: Float64Array; y: Float64Array } {
    const n = this.dim, t = new Float64Array(this.length), y = new Float64Array(this.length * n);
    let k = 0;
    for (let c = 0; c < this.tChunks.length; c++) {
      const rows = Math.min(this.tChunks[c].length, this.length - k);
      t.set(this.tChunks[c].subarray(0, rows), k);
      y.set(this.yChunks[c].subarray(0, rows * n), k * n);
      k += rows;
    }
    return { t, y };
  }
}
