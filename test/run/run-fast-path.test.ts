import { describe, expect, it } from 'vitest';
import type { Optimizer, OptimizerState } from '../../src/methods/optimizer.js';
import { createMethod } from '../../src/methods/registry.js';
import { type DiagonalStepMeasure, type Problem, createProblem, diagonalQuadratic, diagonalStepMeasure } from '../../src/problems/index.js';
import { type RunOptions, countingProblem, run } from '../../src/run/index.js';

/**
 * The straightforward loop run() used to be (before the fast path): measure with the problem's own fused oracle
 * (excessAndGrad, else valueAndGrad, else grad + value) and ||g||_2, push every available column after every recorded
 * step. run() must give the same bits.
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
    if (problem.eigenCoordinates) { const e = problem.eigenCoordinates(state.w, new Float64Array(n)); e.forEach((x, j) => put(`e${j}`, x)); }
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

const cases: [string, () => Problem, string, RunOptions & { steps: number; tol: number }][] = [
  ['2-D diagonal quadratic (inline measurement)', () => diagonalQuadratic(Float64Array.of(0.01, 1)), 'hb:alpha=1.2,beta=0.8', { steps: 300, tol: 0 }],
  ['diagonal quadratic, unsorted h, w* != 0', () => diagonalQuadratic(Float64Array.of(3, 0.5, 1), { minimizer: Float64Array.of(1, -2, 0.5) }), 'nag:alpha=0.3,beta=0.7', { steps: 200, tol: 1e-9 }],
  ['diagonal quadratic diverging', () => diagonalQuadratic(Float64Array.of(0.1, 1)), 'hb:alpha=2.5,beta=0.5', { steps: 500, tol: 1e-8 }],
  ['diagonal quadratic dim 50, gd, tol on loss, recordEvery 4', () => createProblem('quadratic:dim=50,kappa=100,spectrum=loguniform,seed=2,wstar=0.5'), 'gd:alpha=1.5', { steps: 900, tol: 1e-9, tolOn: 'loss', recordEvery: 4 }],
  ['diagonal quadratic, hb converging on the gradient', () => diagonalQuadratic(Float64Array.of(0.05, 0.3, 1)), 'hb:alpha=1,beta=0.6', { steps: 2000, tol: 1e-10 }],
  ['diagonal quadratic, nag diverging', () => diagonalQuadratic(Float64Array.of(0.2, 1.9)), 'nag:alpha=1.2,beta=0.9', { steps: 800, tol: 1e-8 }],
  // w* = +0 entries take the kernels' shortcut (w - w* = w), the others (-0 included) subtract: both in one run.
  ['diagonal quadratic, w* with +0, -0 and nonzero entries', () => diagonalQuadratic(Float64Array.of(0.5, 1, 2, 0.1, 3), { minimizer: Float64Array.of(0.5, 0, -0, -1, 0), x0: Float64Array.of(-0, 1, -0, 2, 0) }), 'nag:alpha=0.3,beta=0.5', { steps: 300, tol: 0 }],
  ['rotated quadratic dim 8', () => createProblem('quadratic:dim=8,kappa=50'), 'hb:alpha=1,beta=0.7', { steps: 400, tol: 1e-10, recordEvery: 7 }],
  ['rosenbrock (grad + value)', () => createProblem('rosenbrock'), 'gd:alpha=0.001', { steps: 250, tol: 0, recordEvery: 3 }],
  ['quadratic dim 1000, tol on loss', () => createProblem('quadratic:dim=1000,kappa=100'), 'hb:alpha=1,beta=0.81', { steps: 5000, tol: 1e-12, tolOn: 'loss' }],
];

describe('run fast path', () => {
  for (const [label, make, spec, opts] of cases) {
    it(`${label}: bitwise the reference loop's iterate, status, steps and every recorded column`, () => {
      const p = make();
      const ref = referenceRun(p, createMethod(spec, p), opts);
      const got = run(p, createMethod(spec, p), { ...opts, record: true });
      expect(got.status).toBe(ref.status);
      expect(got.steps).toBe(ref.steps);
      expect(got.divergedAt).toBe(ref.divergedAt);
      expect(bits(got.w)).toEqual(bits(ref.w));
      expect(got.oracleCalls.total).toBe(ref.calls);
      expect(Object.is(got.finalLoss, Number.isFinite(ref.loss) ? ref.loss : null)).toBe(true);
      expect(Object.keys(got.trace)).toEqual(Object.keys(ref.trace).filter((c) => !(p.dim > 64 && /^e\d+$/.test(c))));
      for (const [c, col] of Object.entries(got.trace)) expect(bits(col), c).toEqual(bits(ref.trace[c]));
      // k, loss, gradNorm only (on a diagonal quadratic: blocks of fused steps), the sweep's record: ['loss'] and
      // record: false give the same bits, stop at the same step and end in the same state.
      const basic = run(p, createMethod(spec, p), { ...opts, record: ['k', 'loss', 'gradNorm'] });
      expect([basic.status, basic.steps, basic.divergedAt, basic.oracleCalls.total]).toEqual([ref.status, ref.steps, ref.divergedAt, ref.calls]);
      expect(bits(basic.w)).toEqual(bits(ref.w));
      for (const c of ['k', 'loss', 'gradNorm']) expect(bits(basic.trace[c]), c).toEqual(bits(ref.trace[c]));
      const lossOnly = run(p, createMethod(spec, p), { ...opts, record: ['loss'] });
      expect(Object.keys(lossOnly.trace)).toEqual(['loss']);
      expect(bits(lossOnly.trace.loss)).toEqual(bits(ref.trace.loss));
      const none = run(p, createMethod(spec, p), { ...opts, record: false });
      expect([none.status, none.steps, bits(none.w), none.oracleCalls.total]).toEqual([ref.status, ref.steps, bits(ref.w), ref.calls]);
      expect(Object.is(none.finalGradNorm, got.finalGradNorm)).toBe(true);
    });
  }

  // gd, hb and nag carry a DiagonalStepMeasure (blocks of steps, each measured in the same pass): run must take it on a
  // diagonal quadratic (its calls are counted here), give the same bits and count one gradient per step; a copy of the
  // method with another step must be run with that step.
  for (const spec of ['gd:alpha=1.9', 'hb:alpha=1.2,beta=0.8', 'nag:alpha=1,beta=0.9']) {
    it(`${spec} on a diagonal quadratic: run takes the fused steps, same bits, one gradient per step`, () => {
      const p = diagonalQuadratic(Float64Array.of(0.01, 0.5, 1), { minimizer: Float64Array.of(0.25, -1, 2) });
      const opts = { steps: 400, tol: 1e-300 };
      const ref = referenceRun(p, createMethod(spec, p), opts);
      const counted = (record: RunOptions['record']) => {
        const m = createMethod(spec, p) as Optimizer & { [diagonalStepMeasure]: DiagonalStepMeasure<OptimizerState> };
        const fused = m[diagonalStepMeasure];
        let calls = 0;
        (m as { [diagonalStepMeasure]: DiagonalStepMeasure<OptimizerState> })[diagonalStepMeasure] = {
          ...fused, steps: (...args) => { calls++; fused.steps(...args); },
        };
        return { r: run(p, m, { ...opts, record }), calls };
      };
      const all = counted(true), basic = counted(['k', 'loss', 'gradNorm']);
      expect(all.calls).toBe(ref.steps); // one step per call when every column is recorded
      expect(basic.calls).toBe(1); // 400 steps: one block
      for (const { r } of [all, basic]) {
        expect([r.status, r.steps]).toEqual([ref.status, ref.steps]);
        expect(bits(r.w)).toEqual(bits(ref.w));
        for (const [c, col] of Object.entries(r.trace)) expect(bits(col), c).toEqual(bits(ref.trace[c]));
        expect(r.oracleCalls).toEqual({ value: 0, grad: ref.steps, hvp: 0, total: ref.steps });
      }
      expect(all.r.trace.oracleCalls[all.r.trace.oracleCalls.length - 1]).toBe(ref.steps);
      // A copy with its own step: that step runs (here it counts and delegates, so the bits stay the reference's).
      const m = createMethod(spec, p);
      let stepCalls = 0;
      const copy: Optimizer = { ...m, step: (state, q) => { stepCalls++; m.step(state, q); } };
      const viaStep = run(p, copy, { ...opts, record: ['loss'] });
      expect(stepCalls).toBe(ref.steps);
      expect(bits(viaStep.trace.loss)).toEqual(bits(ref.trace.loss));
      expect(() => run(p, { ...m, step: () => { throw new Error('its own step'); } }, opts)).toThrow('its own step');
    });
  }

  it('blocks of fused steps call onProgress at the same steps as one step at a time, and stop inside a block exactly', () => {
    const p = diagonalQuadratic(Float64Array.of(0.05, 0.3, 1));
    const seen = (record: RunOptions['record']) => {
      const ks: number[] = [];
      const r = run(p, createMethod('hb:alpha=1,beta=0.6', p), { steps: 1000, tol: 1e-10, record, onProgress: (k) => ks.push(k) });
      return { ks, steps: r.steps, status: r.status, w: bits(r.w) };
    };
    const perStep = seen(true), blocks = seen(['loss']);
    expect(blocks).toEqual(perStep);
    expect(perStep.status).toBe('converged');
    expect(perStep.steps % 10).not.toBe(0); // it stops between two progress steps (10, 20, ...), inside a block
    expect(perStep.ks).toEqual(Array.from({ length: Math.floor(perStep.steps / 10) }, (_, i) => 10 * (i + 1)));
  });

  it('a diagonal quadratic whose grad is overridden takes the generic step (the fused path needs both oracles)', () => {
    const p = diagonalQuadratic(Float64Array.of(0.1, 1));
    const halved: Problem = { ...p, grad: (w, out) => { p.grad(w, out); for (let i = 0; i < out.length; i++) out[i] *= 0.5; return out; } };
    const got = run(halved, createMethod('gd:alpha=1', halved), { steps: 50, tol: 0 });
    const ref = referenceRun(halved, createMethod('gd:alpha=1', halved), { steps: 50, tol: 0 });
    expect(bits(got.w)).toEqual(bits(ref.w));
    expect(got.w[1]).toBe(0.5 ** 50); // w1 <- (1 - 1 * 0.5 * 1) w1: the halved gradient, not the fused h w
  });

  it('reuses the counting wrapper from run to run, and counts right when runs nest or the oracles change', () => {
    const p = diagonalQuadratic(Float64Array.of(0.1, 1));
    const inner: number[] = [];
    const outer = run(p, createMethod('hb:alpha=1,beta=0.5', p), {
      steps: 200, tol: 0, onProgress: (k) => { if (k === 100) inner.push(run(p, createMethod('gd:alpha=1', p), { steps: 30, tol: 0 }).oracleCalls.grad); },
    });
    expect(inner).toEqual([30]);
    expect(outer.oracleCalls.grad).toBe(200);
    expect(run(p, createMethod('gd:alpha=1', p), { steps: 7, tol: 0 }).oracleCalls.total).toBe(7); // counts start at 0 again
    // Replacing grad after a run: the next run wraps the new grad (counted through it, generic step).
    const calls: number[] = [];
    const original = p.grad;
    (p as { grad: Problem['grad'] }).grad = (w, out) => { calls.push(1); return original(w, out); };
    const r = run(p, createMethod('gd:alpha=1', p), { steps: 12, tol: 0 });
    expect([calls.length, r.oracleCalls.grad]).toEqual([12, 12]);
  });

  it('grows the columns past 4096 rows and keeps every row', () => {
    const p = diagonalQuadratic(Float64Array.of(0.001, 1));
    const m = (q: Problem) => createMethod('hb:alpha=0.5,beta=0.99', q);
    const ref = referenceRun(p, m(p), { steps: 5000, tol: 0 });
    const got = run(p, m(p), { steps: 5000, tol: 0, record: ['k', 'loss', 'gradNorm'] });
    expect(got.trace.k.length).toBe(5001);
    expect(bits(got.trace.gradNorm)).toEqual(bits(ref.trace.gradNorm));
    expect(got.trace.k[5000]).toBe(5000);
  });
});
