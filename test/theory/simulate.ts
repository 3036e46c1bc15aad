// Plain-loop reference simulations for the theory tests (house style 10): a two-term method
// x+ = x - alpha h (x + beta2 (x - x_prev)) + beta1 (x - x_prev) on a diagonal quadratic, error coordinates.

/**
 * Run K steps from x0 (v0 = 0) and return log of the state norm sqrt(||x_k||^2 + ||x_(k-1)||^2) for k = 0..K.
 * The state is renormalised whenever it gets tiny or huge (the map is linear), so the log stays exact and no subnormals occur.
 */
export function simulateLogNorms(h: Float64Array, alpha: number, beta1: number, beta2: number, x0: Float64Array, K: number): Float64Array {
  const n = h.length;
  const x = Float64Array.from(x0), xp = Float64Array.from(x0);
  const out = new Float64Array(K + 1);
  let logScale = 0;
  for (let k = 0; k <= K; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i] * x[i] + xp[i] * xp[i];
    out[k] = logScale + 0.5 * Math.log(s);
    if (s < 1e-200 || s > 1e200) {
      const f = 1 / Math.sqrt(s);
      for (let i = 0; i < n; i++) { x[i] *= f; xp[i] *= f; }
      logScale += 0.5 * Math.log(s);
    }
    if (k === K) break;
    for (let i = 0; i < n; i++) {
      const d = x[i] - xp[i];
      const next = x[i] - alpha * h[i] * (x[i] + beta2 * d) + beta1 * d;
      xp[i] = x[i];
      x[i] = next;
    }
  }
  return out;
}

/** Steps until ||x_k|| <= tol ||x_0|| (x0 given, v0 = 0), or Infinity after maxSteps. */
export function stepsToTolerance(h: Float64Array, alpha: number, beta1: number, beta2: number, x0: Float64Array, tol: number, maxSteps: number): number {
  const n = h.length;
  const x = Float64Array.from(x0), xp = Float64Array.from(x0);
  let s0 = 0;
  for (let i = 0; i < n; i++) s0 += x0[i] * x0[i];
  const target = tol * tol * s0;
  for (let k = 1; k <= maxSteps; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - xp[i];
      const next = x[i] - alpha * h[i] * (x[i] + beta2 * d) + beta1 * d;
      xp[i] = x[i];
      x[i] = next;
      s += next * next;
    }
    if (s <= target) return k;
  }
  return Infinity;
}

/** Least-squares slope of y against x. */
export function slope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) { sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i]; }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}
