// Heavy ball at beta = 1 is the leapfrog integrator; on a quadratic it conserves the shadow Hamiltonian exactly.
import { describe, expect, it } from 'vitest';
import { createRng, matmul, matvec, randomRotation, transpose, zeros, dot } from '../../src/linalg/index.js';
import { shadowEnergy, naiveEnergy } from '../../src/theory/index.js';
import { createProblem, createMethod, type LeapfrogState, type Optimizer } from '../../src/index.js';

describe('leapfrog shadow Hamiltonian (beta = 1)', () => {
  it('Q = v^2 - x w v + x w^2 is invariant under one step, for random states and x in (0, 4)', () => {
    const rng = createRng(1);
    for (let t = 0; t < 1000; t++) {
      const x = rng.uniform(0, 4), w = rng.normal(), v = rng.normal();
      const vn = v - x * w, wn = w + vn;
      const Q = (a: number, b: number) => b * b - x * a * b + x * a * a;
      expect(Q(wn, vn)).toBeCloseTo(Q(w, v), 12);
    }
  });
  it('is constant to 1e-12 relative over 1e5 steps on a rotated quadratic while the naive energy oscillates', () => {
    const rng = createRng(2);
    const n = 6, alpha = 1;
    const h = [0.001, 0.05, 0.4, 1.3, 2.5, 3.6]; // alpha h up to 3.6 < 4 (the stability limit 2 (1 + beta))
    const Q = randomRotation(n, rng);
    const D = zeros(n, n);
    for (let i = 0; i < n; i++) D.data[i * n + i] = h[i];
    const H = matmul(matmul(Q, D), transpose(Q));
    const wStar = rng.fillNormal(new Float64Array(n));
    const w = rng.fillNormal(new Float64Array(n)), v = new Float64Array(n), g = new Float64Array(n), e = new Float64Array(n);
    const lossGrad = () => { for (let i = 0; i < n; i++) e[i] = w[i] - wStar[i]; matvec(H, e, g); return 0.5 * dot(e, g); };
    let J = lossGrad();
    const H0 = shadowEnergy(alpha, J, v, g), E0 = naiveEnergy(alpha, J, v);
    let maxShadow = 0, minNaive = Infinity, maxNaive = -Infinity;
    for (let k = 0; k < 1e5; k++) {
      for (let i = 0; i < n; i++) { v[i] = v[i] - alpha * g[i]; w[i] += v[i]; } // heavy ball, beta = 1
      J = lossGrad();
      maxShadow = Math.max(maxShadow, Math.abs(shadowEnergy(alpha, J, v, g) - H0) / H0);
      const E = naiveEnergy(alpha, J, v);
      minNaive = Math.min(minNaive, E); maxNaive = Math.max(maxNaive, E);
    }
    console.log(`shadow energy max relative drift ${maxShadow.toExponential(2)}; naive energy range [${(minNaive / E0).toFixed(3)}, ${(maxNaive / E0).toFixed(3)}] x E0`);
    expect(maxShadow).toBeLessThan(1e-12);
    expect((maxNaive - minNaive) / E0).toBeGreaterThan(0.5);
  });
  it('equals 1/2 ||p||^2 + J - (alpha/8) ||grad J||^2 with the leapfrog full-step velocity p = (v - alpha/2 grad J)/sqrt(alpha)', () => {
    const alpha = 0.3, h = [0.5, 2], w = [0.7, -0.2], v = [0.1, 0.4];
    const g = h.map((hi, i) => hi * w[i]);
    const J = 0.5 * (h[0] * w[0] ** 2 + h[1] * w[1] ** 2);
    const p = v.map((vi, i) => (vi - (alpha / 2) * g[i]) / Math.sqrt(alpha));
    const alt = 0.5 * (p[0] ** 2 + p[1] ** 2) + J - (alpha / 8) * (g[0] ** 2 + g[1] ** 2);
    expect(shadowEnergy(alpha, J, v, g)).toBeCloseTo(alt, 14);
  });
  it("the library's leapfrog method (beta = 1) conserves it too: H~ from its half-step velocity, to 1e-12 over 1e5 steps", () => {
    const p = createProblem('quadratic:dim=8,kappa=300,structure=dense,seed=4,x0=random,wstar=random');
    const alpha = 3.5; // alpha h up to 3.5 < 4
    const lf = createMethod(`leapfrog:alpha=${alpha},beta=1`, p) as Optimizer<LeapfrogState>;
    const s = lf.init(p, Float64Array.from(p.x0));
    lf.step(s, p);
    // vHalf = v^(k-1/2) is heavy ball's v^(k); g = grad J(w^(k)); J* = 0
    const H0 = shadowEnergy(alpha, p.value(s.w), s.vHalf, s.g);
    let drift = 0;
    for (let k = 2; k <= 1e5; k++) {
      lf.step(s, p);
      const J = p.value(s.w);
      const H = shadowEnergy(alpha, J, s.vHalf, s.g);
      drift = Math.max(drift, Math.abs(H - H0) / H0);
      if (k % 9973 === 0) {
        // the optimizer's own form: (1/2 ||v||^2 + alpha J - alpha^2/8 ||g||^2) / alpha with its full-step v
        let vv = 0, gg = 0;
        for (let i = 0; i < 8; i++) { vv += s.v[i] ** 2; gg += s.g[i] ** 2; }
        expect((0.5 * vv + alpha * J - (alpha ** 2 / 8) * gg) / alpha).toBeCloseTo(H, 12);
      }
    }
    expect(drift).toBeLessThan(1e-12);
  });
});
