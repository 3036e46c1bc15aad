/**
 * Naive energy of heavy ball read as a discretised oscillator with step s = sqrt(alpha):
 * E = J(w) - J* + ||v||^2 / (2 alpha), with v = w^(k) - w^(k-1) heavy ball's velocity (so v/s ~ dw/dt).
 * At beta = 1 it is NOT conserved: it oscillates with relative amplitude O(alpha h).
 *
 * @example
 * naiveEnergy(0.25, 0.5, [1]); // returns 2.5
 */
export function naiveEnergy(alpha: number, loss: number, v: ArrayLike<number>): number {
  let vv = 0;
  for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
  return loss + vv / (2 * alpha);
}

/**
 * The shadow (modified) Hamiltonian that heavy ball with beta = 1 conserves exactly on a quadratic J:
 * H~ = J(w) - J* + ||v||^2/(2 alpha) - 1/2 v^T grad J(w), v = w^(k) - w^(k-1).
 * Derivation: per eigendirection (x = alpha h) the step w+ = (1 - x) w + v, v+ = v - x w has det 1 (symplectic),
 * and Q = v^2 - x w v + x w^2 satisfies Q(w+, v+) = Q(w, v) identically; H~ = Q / (2 alpha). Equivalently, with the
 * leapfrog full-step velocity p = (v - alpha/2 grad J)/sqrt(alpha) (lecture's v^(k) after shifting half a step),
 * H~ = 1/2 ||p||^2 + J - (alpha/8) ||grad J||^2: a harmonic oscillator with frequency^2 = h (1 - alpha h / 4)
 * (Hairer, Lubich, Wanner, "Geometric numerical integration", ch. IX).
 *
 * @example
 * shadowEnergy(0.25, 0.5, [1], [1]); // returns 2  (2.5 - 0.5)
 */
export function shadowEnergy(alpha: number, loss: number, v: ArrayLike<number>, grad: ArrayLike<number>): number {
  let vv = 0, vg = 0;
  for (let i = 0; i < v.length; i++) { vv += v[i] * v[i]; vg += v[i] * grad[i]; }
  return loss + vv / (2 * alpha) - 0.5 * vg;
}
