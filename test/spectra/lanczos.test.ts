import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, fromRows, symmetricEigen } from '../../src/linalg/index.js';
import {
  type MlpActivation, type MlpLoss, type MlpProblem, type Problem, type QuadraticProblem, createProblem, mlp, mlpDataset,
} from '../../src/problems/index.js';
import { hessianEigenvalues, hessianOperator, lanczos, tridiagonalEigen } from '../../src/spectra/index.js';

/** The dense Hessian from n Hessian-vector products, and its eigenvalues (ascending). */
function denseEigenvalues(p: Problem, w: Float64Array): Float64Array {
  const n = p.dim, rows: number[][] = [], e = new Float64Array(n), col = new Float64Array(n);
  for (let j = 0; j < n; j++) { e.fill(0); e[j] = 1; rows.push(Array.from(p.hvp!(w, e, col))); }
  return symmetricEigen(fromRows(rows)).values;
}
const maxRel = (a: number[], b: number[], scale: number): number => Math.max(...a.map((x, i) => Math.abs(x - b[i]) / scale));

describe('tridiagonal eigenvalues (implicit QL)', () => {
  it('equal symmetricEigen on a random 60 x 60 tridiagonal, with the first and last eigenvector rows', () => {
    const m = 60, rng = createRng(3), a = rng.fillNormal(new Float64Array(m)), b = rng.fillNormal(new Float64Array(m - 1));
    const T = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? a[i] : Math.abs(i - j) === 1 ? b[Math.min(i, j)] : 0)));
    const ref = symmetricEigen(fromRows(T)), got = tridiagonalEigen(a, b, m);
    for (let i = 0; i < m; i++) {
      expect(got.values[i]).toBeCloseTo(ref.values[i], 12);
      expect(Math.abs(got.first[i])).toBeCloseTo(Math.abs(ref.vectors.data[i]), 10); // row 0, column i
      expect(Math.abs(got.last[i])).toBeCloseTo(Math.abs(ref.vectors.data[(m - 1) * m + i]), 10);
    }
    expect(got.first.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 13);
  });
});

describe('Lanczos on Hessians', () => {
  it('top-5 and bottom-5 of a dense quadratic with a known spectrum, to 1e-8 (residual-based stop)', () => {
    const p = createProblem('quadratic:dim=300,kappa=1000,structure=dense,spectrum=loguniform,seed=4') as QuadraticProblem;
    const h = Array.from(p.spectrum), w = new Float64Array(300);
    const top = hessianEigenvalues(p, w, { k: 5, maxSteps: 300 });
    expect(top.converged).toBe(true);
    expect(maxRel(top.values, h.slice(-5).reverse(), p.L)).toBeLessThan(1e-8);
    expect(top.steps).toBeLessThan(300);
    const bottom = hessianEigenvalues(p, w, { k: 5, which: 'bottom', maxSteps: 300 });
    expect(maxRel(bottom.values, h.slice(0, 5), p.L)).toBeLessThan(1e-8);
  });

  it('finds repeated eigenvalues (a restart on exhausting the Krylov space)', () => {
    const p = createProblem('quadratic:values=1;1;1;0.5;0.5;0.1,structure=dense');
    // Three distinct eigenvalues: the first start vector's Krylov space has dimension 3, the next ones 2 and 1.
    const r = lanczos(hessianOperator(p, new Float64Array(6)), 6, { seed: 1 });
    expect(r.steps).toBe(6);
    expect(Array.from(tridiagonalEigen(r.alpha, r.beta, 6).values).map((x) => +x.toFixed(12))).toEqual([0.1, 0.5, 0.5, 1, 1, 1]);
  });

  for (const [act, loss] of [['tanh', 'xent'], ['relu', 'mse'], ['softplus', 'mse'], ['identity', 'xent']] as [MlpActivation, MlpLoss][]) {
    it(`${act} ${loss} net: top-5 and bottom-3 equal the dense Hessian's eigenvalues to 1e-8`, () => {
      const spec = loss === 'xent' ? `mlp:data=iris,hidden=6,act=${act}` : `mlp:data=chebyshev3,hidden=8;6,act=${act}`;
      const p = createProblem(spec), rng = createRng(8), w = Float64Array.from(p.x0, (x) => x + 0.5 * rng.normal());
      const ev = Array.from(denseEigenvalues(p, w)), scale = Math.max(-ev[0], ev[ev.length - 1]);
      const top = hessianEigenvalues(p, w, { k: 5, maxSteps: p.dim });
      expect(maxRel(top.values, ev.slice(-5).reverse(), scale)).toBeLessThan(1e-8);
      const bottom = hessianEigenvalues(p, w, { k: 3, which: 'bottom', maxSteps: p.dim });
      expect(maxRel(bottom.values, ev.slice(0, 3), scale)).toBeLessThan(1e-8);
    });
  }

  it("equal PyTorch's dense Hessian eigenvalues (torch.autograd.functional.hessian + eigvalsh) on the fixture weights", () => {
    const fx = JSON.parse(readFileSync(new URL('../fixtures/mlp-torch.json', import.meta.url), 'utf8')) as {
      cases: { sizes: number[]; activation: MlpActivation; loss: MlpLoss; lambda: number; weights: unknown; hessianTop: number[]; hessianBottom: number[] }[];
    };
    const digits = mlpDataset('digits', 20), cheb = mlpDataset('chebyshev3');
    let worst = 0;
    for (const c of fx.cases) {
      const p: MlpProblem = mlp(c.loss === 'xent' ? digits : cheb, { hidden: c.sizes.slice(1, -1), activation: c.activation, loss: c.loss, lambda: c.lambda });
      const w = p.fromJson(c.weights), scale = Math.max(Math.abs(c.hessianTop[0]), Math.abs(c.hessianBottom[0]));
      const top = hessianEigenvalues(p, w, { k: 5, maxSteps: p.dim });
      worst = Math.max(worst, maxRel(top.values, c.hessianTop, scale));
    }
    expect(worst).toBeLessThan(1e-8);
  });
});
