// Section 8: certified worst-case rates over all L-smooth, mu-strongly convex functions (IQC analysis of Lessard,
// Recht and Packard, solved by the library's SDP solver in a worker) next to the rates on quadratics, for GD, heavy
// ball, Nesterov and a user-typed two-term method; and the heavy-ball counterexample cycling.
import type { Section } from './section.js';
import { shq } from './common.js';
import { num, choice } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, readoutTable } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS } from '../ui/colors.js';
import { runJob, Superseded } from '../ui/pool.js';
import { timed, frameScheduler } from '../perf.js';
import { fmt } from '../ui/dom.js';
import { createProblem, createMethod, run, logspace } from '../lib.js';
import type { SeriesResult } from '../workers/protocol.js';

const shape = {
  iqc: choice(['sector', 'off-by-one', 'weighted'] as const, 'weighted'),
  alpha: num(0.01, 3, 0.5),
  beta1: num(-1, 1, 0.5),
  beta2: num(-1, 2, 0.3),
  x0: num(-10, 10, 3.3),
  steps: num(10, 300, 60, { int: true }),
};
type S8 = { iqc: 'sector' | 'off-by-one' | 'weighted'; alpha: number; beta1: number; beta2: number; x0: number; steps: number };

const LABELS: Record<string, string> = { gd: 'GD', hb: 'Heavy ball (Polyak)', nag: 'Nesterov', user: 'your two-term method' };
const COLORS: Record<string, string> = { gd: METHOD_COLORS.gd, hb: METHOD_COLORS.hb, nag: METHOD_COLORS.nag, user: '#9333ea' };

function certPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's8';
  const s = () => store.get<S8>(sec);
  let chart: Chart | null = null;
  let rowsCsv: Row[] = [];
  const p = panel({
    id: 's8-certify',
    title: 'Certified rates over all smooth strongly convex functions',
    formulas: ['\\begin{bmatrix} A^\\top P A - \\rho^2 P & A^\\top P B \\\\ B^\\top P A & B^\\top P B\\end{bmatrix} + \\lambda\\, M_{\\text{IQC}} \\preceq 0 \\;\\Rightarrow\\; \\|\\xi_k - \\xi_\\star\\| \\le c\\,\\rho^k'],
    idea: 'Heavy ball achieves the optimal rate on quadratics, but not on general strongly convex functions. Lessard, Recht and Packard write the method as a linear system in feedback with the gradient, describe the gradient by integral quadratic constraints, and certify a rate $\\rho$ by solving a small semidefinite program; bisection gives the smallest certified $\\rho$. Solid lines: certified over $\\mathcal S(\\mu, L)$; dashed: the rate on quadratics (a lower bound). Where a solid line is missing, no $\\rho < 1$ is certified.',
    exportSource: {
      name: 'certify',
      charts: () => (chart ? [{ label: 'rho vs kappa', chart }] : []),
      csv: () => rowsCsv,
      cli: () => {
        const st = s();
        return ['gd', 'hb', 'nag', `two-term:alpha=${st.alpha},beta1=${st.beta1},beta2=${st.beta2}`]
          .map((m) => `momentum-lab certify --method ${shq(m)} --mu 0.01 --L 1 --iqc ${st.iqc} --format json`).join('\n');
      },
    },
  });
  p.controls.append(
    segmented(store, sec, 'iqc', 'IQC', [['sector', 'sector'], ['off-by-one', 'off-by-one'], ['weighted', 'weighted off-by-one']]),
    slider(store, sec, 'alpha', { label: 'your method: step (× 1/L)', symbol: 'α', min: 0.01, max: 3, step: 0.01 }),
    slider(store, sec, 'beta1', { label: 'your method: momentum', symbol: 'β₁', min: -1, max: 1, step: 0.01 }),
    slider(store, sec, 'beta2', { label: 'your method: gradient extrapolation', symbol: 'β₂', min: -1, max: 2, step: 0.01 }),
  );
  const table = readoutTable('s8', Object.entries(LABELS).map(([k, l]) => [k, l, COLORS[k]]), [['cert', 'certified ρ (κ=100)'], ['quad', 'quadratic ρ']]);
  p.readouts.append(table.el);
  const v = view('ρ against κ: certified (solid) and on quadratics (dashed)', 'wide');
  p.views.append(v.el);

  const update = async () => {
    const st = s();
    p.status.classList.add('busy');
    p.status.textContent = 'solving SDPs in a worker…';
    const kappas = Array.from(logspace(1.5, 1000, 16));
    kappas.push(100);
    try {
      const res = (await runJob('s8.certify', {
        type: 'certify', iqc: st.iqc, kappas,
        methods: [
          { key: 'gd', method: 'gd', params: {} }, { key: 'hb', method: 'hb', params: {} }, { key: 'nag', method: 'nag', params: {} },
          { key: 'user', method: 'two-term', params: { alpha: st.alpha, beta1: st.beta1, beta2: st.beta2 } },
        ],
      })) as SeriesResult;
      const rows: Row[] = [];
      for (const r of res.rows) {
        const label = LABELS[r.key as string];
        if (r.kappa === 100) {
          table.set(r.key as string, 'cert', r.certified === null ? 'none < 1' : (r.certified as number), 6);
          table.set(r.key as string, 'quad', r.quadratic as number, 6);
          continue;
        }
        if (r.certified !== null) rows.push({ method: label, kind: 'certified', kappa: r.kappa, rho: r.certified });
        if (Number.isFinite(r.quadratic as number) && (r.quadratic as number) < 1.2) rows.push({ method: label, kind: 'quadratic', kappa: r.kappa, rho: r.quadratic });
      }
      rowsCsv = res.rows as Row[];
      await chart!.set({ rates: rows });
      p.status.classList.remove('busy');
      p.status.textContent = `${res.rows.length} certifications (each a bisection over SDPs) in ${fmt(res.ms, 3)} ms, in a Web Worker.`;
    } catch (e) {
      if (!(e instanceof Superseded)) throw e;
    }
  };
  const start = async () => {
    const keys = Object.keys(LABELS);
    chart = new Chart(v.plot, {
      width: 'container', height: 300, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      data: { name: 'rates' },
      mark: { type: 'line', strokeWidth: 2, point: { size: 18 }, clip: true },
      encoding: {
        x: { field: 'kappa', type: 'quantitative', scale: { type: 'log' }, title: 'condition number κ' },
        y: { field: 'rho', type: 'quantitative', scale: { domain: [0, 1.05] }, title: 'rate ρ' },
        color: { field: 'method', type: 'nominal', title: null, scale: { domain: keys.map((k) => LABELS[k]), range: keys.map((k) => COLORS[k]) }, legend: { orient: 'top' } },
        strokeDash: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['certified', 'quadratic'], range: [[1, 0], [5, 4]] }, legend: { orient: 'top' } },
        detail: { field: 'kind' },
      },
    } as never, { description: 'Certified rates against kappa' });
    const schedule = frameScheduler(() => timed('s8.certify', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => ['iqc', 'alpha', 'beta1', 'beta2'].includes(c))) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

function counterPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's8';
  const s = () => store.get<S8>(sec);
  let chart: Chart | null = null;
  const p = panel({
    id: 's8-counter',
    title: 'The heavy-ball counterexample: a 3-cycle on a strongly convex function',
    formulas: ["f'(x) = \\begin{cases} 25x & x < 1 \\\\ x + 24 & 1 \\le x < 2 \\\\ 25x - 24 & x \\ge 2\\end{cases}\\qquad \\mu = 1,\\ L = 25,\\ \\alpha = \\tfrac19,\\ \\beta = \\tfrac49"],
    idea: 'With Polyak\'s tuning for $\\kappa = 25$, heavy ball converges on every quadratic in $[\\mu, L]$ at rate $2/3$, yet on this piecewise-quadratic function (Lessard et al., section 4.6) started at $x_0 = 3.3$ it settles into a cycle of period 3 and never converges; started at $0.5$ it converges. Nesterov with its own tuning converges from both.',
    exportSource: {
      name: 'counterexample',
      charts: () => (chart ? [{ label: 'iterates', chart }] : []),
      cli: () => `momentum-lab run --problem lessard-counterexample:x0=${s().x0} --method hb:alpha=0.1111111111111111,beta=0.4444444444444444 --steps ${s().steps} --tol 0 --format csv`,
    },
  });
  p.controls.append(
    slider(store, sec, 'x0', { label: 'start', symbol: 'x₀', min: -10, max: 10, step: 0.1 }),
    slider(store, sec, 'steps', { label: 'steps', symbol: 'K', min: 10, max: 300, step: 1 }),
  );
  const table = readoutTable('s8.cx', [['hb', 'Heavy ball', METHOD_COLORS.hb], ['nag', 'Nesterov', METHOD_COLORS.nag]], [['final', 'x_K'], ['status', 'status']]);
  p.readouts.append(table.el);
  const v = view('Iterates x_k (the 3-cycle appears as three repeating levels)', 'wide');
  p.views.append(v.el);
  const update = async () => {
    const st = s();
    const problem = createProblem(`lessard-counterexample:x0=${st.x0}`);
    const rows: Row[] = [];
    for (const [key, spec] of [['hb', 'hb:alpha=0.1111111111111111,beta=0.4444444444444444'], ['nag', 'nag:alpha=0.04,beta=0.6666666666666666']] as const) {
      const res = run(problem, createMethod(spec), { steps: st.steps, tol: 0, record: ['w0'] });
      const w = res.trace.w0 ?? res.trace.w;
      for (let k = 0; k < (w?.length ?? 0); k++) rows.push({ method: key === 'hb' ? 'Heavy ball' : 'Nesterov', k, x: w[k] });
      table.set(key, 'final', res.w[0], 6);
      table.set(key, 'status', res.status === 'max_steps' && Math.abs(res.w[0] - 0) > 1e-3 ? 'no convergence' : res.status);
    }
    await chart!.set({ x: rows });
  };
  const start = async () => {
    chart = new Chart(v.plot, {
      width: 'container', height: 240, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      data: { name: 'x' },
      mark: { type: 'line', strokeWidth: 1.6, point: { size: 14 } },
      encoding: {
        x: { field: 'k', type: 'quantitative', title: 'iteration k' },
        y: { field: 'x', type: 'quantitative', title: 'x_k' },
        color: { field: 'method', type: 'nominal', title: null, scale: { domain: ['Heavy ball', 'Nesterov'], range: [METHOD_COLORS.hb, METHOD_COLORS.nag] }, legend: { orient: 'top' } },
      },
    } as never, { description: 'Counterexample iterates' });
    const schedule = frameScheduler(() => timed('s8.counter', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => ['x0', 'steps'].includes(c))) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const a = certPanel(store), b = counterPanel(store);
  el.append(a.el, b.el);
  await Promise.all([a.start(), b.start()]);
}

export const s8: Section = {
  id: 's8',
  title: 'Certification',
  summary: 'Worst-case rates over every smooth strongly convex function, certified by semidefinite programs (IQC), against the quadratic rates — and the function on which heavy ball cycles.',
  shape,
  mount,
};
