/*
 * Workload 4, C peer: the Mandelbrot escape-time image of momentum-lab's mandelbrot() — window [-2, 0.5] x
 * [-1.25, 1.25], pixel centres, bailout |z|^2 > 2^16, smooth count n + 1 - log2(ln|z|) — in two variants:
 *   brute:     every pixel iterated until escape or maxIter;
 *   shortcuts: main-cardioid / period-2-bulb test and Brent-style periodicity checking, as momentum-lab does by default.
 * Usage: mandelbrot W MAXITER REPS
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "common.h"

static long render(int W, int H, int maxIter, int shortcuts, uint32_t *it, float *sm, long *inside) {
  const double xMin = -2, xMax = 0.5, yMin = -1.25, yMax = 1.25;
  const double dx = (xMax - xMin) / W, dy = (yMax - yMin) / H;
  long total = 0, in = 0;
  for (int row = 0; row < H; row++) {
    const double py = yMax - (row + 0.5) * dy;
    for (int col = 0; col < W; col++) {
      const double px = xMin + (col + 0.5) * dx;
      const long idx = (long)row * W + col;
      if (shortcuts) {
        const double xq = px - 0.25, q = xq * xq + py * py;
        if (q * (q + xq) <= 0.25 * py * py || (px + 1) * (px + 1) + py * py <= 0.0625) {
          it[idx] = maxIter; sm[idx] = -1; in++; total += maxIter; continue;
        }
      }
      double x = 0, y = 0, x2 = 0, y2 = 0, sx = 0, sy = 0;
      int n = 0, lim = 8, cnt = 0;
      while (x2 + y2 <= 65536.0 && n < maxIter) {
        y = 2 * x * y + py;
        x = x2 - y2 + px;
        x2 = x * x;
        y2 = y * y;
        n++;
        if (shortcuts) {
          if (x == sx && y == sy) { n = maxIter; break; }
          if (++cnt == lim) { cnt = 0; lim <<= 1; sx = x; sy = y; }
        }
      }
      total += n;
      if (n >= maxIter) { it[idx] = maxIter; sm[idx] = -1; in++; }
      else { it[idx] = n; sm[idx] = (float)(n + 1 - log(0.5 * log(x2 + y2)) / 0.69314718055994531); }
    }
  }
  *inside = in;
  return total;
}

int main(int argc, char **argv) {
  int W = argc > 1 ? atoi(argv[1]) : 2048, maxIter = argc > 2 ? atoi(argv[2]) : 1000, reps = argc > 3 ? atoi(argv[3]) : 3;
  uint32_t *it = malloc((size_t)W * W * sizeof *it);
  float *sm = malloc((size_t)W * W * sizeof *sm);
  double *t = malloc(reps * sizeof(double));
  for (int shortcuts = 0; shortcuts <= 1; shortcuts++) {
    long inside = 0, total = 0;
    for (int r = 0; r < reps; r++) {
      double t0 = now_ms();
      total = render(W, W, maxIter, shortcuts, it, sm, &inside);
      t[r] = now_ms() - t0;
    }
    printf("{\"impl\": \"c-%s\", \"times_ms\": [", shortcuts ? "shortcuts" : "brute");
    for (int r = 0; r < reps; r++) printf(r ? ", %.6f" : "%.6f", t[r]);
    printf("], \"inside\": %ld, \"iterSum\": %ld}\n", inside, total);
    fflush(stdout);
  }
  free(it); free(sm); free(t);
  return 0;
}
