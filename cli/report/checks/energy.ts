// Checks of the underdamped analysis (energy, dissipation, decay at rate mu) and of the leapfrog aside.
import { createMethod } from '../../../src/methods/index.js';
import { createProblem } from '../../../src/problems/index.js';
import {
  continuousHeavyBallDirection, directionRate, energyDecay, energyDissipation, linearMethod, naiveEnergy, oscillatorEnergy, shadowEnergy,
} from '../../../src/theory/index.js';
import { bounded, close, type Check } from '../check.js';

export const energyChecks: Check[] = [
  {
    id: 'energy-dissipation',
    section: 'underdamped',
    kind: 'claim',
    claim: 'The energy $\\mathcal E = \\mathcal J + \\frac12\\|\\mathbf v\\|^2$ dissipates at $\\dot{\\mathcal E} = -\\mu\\|\\mathbf v\\|^2$: a centred difference of $\\mathcal E(t)$ along the exact solution against $-\\mu v^2$.',
    run() {
      const h = 2, mu = 0.3, t = 1.7, dt = 1e-4;
      const E = (s: number) => { const { w, v } = continuousHeavyBallDirection(h, mu, 1, 0.5, s); return oscillatorEnergy([h], [w], [v]); };
      const { v } = continuousHeavyBallDirection(h, mu, 1, 0.5, t);
      return close(energyDissipation(mu, [v]), (E(t + dt) - E(t - dt)) / (2 * dt), { rel: 1e-6 }, { note: '$h = 2$, $\\mu = 0.3$ at $t = 1.7$' });
    },
  },
  {
    id: 'harmonic-energy',
    section: 'underdamped',
    kind: 'claim',
    claim: 'Without damping each direction is a harmonic oscillator $w = A\\cos\\omega t$, $\\omega = \\sqrt h$, with constant energy $\\frac12 h A^2$.',
    run() {
      const h = 3, A = 1.5;
      let worst = 0;
      for (let i = 0; i <= 200; i++) {
        const t = i * 0.1;
        const { w, v } = continuousHeavyBallDirection(h, 0, A, 0, t);
        worst = Math.max(worst, Math.abs(w - A * Math.cos(Math.sqrt(h) * t)), Math.abs(oscillatorEnergy([h], [w], [v]) - 0.5 * h * A * A));
      }
      return close(0, worst, { abs: 1e-12 }, { note: 'largest deviation from $A\\cos\\sqrt h\\,t$ and from $\\frac12 hA^2$ over $t \\in [0, 20]$' });
    },
  },
  {
    id: 'energy-decay-rate-mu',
    section: 'underdamped',
    kind: 'claim',
    claim: 'Energy decays like $e^{-\\mu t}$, independently of $h$: the fitted decay rates for $h \\in \\{0.25, 1, 4, 16\\}$ ($\\mu = 0.1$) all equal $\\mu$; the spread is the ripple of relative size $\\mu/(2\\sqrt h)$.',
    run() {
      const mu = 0.1;
      const hs = [0.25, 1, 4, 16];
      const rates = hs.map((h) => energyDecay(h, mu).fittedRate);
      const spread = Math.max(...rates.map((r) => Math.abs(r - mu))) / mu;
      const r = close(0, spread, { abs: 0.02 }, { numbers: { rates, mu } });
      return { ...r, note: `fitted rates ${rates.map((x) => x.toFixed(5)).join(', ')}; largest relative deviation from $\\mu$ (measured) ${(spread * 100).toFixed(3)}%` };
    },
  },
  {
    id: 'hb-beta-1-rate-1',
    section: 'leapfrog',
    kind: 'claim',
    claim: 'If $\\beta = 1$ the spectral radius is exactly 1 for every curvature with $0 < \\alpha h < 4$.',
    run() {
      const m = linearMethod('hb', { alpha: 1, beta: 1 });
      let worst = 0;
      for (let i = 1; i < 400; i++) worst = Math.max(worst, Math.abs(directionRate(m, (4 * i) / 400) - 1));
      return close(0, worst, { abs: 1e-15 }, { note: 'largest $|\\rho(h) - 1|$ over 399 curvatures' });
    },
  },
  {
    id: 'shadow-hamiltonian',
    section: 'leapfrog',
    kind: 'claim',
    claim: 'At $\\beta = 1$ the discrete method does not conserve the energy, but conserves the leapfrog shadow Hamiltonian exactly on quadratics: relative drift over many steps.',
    run({ quick }) {
      const steps = quick ? 20000 : 100000;
      const p = createProblem('quadratic:dim=20,kappa=10,seed=7,x0=1');
      const alpha = 1;
      // The library's heavy ball takes beta in [0, 1); its leapfrog form takes beta = 1 and has the same iterates.
      const m = createMethod(`leapfrog:alpha=${alpha},beta=1`, p);
      const s = m.init(p, Float64Array.from(p.x0));
      const g = new Float64Array(p.dim);
      const prev = Float64Array.from(s.w);
      const v = new Float64Array(p.dim); // heavy ball's v^(k) = w^(k) - w^(k-1)
      const energies = () => {
        const loss = p.value(s.w) - (p.minValue ?? 0);
        p.grad(s.w, g);
        return { naive: naiveEnergy(alpha, loss, v), shadow: shadowEnergy(alpha, loss, v, g) };
      };
      const e0 = energies();
      let shadowDrift = 0, naiveMin = Infinity, naiveMax = -Infinity;
      for (let k = 1; k <= steps; k++) {
        prev.set(s.w);
        m.step(s, p);
        for (let i = 0; i < p.dim; i++) v[i] = s.w[i] - prev[i];
        if (k % 10 === 0 || k === steps) {
          const e = energies();
          shadowDrift = Math.max(shadowDrift, Math.abs(e.shadow / e0.shadow - 1));
          naiveMin = Math.min(naiveMin, e.naive / e0.naive); naiveMax = Math.max(naiveMax, e.naive / e0.naive);
        }
      }
      const r = bounded(1e-12, shadowDrift, {}, { numbers: { steps, naiveMin, naiveMax } });
      return { ...r, pass: r.pass && naiveMax - naiveMin > 0.01, note: `over ${steps} steps the naive energy ranges over [${naiveMin.toFixed(3)}, ${naiveMax.toFixed(3)}] of its start, the shadow Hamiltonian drifts by ${shadowDrift.toExponential(2)}` };
    },
  },
  {
    id: 'leapfrog-is-hb',
    section: 'leapfrog',
    kind: 'claim',
    claim: 'Shifting the start by half a step, heavy ball is the leapfrog integrator: the kick-drift-kick iterates $\\mathbf w^{(k)}$ equal heavy ball\'s (same $\\alpha$ and $\\beta$; here $\\beta = 0.99$, as the library\'s heavy ball takes $\\beta < 1$).',
    run() {
      const p = createProblem('quadratic:dim=30,kappa=20,seed=8,x0=1');
      const run2 = (spec: string) => {
        const m = createMethod(spec, p);
        const s = m.init(p, Float64Array.from(p.x0));
        const out: number[] = [];
        for (let k = 0; k < 300; k++) { m.step(s, p); out.push(...s.w); }
        return out;
      };
      const a = run2('hb:alpha=0.9,beta=0.99');
      const b = run2('leapfrog:alpha=0.9,beta=0.99');
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
      return close(0, worst, { abs: 1e-12 }, { note: 'largest difference of iterates over 300 steps' });
    },
  },
];
