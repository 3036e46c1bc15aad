// Drawing-resolution thinning of polylines (Ramer–Douglas–Peucker at a sub-pixel tolerance): smooth stretches and
// converged tails collapse to a few vertices; oscillations keep every vertex they need. The data is not changed, only the
// number of vertices handed to the chart (CSV exports use the full data).

/**
 * Indices of the points to draw: Ramer–Douglas–Peucker simplification in pixel space (a point is dropped when the
 * polyline through the kept points passes within `tol` pixels of it). `pxX`, `pxY` are pixels per data unit (use a
 * resolution finer than the screen). The first and last points are always kept; non-finite points are kept so that
 * divergence stays visible.
 */
export function thin(n: number, x: (i: number) => number, y: (i: number) => number, pxX: number, pxY: number, tol = 0.5): number[] {
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const X = new Float64Array(n), Y = new Float64Array(n);
  for (let i = 0; i < n; i++) { X[i] = x(i) * pxX; Y[i] = y(i) * pxY; }
  const keep = new Uint8Array(n);
  keep[0] = 1; keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  const tol2 = tol * tol;
  while (stack.length) {
    const b = stack.pop()!, a = stack.pop()!;
    if (b - a < 2) continue;
    const ax = X[a], ay = Y[a], dx = X[b] - ax, dy = Y[b] - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const px = X[i] - ax, py = Y[i] - ay;
      let d2: number;
      if (!Number.isFinite(px + py)) d2 = Infinity;
      else if (len2 === 0) d2 = px * px + py * py;
      else {
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
        const ex = px - t * dx, ey = py - t * dy;
        d2 = ex * ex + ey * ey;
      }
      if (d2 > worst) { worst = d2; at = i; }
    }
    if (worst > tol2) {
      keep[at] = 1;
      stack.push(a, at, at, b);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}

/** Pixels per unit for a data extent drawn `px` pixels wide. */
export function density(lo: number, hi: number, px = 1600): number {
  const span = hi - lo;
  return span > 0 && Number.isFinite(span) ? px / span : 1;
}

export function extent(values: ArrayLike<number>, stride = 1, offset = 0): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = offset; i < values.length; i += stride) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}
