// Checks of the certification section: IQC rates, the heavy-ball counterexample.
import { certifyMethod, certifyRate, heavyBallCounterexample, quadraticRateBound } from '../../../src/certify/index.js';
import { createMethod } from '../../../src/methods/index.js';
import { createProblem } from '../../../src/problems/index.js';
import { run } from '../../../src/run/index.js';
import { bounded, close, same, type Check } from '../check.js';

export const certificationChecks: Check[] = [
  {
    id: 'gd-certified-rate',
    section: 'certification',
    kind: 'claim',
    claim: 'The IQC analysis certifies gradient descent at exactly its known worst-case rate $\\max(|1-\\alpha\\mu|, |1-\\alpha L|)$ over all smooth strongly convex functions ($\\mu = 1$, $L = 10$, $\\alpha = 0.15$).',
    run() {
      const mu = 1, L = 10, alpha = 0.15;
      const c = certifyRate(certifyMethod(`gd:alpha=${alpha}`, mu, L).stateSpace, mu, L);
      return close(Math.max(Math.abs(1 - alpha * mu), Math.abs(1 - alpha * L)), c.rate ?? NaN, { abs: 1e-6 }, { numbers: { bisectionSteps: c.bisectionSteps, solveMs: c.solveMs } });
    },
  },
  {
    id: 'nag-certified-accelerated',
    section: 'certification',
    kind: 'claim',
    claim: 'Nesterov\'s method keeps an accelerated rate over all smooth strongly convex functions: its certified rate at $\\kappa = 100$ is below 1, at least its quadratic rate, and far below gradient descent\'s $(\\kappa-1)/(\\kappa+1)$ in iterations ($-1/\\log\\rho$).',
    run() {
      const mu = 0.01, L = 1;
      const m = certifyMethod('nag:tune=standard', mu, L);
      const c = certifyRate(m.stateSpace, mu, L);
      const q = quadraticRateBound(m.stateSpace, mu, L);
      const gd = 99 / 101;
      const speedup = Math.log(c.rate ?? 1) / Math.log(gd); // iterations scale like -1/log(rho)
      const pass = c.certified && c.rate! >= q - 1e-9 && speedup > 3;
      return { predicted: `certified, ≥ ${q.toFixed(5)}, > 3x fewer iterations than GD`, measured: c.rate ?? 'not certified', tolerance: 'as stated', pass, numbers: { quadraticRate: q, gdRate: gd, speedup }, note: `iterations ratio GD/NAG = ${speedup.toFixed(1)}` };
    },
  },
  {
    id: 'hb-counterexample-cycle',
    section: 'certification',
    kind: 'claim',
    claim: 'Heavy ball tuned for quadratics ($\\alpha = 1/9$, $\\beta = 4/9$ for $\\mu = 1$, $L = 25$) does not converge on the Lessard–Recht–Packard function: from $x_0 = 3.3$ it settles on a 3-cycle, from $0.5$ it converges.',
    run() {
      const ce = heavyBallCounterexample();
      const p1 = createProblem('lessard-counterexample:x0=3.3');
      const p2 = createProblem('lessard-counterexample:x0=0.5');
      const hb = 'hb:alpha=0.1111111111111111,beta=0.4444444444444444';
      const r1 = run(p1, createMethod(hb, p1), { steps: 2000 });
      const r2 = run(p2, createMethod(hb, p2), { steps: 2000 });
      const measured = `${ce.cycle ? '3-cycle' : 'no cycle'}; run from 3.3: ${r1.status}; from 0.5: ${r2.status}`;
      const r = same('3-cycle; run from 3.3: max_steps; from 0.5: converged', measured, { numbers: { cycle: ce.cycle ?? [], cycleResidual: ce.cycleResidual, finalDistance: ce.finalDistance } });
      return { ...r, note: ce.cycle ? `cycle ${ce.cycle.map((x) => x.toFixed(4)).join(' → ')}, residual ${ce.cycleResidual.toExponential(1)}` : undefined };
    },
  },
  {
    id: 'hb-not-certified',
    section: 'certification',
    kind: 'claim',
    claim: 'Heavy ball with Polyak\'s tuning has rate $\\sqrt\\beta = 2/3$ on every quadratic of the class, yet the IQC analysis certifies no rate below 1 for the whole class ($\\mu = 1$, $L = 25$).',
    run() {
      const ce = heavyBallCounterexample();
      const r = close(2 / 3, ce.quadraticRate, { rel: 1e-9 }, { numbers: { certified: ce.iqc.certified, rate: ce.iqc.rate } });
      return { ...r, pass: r.pass && !ce.iqc.certified, note: `IQC: ${ce.iqc.certified ? `certified ${ce.iqc.rate}` : 'no ρ < 1 certified'}` };
    },
  },
  {
    id: 'certified-above-quadratic',
    section: 'certification',
    kind: 'claim',
    claim: 'A rate certified over all smooth strongly convex functions is never below the rate on quadratics (GD, Nesterov and triple momentum, $\\kappa$ from 2 to 1000).',
    run({ quick }) {
      let worst = Infinity;
      const kappas = quick ? [2, 30, 1000] : [2, 5, 30, 100, 1000];
      for (const kappa of kappas) {
        for (const name of ['gd:tune=optimal', 'nag:tune=standard', 'tmm']) {
          const m = certifyMethod(name, 1 / kappa, 1);
          const c = certifyRate(m.stateSpace, 1 / kappa, 1, { tolerance: 1e-6 });
          if (c.rate !== null) worst = Math.min(worst, c.rate - quadraticRateBound(m.stateSpace, 1 / kappa, 1));
        }
      }
      return bounded(-1e-6, worst, { atLeast: true }, { note: 'smallest (certified − quadratic) rate' });
    },
  },
];
