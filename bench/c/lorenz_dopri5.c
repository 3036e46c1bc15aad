/*
 * Workload 3, C peer: Lorenz (sigma = 10, rho = 28, beta = 8/3) from (1, 1, 1) over [0, 100] with the Dormand–Prince
 * 5(4) pair, Hairer's initial-step selection (hinit) and PI step-size control — a transcription of dopri5.f
 * (Hairer, Nørsett & Wanner, Solving ODEs I, §II.4-II.6, IV.2), the same algorithm as momentum-lab's odeDopri5,
 * storing every accepted step as it does. Usage: lorenz_dopri5 RTOL ATOL REPS
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define N 3
static long nfev;

static void f(double t, const double *u, double *out) {
  (void)t;
  nfev++;
  out[0] = 10.0 * (u[1] - u[0]);
  out[1] = u[0] * (28.0 - u[2]) - u[1];
  out[2] = u[0] * u[1] - (8.0 / 3.0) * u[2];
}

static const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
static const double A21 = 1.0 / 5, A31 = 3.0 / 40, A32 = 9.0 / 40, A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
static const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
static const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
static const double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784, A76 = 11.0 / 84;
static const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

static double hinit(double t, const double *y, const double *f0, double hmax, double rtol, double atol) {
  double dnf = 0, dny = 0, y1[N], f1[N];
  for (int i = 0; i < N; i++) {
    double sk = atol + rtol * fabs(y[i]);
    dnf += (f0[i] / sk) * (f0[i] / sk);
    dny += (y[i] / sk) * (y[i] / sk);
  }
  double h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : sqrt(dny / dnf) * 0.01;
  h = fmin(h, hmax);
  for (int i = 0; i < N; i++) y1[i] = y[i] + h * f0[i];
  f(t + h, y1, f1);
  double der2 = 0;
  for (int i = 0; i < N; i++) {
    double sk = atol + rtol * fabs(y[i]);
    der2 += ((f1[i] - f0[i]) / sk) * ((f1[i] - f0[i]) / sk);
  }
  der2 = sqrt(der2) / fabs(h);
  double der12 = fmax(fabs(der2), sqrt(dnf));
  double h1 = der12 <= 1e-15 ? fmax(1e-6, fabs(h) * 1e-3) : pow(0.01 / der12, 1.0 / 5);
  return fmin(fmin(100 * fabs(h), h1), hmax);
}

typedef struct { long steps, rejected; double y[N]; size_t saved; } result_t;

static result_t dopri5(double t0, double t1, const double *y0, double rtol, double atol) {
  const double beta = 0.04, safe = 0.9, facc1 = 1 / 0.2, facc2 = 1 / 10.0, expo1 = 0.2 - beta * 0.75;
  double y[N], y1[N], k1[N], k2[N], k3[N], k4[N], k5[N], k6[N], k7[N], ysti[N];
  size_t cap = 1024, saved = 0;
  double *store = malloc(cap * (N + 1) * sizeof(double));
  memcpy(y, y0, sizeof y);
  double t = t0, hmax = t1 - t0, facold = 1e-4;
  long naccpt = 0, nrejct = 0;
  int reject = 0, last = 0;
  f(t, y, k1);
  double h = hinit(t, y, k1, hmax, rtol, atol);
  for (;;) {
    if ((t + 1.01 * h - t1) > 0) { h = t1 - t; last = 1; }
    for (int i = 0; i < N; i++) y1[i] = y[i] + h * A21 * k1[i];
    f(t + C2 * h, y1, k2);
    for (int i = 0; i < N; i++) y1[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    f(t + C3 * h, y1, k3);
    for (int i = 0; i < N; i++) y1[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    f(t + C4 * h, y1, k4);
    for (int i = 0; i < N; i++) y1[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    f(t + C5 * h, y1, k5);
    for (int i = 0; i < N; i++) ysti[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    double xph = t + h;
    f(xph, ysti, k6);
    for (int i = 0; i < N; i++) y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    f(xph, y1, k7);
    double err = 0;
    for (int i = 0; i < N; i++) {
      double sk = atol + rtol * fmax(fabs(y[i]), fabs(y1[i]));
      double e = (h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i])) / sk;
      err += e * e;
    }
    err = sqrt(err / N);
    double fac11 = pow(err, expo1);
    double fac = fac11 / pow(facold, beta);
    fac = fmax(facc2, fmin(facc1, fac / safe));
    double hnew = h / fac;
    if (err <= 1) {
      facold = fmax(err, 1e-4);
      naccpt++;
      memcpy(k1, k7, sizeof k1);
      memcpy(y, y1, sizeof y);
      t = last ? t1 : xph;
      if (saved == cap) { cap *= 2; store = realloc(store, cap * (N + 1) * sizeof(double)); }
      store[saved * (N + 1)] = t;
      memcpy(store + saved * (N + 1) + 1, y, sizeof y);
      saved++;
      if (last) break;
      if (fabs(hnew) > hmax) hnew = hmax;
      if (reject) hnew = fmin(fabs(hnew), fabs(h));
      reject = 0;
    } else {
      hnew = h / fmin(facc1, fac11 / safe);
      reject = 1;
      if (naccpt >= 1) nrejct++;
      last = 0;
    }
    h = hnew;
  }
  result_t r = { naccpt, nrejct, { y[0], y[1], y[2] }, saved };
  free(store);
  return r;
}

int main(int argc, char **argv) {
  double rtol = argc > 1 ? atof(argv[1]) : 1e-9, atol = argc > 2 ? atof(argv[2]) : 1e-9;
  int reps = argc > 3 ? atoi(argv[3]) : 10;
  double y0[N] = { 1, 1, 1 };
  double *t = malloc(reps * sizeof(double));
  result_t r = { 0 };
  long fe = 0;
  for (int k = -2; k < reps; k++) {
    nfev = 0;
    double t0 = now_ms();
    r = dopri5(0, 100, y0, rtol, atol);
    if (k >= 0) t[k] = now_ms() - t0;
    fe = nfev;
  }
  printf("{\"impl\": \"c\", \"times_ms\": [");
  for (int k = 0; k < reps; k++) printf(k ? ", %.6f" : "%.6f", t[k]);
  printf("], \"nfev\": %ld, \"steps\": %ld, \"rejected\": %ld, \"yEnd\": [%.17g, %.17g, %.17g]}\n", fe, r.steps, r.rejected, r.y[0], r.y[1], r.y[2]);
  free(t);
  return 0;
}
