/*
 * One step of GD, heavy ball and Nesterov (Sutskever form) on the diagonal quadratic
 * J(w) = 1/2 sum_i h_i w_i^2 (minimiser w* = 0), as a fused C loop: one pass over memory,
 * plus a STREAM-style triad a = b + s*c (the machine's bandwidth limit for this kind of loop).
 *   GD : w <- w - alpha h w                          reads h,w   writes w     (24 B/elem)
 *   HB : v <- beta v - alpha h w;  w <- w + v        reads h,w,v writes w,v   (40 B/elem)
 *   NAG: v <- beta v - alpha h (w + beta v); w <- w + v   same traffic as HB
 *   triad: a <- b + s c                              reads b,c   writes a     (24 B/elem)
 * Usage: quad_step N REPS
 */
#include <stdlib.h>
#include "common.h"

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 10000000L;
  int reps = argc > 2 ? atoi(argv[2]) : 10;
  double *h = aligned_alloc(64, n * sizeof(double)), *w = aligned_alloc(64, n * sizeof(double));
  double *v = aligned_alloc(64, n * sizeof(double)), *a = aligned_alloc(64, n * sizeof(double));
  double *t = malloc(reps * sizeof(double));
  const double alpha = 0.5, beta = 0.9, s = 3.0;
  for (long i = 0; i < n; i++) { h[i] = 1e-3 + (double)i / n; w[i] = 1.0; v[i] = 0.0; a[i] = 0.0; }

  for (int r = 0; r < reps; r++) {
    double t0 = now_ms();
    for (long i = 0; i < n; i++) w[i] = w[i] - alpha * h[i] * w[i];
    t[r] = now_ms() - t0;
  }
  print_times("gd", t, reps, w[n / 2]);

  for (int r = 0; r < reps; r++) {
    double t0 = now_ms();
    for (long i = 0; i < n; i++) { double vi = beta * v[i] - alpha * h[i] * w[i]; v[i] = vi; w[i] += vi; }
    t[r] = now_ms() - t0;
  }
  print_times("hb", t, reps, w[n / 2]);

  for (int r = 0; r < reps; r++) {
    double t0 = now_ms();
    for (long i = 0; i < n; i++) {
      double bv = beta * v[i];
      double vi = bv - alpha * h[i] * (w[i] + bv);
      v[i] = vi; w[i] += vi;
    }
    t[r] = now_ms() - t0;
  }
  print_times("nag", t, reps, w[n / 2]);

  for (int r = 0; r < reps; r++) {
    double t0 = now_ms();
    for (long i = 0; i < n; i++) a[i] = h[i] + s * w[i];
    t[r] = now_ms() - t0;
  }
  print_times("triad", t, reps, a[n / 2]);
  free(h); free(w); free(v); free(a); free(t);
  return 0;
}
