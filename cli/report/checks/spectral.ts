// Checks of the spectral-radius formula and of the lecture's choice of beta.
import { createMethod } from '../../../src/methods/index.js';
import { createProblem } from '../../../src/problems/index.js';
import { run } from '../../../src/run/index.js';
import { directionRate, fitRate, linearMethod, regimeThresholds, tuneMethod, worstRateOverInterval } from '../../../src/theory/index.js';
import { iterationsVsKappa, logLogSlope } from '../../../src/plot/index.js';
import { close, type Check } from '../check.js';

const kappaCache = new Map<boolean, ReturnType<typeof iterationsVsKappa>>();
function kappaPoints(quick: boolean) {
  if (!kappaCache.has(quick)) kappaCache.set(quick, iterationsVsKappa(quick ? [10, 100, 1000] : [10, 100, 1000, 10000], { dim: quick ? 40 : 100 }));
  return kappaCache.get(quick)!;
}

export const spectralChecks: Check[] = [
  {
    id: 'rho-formula-overdamped',
    section: 'spectral-radius',
    kind: 'claim',
    claim: 'For $h \\le T$ the spectral radius is $\\frac12(\\gamma + \\sqrt{\\gamma^2 - 4\\beta})$ with $\\gamma = 1 + \\beta - \\alpha h$; above $T$ it is $\\sqrt\\beta$ (largest relative deviation over 400 curvatures, $\\alpha = 1$, $\\beta = 0.81$).',
    run() {
      const alpha = 1, beta = 0.81;
      const m = linearMethod('hb', { alpha, beta });
      const { T, upperReal } = regimeThresholds(m);
      let worst = 0;
      for (let i = 1; i <= 400; i++) {
        const h = (upperReal! * i) / 401;
        const gamma = 1 + beta - alpha * h;
        const lecture = h <= T! ? 0.5 * (gamma + Math.sqrt(gamma * gamma - 4 * beta)) : Math.sqrt(beta);
        worst = Math.max(worst, Math.abs(directionRate(m, h) / lecture - 1));
      }
      return close(0, worst, { abs: 1e-12 });
    },
  },
  {
    id: 'critical-damping-choice',
    section: 'spectral-radius',
    kind: 'claim',
    claim: 'With $\\alpha = 1/h_{\\max}$ and $\\beta = (1 - 1/\\sqrt\\kappa)^2$ the flattest direction is critically damped: $T = h_{\\min}$ ($\\kappa = 100$).',
    run() {
      const kappa = 100;
      const t = tuneMethod('hb', 1 / kappa, 1, 'lecture');
      const T = regimeThresholds(linearMethod('hb', { alpha: t.alpha!, beta: t.beta! })).T!;
      return close(1 / kappa, T, { rel: 1e-12 }, { numbers: { alpha: t.alpha, beta: t.beta } });
    },
  },
  {
    id: 'rate-one-over-sqrt-kappa',
    section: 'spectral-radius',
    kind: 'claim',
    claim: 'With that choice every direction is underdamped or critical and $-\\log\\rho = -\\frac12\\log\\beta \\approx 1/\\sqrt\\kappa$ ($\\kappa = 10^4$): $\\sqrt\\kappa\\,(-\\log\\rho) \\approx 1$.',
    run() {
      const kappa = 1e4;
      const t = tuneMethod('hb', 1 / kappa, 1, 'lecture');
      const rho = worstRateOverInterval(linearMethod('hb', { alpha: t.alpha!, beta: t.beta! }), 1 / kappa, 1).rate;
      return close(1, -Math.log(rho) * Math.sqrt(kappa), { rel: 0.01 }, { numbers: { rho, halfLogBeta: -0.5 * Math.log(t.beta!) } });
    },
  },
  {
    id: 'hb-lecture-tuning-measured',
    section: 'spectral-radius',
    kind: 'claim',
    claim: 'Simulated heavy ball with the lecture\'s tuning converges at the predicted rate $\\sqrt\\beta = 1 - 1/\\sqrt\\kappa$ on a $\\kappa = 100$ quadratic (log-slope of the distance, late iterations).',
    run({ quick }) {
      const p = createProblem(`quadratic:dim=${quick ? 50 : 200},kappa=100,seed=9,wstar=random`);
      const res = run(p, createMethod('hb:tune=lecture', p), { steps: 260, tol: 0, record: ['k', 'dist'] });
      const measured = fitRate(Array.from(res.trace.dist, Math.log), 130, res.trace.dist.length);
      return close(0.9, measured, { rel: 0.01 }, { note: 'repeated root at $h_{\\min}$ adds a factor $k$, hence the 1% tolerance' });
    },
  },
  {
    id: 'gd-order-kappa',
    section: 'spectral-radius',
    kind: 'claim',
    claim: 'Gradient descent needs $\\mathcal O(\\kappa)$ iterations: the fitted exponent of iterations against $\\kappa$ is 1.',
    run({ quick }) {
      const pts = kappaPoints(quick).filter((p) => p.method === 'gd' && p.measured !== null);
      const p = logLogSlope(pts.map((q) => q.kappa), pts.map((q) => q.measured!));
      return close(1, p, { abs: 0.1 }, { numbers: { kappas: pts.map((q) => q.kappa), iterations: pts.map((q) => q.measured) } });
    },
  },
  {
    id: 'hb-order-sqrt-kappa',
    section: 'spectral-radius',
    kind: 'claim',
    claim: 'Tuned heavy ball needs $\\mathcal O(\\sqrt\\kappa)$ iterations: the fitted exponent is $\\frac12$ (compare 1 for gradient descent).',
    run({ quick }) {
      const pts = kappaPoints(quick).filter((p) => p.method === 'hb' && p.measured !== null);
      const p = logLogSlope(pts.map((q) => q.kappa), pts.map((q) => q.measured!));
      return close(0.5, p, { abs: 0.1 }, { numbers: { kappas: pts.map((q) => q.kappa), iterations: pts.map((q) => q.measured) } });
    },
  },
];
