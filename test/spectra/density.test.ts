import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/linalg/index.js';
import { type MlpActivation, type MlpLoss, type QuadraticProblem, createProblem, mlp, mlpDataset } from '../../src/problems/index.js';
import { type SpectralDensity, hessianEigenvalues, hutchinsonTrace, spectralDensity } from '../../src/spectra/index.js';

/** The exact trace of the Hessian from n Hessian-vector products (its diagonal). */
function exactTrace(p: ReturnType<typeof createProblem>, w: Float64Array): number {
  const n = p.dim, e = new Float64Array(n), col = new Float64Array(n);
  let t = 0;
  for (let j = 0; j < n; j++) { e.fill(0); e[j] = 1; t += p.hvp!(w, e, col)[j]; }
  return t;
}
/** Trapezoid integrals of the density and of t times the density. */
function moments(rho: SpectralDensity): { mass: number; mean: number } {
  let mass = 0, mean = 0;
  for (let j = 1; j < rho.grid.length; j++) {
    const dt = rho.grid[j] - rho.grid[j - 1];
    mass += 0.5 * dt * (rho.density[j] + rho.density[j - 1]);
    mean += 0.5 * dt * (rho.grid[j] * rho.density[j] + rho.grid[j - 1] * rho.density[j - 1]);
  }
  return { mass, mean };
}

describe("Hutchinson's trace estimator", () => {
  it('is exact with zero standard error on a diagonal Hessian (z_i^2 = 1)', () => {
    const p = createProblem('quadratic:dim=100,kappa=10') as QuadraticProblem;
    const t = hutchinsonTrace(p, new Float64Array(100), { samples: 10 });
    expect(t.trace).toBeCloseTo(55, 12);
    expect(t.standardError).toBeLessThan(1e-12);
  });
  it('is within 3 standard errors of the exact trace on a dense quadratic and on a tanh net', () => {
    const q = createProblem('quadratic:dim=80,kappa=50,structure=dense,seed=2') as QuadraticProblem;
    const tq = hutchinsonTrace(q, new Float64Array(80), { samples: 200, seed: 3 });
    const exact = q.spectrum.reduce((s, h) => s + h, 0);
    expect(tq.standardError).toBeGreaterThan(0.01);
    expect(Math.abs(tq.trace - exact)).toBeLessThan(3 * tq.standardError);
    const p = createProblem('mlp:data=iris,hidden=8,act=tanh'), rng = createRng(1), w = Float64Array.from(p.x0, (x) => x + 0.5 * rng.normal());
    const tp = hutchinsonTrace(p, w, { samples: 300, seed: 4 }), ep = exactTrace(p, w);
    expect(Math.abs(tp.trace - ep)).toBeLessThan(3 * tp.standardError);
    // Its standard error is the Rademacher probe's: Var z^T H z = 2 (||H||_F^2 - sum_i H_ii^2) (Avron and Toledo 2011).
    const n = p.dim, e = new Float64Array(n), col = new Float64Array(n);
    let off = 0;
    for (let j = 0; j < n; j++) { e.fill(0); e[j] = 1; p.hvp!(w, e, col); for (let i = 0; i < n; i++) if (i !== j) off += col[i] ** 2; }
    expect(tp.standardError / Math.sqrt((2 * off) / 300)).toBeGreaterThan(0.8);
    expect(tp.standardError / Math.sqrt((2 * off) / 300)).toBeLessThan(1.2);
  });
  it("is within 3 standard errors of PyTorch's exact trace on the fixture nets", () => {
    const fx = JSON.parse(readFileSync(new URL('../fixtures/mlp-torch.json', import.meta.url), 'utf8')) as {
      cases: { sizes: number[]; activation: MlpActivation; loss: MlpLoss; lambda: number; weights: unknown; hessianTrace: number }[];
    };
    const digits = mlpDataset('digits', 20), cheb = mlpDataset('chebyshev3');
    for (const c of fx.cases) {
      const p = mlp(c.loss === 'xent' ? digits : cheb, { hidden: c.sizes.slice(1, -1), activation: c.activation, loss: c.loss, lambda: c.lambda });
      const t = hutchinsonTrace(p, p.fromJson(c.weights), { samples: 200 });
      expect(Math.abs(t.trace - c.hessianTrace)).toBeLessThan(3 * t.standardError);
    }
  });
});

describe('spectra: bad input is refused naming the parameter', () => {
  it('k beyond the dimension, a problem without hvp, a wrong-length w, a non-finite point, bad SLQ options', () => {
    const q = createProblem('quadratic:dim=10'), w = new Float64Array(10);
    expect(() => hessianEigenvalues(q, w, { k: 11 })).toThrow('k = 11 is invalid: expected an integer in [1, 10]');
    expect(() => hessianEigenvalues(createProblem('rosenbrock'), new Float64Array(2), { which: 'middle' as 'top' })).toThrow('which = "middle"');
    expect(() => hutchinsonTrace({ ...q, hvp: undefined }, w)).toThrow('problem = "quadratic" is invalid: expected a problem with Hessian-vector products (hvp)');
    expect(() => hutchinsonTrace(q, new Float64Array(3))).toThrow('w = "3 values" is invalid: expected a vector of length 10');
    const net = createProblem('mlp:hidden=4'), bad = Float64Array.from(net.x0);
    bad[0] = Number.NaN;
    expect(() => hessianEigenvalues(net, bad)).toThrow(/operator = NaN is invalid/);
    expect(() => hutchinsonTrace(net, bad)).toThrow(/z\^T H z = NaN/);
    expect(() => spectralDensity(q, w, { sigma2: 0 })).toThrow('sigma2 = 0 is invalid');
    expect(() => spectralDensity(q, w, { runs: 0 })).toThrow('runs = 0 is invalid');
  });
});

describe('spectral density by stochastic Lanczos quadrature', () => {
  it('with m = n steps its nodes are the eigenvalues; it integrates to 1 and its mean is v^T H v = tr H / n here', () => {
    const p = createProblem('quadratic:dim=40,kappa=10,structure=dense,seed=5') as QuadraticProblem;
    const rho = spectralDensity(p, new Float64Array(40), { steps: 40, runs: 2, bins: 4000 });
    for (const nodes of rho.nodes) Array.from(nodes).forEach((x, i) => expect(x).toBeCloseTo(p.spectrum[i], 10));
    for (const tau of rho.weights) expect(tau.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 13);
    const { mass, mean } = moments(rho);
    expect(Math.abs(mass - 1)).toBeLessThan(1e-9);
    // The weighted node mean of a run is alpha_1 = v^T H v / ||v||^2, the density's mean their average.
    const alpha1 = rho.nodes.map((th, r) => th.reduce((s, x, i) => s + rho.weights[r][i] * x, 0));
    expect(mean).toBeCloseTo((alpha1[0] + alpha1[1]) / 2, 9);
    expect(rho.variance).toBe(1e-5 * (p.spectrum[39] - p.spectrum[0] + 0.02 > 1 ? p.spectrum[39] - p.spectrum[0] + 0.02 : 1));
  });

  it('on a tanh net (PyHessian defaults: 100 steps, sigma^2 = 1e-5): mass 1 and mean within 3 SE of tr H / n', () => {
    const p = createProblem('mlp:data=chebyshev3,hidden=12;12,act=tanh'), rng = createRng(2), w = Float64Array.from(p.x0, (x) => x + 0.5 * rng.normal());
    const runs = 12, rho = spectralDensity(p, w, { runs, seed: 7 });
    expect(rho.nodes[0].length).toBe(100);
    const { mass, mean } = moments(rho);
    expect(Math.abs(mass - 1)).toBeLessThan(1e-6);
    const per = rho.nodes.map((th, r) => th.reduce((s, x, i) => s + rho.weights[r][i] * x, 0));
    const avg = per.reduce((s, x) => s + x, 0) / runs, se = Math.sqrt(per.reduce((s, x) => s + (x - avg) ** 2, 0) / (runs - 1) / runs);
    expect(mean).toBeCloseTo(avg, 8);
    expect(Math.abs(mean - exactTrace(p, w) / p.dim)).toBeLessThan(3 * se);
    // The density's support reaches the extreme eigenvalues (the top Ritz value is the sharpness).
    expect(rho.grid[0]).toBeLessThan(Math.min(...rho.nodes.map((t) => t[0])));
  });
});
