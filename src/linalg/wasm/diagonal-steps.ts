// One fused pass over memory per step on a diagonal quadratic: the pure TypeScript reference (and fallback) of the
// WebAssembly kernels in wasmArena.ts. Same operation order, so both give bitwise-equal results; and the order of the
// optimizers (alpha times the gradient h (w - w*)), so a step equals gradientDescent/heavyBall/nesterov's bitwise.

/**
 * One gradient-descent step on J(w) = 1/2 sum_i h_i (w_i - w*_i)^2, fused into one pass (reads h, w, w*; writes w).
 *
 * w_i <- w_i - alpha h_i (w_i - w*_i)   (Lecture 9, gradient descent on the quadratic in its eigenbasis).
 * `wStar = null` means w* = 0 and skips reading it.
 *
 * @example
 * const w = Float64Array.of(1, 1);
 * gdDiagonalStep(0.5, Float64Array.of(1, 2), null, w); // w becomes [0.5, 0]
 */
export function gdDiagonalStep(alpha: number, h: Float64Array, wStar: Float64Array | null, w: Float64Array, n = w.length): void {
  if (wStar === null) for (let i = 0; i < n; i++) w[i] = w[i] - alpha * (h[i] * w[i]);
  else for (let i = 0; i < n; i++) w[i] = w[i] - alpha * (h[i] * (w[i] - wStar[i]));
}

/**
 * One heavy-ball step on the diagonal quadratic, fused into one pass (reads h, w, v, w*; writes v, w).
 *
 * v_i <- beta v_i - alpha h_i (w_i - w*_i);  w_i <- w_i + v_i   (Lecture 9, heavy ball).
 *
 * @example
 * const w = Float64Array.of(1), v = Float64Array.of(1);
 * hbDiagonalStep(0.5, 0.5, Float64Array.of(1), null, w, v); // v becomes [0], w stays [1]
 */
export function hbDiagonalStep(
  alpha: number, beta: number, h: Float64Array, wStar: Float64Array | null, w: Float64Array, v: Float64Array, n = w.length,
): void {
  if (wStar === null) {
    for (let i = 0; i < n; i++) { const vi = beta * v[i] - alpha * (h[i] * w[i]); v[i] = vi; w[i] = w[i] + vi; }
  } else {
    for (let i = 0; i < n; i++) { const vi = beta * v[i] - alpha * (h[i] * (w[i] - wStar[i])); v[i] = vi; w[i] = w[i] + vi; }
  }
}

/**
 * One Nesterov step (Sutskever form) on the diagonal quadratic, fused into one pass (reads h, w, v, w*; writes v, w).
 *
 * v_i <- beta v_i - alpha h_i ((w_i + beta v_i) - w*_i);  w_i <- w_i + v_i   (Lecture 9; Sutskever et al. 2013, eq. 3-4).
 *
 * @example
 * const w = Float64Array.of(1), v = Float64Array.of(0);
 * nagDiagonalStep(0.5, 0.9, Float64Array.of(1), null, w, v); // v becomes [-0.5], w becomes [0.5]
 */
export function nagDiagonalStep(
  alpha: number, beta: number, h: Float64Array, wStar: Float64Array | null, w: Float64Array, v: Float64Array, n = w.length,
): void {
  if (wStar === null) {
    for (let i = 0; i < n; i++) { const bv = beta * v[i]; const vi = bv - alpha * (h[i] * (w[i] + bv)); v[i] = vi; w[i] = w[i] + vi; }
  } else {
    for (let i = 0; i < n; i++) {
      const bv = beta * v[i];
      const vi = bv - alpha * (h[i] * (w[i] + bv - wStar[i]));
      v[i] = vi; w[i] = w[i] + vi;
    }
  }
}
