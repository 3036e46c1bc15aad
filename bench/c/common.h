/* Shared helpers for the C peers: a monotonic clock and one JSON line per measurement. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <stdio.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

/* Prints {"impl": "c", "method": name, "times_ms": [...], "check": c} on one line. */
static void print_times(const char *name, const double *t, int reps, double check) {
  printf("{\"impl\": \"c\", \"method\": \"%s\", \"times_ms\": [", name);
  for (int r = 0; r < reps; r++) printf(r ? ", %.6f" : "%.6f", t[r]);
  printf("], \"check\": %.17g}\n", check);
  fflush(stdout);
}
#endif
