// Checks of the nonlinear examples: limit cycle, Lorenz chaos, the logistic map, the Mandelbrot set.
import {
  largestLyapunovFlow, limitCycle, logisticLyapunov, logisticPeriod, lorenzField, lorenzJvp, mandelbrotArea, vanDerPolField,
} from '../../../src/dynamics/index.js';
import { close, same, type Check } from '../check.js';

export const nonlinearChecks: Check[] = [
  {
    id: 'vanderpol-limit-cycle',
    section: 'nonlinear-dynamics',
    kind: 'claim',
    claim: "In two dimensions a nonlinear system can have a limit cycle: Van der Pol's oscillator ($\\mu = 1$) settles on a closed orbit of period 6.6633 (reference value of the literature).",
    run() {
      const c = limitCycle(vanDerPolField(1), [2, 0]);
      return close(6.6633, c.period ?? NaN, { abs: 1e-4 }, { numbers: { amplitude: c.amplitude, returns: c.returns } });
    },
  },
  {
    id: 'lorenz-chaos',
    section: 'nonlinear-dynamics',
    kind: 'claim',
    claim: 'In three dimensions chaos is possible: the Lorenz system with $(a, b, c) = (10, 28, 8/3)$ has a positive largest Lyapunov exponent, about 0.906 (Sprott\'s value 0.9056).',
    run({ quick }) {
      const time = quick ? 300 : 1000;
      const est = largestLyapunovFlow(lorenzField(10, 28, 8 / 3), lorenzJvp(10, 28, 8 / 3), [1, 1, 1], { time });
      return close(0.9056, est.exponent, { rel: quick ? 0.06 : 0.03 }, { numbers: { averagingTime: time, nfev: est.nfev }, note: `Benettin's method over $t = ${time}$` });
    },
  },
  {
    id: 'logistic-period-4',
    section: 'nonlinear-dynamics',
    kind: 'claim',
    claim: 'The lecture\'s map $f(x) = 3.5x(1-x)$ settles on a cycle of period 4.',
    run() {
      const p = logisticPeriod(3.5);
      return same(4, p.period ?? 'none', { numbers: { multiplier: p.multiplier, cycle: Array.from(p.cycle) } });
    },
  },
  {
    id: 'logistic-chaos',
    section: 'nonlinear-dynamics',
    kind: 'claim',
    claim: 'For discrete maps chaos comes easily: the logistic map at $r = 4$ has Lyapunov exponent $\\ln 2$.',
    run({ quick }) {
      const iterations = quick ? 200000 : 1000000;
      return close(Math.LN2, logisticLyapunov(4, { iterations }), { abs: 0.01 }, { numbers: { iterations } });
    },
  },
  {
    id: 'mandelbrot-area',
    section: 'nonlinear-dynamics',
    kind: 'claim',
    claim: 'The Mandelbrot set of $f_c(z) = z^2 + c$ has area about 1.5066 (pixel counting converges to it).',
    run({ quick }) {
      const n = quick ? 256 : 768;
      const area = mandelbrotArea(n, 1000);
      const r = close(1.5066, area, { rel: quick ? 0.03 : 0.01 }, { numbers: { pixels: n } });
      return { ...r, note: `${n}×${n} pixels, 1000 iterations` };
    },
  },
  {
    id: 'logistic-below-3-stable',
    section: 'nonlinear-dynamics',
    kind: 'claim',
    claim: 'Period doubling starts at $r = 3$: just below it the fixed point $1 - 1/r$ attracts (period 1), just above it a 2-cycle does.',
    run() {
      const below = logisticPeriod(2.95).period;
      const above = logisticPeriod(3.05).period;
      const r = same('1 then 2', `${below} then ${above}`);
      return { ...r, numbers: { below, above } };
    },
  },
];
