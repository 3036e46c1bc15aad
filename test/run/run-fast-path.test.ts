import { describe, expect, it } from 'vitest';
import type { Optimizer, OptimizerState } from '../../src/optimizers/optimizer.js';
import { createMethod } from '../../src/optimizers/registry.js';
import { type Problem, createProblem, diagonalQuadratic } from '../../src/problems/index.js';
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
      // A column subset (the sweep's record: ['loss']) and record: false give the same bits and the same final state.
      const lossOnly = run(p, createMethod(spec, p), { ...opts, record: ['loss'] });
      expect(Object.keys(lossOnly.trace)).toEqual(['loss']);
      expect(bits(lossOnly.trace.loss)).toEqual(bits(ref.trace.loss));
      const none = run(p, createMethod(spec, p), { ...opts, record: false });
      expect([none.status, none.steps, bits(none.w)]).toEqual([ref.status, ref.steps, bits(ref.w)]);
    });
  }

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
