import { afterEach, describe, expect, it } from 'vitest';
import { createProblem, diagonalQuadratic } from '../../src/problems/index.js';
import type { Problem } from '../../src/problems/problem.js';
import { createMethod } from '../../src/methods/index.js';
import { type KernelChoice, run, setDiagonalKernel } from '../../src/run/index.js';
import { diagonalPlan, packForm2 } from '../../src/run/diagonal-plan.js';
import { linearDiagonalSteps2, linearDiagonalStepsAny, packPlan2 } from '../../src/run/linear-diagonal-steps.js';

// run's diagonal kernel against the plain method.step loop (the reference), for every linear method on diagonal
// quadratics. Where the kernel's plan keeps the method's operation order (zero terms skipped, heavy ball's w + v' and
// the adapters' w + (-lr) t' as derived rows, gd's w + (-alpha) u) the results are bitwise equal. For the other forms
// (direct rows summed A_i0 x_0 + A_i1 x_1 + B_i u where the method associates otherwise) the metric is normwise over
// the trajectory: for each column c of loss, gradNorm, dist, vNorm, energy, max_k |a_k - b_k| <= 1e-12 max_k |b_k|, and
// for the final iterate ||a - b||_inf <= 1e-12 max(||b||_inf, ||w*||_inf). Per entry, |a_k - b_k| <= 2e-12 |b_k| holds
// for loss, gradNorm and dist over these 300 steps (the differences are rounding, growing with k); the velocity can
// differ more per entry where it is the small difference of large terms (torch-sgd with weight decay: its fixed point
// is not w*, and d_p = g + wd p cancels), there both paths carry that rounding.
const BITWISE = [
  'gd:alpha=1.5', 'hb:alpha=1.2,beta=0.8', 'nag:alpha=0.6,beta=0.9', 'optax-sgd:learning_rate=0.5,momentum=0.9',
  'torch-sgd:lr=0.5,momentum=0.9', 'keras-sgd:learning_rate=0.5,momentum=0.9', 'tfjs-momentum:learningRate=0.5,momentum=0.9',
  'optax-sgd:learning_rate=0.7', 'torch-sgd:lr=0.7', 'keras-sgd:learning_rate=0.7', 'hb:alpha=1.2,beta=0', 'nag:alpha=0.6,beta=0',
];
const CLOSE = [
  'qhm:alpha=0.8,beta=0.9,nu=0.7', 'aggmo:alpha=0.5,betas=0;0.9;0.99', 'leapfrog:alpha=0.5,beta=0.9', 'two-term:alpha=0.5,beta1=0.6,beta2=0.3',
  'two-term:alpha=0.5,beta1=0.6,beta2=0', 'tmm:mu=0.01,L=1', 'torch-sgd:lr=0.5,momentum=0.9,dampening=0.3', 'torch-sgd:lr=0.5,momentum=0.9,nesterov=true',
  'torch-sgd:lr=0.5,momentum=0.9,weight_decay=0.01', 'optax-sgd:learning_rate=0.5,momentum=0.9,nesterov=true',
  'keras-sgd:learning_rate=0.5,momentum=0.9,nesterov=true', 'tfjs-momentum:learningRate=0.5,momentum=0.9,useNesterov=true',
  'nag-aspremont:schedule=constant,alpha=0.5,tau=0.3,gamma=1',
];
const COLUMNS = ['loss', 'gradNorm', 'dist', 'vNorm', 'energy'];

const problems: [string, () => Problem][] = [
  ['dim 3, w* = 0', () => diagonalQuadratic(Float64Array.of(0.05, 0.3, 1))],
  ['dim 200, w* = 0.5, loguniform', () => createProblem('quadratic:dim=200,kappa=1000,spectrum=loguniform,seed=3,wstar=0.5')],
];

const bits = (x: ArrayLike<number>) => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));
function runWith(choice: KernelChoice, p: Problem, spec: string) {
  const previous = setDiagonalKernel(choice);
  try { return run(p, createMethod(spec, p), { steps: 300, tol: 0 }); } finally { setDiagonalKernel(previous); }
}
afterEach(() => { setDiagonalKernel('auto'); });

describe('run\'s diagonal kernel vs the plain step loop, every linear method', () => {
  for (const [label, make] of problems) {
    for (const spec of BITWISE) {
      it(`${spec} on ${label}: kernel (TypeScript and WebAssembly) and step loop are bitwise equal over 300 steps`, () => {
        const p = make();
        const ref = runWith('off', p, spec);
        for (const choice of ['ts', 'wasm'] as const) {
          const got = runWith(choice, p, spec);
          expect(bits(got.w)).toEqual(bits(ref.w));
          for (const [c, col] of Object.entries(ref.trace)) expect(bits(got.trace[c]), `${choice} ${c}`).toEqual(bits(col));
          expect(got.oracleCalls).toEqual(ref.oracleCalls);
        }
      });
    }
    for (const spec of CLOSE) {
      it(`${spec} on ${label}: kernel and step loop agree to 1e-12 relative over 300 steps`, () => {
        const p = make();
        expect(createMethod(spec, p).linear).toBeDefined();
        const ref = runWith('off', p, spec);
        for (const choice of ['ts', 'wasm'] as const) {
          const got = runWith(choice, p, spec);
          expect(got.steps).toBe(ref.steps);
          expect(got.oracleCalls).toEqual(ref.oracleCalls);
          for (const c of COLUMNS) {
            if (!ref.trace[c]) continue;
            const a = got.trace[c], b = ref.trace[c];
            let diff = 0, scale = 0, entry = 0;
            for (let k = 0; k < b.length; k++) {
              diff = Math.max(diff, Math.abs(a[k] - b[k])); scale = Math.max(scale, Math.abs(b[k]));
              if (a[k] !== b[k]) entry = Math.max(entry, Math.abs(a[k] - b[k]) / Math.abs(b[k]));
            }
            expect(diff / scale, `${choice} ${c} (normwise)`).toBeLessThanOrEqual(1e-12);
            if (c !== 'vNorm' && c !== 'energy') expect(entry, `${choice} ${c} (per entry)`).toBeLessThanOrEqual(2e-12);
          }
          let scale = 0, d = 0;
          for (let i = 0; i < p.dim; i++) { scale = Math.max(scale, Math.abs(ref.w[i]), Math.abs(p.minimizer![i])); d = Math.max(d, Math.abs(got.w[i] - ref.w[i])); }
          expect(d / scale, `${choice} w`).toBeLessThanOrEqual(1e-12);
        }
      });
    }
  }

  it('the register kernel (state size <= 2) and the general one take the same operations: bitwise equal', () => {
    const p = createProblem('quadratic:dim=37,kappa=100,seed=7,wstar=0.5');
    const { h, ws } = p.diagonalHessian!;
    for (const spec of [...BITWISE, ...CLOSE]) {
      const m = createMethod(spec, p), form = m.linear!;
      if (form.A.length > 2) continue;
      const plan = diagonalPlan(form, true), packed = packPlan2(plan)!;
      const fresh = () => Array.from({ length: form.A.length }, (_, j) => Float64Array.from(p.x0, (x, i) => (j === 0 ? x : 0.01 * (i % 5))));
      const sums = () => ({ eHe: new Float64Array(40), gg: new Float64Array(40), ee: new Float64Array(40), vv: new Float64Array(40) });
      const X = fresh(), Y = fresh(), vX = new Float64Array(p.dim), vY = new Float64Array(p.dim), sX = sums(), sY = sums();
      linearDiagonalSteps2(packed.P, packed.F, X[0], X[X.length - 1], vX, h, ws, 0, p.dim, 40, sX, true, true, true);
      linearDiagonalStepsAny(plan, Y, vY, h, ws, 0, p.dim, 40, sY, true, true, true, new Float64Array(2 * plan.m));
      for (let j = 0; j < X.length; j++) expect(bits(X[j]), spec).toEqual(bits(Y[j]));
      expect(bits(vX)).toEqual(bits(vY));
      for (const q of ['eHe', 'gg', 'ee', 'vv'] as const) expect(bits(sX[q]), `${spec} ${q}`).toEqual(bits(sY[q]));
      expect(X[0].some((x, i) => x !== p.x0[i])).toBe(true);
    }
  });

  it('the direct packer of state size <= 2 gives the packed general plan, for every linear method and hb with beta = 0, 1', () => {
    let packed = 0;
    for (const spec of [...BITWISE, ...CLOSE, 'hb:alpha=0.5,beta=0', 'hb:alpha=0.5,beta=1', 'nag:alpha=0.5,beta=0', 'two-term:alpha=0.5,beta1=0,beta2=0']) {
      const form = createMethod(spec, problems[0][1]()).linear!;
      for (const hasV of [false, true]) {
        const general = packPlan2(diagonalPlan(form, hasV));
        expect(packForm2(form, hasV), spec).toEqual(general);
        if (general) packed++;
      }
    }
    expect(packed).toBeGreaterThan(30);
  });

  it('plans: heavy ball derives w\' = w + v\' from its direct v row, two-term\'s w row accumulates (w + its increment), aggmo is general', () => {
    const hb = diagonalPlan(createMethod('hb:alpha=0.5,beta=0.9').linear!, true);
    expect([Array.from(hb.order), Array.from(hb.derived), hb.cd[0], hb.vMode]).toEqual([[1, 0], [1, 0], 1, 0]);
    const optax = diagonalPlan(createMethod('optax-sgd:learning_rate=0.5,momentum=0.9').linear!, true);
    expect([Array.from(optax.order), optax.cd[0], optax.vMode]).toEqual([[1, 0], -0.5, 1]);
    const two = diagonalPlan(createMethod('two-term:alpha=0.5,beta1=0.6,beta2=0.3').linear!, true);
    expect([Array.from(two.derived), two.vMode, Array.from(two.termCoef)]).toEqual([[2, 0], 1, [(1 + 0.6) - 1, -0.6, -0.5, 1]]);
    const aggmo = diagonalPlan(createMethod('aggmo:alpha=0.5,betas=0;0.9;0.99').linear!, true);
    expect([aggmo.m, packPlan2(aggmo)]).toEqual([4, null]);
  });
});
