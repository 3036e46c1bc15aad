// Section 6: Nesterov against heavy ball at the same (alpha, beta): per-direction |z| (Nesterov damps the high
// frequencies, the slow direction is the same), the runs of both forms of Nesterov, heavy ball and AggMo on a
// quadratic (library run()), and the highest-curvature direction's oscillation.
import type { Section } from './section.js';
import { num } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, readoutTable } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS, METHOD_LABELS } from '../ui/colors.js';
import { timed, frameScheduler } from '../perf.js';
import { thin, density } from '../ui/decimate.js';
import { colorBy, lineSpec } from './common.js';
import { fitLegend } from '../ui/legend.js';
import { sh } from '../ui/export.js';
import { createProblem, createMethod, run, linearMethod, directionRate, logspace } from '../lib.js';

const shape = {
  alpha: num(0.01, 2, 1),
  beta: num(0, 0.999, 0.9),
  kappa: num(2, 1e4, 1000),
  steps: num(10, 2000, 300, { int: true }),
};
type S6 = { alpha: number; beta: number; kappa: number; steps: number };
const KEYS = ['hb', 'nag', 'nag-aspremont', 'aggmo'];
const LABELS: Record<string, string> = { ...METHOD_LABELS, 'nag-aspremont': "Nesterov, d'Aspremont form", aggmo: 'AggMo (β = 0, 0.9, 0.99)' };

const specOf = (key: string, st: S6): string => {
  if (key === 'hb' || key === 'nag') return `${key}:alpha=${st.alpha},beta=${st.beta}`;
  if (key === 'nag-aspremont') return `nag-aspremont:schedule=constant,alpha=${st.alpha},tau=${+(1 - st.beta).toPrecision(12)},gamma=${+(st.alpha / (1 - st.beta)).toPrecision(12)}`;
  return `aggmo:alpha=${st.alpha},betas=0;0.9;0.99`;
};

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const sec = 's6';
  const s = () => store.get<S6>(sec);
  let zc: Chart | null = null, lc: Chart | null = null, hc: Chart | null = null;
  let csv6: Row[] = [];
  const p = panel({
    id: 's6-panel',
    title: 'Nesterov damps the high frequencies',
    formulas: ['|z_{\\text{HB}}| = \\sqrt\\beta,\\qquad |z_{\\text{NAG}}| = \\sqrt{\\beta(1-\\alpha h)}',
      '\\begin{aligned}\\mathbf y^{(k)} &= \\mathbf w^{(k)} + \\tau_k(\\mathbf z^{(k)} - \\mathbf w^{(k)})\\\\ \\mathbf w^{(k+1)} &= \\mathbf y^{(k)} - \\alpha_k\\nabla\\mathcal J(\\mathbf y^{(k)})\\\\ \\mathbf z^{(k+1)} &= \\mathbf z^{(k)} - \\gamma_k\\nabla\\mathcal J(\\mathbf y^{(k)})\\end{aligned}'],
    idea: 'Nesterov evaluates the gradient at the extrapolated point $\\mathbf w + \\beta\\mathbf v$ — like the D term of a PID controller, it anticipates and damps the oscillation. Every underdamped heavy-ball direction has $|z| = \\sqrt\\beta$; Nesterov\'s shrink to $\\sqrt{\\beta(1-\\alpha h)}$ as $h$ grows, so high-curvature directions die fast, while the slowest direction — which sets the rate on quadratics — is the same ([[β = 0.99: both ring longer|s6.beta=0.99]]; [[α = 0.1: a smaller step|s6.alpha=0.1]]). d\'Aspremont\'s three-sequence form with constant $\\tau = 1-\\beta$, $\\gamma = \\alpha/(1-\\beta)$ is the same method (its curve lies on Sutskever\'s); AggMo averages several velocities and damps passively.',
    exportSource: {
      name: 'nesterov-vs-hb',
      charts: () => (zc && lc && hc ? [{ label: 'modulus', chart: zc }, { label: 'loss', chart: lc }, { label: 'high frequency', chart: hc }] : []),
      csv: () => csv6,
      title: () => `Nesterov vs heavy ball: α = ${s().alpha}, β = ${s().beta}, κ = ${s().kappa}, dim 100, K = ${s().steps}; AggMo β = 0, 0.9, 0.99`,
      cli: () => KEYS.map((k) => sh`momentum-lab run --problem ${`quadratic:dim=100,kappa=${s().kappa},x0=1`} --method ${specOf(k, s())} --steps ${s().steps} --tol 0 --format csv`).join('\n'),
    },
  });
  p.controls.append(
    slider(store, sec, 'alpha', { label: 'learning rate (L = 1)', symbol: 'α', min: 0.01, max: 2, step: 0.01 }),
    slider(store, sec, 'beta', { label: 'momentum', symbol: 'β', min: 0, max: 0.999, step: 0.001 }),
    slider(store, sec, 'kappa', { label: 'condition number', symbol: 'κ', min: 2, max: 1e4, log: true }),
    slider(store, sec, 'steps', { label: 'steps', symbol: 'K', min: 10, max: 2000, step: 1 }),
  );
  const table = readoutTable('s6', KEYS.map((k) => [k, LABELS[k], METHOD_COLORS[k]]), [['loss', 'final J − J*']]);
  p.readouts.append(table.el);
  const vz = view('Per-direction |z| against h: heavy ball vs Nesterov');
  const vl = view('Loss on a dim-100 quadratic (library run())');
  const vh = view('The stiffest direction e_max(k): heavy ball rings, Nesterov does not', 'wide');
  p.views.append(vz.el, vl.el, vh.el);
  el.append(p.el);

  const update = async () => {
    const st = s();
    const zr: Row[] = [];
    for (const key of ['hb', 'nag'] as const) {
      const m = linearMethod(key, { alpha: st.alpha, beta: st.beta });
      for (const h of logspace(1 / st.kappa, 1, 300)) zr.push({ series: METHOD_LABELS[key], h, z: Math.min(directionRate(m, h), 1.2) });
    }
    const problem = createProblem(`quadratic:dim=100,kappa=${st.kappa},x0=1`);
    const lr: Row[] = [], hr: Row[] = [], out: Row[] = [];
    for (const key of KEYS) {
      const res = run(problem, createMethod(specOf(key, st), problem), { steps: st.steps, tol: 0, record: ['loss', 'e'], maxEigen: 128 });
      const loss = res.trace.loss, e = res.trace.e99;
      const label = LABELS[key];
      for (let k = 0; k < loss.length; k++) out.push({ method: key, spec: specOf(key, st), k, loss: loss[k], e99: e[k] });
      const lg = (i: number) => Math.log10(Math.max(loss[i], 1e-30));
      for (const k of thin(loss.length, (i) => i, lg, density(0, st.steps), density(-30, 2, 800))) lr.push({ series: label, k, loss: Math.max(loss[k], 1e-30) });
      if (key !== 'nag-aspremont') for (const k of thin(e.length, (i) => i, (i) => e[i], density(0, st.steps), density(-1, 1, 600))) hr.push({ series: label, k, e: e[k] });
      table.set(key, 'loss', res.finalLoss ?? NaN, 4);
    }
    csv6 = out;
    await Promise.all([zc!.set({ z: zr }), lc!.set({ loss: lr }), hc!.set({ e: hr })]);
  };
  const keysLabels = KEYS.map((k) => LABELS[k]);
  const colors = Object.fromEntries(KEYS.map((k) => [LABELS[k], METHOD_COLORS[k]]));
  // Each legend lists what its chart draws: |z| for HB and NAG; four losses (d'Aspremont's dashed on Sutskever's);
  // the stiffest direction for three (d'Aspremont's coincides with Nesterov's and is left out there).
  const hcLabels = keysLabels.filter((l) => l !== LABELS['nag-aspremont']);
  zc = new Chart(vz.plot, fitLegend(lineSpec({ data: 'z', x: 'h', y: 'z', xTitle: 'curvature h', yTitle: '|z| (spectral radius)', logX: true, color: colorBy('series', ['hb', 'nag']) }), ['Heavy ball', 'Nesterov'], vz.plot) as never, { description: 'Per-direction modulus |z| against curvature h: heavy ball flat at sqrt(beta), Nesterov falling to 0 as h grows' });
  lc = new Chart(vl.plot, fitLegend(lineSpec({ data: 'loss', x: 'k', y: 'loss', xTitle: 'iteration k', yTitle: 'J − J*', logY: true, color: colorBy('series', keysLabels, {}, colors), dash: { field: 'series', type: 'nominal', title: null, scale: { domain: keysLabels, range: [[1, 0], [1, 0], [6, 4], [1, 0]] } } }), keysLabels, vl.plot) as never, { description: "Loss J − J* on a dim-100 quadratic for heavy ball, Nesterov, d'Aspremont's form of Nesterov (dashed, on Nesterov's) and AggMo" });
  hc = new Chart(vh.plot, fitLegend(lineSpec({ data: 'e', x: 'k', y: 'e', xTitle: 'iteration k', yTitle: 'e_max = q_max · (w − w*)', height: 200, color: colorBy('series', hcLabels, {}, colors) }), hcLabels, vh.plot) as never, { description: 'The stiffest eigen-coordinate e_max against k: heavy ball rings, Nesterov and AggMo damp it' });
  const schedule = frameScheduler(() => timed('s6.update', update));
  store.subscribe(sec, () => schedule());
  await timed('s6.update', update);
}

export const s6: Section = {
  id: 's6',
  title: 'Nesterov vs heavy ball',
  summary: 'Same slow rate, different damping: per-direction moduli, both forms of Nesterov, and AggMo.',
  shape,
  mount,
};
