import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, fromRows, symmetricEigen } from '../../src/linalg/index.js';
import {
  type Problem, type QuadraticProblem, createProblem, irisTask, lessardCounterexampleGradient, lessardValue, problems,
} from '../../src/problems/index.js';
import { gradientError } from './helpers.js';

// Small instances of every registered problem (the registry is the source of the list, so a new problem is covered).
const small: Record<string, string> = {
  quadratic: 'quadratic:dim=8,kappa=20,structure=dense,wstar=random',
  'nesterov-worst': 'nesterov-worst:dim=9',
  'nesterov-worst-sc': 'nesterov-worst-sc:dim=9',
  'convex-rosenbrock': 'convex-rosenbrock:dim=9,kappa=25',
};
const instance = (name: string): Problem => createProblem(small[name] ?? name);
const hessian = (p: Problem, w: Float64Array): number[][] =>
  Array.from({ length: p.dim }, (_, j) => { const e = new Float64Array(p.dim); e[j] = 1; return Array.from(p.hvp!(w, e, new Float64Array(p.dim))); });

describe('every registered problem', () => {
  const names = problems().map((p) => p.name);
  it('the registry lists the seven problems of the issue (and the strongly convex worst function)', () => {
    expect(names).toEqual(['quadratic', 'nesterov-worst', 'nesterov-worst-sc', 'lessard-counterexample', 'rosenbrock', 'banana', 'convex-rosenbrock', 'logistic-regression', 'least-squares', 'mlp']);
    for (const info of problems()) for (const param of info.params) expect(param.description.length).toBeGreaterThan(5);
  });
  for (const name of names) {
    it(`${name}: gradient matches central differences at x0 and at two random points`, () => {
      const p = instance(name);
      const rng = createRng(11);
      const points = [p.x0, ...[0, 1].map(() => Float64Array.from(p.x0, (x) => x + 0.3 * rng.normal()))];
      // The counterexample's kinks at 1 and 2 are avoided by the random points' offsets from 3.3.
      for (const w of points) expect(gradientError(p, w, { h: 1e-6 })).toBeLessThan(1e-6);
    });
    it(`${name}: hvp matches differences of the gradient`, () => {
      const p = instance(name);
      const rng = createRng(5);
      const w = Float64Array.from(p.x0, (x) => x + 0.2 * rng.normal());
      const v = rng.fillNormal(new Float64Array(p.dim));
      const h = 1e-6, gp = new Float64Array(p.dim), gm = new Float64Array(p.dim);
      p.grad(Float64Array.from(w, (x, i) => x + h * v[i]), gp);
      p.grad(Float64Array.from(w, (x, i) => x - h * v[i]), gm);
      const Hv = p.hvp!(w, v, new Float64Array(p.dim));
      const scale = Math.max(1, ...Hv.map(Math.abs));
      for (let i = 0; i < p.dim; i++) expect(Math.abs(Hv[i] - (gp[i] - gm[i]) / (2 * h)) / scale).toBeLessThan(1e-6);
    });
    it(`${name}: the fused valueAndGrad (where offered) equals value and grad`, () => {
      const p = instance(name);
      if (!p.valueAndGrad) return;
      const w = createRng(9).fillNormal(new Float64Array(p.dim));
      const g1 = new Float64Array(p.dim), g2 = new Float64Array(p.dim);
      const J = p.valueAndGrad(w, g1);
      expect(J).toBeCloseTo(p.value(w), 12);
      p.grad(w, g2);
      for (let i = 0; i < p.dim; i++) expect(g1[i]).toBe(g2[i]);
    });
    it(`${name}: the minimiser has zero gradient and J(w*) = J*`, () => {
      const p = instance(name);
      if (p.minimizer === undefined) return; // an MLP's minimiser is unknown
      const g = p.grad(p.minimizer!, new Float64Array(p.dim));
      expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-12);
      expect(p.value(p.minimizer!)).toBeCloseTo(p.minValue!, 14);
      // and it is a minimum: J grows along random directions
      const rng = createRng(3);
      for (let t = 0; t < 5; t++) {
        const w = Float64Array.from(p.minimizer!, (x) => x + 1e-3 * rng.normal());
        expect(p.value(w)).toBeGreaterThan(p.minValue!);
      }
    });
  }
});

describe("Nesterov's worst function", () => {
  it('is the lecture formula: J(0) = 1/2, optimum all ones with J* = 0, start at 0', () => {
    const p = createProblem('nesterov-worst:dim=50') as QuadraticProblem;
    expect(p.value(new Float64Array(50))).toBeCloseTo(0.5, 14);
    expect(Array.from(p.x0)).toEqual(new Array(50).fill(0));
    for (const x of p.minimizer) expect(x).toBeCloseTo(1, 12);
    expect(p.minValue).toBeCloseTo(0, 14);
    const w = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i)); // 1/2 (1 - w1)^2 + sum 1/2 (w_{j+1} - w_j)^2 by hand
    let s = 0.5 * (1 - w[0]) ** 2;
    for (let j = 0; j < 49; j++) s += 0.5 * (w[j + 1] - w[j]) ** 2;
    expect(p.value(w)).toBeCloseTo(s, 12);
  });
  it('the best point with k nonzero coordinates has loss exactly 1/(2(k+1)) (the erratum to "1/k")', () => {
    const D = 40, p = createProblem(`nesterov-worst:dim=${D}`);
    for (const k of [1, 5, 20]) {
      const w = new Float64Array(D);
      for (let j = 0; j < k; j++) w[j] = 1 - (j + 1) / (k + 1);
      expect(p.value(w)).toBeCloseTo(1 / (2 * (k + 1)), 14);
    }
  });
  it('the closed-form spectrum 4 sin^2((2j-1) pi / (2(2D+1))) equals the eigenvalues of the assembled Hessian', () => {
    const p = createProblem('nesterov-worst:dim=12') as QuadraticProblem;
    const values = Array.from(symmetricEigen(fromRows(hessian(p, p.x0))).values).sort((a, b) => a - b);
    values.forEach((x, j) => expect(x).toBeCloseTo(p.spectrum[j], 12));
    expect(p.L).toBeLessThan(4);
    expect(p.mu).toBeCloseTo(4 * Math.sin(Math.PI / 50) ** 2, 14);
  });
  it('eigen-coordinates are an orthonormal change of basis: sum h_j c_j^2 / 2 = J - J*', () => {
    for (const spec of ['nesterov-worst:dim=17', 'nesterov-worst-sc:dim=17,kappa=10', 'convex-rosenbrock:dim=17,kappa=10']) {
      const p = createProblem(spec) as QuadraticProblem;
      const w = createRng(2).fillNormal(new Float64Array(17));
      const c = p.eigenCoordinates(w, new Float64Array(17));
      let s = 0, c2 = 0, e2 = 0;
      for (let j = 0; j < 17; j++) { s += p.spectrum[j] * c[j] ** 2; c2 += c[j] ** 2; e2 += (w[j] - p.minimizer[j]) ** 2; }
      expect(p.value(w) - p.minValue).toBeCloseTo(s / 2, 12);
      expect(c2).toBeCloseTo(e2, 12);
    }
  });
  it('excessAndGrad keeps J - J* accurate far below the rounding level of J* (convex Rosenbrock, J* ~ 0.05)', () => {
    const p = createProblem('convex-rosenbrock:dim=50,kappa=100') as QuadraticProblem;
    expect(p.minValue).toBeGreaterThan(0.01);
    const w = Float64Array.from(p.minimizer);
    w[10] += 1e-12;
    const e = w[10] - p.minimizer[10]; // the perturbation as stored (exact difference), ~1e-12
    const g = new Float64Array(50);
    // J - J* = 1/2 H_{10,10} e^2 = 1/2 (2 + 4/99) e^2 ~ 1e-24
    expect(p.excessAndGrad!(w, g) / (0.5 * (2 + 4 / 99) * e * e)).toBeCloseTo(1, 10);
    expect(p.value(w) - p.minValue).toBeLessThan(1e-16); // the plain difference has lost it to rounding
  });
  it('the strongly convex variant has its spectrum inside [mu, L] = [0.01, 1] and tends to kappa = 100', () => {
    const p = createProblem('nesterov-worst-sc:dim=400') as QuadraticProblem;
    expect(p.mu).toBeGreaterThan(0.01);
    expect(p.L).toBeLessThan(1);
    expect(p.L / p.mu).toBeGreaterThan(99);
    expect(() => createProblem('nesterov-worst:mu=0.5,kappa=3')).toThrow(/nesterov-worst\.kappa/);
    expect(() => createProblem('nesterov-worst:mu=5')).toThrow(/nesterov-worst\.mu = 5 .*\[0, L\) with L = 4/);
  });
});

describe("distill's convex Rosenbrock", () => {
  it('has w*_i -> ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^i and condition number -> kappa for a long path', () => {
    const p = createProblem('convex-rosenbrock:dim=400,kappa=100') as QuadraticProblem;
    const rho = 9 / 11;
    for (const i of [1, 2, 10, 50]) expect(p.minimizer[i - 1]).toBeCloseTo(rho ** i, 12);
    expect(p.L / p.mu).toBeGreaterThan(99.5);
    expect(p.L / p.mu).toBeLessThan(100);
    // J(0) = 1/2 (the colorizer term only)
    expect(p.value(new Float64Array(400))).toBeCloseTo(0.5, 14);
  });
});

describe('the Lessard-Recht-Packard counterexample', () => {
  it('is continuous with a continuous gradient at the kinks x = 1 and x = 2', () => {
    for (const x of [1, 2]) {
      expect(lessardValue(x - 1e-12)).toBeCloseTo(lessardValue(x), 9);
      expect(lessardCounterexampleGradient(x - 1e-12)).toBeCloseTo(lessardCounterexampleGradient(x), 9);
    }
    expect([lessardValue(1), lessardValue(2), lessardCounterexampleGradient(1), lessardCounterexampleGradient(2)]).toEqual([12.5, 38, 25, 26]);
  });
  it('every gradient slope lies in [mu, L] = [1, 25], and both ends are attained', () => {
    const xs = Array.from({ length: 2001 }, (_, i) => -5 + i * 0.005);
    let lo = Infinity, hi = -Infinity;
    for (let i = 1; i < xs.length; i++) {
      const slope = (lessardCounterexampleGradient(xs[i]) - lessardCounterexampleGradient(xs[i - 1])) / (xs[i] - xs[i - 1]);
      lo = Math.min(lo, slope); hi = Math.max(hi, slope);
    }
    expect(lo).toBeCloseTo(1, 9);
    expect(hi).toBeCloseTo(25, 9);
    const p = createProblem('lessard-counterexample');
    expect([p.mu, p.L, p.x0[0]]).toEqual([1, 25, 3.3]);
  });
  it('heavy ball with alpha = 1/9, beta = 4/9 cycles from x0 = 3.3 and converges from x0 = 0.5', () => {
    const hb = (x0: number, steps: number) => {
      let x = x0, xPrev = x0;
      const tail: number[] = [];
      for (let k = 0; k < steps; k++) {
        const next = x - (1 / 9) * lessardCounterexampleGradient(x) + (4 / 9) * (x - xPrev);
        xPrev = x; x = next;
        if (k >= steps - 6) tail.push(x);
      }
      return tail;
    };
    const cyc = hb(3.3, 3000);
    expect(Math.abs(cyc[0] - cyc[3])).toBeLessThan(1e-9); // period 3
    expect(Math.abs(cyc[0] - cyc[1])).toBeGreaterThan(0.1); // not a fixed point
    expect(Math.abs(hb(0.5, 3000)[5])).toBeLessThan(1e-12);
  });
});

describe('logistic regression on Iris', () => {
  it('uses 100 flowers for versicolor vs virginica and 150 for one-vs-rest, standardised features', () => {
    const t = irisTask('versicolor-virginica');
    expect([t.n, t.d]).toEqual([100, 5]);
    expect(t.y.filter((y) => y === 1).length).toBe(50);
    let m = 0, v = 0;
    for (let i = 0; i < t.n; i++) { m += t.A[i * 5]; v += t.A[i * 5] ** 2; }
    expect(m / t.n).toBeCloseTo(0, 12); expect(v / t.n).toBeCloseTo(1, 12);
    expect(irisTask('setosa-rest').n).toBe(150);
  });
  it('J(0) = log 2, and Hessian eigenvalues stay in [mu, L] = [lambda, lambda + ||A||^2/4n] at random points', () => {
    const p = createProblem('logistic-regression:lambda=0.05');
    expect(p.value(new Float64Array(5))).toBeCloseTo(Math.LN2, 14);
    expect(p.mu).toBe(0.05);
    const rng = createRng(4);
    for (let t = 0; t < 5; t++) {
      const w = rng.fillNormal(new Float64Array(5));
      const ev = symmetricEigen(fromRows(hessian(p, w))).values;
      for (const x of ev) { expect(x).toBeGreaterThanOrEqual(0.05 - 1e-12); expect(x).toBeLessThanOrEqual(p.L! + 1e-12); }
    }
    // At w = 0 every s(1 - s) = 1/4, so the top Hessian eigenvalue equals L exactly.
    expect(Math.max(...symmetricEigen(fromRows(hessian(p, new Float64Array(5)))).values)).toBeCloseTo(p.L!, 12);
  });
  it('w*, J* and L agree with an independent SciPy BFGS solution (reference/logistic_iris.py)', () => {
    const refs = JSON.parse(readFileSync(new URL('./reference/logistic_iris.json', import.meta.url), 'utf8')) as {
      task: string; lambda: number; n: number; minimizer: number[]; minValue: number; L: number;
    }[];
    for (const ref of refs) {
      const p = createProblem(`logistic-regression:task=${ref.task},lambda=${ref.lambda}`);
      // BFGS stopped at ||grad|| ~ 1e-10, so its w* is good to about 1e-10 / lambda.
      ref.minimizer.forEach((x, j) => expect(Math.abs(p.minimizer![j] - x)).toBeLessThan(1e-7));
      expect(p.minValue!).toBeCloseTo(ref.minValue, 13);
      expect(p.L!).toBeCloseTo(ref.L, 12);
    }
  });

  it('bad parameters are named', () => {
    expect(() => createProblem('logistic-regression:lambda=0')).toThrow(/logistic-regression\.lambda = 0 is invalid: expected a finite number > 0/);
    expect(() => createProblem('logistic-regression:task=cats')).toThrow(/logistic-regression\.task .*versicolor-virginica/);
  });
});
