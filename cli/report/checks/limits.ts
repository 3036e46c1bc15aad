// Checks of the speed limits: Krylov support on Nesterov's worst function, its exact minimum, lower bounds, CG vs HB.
import { createMethod } from '../../../src/methods/index.js';
import { createProblem } from '../../../src/problems/index.js';
import { krylovMinimumLoss, krylovSupport, stronglyConvexLowerBound } from '../../../src/theory/index.js';
import { iterationsVsKappa } from '../../../src/plot/index.js';
import { bounded, type Check } from '../check.js';

export const limitsChecks: Check[] = [
  {
    id: 'krylov-support',
    section: 'speed-limits',
    kind: 'claim',
    claim: 'Information diffuses slowly: on Nesterov\'s worst function, iterate $k$ of every method (GD, heavy ball, Nesterov, CG) has at most $k$ nonzero coordinates (entries above $10^{-12}$).',
    run() {
      const p = createProblem('nesterov-worst:dim=100');
      let excess = -Infinity;
      for (const spec of ['gd:alpha=0.25', 'hb:alpha=0.25,beta=0.9', 'nag:alpha=0.25,beta=0.9', 'nag-aspremont', 'cg']) {
        const m = createMethod(spec, p);
        const s = m.init(p, Float64Array.from(p.x0));
        for (let k = 1; k <= 60; k++) { m.step(s, p); excess = Math.max(excess, krylovSupport(s.w, 1e-12) - k); }
      }
      return bounded(0, excess, {}, { note: 'largest (support − k) over 5 methods and k = 1..60 (0: the support reaches k)' });
    },
  },
  {
    id: 'strongly-convex-lower-bound',
    section: 'speed-limits',
    kind: 'claim',
    claim: 'No first-order method beats $\\|\\mathbf w^{(k)} - \\mathbf w^\\star\\|^2 \\ge \\left(\\frac{\\sqrt\\kappa-1}{\\sqrt\\kappa+1}\\right)^{2k}\\|\\mathbf w^{(0)} - \\mathbf w^\\star\\|^2$ on the strongly convex worst function: the smallest ratio of Nesterov\'s and CG\'s squared distance to the bound, $k \\le 40$ ($\\kappa = 100$, $D = 400$).',
    run() {
      const kappa = 100;
      const p = createProblem(`nesterov-worst-sc:dim=400,kappa=${kappa}`);
      const ws = p.minimizer!;
      const d2 = (w: Float64Array) => { let s = 0; for (let i = 0; i < w.length; i++) s += (w[i] - ws[i]) ** 2; return s; };
      let worst = Infinity;
      for (const spec of ['nag:tune=standard', 'cg']) {
        const m = createMethod(spec, p);
        const s = m.init(p, Float64Array.from(p.x0));
        const d0 = d2(s.w);
        for (let k = 1; k <= 40; k++) { m.step(s, p); worst = Math.min(worst, d2(s.w) / (d0 * stronglyConvexLowerBound(kappa, k))); }
      }
      return bounded(1, worst, { atLeast: true }, { note: 'min over methods and $k$ of (measured squared distance) / (lower bound); $\\ge 1$ means the bound holds' });
    },
  },
  {
    id: 'cg-attains-krylov-minimum',
    section: 'speed-limits',
    kind: 'claim',
    claim: 'Conjugate gradient is optimal over the Krylov subspace: on the worst function it attains the minimum $\\frac{1}{2(k+1)}$ at every $k < D$ (largest relative gap, $k \\le 50$).',
    run() {
      const D = 100;
      const p = createProblem(`nesterov-worst:dim=${D}`);
      const m = createMethod('cg', p);
      const s = m.init(p, Float64Array.from(p.x0));
      let worst = 0;
      for (let k = 1; k <= 50; k++) { m.step(s, p); worst = Math.max(worst, Math.abs(p.value(s.w) / krylovMinimumLoss(k, D) - 1)); }
      return bounded(1e-8, worst, {});
    },
  },
  {
    id: 'cg-vs-heavy-ball',
    section: 'speed-limits',
    kind: 'claim',
    claim: 'Conjugate gradient, exactly optimal on quadratics, never needs more iterations than tuned heavy ball (iterations to $10^{-6}$, $\\kappa$ from 10 to 1000).',
    run({ quick }) {
      const pts = iterationsVsKappa([10, 100, 1000], { dim: quick ? 40 : 100 });
      const ratios = [10, 100, 1000].map((kappa) => {
        const cg = pts.find((q) => q.method === 'cg' && q.kappa === kappa)!.measured!;
        const hb = pts.find((q) => q.method === 'hb' && q.kappa === kappa)!.measured!;
        return cg / hb;
      });
      return bounded(1, Math.max(...ratios), {}, { numbers: { ratios }, note: `CG/HB iteration ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}` });
    },
  },
];
