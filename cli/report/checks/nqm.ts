// Checks of the noise section (issue #13 point 4): the noisy quadratic model of Zhang et al. (2019).
import { createRng } from '../../../src/linalg/rng.js';
import {
  logspace10, nqmBatchCurve, nqmBins, nqmCriticalBatch, nqmExpectedLoss, nqmSampledRun, nqmSetup, nqmSteadyStateRisk,
  nqmStepsToTarget, nqmTune,
} from '../../../src/theory/nqm.js';
import { bounded, close, same, type Check } from '../check.js';

export const nqmChecks: Check[] = [
  {
    id: 'nqm-monte-carlo',
    section: 'noise',
    kind: 'claim',
    claim: 'Seeded Monte Carlo runs of heavy ball\'s own step() on the noisy quadratic model agree with the exact expected loss within 3 standard errors (largest |mean − exact| / SE over $k \\in \\{1, 10, 50\\}$, 4 directions, $B = 2$).',
    run({ quick }) {
      const setup = nqmSetup({ h: [1, 0.5, 0.2, 0.05] });
      const spec = 'hb:alpha=0.3,beta=0.8', batch = 2, ks = [1, 10, 50], runs = quick ? 800 : 3000;
      const exact = nqmExpectedLoss(spec, setup, batch, ks).map((r) => r.loss);
      const sum = ks.map(() => 0), sum2 = ks.map(() => 0);
      const seeds = createRng(5);
      for (let r = 0; r < runs; r++) {
        const run = nqmSampledRun(spec, setup, batch, 50, { seed: Math.floor(seeds.next() * 2 ** 31) });
        ks.forEach((k, j) => { const L = run.loss[k]; sum[j] += L; sum2[j] += L * L; });
      }
      let worst = 0;
      ks.forEach((_, j) => { const m = sum[j] / runs, se = Math.sqrt((sum2[j] / runs - m * m) / runs); worst = Math.max(worst, Math.abs(m - exact[j]) / se); });
      return bounded(3, worst, {}, { numbers: { runs, exact }, note: `${runs} seeded runs; largest deviation in standard errors` });
    },
  },
  {
    id: 'nqm-effective-learning-rate',
    section: 'noise',
    kind: 'claim',
    claim: 'At small batch ($B = 4$) heavy ball with $(\\alpha, \\beta)$ needs the same steps to the target 0.01 as SGD with the effective learning rate $\\alpha/(1-\\beta)$: the largest relative difference over $\\beta \\in \\{0.5, 0.9, 0.99\\}$ (binned $10^4$ directions).',
    run() {
      const bins = nqmBins(nqmSetup()), batch = 4, eff = 0.01377;
      const sgd = nqmStepsToTarget(`gd:alpha=${eff}`, bins, batch, 0.01).steps!;
      let worst = 0;
      for (const beta of [0.5, 0.9, 0.99]) worst = Math.max(worst, Math.abs(nqmStepsToTarget(`hb:alpha=${eff * (1 - beta)},beta=${beta}`, bins, batch, 0.01).steps! - sgd) / sgd);
      return bounded(0.01, worst, {}, { numbers: { sgdSteps: sgd }, note: `SGD at α = ${eff}: ${sgd} steps` });
    },
  },
  {
    id: 'nqm-momentum-large-batch',
    section: 'noise',
    kind: 'claim',
    claim: 'At large batch ($B = 2^{20}$) tuned heavy ball needs an order of magnitude fewer steps to the target than tuned SGD (ratio of steps $\\ge 10$).',
    run({ quick }) {
      const setup = quick ? nqmBins(nqmSetup()) : nqmSetup(), batch = 2 ** 20;
      const sgd = nqmTune('gd', setup, batch, 0.01), hb = nqmTune('hb', setup, batch, 0.01, { grid: { alphas: logspace10(-1, 1, 21), betas: logspace10(-3, 0, 13).map((x) => 1 - x) } });
      return bounded(10, sgd.steps! / hb.steps!, { atLeast: true }, { numbers: { sgd: sgd.steps, hb: hb.steps, hbEffective: hb.effectiveLearningRate }, note: `SGD ${sgd.steps} steps, heavy ball ${hb.steps}` });
    },
  },
  {
    id: 'nqm-perfect-scaling',
    section: 'noise',
    kind: 'claim',
    claim: 'Tuned SGD scales perfectly (steps ∝ 1/B: examples B × steps within 2% of their value at B = 4) up to B = 64, and the critical batch size (examples twice their minimum) lies between $2^{10}$ and $2^{11}$.',
    run() {
      const bins = nqmBins(nqmSetup());
      const curve = nqmBatchCurve('gd', bins, [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096], 0.01);
      const e0 = 4 * curve[0].steps!;
      const dev = Math.max(...curve.filter((r) => r.batch <= 64).map((r) => Math.abs((r.batch * r.steps!) / e0 - 1)));
      const crit = nqmCriticalBatch(curve);
      const pass = dev <= 0.02 && crit.batch === 1024;
      return { ...same('1024', String(crit.batch), { numbers: { deviation: dev, interpolated: crit.interpolated } }), pass, note: `largest deviation from perfect scaling ${(100 * dev).toFixed(2)}%; critical batch ≈ ${Math.round(crit.interpolated ?? 0)} (binned directions)` };
    },
  },
  {
    id: 'nqm-hb-steady-state',
    section: 'noise',
    kind: 'claim',
    claim: 'The steady-state risk of heavy ball on the noisy quadratic model is $\\frac12\\sum_i h_i\\,\\frac{\\alpha c_i (1+\\beta)}{B h_i (1-\\beta)(2(1+\\beta) - \\alpha h_i)}$ (closed form vs the Lyapunov solution, $\\alpha = 0.05$, $\\beta = 0.9$, $B = 16$, $10^3$ directions).',
    run() {
      const setup = nqmSetup({ dim: 1000 }), alpha = 0.05, beta = 0.9, batch = 16;
      let closed = 0;
      setup.h.forEach((h, i) => { closed += (0.5 * h * alpha * setup.c[i] * (1 + beta)) / (batch * h * (1 - beta) * (2 * (1 + beta) - alpha * h)); });
      const r = nqmSteadyStateRisk(`hb:alpha=${alpha},beta=${beta}`, setup, batch);
      return close(closed, r.risk ?? NaN, { rel: 1e-12 });
    },
  },
];
