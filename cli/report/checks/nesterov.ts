// Checks of Nesterov vs heavy ball: the damped high-frequency directions, the shared slow rate, the two forms.
import { createMethod } from '../../../src/methods/index.js';
import { createProblem } from '../../../src/problems/index.js';
import { run } from '../../../src/run/index.js';
import { chebyshevBound, dampingComparison, directionEigenvalues, linearMethod, regimeThresholds, tuneMethod } from '../../../src/theory/index.js';
import { bounded, close, type Check } from '../check.js';

export const nesterovChecks: Check[] = [
  {
    id: 'nag-modulus',
    section: 'nesterov',
    kind: 'claim',
    claim: 'Nesterov\'s complex eigenvalues have modulus $\\sqrt{\\beta(1 - \\alpha h)}$, below heavy ball\'s $\\sqrt\\beta$ (largest deviation over 200 curvatures, $\\alpha = 1$, $\\beta = 0.9$).',
    run() {
      const alpha = 1, beta = 0.9;
      const m = linearMethod('nag', { alpha, beta });
      const { T, upperReal } = regimeThresholds(m);
      let worst = 0;
      for (let i = 1; i < 200; i++) {
        const h = T! + ((upperReal! - T!) * i) / 200;
        const [z] = directionEigenvalues(m, h);
        worst = Math.max(worst, Math.abs(Math.hypot(z.re, z.im) - Math.sqrt(beta * (1 - alpha * h))));
      }
      return close(0, worst, { abs: 1e-14 });
    },
  },
  {
    id: 'nag-damps-high-frequency',
    section: 'nesterov',
    kind: 'claim',
    claim: 'Compared to heavy ball, Nesterov damps the high-frequency oscillations: at $h = 0.8$ ($\\alpha = 1$, $\\beta = 0.9$) the half-life of a direction is much shorter, while at $h = 0.01$ the two rates agree within 1%.',
    run() {
      const [low, high] = dampingComparison(1, 0.9, [0.01, 0.8], 50);
      const ratio = high.hb.halfLife / high.nag.halfLife;
      const pass = ratio > 5 && Math.abs(low.nag.modulus / low.hb.modulus - 1) < 0.01;
      return {
        predicted: 'HB half-life / NAG half-life > 5 at h = 0.8', measured: ratio, tolerance: '> 5, and |1 − ρ_NAG/ρ_HB| < 0.01 at h = 0.01', pass,
        numbers: { hbHalfLife: high.hb.halfLife, nagHalfLife: high.nag.halfLife, lowHb: low.hb.modulus, lowNag: low.nag.modulus },
        note: `half-lives at $h = 0.8$: HB ${high.hb.halfLife.toFixed(1)} steps, NAG ${high.nag.halfLife.toFixed(2)}; moduli at $h = 0.01$: ${low.hb.modulus.toFixed(4)} vs ${low.nag.modulus.toFixed(4)}`,
      };
    },
  },
  {
    id: 'nag-forms-agree',
    section: 'nesterov',
    kind: 'claim',
    claim: "Sutskever's form is d'Aspremont's form with constant parameters: with $\\tau = 1 - \\beta$ and $\\gamma = \\alpha/\\tau$ the iterates agree.",
    run() {
      const p = createProblem('quadratic:dim=40,kappa=100,seed=11,x0=1');
      const alpha = 1, beta = 0.8;
      const a = createMethod(`nag:alpha=${alpha},beta=${beta}`, p);
      const b = createMethod(`nag-aspremont:schedule=constant,alpha=${alpha},tau=${1 - beta}`, p);
      const sa = a.init(p, Float64Array.from(p.x0)), sb = b.init(p, Float64Array.from(p.x0));
      let worst = 0;
      for (let k = 0; k < 200; k++) {
        a.step(sa, p); b.step(sb, p);
        for (let i = 0; i < p.dim; i++) worst = Math.max(worst, Math.abs(sa.w[i] - sb.w[i]));
      }
      return close(0, worst, { abs: 1e-10 }, { note: 'largest difference of $\\mathbf w^{(k)}$ over 200 steps' });
    },
  },
  {
    id: 'chebyshev-like-polyak',
    section: 'nesterov',
    kind: 'claim',
    claim: '"Chebyshev acceleration" predated heavy ball: the Chebyshev semi-iteration on a $\\kappa = 100$ quadratic stays within its bound $2r^k/(1 + r^{2k})$, $r = (\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)$, which decays at the rate of Polyak\'s heavy ball ($r = 9/11$).',
    run({ quick }) {
      const kappa = 100;
      const p = createProblem(`quadratic:dim=${quick ? 50 : 200},kappa=${kappa},seed=12,wstar=random`);
      const K = 80;
      const res = run(p, createMethod('chebyshev', p), { steps: K, tol: 0, record: ['k', 'dist'] });
      let worst = 0;
      for (let i = 1; i < res.trace.k.length; i++) worst = Math.max(worst, res.trace.dist[i] / res.trace.dist[0] / chebyshevBound(kappa, res.trace.k[i]));
      const polyak = tuneMethod('hb', 1 / kappa, 1, 'polyak').rate;
      const r = bounded(1 + 1e-9, worst, {}, { numbers: { polyakRate: polyak, steps: K } });
      return { ...r, pass: r.pass && Math.abs(polyak - 9 / 11) < 1e-12, note: `largest ratio of $\\|\\mathbf w^{(k)} - \\mathbf w^\\star\\|/\\|\\mathbf w^{(0)} - \\mathbf w^\\star\\|$ to the bound over ${K} steps; Polyak's rate ${polyak.toFixed(6)}` };
    },
  },
];
