// Job handlers: thin adapters from a job message to library calls (no numerics of their own).
import type { Job, JobResult } from './protocol.js';
import { energyCurves } from './energy.js';
import { largestLyapunovFlow, lorenzField, odeDopri5, lorenzJvp, createProblem, createMethod, run, certifyMethod, certifyRate, formWorstRate, rateMap, rateMapOf, linspace, mandelbrot, colorizeEscape, logisticBifurcation, rasterizeBifurcation, logisticLyapunov,
  nqmSetup, nqmBins, nqmBatchCurve, nqmStepsToTarget, nqmSampledRun } from '../lib.js';

type Handlers = { [K in Job['type']]?: (job: Extract<Job, { type: K }>) => JobResult };

export const handlers: Handlers = {
  ping: () => ({ kind: 'series', rows: [], ms: 0 }),

  /** The worst spectral radius over [mu, L] on an n x n (alpha, beta) grid; row 0 is the largest beta (top). */
  ratemap: (job) => {
    const t0 = performance.now();
    const alphas = job.logAlpha
      ? linspace(Math.log10(job.alpha[0]), Math.log10(job.alpha[1]), job.n).map((e) => 10 ** e)
      : linspace(job.alpha[0], job.alpha[1], job.n);
    if (job.axes) {
      // Any linear method over any two of its parameters: one linear form per cell (rateMapOf); rows from the top.
      const any = rateMapOf(job.method, { key: job.axes[0], values: alphas }, { key: job.axes[1], values: linspace(job.beta[1], job.beta[0], job.n) }, { mu: job.mu, L: job.L });
      return { kind: 'raster', width: job.n, height: job.n, field: Float32Array.from(any.rho), ms: performance.now() - t0, extra: { exact: any.exact ? 1 : 0 } };
    }
    const method = job.method as 'gd' | 'hb' | 'nag';
    const betas = method === 'gd' ? Float64Array.of(0) : linspace(job.beta[1], job.beta[0], job.n);
    const map = rateMap(method, alphas, betas, { mu: job.mu, L: job.L });
    const field = new Float32Array(job.n * job.n);
    for (let r = 0; r < job.n; r++) {
      const src = method === 'gd' ? 0 : r;
      for (let c = 0; c < job.n; c++) field[r * job.n + c] = map.rho[src * job.n + c];
    }
    return { kind: 'raster', width: job.n, height: job.n, field, ms: performance.now() - t0 };
  },

  mandelbrot: (job) => {
    const t0 = performance.now();
    const img = mandelbrot({ width: job.width, height: job.height, xMin: job.x[0], xMax: job.x[1], yMin: job.y[0], yMax: job.y[1], maxIter: job.maxIter });
    const rgba = colorizeEscape(img);
    return { kind: 'raster', width: job.width, height: job.height, rgba, iterations: img.iterations, smooth: img.smooth, ms: performance.now() - t0, extra: { inside: img.inside } };
  },

  bifurcation: (job) => {
    const t0 = performance.now();
    const data = logisticBifurcation(job.r[0], job.r[1], job.width, { transient: job.transient, keep: job.samples });
    const rgba = rasterizeBifurcation(data, job.width, job.height, job.r[0], job.r[1]);
    return { kind: 'raster', width: job.width, height: job.height, rgba, ms: performance.now() - t0 };
  },

  /** Certified (IQC) and quadratic rates against kappa for each method; methods given as certify specs or linear forms. */
  certify: (job) => {
    const t0 = performance.now();
    const rows: Record<string, number | string | boolean | null>[] = [];
    for (const kappa of job.kappas) {
      const mu = 1 / kappa, L = 1;
      for (const m of job.methods) {
        let ss;
        if ('stateSpace' in m) ss = m.stateSpace;
        else {
          try { ss = certifyMethod(m.spec, mu, L).stateSpace; } catch { continue; }
        }
        // A typed form the analysis refuses at this kappa is left out (the page has already checked its shape).
        let c, quadratic;
        try {
          quadratic = formWorstRate(ss, mu, L).rate;
          c = job.quadraticOnly ? null : certifyRate(ss, mu, L, { iqc: job.iqc as 'weighted' });
        } catch { continue; }
        rows.push({ key: m.key, kappa, certified: c ? c.rate : null, quadratic, ms: c ? c.solveMs : 0, ...(job.quadraticOnly ? { quadraticOnly: true } : {}) });
      }
    }
    return { kind: 'series', rows, ms: performance.now() - t0 };
  },

  /** Iterations to reach J - J* <= tol (J_0 - J*) on quadratic:dim=D,kappa=K, for each tuned method spec. */
  speed: (job) => {
    const t0 = performance.now();
    const rows: Record<string, number | string | boolean | null>[] = [];
    for (const kappa of job.kappas) {
      const problem = createProblem(`quadratic:dim=${job.dim},kappa=${kappa},spectrum=loguniform,x0=1`);
      const J0 = problem.value(problem.x0) - (problem.minValue ?? 0);
      for (const m of job.methods) {
        const res = run(problem, createMethod(m.spec, problem), { steps: job.maxSteps, tol: job.tol * J0, tolOn: 'loss', record: false });
        rows.push({ key: m.key, kappa, iterations: res.status === 'converged' ? res.steps : null, status: res.status });
      }
    }
    return { kind: 'series', rows, ms: performance.now() - t0 };
  },

  'lorenz-lyapunov': (job) => {
    const t0 = performance.now();
    const est = largestLyapunovFlow(lorenzField(job.a, job.b, job.c), lorenzJvp(job.a, job.b, job.c), [1, 1, 1], { time: job.time, transient: 50 });
    return { kind: 'series', rows: [{ exponent: est.exponent, nfev: est.nfev }], ms: performance.now() - t0 };
  },

  /** Arrays: ts, then per curvature h_j: c<j> (continuous E/E0), d<j> (discrete E_k/E0); extra rate<j>, dev<j>, T. */
  'energy-decay': (job) => {
    const t0 = performance.now();
    const c = energyCurves(job.mu, job.s);
    const arrays: Record<string, Float64Array> = {};
    const extra: Record<string, number> = { T: c.T };
    c.continuous.forEach((a, j) => { arrays[`c${j}`] = a; arrays[`d${j}`] = c.discrete[j]; extra[`rate${j}`] = c.rate[j]; extra[`dev${j}`] = c.dev[j]; });
    return { kind: 'array', data: c.ts, stride: 1, arrays, extra, ms: performance.now() - t0 };
  },

  'lorenz-path': (job) => {
    const t0 = performance.now();
    const res = odeDopri5(lorenzField(job.a, job.b, job.c), [0, job.t1], [1, 1, 1], { rtol: 1e-9, atol: 1e-9, tEval: linspace(0, job.t1, job.samples) });
    return { kind: 'array', data: Float64Array.from(res.y), stride: 3, ms: performance.now() - t0, extra: { nfev: res.stats.nfev } };
  },

  'lyapunov-logistic': (job) => {
    const t0 = performance.now();
    const rows = [];
    for (const r of linspace(job.r[0], job.r[1], job.n)) rows.push({ r, lyapunov: logisticLyapunov(r, { transient: 300, iterations: 2000 }) });
    return { kind: 'series', rows, ms: performance.now() - t0 };
  },

  /** Tuned steps to target against batch size for one method on the binned NQM (each batch warm-started from the last). */
  'nqm-curve': (job) => {
    const t0 = performance.now();
    const bins = nqmBins(nqmSetup({ dim: job.dim }), { ratio: job.ratio });
    const rows = nqmBatchCurve(job.method, bins, job.batches, job.target).map((r) => ({
      method: job.method, batch: r.batch, steps: r.steps, alpha: r.alpha, beta: r.beta, effectiveLearningRate: r.effectiveLearningRate,
    }));
    return { kind: 'series', rows, ms: performance.now() - t0 };
  },

  /** Exact steps to target at fixed parameters (binned model; `exact: true` rows on all directions at `exactAt`). */
  'nqm-fixed': (job) => {
    const t0 = performance.now();
    const setup = nqmSetup({ dim: job.dim });
    const bins = nqmBins(setup, { ratio: job.ratio });
    const rows: Record<string, number | string | boolean | null>[] = [];
    const maxEvaluations = job.maxEvaluations ?? 1e6;
    const row = (key: string, batch: number, exact: boolean) => {
      const r = nqmStepsToTarget(key, exact ? setup : bins, batch, job.target, { maxEvaluations });
      return { batch, steps: r.steps, status: r.status, exact, capped: r.steps === null && r.evaluations >= maxEvaluations };
    };
    for (const m of job.methods) {
      for (const batch of job.batches) rows.push({ key: m.key, ...row(m.spec, batch, false) });
      if (job.exactAt !== undefined) rows.push({ key: m.key, ...row(m.spec, job.exactAt, true) });
    }
    return { kind: 'series', rows, ms: performance.now() - t0 };
  },

  'nqm-sample': (job) => {
    const t0 = performance.now();
    const run = nqmSampledRun(job.method, nqmSetup({ dim: job.dim }), job.batch, job.steps, { seed: job.seed, every: job.every });
    return { kind: 'series', rows: run.k.map((k, i) => ({ k, loss: run.loss[i] })), ms: performance.now() - t0 };
  },
};
