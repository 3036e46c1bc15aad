import type { VectorField } from './vector-field.js';

/**
 * Initial step size for an explicit method of order `iord` (Hairer's hinit in dopri5.f; Hairer, Nørsett & Wanner I,
 * §II.4 "Starting step size"): h0 = 0.01 ||y0|| / ||f0||, one Euler step to estimate the second derivative, then
 * h = min(100 h0, (0.01 / max(||f'||, ||f0||))^(1/iord), hMax). Uses one evaluation of f; y1, f1 are scratch.
 */
export function hinit(f: VectorField, t: number, y: Float64Array, posneg: number, f0: Float64Array, y1: Float64Array,
  f1: Float64Array, hMax: number, rtol: number, atol: number, iord: number): number {
  const n = y.length;
  let dnf = 0, dny = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol + rtol * Math.abs(y[i]);
    dnf += (f0[i] / sk) ** 2;
    dny += (y[i] / sk) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  h = Math.min(h, hMax) * posneg;
  for (let i = 0; i < n; i++) y1[i] = y[i] + h * f0[i];
  f(t + h, y1, f1);
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol + rtol * Math.abs(y[i]);
    der2 += ((f1[i] - f0[i]) / sk) ** 2;
  }
  der2 = Math.sqrt(der2) / Math.abs(h);
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, Math.abs(h) * 1e-3) : (0.01 / der12) ** (1 / iord);
  return posneg * Math.min(100 * Math.abs(h), h1, hMax);
}
