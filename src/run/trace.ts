/** A columnar trace: one Float64Array per recorded quantity, all of the same length (one entry per recorded step). */
export type Trace = Record<string, Float64Array>;

/**
 * Growable columns (doubling), so a run that stops early does not pay for `steps` rows. `finish` trims to length.
 *
 * @example
 * const c = new TraceColumns(['k', 'loss']); c.push([0, 1]); c.finish(); // returns { k: [0], loss: [1] }
 */
export class TraceColumns {
  readonly names: readonly string[];
  private data: Float64Array[];
  private capacity: number;
  length = 0;

  constructor(names: readonly string[], capacity = 64) {
    this.names = names;
    this.capacity = Math.max(1, capacity);
    this.data = names.map(() => new Float64Array(this.capacity));
  }

  /** Append one row; `row[j]` goes to column `names[j]`. */
  push(row: ArrayLike<number>): void {
    if (this.length === this.capacity) {
      this.capacity *= 2;
      this.data = this.data.map((col) => { const next = new Float64Array(this.capacity); next.set(col); return next; });
    }
    for (let j = 0; j < this.data.length; j++) this.data[j][this.length] = row[j];
    this.length++;
  }

  /** The last row's value of column j. */
  last(j: number): number {
    return this.data[j][this.length - 1];
  }

  finish(): Trace {
    const out: Trace = {};
    this.names.forEach((name, j) => { out[name] = this.data[j].slice(0, this.length); });
    return out;
  }
}
