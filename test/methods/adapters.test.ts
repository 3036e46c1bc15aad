import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/problems/registry.js';
import { heavyBall, kerasSGD, nesterov, optaxSGD, quasiHyperbolicMomentum, tfjsMomentum, torchSGD } from '../../src/methods/index.js';
import type { Problem } from '../../src/problems/problem.js';
import { iterates, maxDeviation, withL2 } from './helpers.js';

const DENSE = 'quadratic:dim=30,kappa=100,structure=dense,wstar=random,seed=7';
const STEPS = 200;

/** nag's look-ahead points y_k = w_k + beta v_k. */
function nagLookAhead(problem: Problem, alpha: number, beta: number): Float64Array[] {
  const nag = nesterov(alpha, { beta });
  const s = nag.init(problem, problem.x0);
  const ys: Float64Array[] = [];
  for (let k = 0; k < STEPS; k++) {
    nag.step(s, problem);
    ys.push(Float64Array.from(s.w, (wi, i) => wi + beta * s.v[i]));
  }
  return ys;
}

describe('PyTorch SGD in the lecture\'s terms', () => {
  for (const spec of [DENSE, 'rosenbrock']) {
    const problem = createProblem(spec);
    const lr = spec === 'rosenbrock' ? 0.001 : 1;
    it(`dampening = 0: torch-sgd(lr, momentum = beta) is hb(alpha = lr, beta), with v = -lr buf (${problem.name})`, () => {
      const torch = iterates(torchSGD(lr, { momentum: 0.9 }), problem, STEPS);
      const hb = iterates(heavyBall(lr, { beta: 0.9 }), problem, STEPS);
      expect(maxDeviation(torch.ws, hb.ws)).toBeLessThan(1e-12);
      expect(maxDeviation([torch.state.buf.map((b) => -lr * b)], [hb.state.v])).toBeLessThan(1e-12);
    });
    it(`nesterov: torch-sgd's iterates are nag's look-ahead points w + beta v, not nag's w (${problem.name})`, () => {
      const torch = iterates(torchSGD(lr, { momentum: 0.9, nesterov: true }), problem, STEPS).ws;
      expect(maxDeviation(torch, nagLookAhead(problem, lr, 0.9))).toBeLessThan(1e-12);
      expect(maxDeviation(torch, iterates(nesterov(lr, { beta: 0.9 }), problem, STEPS).ws)).toBeGreaterThan(1e-4);
    });
  }

  it('dampening d: hb(alpha = lr (1 - d), beta) except the first step, which uses lr: hb started from v0 = -(lr d / beta) grad J(w0)', () => {
    const problem = createProblem(DENSE);
    const lr = 1, beta = 0.8, d = 0.3;
    const torch = iterates(torchSGD(lr, { momentum: beta, dampening: d }), problem, STEPS).ws;
    const hbShifted = iterates(heavyBall(lr * (1 - d), { beta }), problem, STEPS, problem.x0, (s) => {
      problem.grad(s.w, s.v);
      for (let i = 0; i < s.v.length; i++) s.v[i] *= -(lr * d) / beta;
    }).ws;
    expect(maxDeviation(torch, hbShifted)).toBeLessThan(1e-12);
    // from rest the two differ by exactly lr d grad J(w0) after the first step
    const hbRest = iterates(heavyBall(lr * (1 - d), { beta }), problem, 1).ws[0];
    const g0 = problem.grad(problem.x0, new Float64Array(problem.dim));
    expect(maxDeviation([torch[0]], [hbRest.map((w, i) => w - lr * d * g0[i])])).toBeLessThan(1e-15);
  });

  it('weight_decay wd: torch-sgd on J is hb on J + wd/2 ||w||^2', () => {
    const problem = createProblem(DENSE);
    const torch = iterates(torchSGD(0.9, { momentum: 0.8, weight_decay: 0.05 }), problem, STEPS).ws;
    expect(maxDeviation(torch, iterates(heavyBall(0.9, { beta: 0.8 }), withL2(problem, 0.05), STEPS).ws)).toBeLessThan(1e-12);
  });

  it('matches the real torch.optim.SGD (torch 1.13, float64) to 1e-12 on every configuration of fixtures/torch-sgd.json', () => {
    const fx = JSON.parse(readFileSync(new URL('./fixtures/torch-sgd.json', import.meta.url), 'utf8')) as {
      H: number[][]; wstar: number[]; x0: number[];
      runs: { config: { lr: number; momentum: number; dampening: number; nesterov: boolean; weight_decay: number }; iterates: number[][] }[];
    };
    const n = fx.wstar.length;
    const problem: Problem = {
      name: 'fixture', label: 'fixture quadratic', dim: n, x0: Float64Array.from(fx.x0),
      value: () => NaN,
      grad: (w, out) => {
        for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += fx.H[i][j] * (w[j] - fx.wstar[j]); out[i] = s; }
        return out;
      },
    };
    expect(fx.runs.length).toBe(6);
    for (const run of fx.runs) {
      const { lr, ...options } = run.config;
      const ws = iterates(torchSGD(lr, options), problem, run.iterates.length).ws;
      expect(maxDeviation(ws, run.iterates)).toBeLessThan(1e-12);
    }
  });
});

describe("optax sgd, Keras SGD and tf.js momentum in the lecture's terms", () => {
  const problem = createProblem(DENSE);
  it('optax-sgd(learning_rate, momentum) is hb(alpha = learning_rate, beta = momentum): the zero-initialised trace needs no first-step case', () => {
    const optax = iterates(optaxSGD(1, { momentum: 0.9 }), problem, STEPS);
    const hb = iterates(heavyBall(1, { beta: 0.9 }), problem, STEPS);
    expect(maxDeviation(optax.ws, hb.ws)).toBeLessThan(1e-12);
    expect(maxDeviation([optax.state.trace.map((t) => -t)], [hb.state.v])).toBeLessThan(1e-12);
  });
  it('optax-sgd with nesterov gives the look-ahead points, identical to PyTorch\'s nesterov', () => {
    const optax = iterates(optaxSGD(1, { momentum: 0.9, nesterov: true }), problem, STEPS).ws;
    expect(maxDeviation(optax, nagLookAhead(problem, 1, 0.9))).toBeLessThan(1e-12);
    expect(maxDeviation(optax, iterates(torchSGD(1, { momentum: 0.9, nesterov: true }), problem, STEPS).ws)).toBeLessThan(1e-12);
  });
  it('keras-sgd(learning_rate, momentum) is hb with v = velocity, and its nesterov gives the look-ahead points', () => {
    const keras = iterates(kerasSGD(1, { momentum: 0.9 }), problem, STEPS);
    const hb = iterates(heavyBall(1, { beta: 0.9 }), problem, STEPS);
    expect(maxDeviation(keras.ws, hb.ws)).toBeLessThan(1e-12);
    expect(maxDeviation([keras.state.velocity], [hb.state.v])).toBeLessThan(1e-12);
    expect(maxDeviation(iterates(kerasSGD(1, { momentum: 0.9, nesterov: true }), problem, STEPS).ws, nagLookAhead(problem, 1, 0.9))).toBeLessThan(1e-12);
  });
  it('tfjs-momentum(learningRate, momentum) is hb with v = -learningRate accumulation; useNesterov gives the look-ahead points', () => {
    const tf = iterates(tfjsMomentum(1, 0.9), problem, STEPS);
    const hb = iterates(heavyBall(1, { beta: 0.9 }), problem, STEPS);
    expect(maxDeviation(tf.ws, hb.ws)).toBeLessThan(1e-12);
    expect(maxDeviation([tf.state.accumulation.map((a) => -a)], [hb.state.v])).toBeLessThan(1e-12);
    expect(maxDeviation(iterates(tfjsMomentum(1, 0.9, true), problem, STEPS).ws, nagLookAhead(problem, 1, 0.9))).toBeLessThan(1e-12);
  });
  it('QHM with nu = beta is PyTorch\'s nesterov with lr = alpha (1 - beta)', () => {
    const qhm = iterates(quasiHyperbolicMomentum(5, { beta: 0.9, nu: 0.9 }), problem, STEPS).ws;
    expect(maxDeviation(qhm, iterates(torchSGD(0.5, { momentum: 0.9, nesterov: true }), problem, STEPS).ws)).toBeLessThan(1e-12);
  });
});
