/*
 * Workload 1, C peer: one step of GD, heavy ball and Nesterov (Sutskever form) on the diagonal quadratic
 * J(w) = 1/2 sum_i h_i w_i^2 (w* = 0), h_i = 1e-3 + i/n, w = 1, alpha = 0.5, beta = 0.9, as fused C loops
 * (one pass over memory), and two STREAM-style triads that measure the machine's bandwidth for this kind of loop.
 *   GD : w <- w - alpha h w                               reads h,w   writes w     (24 B/element)
 *   HB : v <- beta v - alpha h w;  w <- w + v             reads h,w,v writes w,v   (40 B/element)
 *   NAG: v <- beta v - alpha h (w + beta v); w <- w + v   same traffic as HB
 *   HB measured: the HB step, then in the same pass the quantities run() records for the new iterate: loss
 *                1/2 sum e_i (h_i e_i), gradient norm ||h e||, distance ||e|| and velocity ||v|| (e = w - w* = w):
 *                four sequential sums (gcc keeps their order: no -ffast-math), the same arithmetic as run()'s kernel.
 *   triad (STREAM): a <- b + s c                          reads b,c   writes a     (24 B counted, as STREAM does;
 *                                                         the CPU also reads a before writing it: 32 B moved)
 *   triad in place: a <- a + s c                          reads a,c   writes a     (24 B/element, the update pattern)
 * Each loop runs 2 untimed warm-up passes, then REPS timed ones.  Usage: quad_step N REPS
 */
#include <math.h>
#include <stdlib.h>
#include "common.h"

#define TIME_LOOP(name, check, body)                         \
  for (int r = -2; r < reps; r++) {                          \
    double t0 = now_ms();                                    \
    for (long i = 0; i < n; i++) { body; }                   \
    if (r >= 0) t[r] = now_ms() - t0;                        \
  }                                                          \
  print_times(name, t, reps, check);

int main(int argc, char **argv) {
  long n = argc > 1 ? (long)atof(argv[1]) : 10000000L;
  int reps = argc > 2 ? atoi(argv[2]) : 10;
  double *h = aligned_alloc(64, n * sizeof(double)), *w = aligned_alloc(64, n * sizeof(double));
  double *v = aligned_alloc(64, n * sizeof(double)), *a = aligned_alloc(64, n * sizeof(double));
  double *t = malloc(reps * sizeof(double));
  const double alpha = 0.5, beta = 0.9, s = 3.0;
  for (long i = 0; i < n; i++) { h[i] = 1e-3 + (double)i / n; a[i] = 0.0; }

  for (long i = 0; i < n; i++) { w[i] = 1.0; v[i] = 0.0; }
  TIME_LOOP("gd", w[n / 2], w[i] = w[i] - alpha * h[i] * w[i])

  for (long i = 0; i < n; i++) { w[i] = 1.0; v[i] = 0.0; }
  TIME_LOOP("hb", w[n / 2], double vi = beta * v[i] - alpha * h[i] * w[i]; v[i] = vi; w[i] = w[i] + vi)

  for (long i = 0; i < n; i++) { w[i] = 1.0; v[i] = 0.0; }
  {
    double sE = 0, sG = 0, sEE = 0, sVV = 0, measured = 0;
    TIME_LOOP("hb-measured", w[n / 2] + 0 * measured,
      if (i == 0) { measured += 0.5 * sE + sqrt(sG) + sqrt(sEE) + sqrt(sVV); sE = sG = sEE = sVV = 0; }
      double vi = beta * v[i] - alpha * (h[i] * w[i]); v[i] = vi; double wi = w[i] + vi; w[i] = wi;
      double gi = h[i] * wi; sE += wi * gi; sG += gi * gi; sEE += wi * wi; sVV += vi * vi)
    if (measured < 0) return 1; /* keeps the sums live */
  }

  for (long i = 0; i < n; i++) { w[i] = 1.0; v[i] = 0.0; }
  TIME_LOOP("nag", w[n / 2], double bv = beta * v[i]; double vi = bv - alpha * h[i] * (w[i] + bv); v[i] = vi; w[i] = w[i] + vi)

  TIME_LOOP("triad", a[n / 2], a[i] = h[i] + s * w[i])
  TIME_LOOP("triad-inplace", a[n / 2], a[i] = a[i] + s * w[i])
  free(h); free(w); free(v); free(a); free(t);
  return 0;
}
