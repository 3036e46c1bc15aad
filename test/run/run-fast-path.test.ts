import { afterEach, describe, expect, it } from 'vitest';
import type { Optimizer, OptimizerState } from '../../src/methods/optimizer.js';
import { createMethod } from '../../src/methods/registry.js';
import { type Problem, createProblem, diagonalQuadratic } from '../../src/problems/index.js';
import { type KernelChoice, type RunOptions, countingProblem, run, setDiagonalKernel } from '../../src/run/index.js';

/**
 * The straightforward loop run() used to be (before any fast path): measure with the problem's own fused oracle
 * (excessAndGrad, else valueAndGrad, else grad + value) and ||g||_2, push every available column after every recorded
 * step. run() must give the same bits (the plain path, and the kernel where it keeps the operation order).
 */
function referenceRun(problem: Problem, method: Optimizer, o: { steps: number; tol: number; tolOn?: 'grad' | 'loss'; recordEvery?: number }) {
  const { steps, tol, tolOn = 'grad', recordEvery = 1 } = o, n = problem.dim, divergence = 1e12;
  const oracle = countingProblem(problem);
  const state: OptimizerState = method.init(oracle, Float64Array.from(problem.x0));
  const g = new Float64Array(n), ws = problem.minimizer, Jstar = problem.minValue ?? 0;
  const trace: Record<string, number[]> = {};
  const put = (name: string, x: number) => (trace[name] ??= []).push(x);
  let loss = 0, gradNorm = 0;
  const measure = () => {
    if (problem.excessAndGrad) loss = problem.excessAndGrad(state.w, g);
    else if (problem.valueAndGrad) loss = problem.valueAndGrad(state.w, g) - Jstar;
    else { problem.grad(state.w, g); loss = problem.value(state.w) - Jstar; }
    let s = 0;
    for (let i = 0; i < n; i++) s += g[i] * g[i];
    gradNorm = Math.sqrt(s);
  };
  const norm = (x: Float64Array, y?: Float64Array) => { let s = 0; for (let i = 0; i < n; i++) { const d = x[i] - (y ? y[i] : 0); s += d * d; } return Math.sqrt(s); };
  const write = (k: number) => {
    put('k', k); put('loss', loss); put('gradNorm', gradNorm);
    if (ws) put('dist', norm(state.w, ws));
    if (state.v) { const vn = norm(state.v); put('vNorm', vn); put('energy', loss + 0.5 * vn * vn); }
    put('oracleCalls', oracle.calls());
    if (problem.eigenCoordinates && n <= 64) { const e = problem.eigenCoordinates(state.w, new Float64Array(n)); e.forEach((x, j) => put(`e${j}`, x)); }
    if (n <= 3) state.w.forEach((x, i) => put(`w${i}`, x));
  };
  measure();
  const base = Math.max(Math.abs(loss), 1e-300);
  const check = (k: number) => {
    if (!(Number.isFinite(loss) && Number.isFinite(gradNorm) && Math.abs(loss) <= divergence * base)) return { status: 'diverged', divergedAt: k };
    return { status: (tolOn === 'grad' ? gradNorm : loss) <= tol ? 'converged' : 'max_steps', divergedAt: null };
  };
  let k = 0, c = check(0);
  write(0);
  while (c.status === 'max_steps' && k < steps) {
    method.step(state, oracle);
    k++;
    measure();
    c = check(k);
    if (c.status !== 'max_steps' || k % recordEvery === 0 || k === steps) write(k);
  }
  return { ...c, steps: k, w: state.w, loss, gradNorm, calls: oracle.calls(), trace };
}

const bits = (x: ArrayLike<number>) => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));

/** run with a kernel choice (restored afterwards). */
function runWith(choice: KernelChoice, p: Problem, spec: string, opts: RunOptions) {
  const previous = setDiagonalKernel(choice);
  try { return run(p, createMethod(spec, p), opts); } finally { setDiagonalKernel(previous); }
}

afterEach(() => { setDiagonalKernel('auto'); });

const cases: [string, () => Problem, string, RunOptions & { steps: number; tol: number }][] = [
  ['2-D diagonal quadratic', () => diagonalQuadratic(Float64Array.of(0.01, 1)), 'hb:alpha=1.2,beta=0.8', { steps: 300, tol: 0 }],
  // beta = 0: the MOMENTUM0 shape (b' = B_1 u, no A_11 b term), momentumSteps without the a11 product.
  ['2-D diagonal quadratic, hb at beta = 0', () => diagonalQuadratic(Float64Array.of(0.01, 1)), 'hb:alpha=1.2,beta=0', { steps: 300, tol: 0 }],
  ['diagonal quadratic, unsorted h, w* != 0', () => diagonalQuadratic(Float64Array.of(3, 0.5, 1), { minimizer: Float64Array.of(1, -2, 0.5) }), 'nag:alpha=0.3,beta=0.7', { steps: 200, tol: 1e-9 }],
  ['diagonal quadratic diverging', () => diagonalQuadratic(Float64Array.of(0.1, 1)), 'hb:alpha=2.5,beta=0.5', { steps: 500, tol: 1e-8 }],
  ['diagonal quadratic dim 50, gd, tol on loss, recordEvery 4', () => createProblem('quadratic:dim=50,kappa=100,spectrum=loguniform,seed=2,wstar=0.5'), 'gd:alpha=1.5', { steps: 900, tol: 1e-9, tolOn: 'loss', recordEvery: 4 }],
  ['diagonal quadratic, hb converging on the gradient', () => diagonalQuadratic(Float64Array.of(0.05, 0.3, 1)), 'hb:alpha=1,beta=0.6', { steps: 2000, tol: 1e-10 }],
  ['diagonal quadratic, nag diverging', () => diagonalQuadratic(Float64Array.of(0.2, 1.9)), 'nag:alpha=1.2,beta=0.9', { steps: 800, tol: 1e-8 }],
  // w* = +0 entries take the kernels' shortcut (w - w* = w), the others (-0 included) subtract: both in one run.
  ['diagonal quadratic, w* with +0, -0 and nonzero entries', () => diagonalQuadratic(Float64Array.of(0.5, 1, 2, 0.1, 3), { minimizer: Float64Array.of(0.5, 0, -0, -1, 0), x0: Float64Array.of(-0, 1, -0, 2, 0) }), 'nag:alpha=0.3,beta=0.5', { steps: 300, tol: 0 }],
  ['diagonal quadratic dim 100 (no e_j, w_i columns: multi-step blocks with dist, vNorm, energy)', () => createProblem('quadratic:dim=100,kappa=100,spectrum=loguniform,seed=4,wstar=0.5'), 'hb:alpha=1,beta=0.8', { steps: 700, tol: 1e-11, recordEvery: 3 }],
  ['diagonal quadratic dim 101 (odd), optax', () => createProblem('quadratic:dim=101,kappa=100,seed=5,wstar=0.5'), 'optax-sgd:learning_rate=0.9,momentum=0.8', { steps: 600, tol: 0 }],
  ['rotated quadratic dim 8', () => createProblem('quadratic:dim=8,kappa=50'), 'hb:alpha=1,beta=0.7', { steps: 400, tol: 1e-10, recordEvery: 7 }],
  ['rosenbrock (grad + value)', () => createProblem('rosenbrock'), 'gd:alpha=0.001', { steps: 250, tol: 0, recordEvery: 3 }],
];

describe('run on diagonal quadratics: the kernel from declared facts', () => {
  for (const [label, make, spec, opts] of cases) {
    for (const choice of ['off', 'ts', 'wasm'] as const) {
      it(`${label}, ${spec}, kernel ${choice}: bitwise the reference loop's iterate, status, steps and every column`, () => {
        const p = make();
        const ref = referenceRun(p, createMethod(spec, p), opts);
        const got = runWith(choice, p, spec, { ...opts, record: true });
        expect(got.status).toBe(ref.status);
        expect(got.steps).toBe(ref.steps);
        expect(got.divergedAt).toBe(ref.divergedAt);
        expect(bits(got.w)).toEqual(bits(ref.w));
        expect(got.oracleCalls.total).toBe(ref.calls);
        expect(Object.is(got.finalLoss, Number.isFinite(ref.loss) ? ref.loss : null)).toBe(true);
        expect(Object.keys(got.trace)).toEqual(Object.keys(ref.trace));
        for (const [c, col] of Object.entries(got.trace)) expect(bits(col), c).toEqual(bits(ref.trace[c]));
        // k, loss, gradNorm only (blocks of kernel steps), the sweep's record: ['loss'] and record: false give the same
        // bits, stop at the same step and end in the same state.
        const basic = runWith(choice, p, spec, { ...opts, record: ['k', 'loss', 'gradNorm'] });
        expect([basic.status, basic.steps, basic.divergedAt, basic.oracleCalls.total]).toEqual([ref.status, ref.steps, ref.divergedAt, ref.calls]);
        expect(bits(basic.w)).toEqual(bits(ref.w));
        for (const c of ['k', 'loss', 'gradNorm']) expect(bits(basic.trace[c]), c).toEqual(bits(ref.trace[c]));
        const lossOnly = runWith(choice, p, spec, { ...opts, record: ['loss'] });
        expect(bits(lossOnly.trace.loss)).toEqual(bits(ref.trace.loss));
        const none = runWith(choice, p, spec, { ...opts, record: false });
        expect([none.status, none.steps, bits(none.w), none.oracleCalls.total]).toEqual([ref.status, ref.steps, bits(ref.w), ref.calls]);
        expect(Object.is(none.finalGradNorm, got.finalGradNorm)).toBe(true);
      });
    }
  }

  it('blocks of kernel steps call onProgress at the same steps as one step at a time, and stop inside a block exactly', () => {
    const p = diagonalQuadratic(Float64Array.of(0.05, 0.3, 1));
    const seen = (choice: KernelChoice, record: RunOptions['record']) => {
      const ks: number[] = [];
      const r = runWith(choice, p, 'hb:alpha=1,beta=0.6', { steps: 1000, tol: 1e-10, record, onProgress: (k) => ks.push(k) });
      return { ks, steps: r.steps, status: r.status, w: bits(r.w) };
    };
    const perStep = seen('off', true);
    for (const choice of ['ts', 'wasm'] as const) for (const record of [true, ['loss']]) expect(seen(choice, record)).toEqual(perStep);
    expect(perStep.status).toBe('converged');
    expect(perStep.steps % 10).not.toBe(0); // it stops between two progress steps (10, 20, ...), inside a block
    expect(perStep.ks).toEqual(Array.from({ length: Math.floor(perStep.steps / 10) }, (_, i) => 10 * (i + 1)));
  });

  it('the kernel is chosen from declared facts: without diagonalHessian or without linear the method\'s step runs', () => {
    const p = diagonalQuadratic(Float64Array.of(0.1, 1));
    const halved: Problem = { ...p, diagonalHessian: undefined, grad: (w, out) => { p.grad(w, out); for (let i = 0; i < out.length; i++) out[i] *= 0.5; return out; } };
    const got = run(halved, createMethod('gd:alpha=1', halved), { steps: 50, tol: 0 });
    const ref = referenceRun(halved, createMethod('gd:alpha=1', halved), { steps: 50, tol: 0 });
    expect(bits(got.w)).toEqual(bits(ref.w));
    expect(got.w[1]).toBe(0.5 ** 50); // w1 <- (1 - 1 * 0.5 * 1) w1: the halved gradient, not h w
    // A method copy whose step is its own declares no form: that step runs, every step.
    const m = createMethod('hb:alpha=1,beta=0.5', p);
    let stepCalls = 0;
    const copy: Optimizer = { ...m, linear: undefined, step: (state, q) => { stepCalls++; m.step(state, q); } };
    const viaStep = run(p, copy, { steps: 40, tol: 0, record: ['loss'] });
    expect(stepCalls).toBe(40);
    expect(bits(viaStep.trace.loss)).toEqual(bits(runWith('ts', p, 'hb:alpha=1,beta=0.5', { steps: 40, tol: 0, record: ['loss'] }).trace.loss));
    // With the form declared the kernel takes the steps (the copy's step is never called).
    expect(run(p, { ...m, step: () => { throw new Error('its own step'); } }, { steps: 40, tol: 0 }).steps).toBe(40);
  });

  it('counts one gradient per kernel step, and right when runs nest', () => {
    const p = diagonalQuadratic(Float64Array.of(0.1, 1));
    const inner: number[] = [];
    const outer = run(p, createMethod('hb:alpha=1,beta=0.5', p), {
      steps: 200, tol: 0, record: ['loss'], onProgress: (k) => { if (k === 100) inner.push(run(p, createMethod('gd:alpha=1', p), { steps: 30, tol: 0 }).oracleCalls.grad); },
    });
    expect(inner).toEqual([30]);
    expect(outer.oracleCalls).toEqual({ value: 0, grad: 200, hvp: 0, total: 200 });
    expect(run(p, createMethod('gd:alpha=1', p), { steps: 7, tol: 0 }).oracleCalls.total).toBe(7); // counts start at 0 again
    // leapfrog's init takes one gradient, each step one more: 1 + 25.
    const lf = run(p, createMethod('leapfrog:alpha=0.5,beta=0.9', p), { steps: 25, tol: 0 });
    expect(lf.oracleCalls.grad).toBe(26);
    expect(lf.trace.oracleCalls[25]).toBe(26);
  });

  it('grows the columns past 4096 rows and keeps every row', () => {
    const p = diagonalQuadratic(Float64Array.of(0.001, 1));
    const ref = referenceRun(p, createMethod('hb:alpha=0.5,beta=0.99', p), { steps: 5000, tol: 0 });
    for (const record of [['k', 'loss', 'gradNorm'], true]) {
      const got = runWith('ts', p, 'hb:alpha=0.5,beta=0.99', { steps: 5000, tol: 0, record });
      expect(got.trace.k.length).toBe(5001);
      expect(bits(got.trace.gradNorm)).toEqual(bits(ref.trace.gradNorm));
      expect(got.trace.k[5000]).toBe(5000);
    }
  });
});
