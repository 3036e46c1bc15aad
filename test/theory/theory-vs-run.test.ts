// Theory drawn over simulation: the library's run() on quadratics, direction by direction, against the closed forms.
import { describe, expect, it } from 'vitest';
import { createProblem, createMethod, run } from '../../src/index.js';
import { closedFormTrajectory, directionMatrix, linearMethod, worstRateOverSpectrum, fitRate, type LinearMethodName } from '../../src/theory/index.js';

describe('run() on a quadratic follows R^k in every eigendirection', () => {
  const cases: [LinearMethodName, string, { alpha: number; beta?: number }][] = [
    ['gd', 'gd:alpha=1.5', { alpha: 1.5 }],
    ['hb', 'hb:alpha=1,beta=0.81', { alpha: 1, beta: 0.81 }],
    ['nag', 'nag:alpha=0.9,beta=0.8', { alpha: 0.9, beta: 0.8 }],
  ];
  for (const [name, spec, params] of cases) {
    it(`${spec}: e_j(k) from run() equals the closed-form trajectory (state (e_j(0), 0)) to 1e-12, and the rate is the worst spectral radius`, () => {
      const problem = createProblem('quadratic:dim=12,kappa=100,spectrum=loguniform,structure=dense,seed=3,x0=random');
      const K = 300;
      const result = run(problem, createMethod(spec, problem), { steps: K, tol: 0 });
      expect(result.steps).toBe(K);
      const m = linearMethod(name, params);
      const h = problem.spectrum!;
      for (let j = 0; j < h.length; j++) {
        const e = result.trace[`e${j}`];
        const { w } = closedFormTrajectory(directionMatrix(m, h[j]), [e[0], 0], K);
        let worst = 0;
        for (let k = 0; k <= K; k++) worst = Math.max(worst, Math.abs(e[k] - w[k]));
        expect(worst).toBeLessThan(1e-12 * Math.max(1, Math.abs(e[0])));
      }
      const logDist = Float64Array.from(result.trace.dist, Math.log);
      const predicted = worstRateOverSpectrum(m, h);
      // a single ||w - w*|| oscillates for complex roots; the fit over 150 steps still lands within 1%
      expect(Math.abs(fitRate(logDist, 150) / predicted - 1)).toBeLessThan(0.01);
    });
  }
});
