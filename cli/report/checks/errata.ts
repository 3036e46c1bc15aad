// The errata of DESIGN.md: where the lecture's text is wrong, each with the numbers that show the correct statement.
import { createMethod } from '../../../src/methods/index.js';
import { createProblem } from '../../../src/problems/index.js';
import { run } from '../../../src/run/index.js';
import { directionEigenvalues, directionRate, directionRegime, krylovMinimumLoss, linearMethod, regimeThresholds } from '../../../src/theory/index.js';
import { close, same, type Check } from '../check.js';

export const errataChecks: Check[] = [
  {
    id: 'erratum-regimes-swapped',
    section: 'hb-quadratics',
    kind: 'erratum',
    claim: 'The slide says "underdamped directions have only real eigenvalues, while overdamped directions have complex eigenvalues". It is the other way round: overdamped directions ($h < T$, monotone) have real eigenvalues, underdamped ones ($h > T$, oscillating) complex eigenvalues.',
    run() {
      const m = linearMethod('hb', { alpha: 1, beta: 0.9 });
      const T = regimeThresholds(m).T!;
      const describe = (h: number) => {
        const [z1] = directionEigenvalues(m, h);
        return `${directionRegime(m, h)}: ${z1.im === 0 ? 'real' : 'complex'}`;
      };
      return same('overdamped: real; underdamped: complex', `${describe(T / 2)}; ${describe(4 * T)}`, { numbers: { T, hOver: T / 2, hUnder: 4 * T } });
    },
  },
  {
    id: 'erratum-T-minus-sign',
    section: 'hb-quadratics',
    kind: 'erratum',
    claim: 'The slide prints $T = \\alpha^{-1}(1\\ \\sqrt\\beta)^2$, with the sign lost; the threshold is $T = (1 - \\sqrt\\beta)^2/\\alpha$. Measured: the curvature where the regime changes from overdamped to underdamped (bisection on the classification), $\\alpha = 1$, $\\beta = 0.81$; the other reading $(1+\\sqrt\\beta)^2/\\alpha = 3.61$ is where the eigenvalues turn real and negative.',
    run() {
      const alpha = 1, beta = 0.81;
      const m = linearMethod('hb', { alpha, beta });
      let lo = 1e-6, hi = 1; // overdamped at lo, underdamped at hi
      for (let i = 0; i < 80; i++) {
        const mid = Math.sqrt(lo * hi);
        if (directionRegime(m, mid, { tolerance: 0 }) === 'overdamped') lo = mid; else hi = mid;
      }
      const plus = (1 + Math.sqrt(beta)) ** 2 / alpha;
      const [z] = directionEigenvalues(m, plus * 1.001);
      return close((1 - Math.sqrt(beta)) ** 2 / alpha, (lo + hi) / 2, { rel: 1e-9 }, { numbers: { plusReading: plus, eigenvalueJustAbovePlus: z.re } });
    },
  },
  {
    id: 'erratum-second-real-regime',
    section: 'spectral-radius',
    kind: 'erratum',
    claim: 'The formula $\\rho = \\sqrt\\beta$ for $h > T$ holds only up to $\\alpha h = (1+\\sqrt\\beta)^2$; beyond, the eigenvalues are real and negative again ($\\rho > \\sqrt\\beta$), and heavy ball diverges once $\\alpha h \\ge 2(1+\\beta)$: runs on the 1-D quadratic $h x^2/2$ just below and just above that limit ($\\alpha = 1$, $\\beta = 0.81$).',
    run() {
      const alpha = 1, beta = 0.81;
      const limit = (2 * (1 + beta)) / alpha;
      const status = (h: number) => {
        const p = createProblem(`quadratic:values=${h},x0=1`);
        return run(p, createMethod(`hb:alpha=${alpha},beta=${beta}`, p), { steps: 20000, tol: 1e-10 }).status;
      };
      const m = linearMethod('hb', { alpha, beta });
      const mid = ((1 + Math.sqrt(beta)) ** 2 + limit) / 2; // inside the second real regime
      const [z1, z2] = directionEigenvalues(m, mid);
      const measured = `${status(0.99 * limit)} below, ${status(1.01 * limit)} above; at αh = ${mid.toFixed(3)}: eigenvalues ${z1.re.toFixed(3)}, ${z2.re.toFixed(3)} (real), ρ = ${directionRate(m, mid).toFixed(4)}`;
      const pass = status(0.99 * limit) === 'converged' && status(1.01 * limit) === 'diverged' && z1.im === 0 && z1.re < 0 && z2.re < 0 && directionRate(m, mid) > Math.sqrt(beta);
      return { predicted: 'converged below 2(1+β)/α = 3.62, diverged above; real negative eigenvalues with ρ > √β = 0.9 in between', measured, tolerance: 'as stated', pass, numbers: { limit, mid, z1: z1.re, z2: z2.re, rho: directionRate(m, mid) } };
    },
  },
  {
    id: 'erratum-worst-function-loss',
    section: 'speed-limits',
    kind: 'erratum',
    claim: 'The slide says the minimum achievable loss in $k$ iterations on the worst function is $1/k$; that is the order of magnitude. The exact value is $\\frac{1}{2(k+1)}$, attained by conjugate gradient ($k = 10$, $D = 100$).',
    run() {
      const k = 10, D = 100;
      const p = createProblem(`nesterov-worst:dim=${D}`);
      const m = createMethod('cg', p);
      const s = m.init(p, Float64Array.from(p.x0));
      for (let i = 0; i < k; i++) m.step(s, p);
      return close(krylovMinimumLoss(k, D), p.value(s.w), { rel: 1e-9 }, { numbers: { lectureValue: 1 / k }, note: `the lecture's $1/k$ = ${1 / k} is ${(2 * (k + 1) / k).toFixed(1)} times larger` });
    },
  },
];
