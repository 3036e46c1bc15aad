import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { createRng } from '../../src/linalg/index.js';
import { createMethod } from '../../src/methods/registry.js';
import {
  type MlpActivation, type MlpLoss, type MlpProblem, MLP_ACTIVATIONS, createProblem, mlp, mlpDataset, mlpInitialWeights,
  mlpParameterCount, mlpWeightsFromJson, mlpWeightsToJson, stochasticProblem,
} from '../../src/problems/index.js';
import { addGW, addGtA, rowsTimesWt } from '../../src/problems/mlp-kernels.js';
import { run } from '../../src/run/index.js';

interface TorchCase {
  name: string; sizes: number[]; activation: MlpActivation; loss: MlpLoss; lambda: number;
  weights: unknown; v: number[]; loss_value: number; grad: number[]; hvp: number[];
}
const torch = JSON.parse(readFileSync(new URL('../fixtures/mlp-torch.json', import.meta.url), 'utf8')) as {
  digits: { X: number[][]; labels: number[] }; cases: TorchCase[];
};

/** max_i |a_i - b_i| / max_i |b_i|. */
const relErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let e = 0, s = 0;
  for (let i = 0; i < b.length; i++) { e = Math.max(e, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return e / s;
};
const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

/** A small net of every activation and loss, at a seeded point near its initialisation. */
function smallNet(act: MlpActivation, loss: MlpLoss): { p: MlpProblem; w: Float64Array } {
  const spec = loss === 'xent' ? `mlp:data=digits,n=12,hidden=5;4,act=${act},lambda=0.01` : `mlp:data=chebyshev3,hidden=6;5,act=${act}`;
  const p = createProblem(spec) as MlpProblem, rng = createRng(17);
  return { p, w: Float64Array.from(p.x0, (x) => x + 0.3 * rng.normal()) };
}

describe('MLP gradient and Hessian-vector product', () => {
  for (const act of MLP_ACTIVATIONS) for (const loss of ['xent', 'mse'] as const) {
    it(`${act}, ${loss}: the gradient and H v match central differences (relative 1e-6), and u.Hv = v.Hu`, () => {
      const { p, w } = smallNet(act, loss), n = p.dim, h = 1e-5;
      const g = p.grad(w, new Float64Array(n)), fd = new Float64Array(n), x = Float64Array.from(w);
      for (let i = 0; i < n; i++) {
        x[i] = w[i] + h; const fp = p.value(x);
        x[i] = w[i] - h; const fm = p.value(x);
        x[i] = w[i];
        fd[i] = (fp - fm) / (2 * h);
      }
      expect(relErr(g, fd)).toBeLessThan(1e-6);
      const rng = createRng(5), u = rng.fillNormal(new Float64Array(n)), v = rng.fillNormal(new Float64Array(n));
      const Hv = p.hvp(w, v, new Float64Array(n)), Hu = p.hvp(w, u, new Float64Array(n));
      const gp = p.grad(Float64Array.from(w, (t, i) => t + h * v[i]), new Float64Array(n));
      const gm = p.grad(Float64Array.from(w, (t, i) => t - h * v[i]), new Float64Array(n));
      expect(relErr(Hv, gp.map((t, i) => (t - gm[i]) / (2 * h)))).toBeLessThan(1e-6);
      expect(Math.abs(dot(u, Hv) - dot(v, Hu)) / Math.abs(dot(u, Hv))).toBeLessThan(1e-12);
      // The fused oracle returns J and the same gradient.
      const g2 = new Float64Array(n);
      expect(p.valueAndGrad!(w, g2)).toBe(p.value(w));
      expect(Array.from(g2)).toEqual(Array.from(g));
    });
  }

  it('equal PyTorch double backward (float64) on the same weights to 1e-10, for every activation and loss', () => {
    const digits = mlpDataset('digits', 20), cheb = mlpDataset('chebyshev3');
    // The committed digits are scikit-learn's: the fixture's X (from load_digits) equals them exactly.
    expect(Array.from(digits.X)).toEqual(torch.digits.X.flat());
    expect(Array.from(digits.labels!)).toEqual(torch.digits.labels);
    expect(torch.cases.map((c) => `${c.activation}-${c.loss}`).sort()).toEqual(MLP_ACTIVATIONS.flatMap((a) => [`${a}-mse`, `${a}-xent`]).sort());
    for (const c of torch.cases) {
      const data = c.loss === 'xent' ? digits : cheb;
      const p = mlp(data, { hidden: c.sizes.slice(1, -1), activation: c.activation, loss: c.loss, lambda: c.lambda });
      const w = p.fromJson(c.weights), n = p.dim;
      expect(Math.abs(p.value(w) - c.loss_value) / c.loss_value).toBeLessThan(1e-12);
      expect(relErr(p.grad(w, new Float64Array(n)), c.grad)).toBeLessThan(1e-10);
      expect(relErr(p.hvp(w, Float64Array.from(c.v), new Float64Array(n)), c.hvp)).toBeLessThan(1e-10);
    }
  });

  it('a mini-batch oracle: the batches of one epoch average to the full gradient, and chunks add up', () => {
    const p = createProblem('mlp:data=chebyshev3,hidden=16,act=tanh') as MlpProblem, n = p.dim;
    const s = stochasticProblem(p, { batch: 5, seed: 3 });
    expect(s.noiseModel).toBe('minibatch');
    const mean = new Float64Array(n), g = new Float64Array(n);
    for (let b = 0; b < 4; b++) { s.grad(p.x0, g); for (let j = 0; j < n; j++) mean[j] += g[j] / 4; }
    const full = p.grad(p.x0, new Float64Array(n));
    expect(relErr(mean, full)).toBeLessThan(1e-14);
    expect(relErr(s.grad(p.x0, g), full)).toBeGreaterThan(1e-2); // one batch is not the full gradient
    // 1797 digits run in chunks of 256 rows: J and H v over all equal the weighted halves' (any split of the examples).
    const d = createProblem('mlp:data=digits,hidden=8,act=softplus') as MlpProblem, N = 1797, m = d.dim;
    const S1 = Uint32Array.from({ length: 899 }, (_, i) => 2 * i), S2 = Uint32Array.from({ length: 898 }, (_, i) => 2 * i + 1);
    const v = createRng(2).fillNormal(new Float64Array(m)), H = d.hvp(d.x0, v, new Float64Array(m));
    const H1 = d.batchHvp(d.x0, S1, v, new Float64Array(m)), H2 = d.batchHvp(d.x0, S2, v, new Float64Array(m));
    expect(relErr(H1.map((x, j) => (S1.length * x + S2.length * H2[j]) / N), H)).toBeLessThan(1e-13);
    expect((S1.length * d.batchValue(d.x0, S1) + S2.length * d.batchValue(d.x0, S2)) / N).toBeCloseTo(d.value(d.x0), 13);
  });

  it('train with run(): gd and hb lower the chebyshev3 loss (gd monotonically below 2/sharpness); hb on digits, full batch and mini-batch, fits them', () => {
    const p = createProblem('mlp:data=chebyshev3,hidden=32,act=tanh'), J0 = p.value(p.x0); // 0.243
    const gd = run(p, createMethod('gd:alpha=0.3', p), { steps: 300, tol: 0, record: ['loss'] });
    const hb = run(p, createMethod('hb:alpha=0.1,beta=0.9', p), { steps: 300, tol: 0, record: ['loss'] });
    expect(gd.status).toBe('max_steps');
    expect(gd.finalLoss!).toBeLessThan(0.25 * J0); // 0.045
    // Below the stability limit (the sharpness reaches 6.07 < 2/alpha = 6.67) gradient descent decreases J at every step.
    const loss = gd.trace.loss;
    for (let k = 1; k < loss.length; k++) expect(loss[k]).toBeLessThan(loss[k - 1]);
    expect(hb.finalLoss!).toBeLessThan(0.1 * J0); // 0.015
    const d = createProblem('mlp:data=digits,n=300,hidden=16,act=tanh') as MlpProblem;
    expect(d.accuracy(d.x0)!).toBeLessThan(0.2);
    const full = run(d, createMethod('hb:alpha=0.5,beta=0.9', d), { steps: 100, tol: 0, record: ['loss'] });
    expect(full.finalLoss!).toBeLessThan(0.02 * d.value(d.x0));
    expect(d.accuracy(full.w)!).toBe(1);
    const s = stochasticProblem(d, { batch: 50, seed: 1 });
    const mini = run(s, createMethod('hb:alpha=0.5,beta=0.9', s), { steps: 100, tol: 0, record: ['loss'] });
    expect(mini.finalLoss!).toBeLessThan(0.05 * d.value(d.x0));
    expect(d.accuracy(mini.w)!).toBeGreaterThan(0.95);
  });
});

describe('the blocked matrix kernels', () => {
  it('equal plain triple loops on sizes that are not multiples of four (remainder paths)', () => {
    const rng = createRng(6);
    for (const [m, din, dout] of [[7, 5, 9], [4, 8, 4], [1, 1, 3], [9, 3, 1]]) {
      const W = rng.fillNormal(new Float64Array(3 + dout * din)), A = rng.fillNormal(new Float64Array(m * din)), G = rng.fillNormal(new Float64Array(m * dout));
      const Z = rng.fillNormal(new Float64Array(m * dout)), Z0 = Float64Array.from(Z), start = Float64Array.from(Z), refZ = new Float64Array(m * dout);
      for (let t = 0; t < m; t++) for (let o = 0; o < dout; o++) { let s = 0; for (let k = 0; k < din; k++) s += W[3 + o * din + k] * A[t * din + k]; refZ[t * dout + o] = s; }
      rowsTimesWt(W, 3, A, m, din, dout, Z, false);
      expect(relErr(Z, refZ)).toBeLessThan(1e-15);
      rowsTimesWt(W, 3, A, m, din, dout, Z0, true);
      expect(relErr(Z0, start.map((x, j) => x + refZ[j]))).toBeLessThan(1e-15);
      const out = new Float64Array(3 + dout * din), refOut = new Float64Array(3 + dout * din);
      for (let o = 0; o < dout; o++) for (let k = 0; k < din; k++) { let s = 0; for (let t = 0; t < m; t++) s += G[t * dout + o] * A[t * din + k]; refOut[3 + o * din + k] = 0.5 * s; }
      addGtA(G, A, m, din, dout, 0.5, out, 3);
      expect(relErr(out, refOut)).toBeLessThan(1e-15);
      const P = new Float64Array(m * din), refP = new Float64Array(m * din);
      for (let t = 0; t < m; t++) for (let k = 0; k < din; k++) { let s = 0; for (let o = 0; o < dout; o++) s += G[t * dout + o] * W[3 + o * din + k]; refP[t * din + k] = s; }
      addGW(G, W, 3, m, din, dout, P);
      expect(relErr(P, refP)).toBeLessThan(1e-15);
    }
  });
});

describe('MLP weights and specs', () => {
  it('weights JSON round-trips in nn.Linear order (W out x in, then b) and names the bad field', () => {
    const sizes = [3, 4, 2], w = mlpInitialWeights(sizes, 'xavier', 4);
    expect(mlpParameterCount(sizes)).toBe(26);
    const json = mlpWeightsToJson(sizes, w);
    expect([json.layers[0].W.length, json.layers[0].W[0].length, json.layers[1].b.length]).toEqual([4, 3, 2]);
    expect(json.layers[0].W[1][2]).toBe(w[1 * 3 + 2]);
    expect(json.layers[0].b[0]).toBe(w[12]);
    expect(Array.from(mlpWeightsFromJson(JSON.stringify(json), sizes))).toEqual(Array.from(w));
    const bad = structuredClone(json);
    bad.layers[1].W[1][3] = Number.NaN;
    expect(() => mlpWeightsFromJson(bad, sizes)).toThrow('weights.layers[1].W[1][3] = NaN is invalid: expected a finite number');
    bad.layers[1].W[1] = [1, 2, 'x' as unknown as number];
    expect(() => mlpWeightsFromJson(bad, sizes)).toThrow('weights.layers[1].W[1] = [1, 2, x] is invalid: expected an array of 4 numbers (in = 4)');
    expect(() => mlpWeightsFromJson({ layers: [json.layers[0]] }, sizes)).toThrow('weights.layers = "1 layers" is invalid: expected 2 layers for sizes 3-4-2');
    expect(() => mlpWeightsFromJson({ layers: [json.layers[0], { W: json.layers[1].W, b: [0] }] }, sizes)).toThrow('weights.layers[1].b');
    expect(() => mlpWeightsFromJson('{', sizes)).toThrow(ParameterError);
    // Xavier's bound sqrt(6 / (in + out)) and He's variance 2 / in.
    const big = mlpInitialWeights([400, 600], 'xavier', 1).subarray(0, 240_000), he = mlpInitialWeights([400, 600], 'he', 1).subarray(0, 240_000);
    const top = big.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(top).toBeLessThan(Math.sqrt(6 / 1000));
    expect(top).toBeGreaterThan(0.999 * Math.sqrt(6 / 1000));
    expect(he.reduce((s, x) => s + x * x, 0) / he.length).toBeCloseTo(2 / 400, 4);
  });

  it('specs build the issue examples with their sizes and refuse bad input naming the key', () => {
    const d = createProblem('mlp:data=digits,hidden=64;64,act=tanh,loss=xent') as MlpProblem;
    expect([d.sizes, d.dim, d.finiteSum.count]).toEqual([[64, 64, 64, 10], 64 * 65 + 64 * 65 + 10 * 65, 1797]);
    const c = createProblem('mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse') as MlpProblem;
    expect([c.dim, c.loss, c.data.count, c.data.X[0], c.data.X[19], c.data.Y![0]]).toEqual([301, 'mse', 20, -1, 1, -1]);
    expect((createProblem('mlp:data=iris,hidden=8') as MlpProblem).loss).toBe('xent');
    expect(createProblem('mlp:data=digits,n=10,act=relu').x0).toEqual(mlpInitialWeights([64, 100, 10], 'he', 1));
    expect(() => createProblem('mlp:data=mnist')).toThrow('mlp.data = "mnist" is invalid: expected one of digits | iris | chebyshev3');
    expect(() => createProblem('mlp:hidden=0')).toThrow('mlp.hidden = "0" is invalid: expected an integer in [1, 4096]');
    expect(() => createProblem('mlp:hidden=64;x')).toThrow('mlp.hidden = "64;x" is invalid');
    expect(() => createProblem('mlp:data=digits,hidden=4000;4000')).toThrow(/mlp\.hidden = "4000;4000" is invalid: expected widths giving at most 1000000 parameters/);
    expect(() => createProblem('mlp:data=chebyshev3,loss=xent')).toThrow('mlp.loss = "xent" is invalid: expected mse: the data has no class labels');
    expect(() => createProblem('mlp:data=iris,n=151')).toThrow('mlp.n = 151 is invalid: expected an integer in [1, 150] (examples of iris)');
    expect(() => createProblem('mlp:act=gelu')).toThrow('mlp.act = "gelu"');
    // Data given to the factory is checked too.
    const X = Float64Array.of(0, 1, 2);
    expect(() => mlp({ X, count: 2, inputs: 1, outputs: 1, Y: Float64Array.of(0, 1) })).toThrow('data.X = "3 values" is invalid: expected count x inputs = 2 values');
    expect(() => mlp({ X, count: 3, inputs: 1, outputs: 2, classes: 2, labels: Int32Array.of(0, 2, 1) })).toThrow('data.labels[1] = 2 is invalid: expected a class in [0, 2)');
    expect(() => mlp({ X, count: 3, inputs: 1, outputs: 1, Y: Float64Array.of(0, Number.NaN, 1) })).toThrow('data.Y[1] = NaN');
  });

  it('the digits are the 1797 UCI images with their class counts, pixels in [0, 1]', () => {
    const d = mlpDataset('digits');
    const counts = new Array<number>(10).fill(0);
    for (const y of d.labels!) counts[y]++;
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect([Math.min(...d.X), Math.max(...d.X), d.X.length]).toEqual([0, 1, 1797 * 64]);
    const iris = mlpDataset('iris');
    expect([iris.count, iris.classes, iris.labels![0], iris.labels![149]]).toEqual([150, 3, 0, 2]);
  });
});
