import { describe, expect, it } from 'vitest';
import { createMethod, linearMethodNames, methods, tuningRule } from '../../src/methods/registry.js';
import { linearStateBuffers } from '../../src/methods/linear-form.js';
import { createProblem } from '../../src/problems/registry.js';
import { certifyMethod, certifyRate } from '../../src/certify/index.js';
import { eigenvaluesHqr } from '../../src/linalg/eigenvalues-hqr.js';
import { fromRows } from '../../src/linalg/dense.js';
import { fitRate, formCharacteristic, formRate, formWorstRate, linearMethod } from '../../src/theory/index.js';
import { directionMatrixOf } from '../../src/methods/linear-form.js';
import { aggregatedMomentum, heavyBall, quasiHyperbolicMomentum } from '../../src/methods/index.js';

// Generated from the method definitions: every linear method, at a few parameter points, against the claims its
// linear form makes (issue #12 item 6). Specs per method are the only hand-written data here.
const SPECS: Record<string, string[]> = {
  gd: ['gd:alpha=1.2', 'gd:tune=optimal'],
  hb: ['hb:alpha=1,beta=0.8', 'hb:tune=polyak', 'hb:tune=lecture'],
  nag: ['nag:alpha=0.7,beta=0.9', 'nag:tune=standard', 'nag:tune=optimal'],
  aggmo: ['aggmo:alpha=0.5,betas=0;0.9;0.99', 'aggmo:alpha=1,betas=0.5'],
  qhm: ['qhm:alpha=0.7,beta=0.5,nu=0.7', 'qhm:alpha=1,beta=0.9,nu=1'],
  leapfrog: ['leapfrog:alpha=0.8,beta=0.7', 'leapfrog:alpha=0.5,beta=1'],
  'two-term': ['two-term:alpha=0.6,beta1=0.5,beta2=0.3', 'two-term:alpha=0.9,beta1=0.8,beta2=-0.2'],
  tmm: ['tmm'],
  'torch-sgd': ['torch-sgd:lr=0.5,momentum=0.9,dampening=0.1', 'torch-sgd:lr=0.4,momentum=0.8,nesterov=true', 'torch-sgd:lr=0.5,momentum=0.8,weight_decay=0.01', 'torch-sgd:lr=1'],
  'optax-sgd': ['optax-sgd:learning_rate=0.5,momentum=0.9', 'optax-sgd:learning_rate=0.4,momentum=0.8,nesterov=true'],
  'keras-sgd': ['keras-sgd:learning_rate=0.5,momentum=0.9', 'keras-sgd:learning_rate=0.4,momentum=0.8,nesterov=true'],
  'tfjs-momentum': ['tfjs-momentum:learningRate=0.5,momentum=0.9', 'tfjs-momentum:learningRate=0.4,momentum=0.8,useNesterov=true'],
};
const mu = 0.05, L = 1;
const context = { name: 'conformance', mu, L };
const all = Object.entries(SPECS).flatMap(([name, specs]) => specs.map((spec) => [name, spec] as const));

describe('conformance: every linear method against its own linear form', () => {
  it('covers every method that declares a linear form', () => {
    expect(new Set(Object.keys(SPECS))).toEqual(new Set(linearMethodNames()));
    for (const m of methods()) if (m.linear) expect(SPECS[m.name], m.name).toBeDefined();
  });

  for (const [, spec] of all) {
    it(`${spec}: step() follows the declared form xi+ = A xi + B grad(C xi), from the declared start`, () => {
      // A dense rotated quadratic with a random minimiser: the form's prediction is iterated in plain arrays.
      const problem = createProblem('quadratic:dim=6,kappa=20,structure=dense,wstar=random,seed=5');
      const method = createMethod(spec, { ...problem, name: problem.name, mu, L });
      const form = method.linear!;
      const state = method.init(problem, Float64Array.from(problem.x0));
      const n = form.A.length, d = problem.dim;
      const g0 = problem.grad(Float64Array.from(problem.x0), new Float64Array(d));
      let xi = Array.from({ length: n }, (_, j) => Array.from({ length: d }, (_, i) => form.start.w[j] * problem.x0[i] + (form.start.g?.[j] ?? 0) * g0[i]));
      // The declared start is where the state starts (buffers named by the form), unless the method declares a special
      // first step (torch's dampening: buf_1 = d_p, the same as the form started from buf_0 = (d/mu) d_p).
      if (!form.firstStep) linearStateBuffers(form, state).forEach((buf, j) => buf.forEach((x, i) => expect(Math.abs(x - xi[j][i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(xi[j][i])))));
      let worst = 0;
      for (let k = 0; k < 40; k++) {
        const y = Float64Array.from({ length: d }, (_, i) => form.C.reduce((s, c, j) => s + c * xi[j][i], 0));
        const u = problem.grad(y, new Float64Array(d));
        xi = form.A.map((row, r) => Array.from({ length: d }, (_, i) => row.reduce((s, a, j) => s + a * xi[j][i], 0) + form.B[r] * u[i]));
        method.step(state, problem);
        const scale = Math.max(1, ...xi[0].map(Math.abs));
        for (let i = 0; i < d; i++) worst = Math.max(worst, Math.abs(state.w[i] - xi[0][i]) / scale);
      }
      expect(worst).toBeLessThan(1e-12);
    });

    it(`${spec}: the theory's radius equals the largest |eigenvalue| of R(h) = A + h B C (balanced QR)`, () => {
      const form = createMethod(spec, context).linear!;
      const ch = formCharacteristic(form);
      for (const h of [mu, 0.13, 0.5, L]) {
        const direct = Math.max(...eigenvaluesHqr(fromRows(directionMatrixOf(form, h))).map((z) => Math.hypot(z.re, z.im)));
        // Double roots (critical damping) are only determined to ~sqrt(eps).
        expect(Math.abs(formRate(form, h, ch) - direct)).toBeLessThan(2e-7);
      }
    });

    it(`${spec}: the rate measured by run on a diagonal quadratic over [mu, L] is theory's worst rate`, () => {
      const problem = createProblem(`quadratic:dim=40,kappa=${L / mu},wstar=random,seed=2`);
      const method = createMethod(spec, problem);
      const worst = formWorstRate(method.linear!, mu, L);
      if (!(worst.rate < 0.995)) return; // too slow to measure in a few hundred steps: covered by the other claims
      const state = method.init(problem, Float64Array.from(problem.x0));
      const logs: number[] = [];
      const steps = Math.min(3000, Math.ceil(Math.log(1e-9) / Math.log(worst.rate)));
      // The step length ||w_(k+1) - w_k|| decays at the same rate as the error, whatever the fixed point (weight decay
      // moves it off the problem's minimiser).
      const prev = new Float64Array(problem.dim);
      for (let k = 0; k <= steps; k++) {
        prev.set(state.w);
        method.step(state, problem);
        let s = 0;
        for (let i = 0; i < problem.dim; i++) s += (state.w[i] - prev[i]) ** 2;
        logs.push(0.5 * Math.log(s));
      }
      const measured = fitRate(logs, Math.floor(steps / 2), steps + 1);
      // Polynomial factors (double roots) bias a finite fit upward by about (multiplicity)/steps.
      expect(Math.abs(measured - worst.rate)).toBeLessThan(0.02 * (1 - worst.rate) + 3 / steps);
    });
  }

  it('certified rates are at least the quadratic worst rates, for one spec of every linear method', () => {
    for (const [name, specs] of Object.entries(SPECS)) {
      const spec = specs[0];
      const form = certifyMethod(spec, mu, L).stateSpace;
      const quadratic = formWorstRate(form, mu, L).rate;
      const c = certifyRate(form, mu, L, { tolerance: 1e-6 });
      if (c.rate !== null) expect(c.rate, name).toBeGreaterThanOrEqual(quadratic - 1e-6);
      else expect(quadratic, name).toBeLessThanOrEqual(1 + 1e-12); // uncertified: no rate < 1 holds over F(mu, L)
    }
  });

  it("each tuning rule's predicted rate is the worst rate of the tuned method's linear form", () => {
    for (const m of methods()) {
      if (!m.linear) continue;
      for (const rule of m.tuning) {
        for (const kappa of [4, 100, 1e4]) {
          const spec = m.name === 'tmm' ? 'tmm' : `${m.name}:tune=${rule.name}`;
          const form = createMethod(spec, { mu: 1 / kappa, L: 1 }).linear!;
          const predicted = tuningRule(m.name, rule.name).rate(1 / kappa, 1);
          expect(Math.abs(formWorstRate(form, 1 / kappa, 1).rate - predicted), `${spec} kappa ${kappa}`).toBeLessThan(2e-7);
        }
      }
    }
  });

  it('two-state forms map to their two-term coefficients (hb (beta, 0), nag (beta, beta), the adapters onto hb/nag)', () => {
    const tt = (spec: string) => formCharacteristic(createMethod(spec).linear!).twoTerm!;
    expect(tt('hb:alpha=0.3,beta=0.7')).toMatchObject({ method: 'hb', alpha: expect.closeTo(0.3, 15), beta1: expect.closeTo(0.7, 15), beta2: 0 });
    const nag = tt('nag:alpha=0.3,beta=0.7');
    expect(nag.method).toBe('nag');
    expect(Math.abs(nag.alpha - linearMethod('nag', { alpha: 0.3, beta: 0.7 }).alpha)).toBeLessThan(1e-15);
    // torch SGD: (lr, momentum, dampening) is heavy ball with alpha = lr (1 - dampening), beta = momentum.
    expect(tt('torch-sgd:lr=0.5,momentum=0.9,dampening=0.1')).toMatchObject({ method: 'hb', alpha: expect.closeTo(0.45, 14), beta1: expect.closeTo(0.9, 14) });
    // Keras/optax nesterov: Nesterov with alpha = lr, beta = momentum (optax: alpha = lr, trace scaled).
    expect(tt('keras-sgd:learning_rate=0.4,momentum=0.8,nesterov=true')).toMatchObject({ method: 'nag', alpha: expect.closeTo(0.4, 14), beta1: expect.closeTo(0.8, 14) });
    // qhm is the two-term method alpha (1 - nu beta)... with beta2 = nu beta (1 - beta)/(1 - nu beta) -- checked numerically:
    const q = tt('qhm:alpha=0.7,beta=0.5,nu=0.7');
    expect([q.alpha, q.beta1, q.beta2]).toEqual([expect.closeTo(0.35, 14), expect.closeTo(0.5, 14), expect.closeTo(0.3, 14)]);
    // leapfrog's stored gradient is a state that does not matter: order 2, heavy ball with the same (alpha, beta).
    const lf = formCharacteristic(createMethod('leapfrog:alpha=0.5,beta=0.8').linear!);
    expect(lf.order).toBe(2);
    expect(lf.twoTerm).toMatchObject({ method: 'hb', alpha: expect.closeTo(0.5, 14), beta1: expect.closeTo(0.8, 14) });
  });

  it('out-of-range parameters are rejected by every factory, naming the parameter and its range', () => {
    let checked = 0;
    for (const m of methods()) {
      for (const p of m.params) {
        if ((p.kind ?? 'number') !== 'number') continue;
        const bad = p.max !== undefined ? p.max + 1 : p.min !== undefined ? p.min - 1 : undefined;
        if (bad === undefined) continue;
        const spec = m.name === 'tmm' || m.name === 'chebyshev' ? `${m.name}:mu=0.1,L=1,${p.name}=${bad}`.replace(new RegExp(`${p.name}=[^,]*,(.*${p.name}=)`), '$1') : `${m.name}:${p.name}=${bad}`;
        expect(() => createMethod(spec, { mu: 0.1, L: 1 }), spec).toThrow(new RegExp(`${m.name}\\.${p.name} = ${String(bad).replace('.', '\\.')} is invalid`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    // The library factories check their own values too (not only the spec parser).
    expect(() => heavyBall(0.5, { beta: 1.5 })).toThrow(/hb\.beta = 1\.5 is invalid: expected a finite number in \[0, 1\]/);
    expect(() => quasiHyperbolicMomentum(0.5, { nu: 2 })).toThrow(/qhm\.nu = 2 is invalid/);
    expect(() => aggregatedMomentum(0.5, [0.5, 1])).toThrow(/aggmo\.betas/);
  });
});
