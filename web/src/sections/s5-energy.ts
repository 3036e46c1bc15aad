// Section 5: energy and the leapfrog. The continuous heavy ball's energy decays at rate mu whatever h (underdamped),
// the discrete method with alpha = s^2, beta = 1 - mu s follows it, and at beta = 1 the naive energy oscillates while
// the shadow Hamiltonian is conserved to rounding.
import type { Section } from './section.js';
import { num } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, readoutTable } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { timed, frameScheduler, record } from '../perf.js';
import { runJob, Superseded } from '../ui/pool.js';
import type { ArrayResult } from '../workers/protocol.js';
import { ENERGY_HS } from '../workers/energy.js';
import { thin, density } from '../ui/decimate.js';
import { colorBy, lineSpec } from './common.js';
import { SERIES_COLORS } from '../ui/colors.js';
import { fitLegend } from '../ui/legend.js';
import { sh } from '../ui/export.js';
import {
  diagonalQuadratic, heavyBall, naiveEnergy, shadowEnergy,
} from '../lib.js';

const shape = {
  mu: num(0.01, 2, 0.1),
  s: num(0.01, 1, 0.1),
  alpha: num(0.001, 3.9, 0.5),
  steps: num(10, 5000, 400, { int: true }),
};
type S5 = { mu: number; s: number; alpha: number; steps: number };
const HS = ENERGY_HS;
// Curvatures are not methods: series colours only. The four curves lie on top of each other (that is the point), so
// they are drawn as nested widths, widest first, and the legend says so.
const HCOL: Record<string, string> = { 'h = 0.25': SERIES_COLORS.light, 'h = 1': SERIES_COLORS.grey, 'h = 4': SERIES_COLORS.purple, 'h = 16': SERIES_COLORS.brown, 'exp(−μt)': SERIES_COLORS.ink };
const HWIDTH = [8, 5.5, 3.2, 1.4, 1.2];
const OVERLAP = 'h = 0.25, 1, 4, 16 overlap (nested widths):';
const NAIVE = SERIES_COLORS.brown, SHADOW = SERIES_COLORS.purple;

function decayPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's5';
  const s = () => store.get<S5>(sec);
  let cont: Chart | null = null, disc: Chart | null = null, comp: Chart | null = null;
  const p = panel({
    id: 's5-decay',
    title: 'Energy dissipation: the same rate μ for every curvature',
    formulas: ['\\mathcal E = \\mathcal J(\\mathbf w) + \\tfrac12\\|\\mathbf v\\|^2,\\qquad \\dot{\\mathcal E} = -\\mu\\|\\mathbf v\\|^2', '\\overline{\\dot{\\mathcal E}} = -\\mu\\,\\mathcal E \\;\\Rightarrow\\; \\mathcal E(t) \\approx \\mathcal E(0)\\,e^{-\\mu t}', '\\text{discrete: } \\alpha = s^2,\\ \\beta = 1 - \\mu s'],
    idea: 'In the underdamped case each direction is a harmonic oscillator whose amplitude slowly shrinks; averaging the dissipation $-\\mu\\|\\mathbf v\\|^2$ over a period gives $\\dot{\\mathcal E} = -\\mu\\mathcal E$: exponential decay with timescale $1/\\mu$, independent of $h$. Left: the exact solution of the ODE; right: discrete heavy ball with step $s$ ($\\alpha = s^2$, $\\beta = 1-\\mu s$) plotted against $t = ks$. The fitted rates in the table are the library\'s least-squares fits; the claim holds when $h \\gg \\mu^2$. At [[critical damping of h = 1/4 (μ = 1)|s5.mu=1]] ($\\mu = 2\\sqrt h$) that direction no longer oscillates and its fitted rate leaves $\\mu$; [[μ = 0.1|s5.mu=0.1]] is deep in the underdamped regime.',
    exportSource: {
      name: 'energy-decay',
      csv: () => decayCsv(),
      title: () => `Energy decay of heavy ball: μ = ${s().mu}, discrete step s = ${s().s} (α = s², β = 1 − μs), h = ${HS.join(', ')}`,
      charts: () => (cont && disc && comp ? [{ label: 'continuous', chart: cont }, { label: 'discrete', chart: disc }, { label: 'relative to exp(-mu t)', chart: comp }] : []),
      cli: () => sh`momentum-lab run --problem ${`quadratic:values=${HS.join(';')},x0=1`} --method ${`hb:alpha=${+(s().s ** 2).toPrecision(12)},beta=${+(1 - s().mu * s().s).toPrecision(12)}`} --steps ${Math.round(40 / s().mu / s().s)} --tol 0 --format csv`,
    },
  });
  p.controls.append(
    slider(store, sec, 'mu', { label: 'damping', symbol: 'μ', min: 0.01, max: 2, log: true }),
    slider(store, sec, 's', { label: 'time step of the discrete method', symbol: 's', min: 0.01, max: 1, log: true }),
  );
  const table = readoutTable('s5', HS.map((h) => [String(h), `h = ${h}`, HCOL[`h = ${h}`]]), [['rate', 'fitted decay rate'], ['dev', 'max |E / (E₀ exp(−μt)) − 1|']]);
  p.readouts.append(table.el);
  const vC = view('Continuous heavy ball: E(t)/E(0), exact solution (log scale)');
  const vD = view('Discrete heavy ball, α = s², β = 1 − μs: E_k/E_0 against t = ks');
  const vR = view('Continuous: E(t) / (E(0) e^(−μt)) — the wobble around the averaged law shrinks like μ/(2√h)', 'wide');
  p.views.append(vC.el, vD.el, vR.el);
  const keys = [...HS.map((h) => `h = ${h}`), 'exp(−μt)'];
  // The curves are computed in the heavy worker (energyCurves); the main thread thins and draws, and builds the CSV
  // only when it is asked for.
  let last: { mu: number; s: number; ts: Float64Array; c: Float64Array[]; d: Float64Array[] } | null = null;
  const update = async () => {
    const st = s();
    let res: ArrayResult;
    try {
      res = (await runJob('s5.decay', { type: 'energy-decay', mu: st.mu, s: st.s })) as ArrayResult;
    } catch (e) { if (e instanceof Superseded) return; throw e; }
    const t0 = performance.now();
    const ts = res.data, T = res.extra!.T;
    const c = HS.map((_, j) => res.arrays![`c${j}`]), d = HS.map((_, j) => res.arrays![`d${j}`]);
    last = { mu: st.mu, s: st.s, ts, c, d };
    const rowsC: Row[] = [], rowsD: Row[] = [], rowsR: Row[] = [];
    HS.forEach((h, j) => {
      const label = `h = ${h}`, ys = c[j], Ek = d[j];
      for (const i of thin(ts.length, (i) => ts[i], (i) => Math.log10(ys[i]), density(0, T), density(-20, 0, 800))) rowsC.push({ series: label, t: ts[i], E: ys[i] });
      const ratio = (i: number) => ys[i] * Math.exp(st.mu * ts[i]);
      for (const i of thin(ts.length, (i) => ts[i], ratio, density(0, T), density(0, 2, 800))) rowsR.push({ series: label, t: ts[i], r: ratio(i) });
      table.set(String(h), 'rate', res.extra![`rate${j}`], 4);
      table.set(String(h), 'dev', res.extra![`dev${j}`], 3);
      for (const k of thin(Ek.length, (i) => i * st.s, (i) => Math.log10(Ek[i]), density(0, T), density(-20, 0, 800))) rowsD.push({ series: label, t: k * st.s, E: Ek[k] });
    });
    for (const t of [0, T]) { rowsC.unshift({ series: 'exp(−μt)', t, E: Math.exp(-st.mu * t) }); rowsD.unshift({ series: 'exp(−μt)', t, E: Math.exp(-st.mu * t) }); }
    await Promise.all([cont!.set({ E: rowsC }), disc!.set({ E: rowsD }), comp!.set({ r: rowsR })]);
    record('s5.decay.main', performance.now() - t0);
  };
  /** Every computed sample: 600 times of the exact solution and every discrete step, per curvature. */
  const decayCsv = (): Row[] => {
    if (!last) return [];
    const { mu, s: step, ts, c, d } = last;
    const out: Row[] = [];
    HS.forEach((h, j) => {
      for (let i = 0; i < ts.length; i++) out.push({ h, kind: 'continuous', k: null, t: ts[i], E: c[j][i], ratio: c[j][i] * Math.exp(mu * ts[i]) });
      for (let k = 0; k < d[j].length; k++) out.push({ h, kind: 'discrete', k, t: k * step, E: d[j][k], ratio: d[j][k] * Math.exp(mu * k * step) });
    });
    return out;
  };
  const start = async () => {
    const spec = (el: HTMLElement) => {
      const sp = lineSpec({ data: 'E', x: 't', y: 'E', xTitle: 'time t', yTitle: 'E / E(0)', logY: true, yDomain: [1e-12, 2], color: colorBy('series', keys, {}, HCOL), dash: { field: 'series', type: 'nominal', title: null, scale: { domain: keys, range: [[1, 0], [1, 0], [1, 0], [1, 0], [6, 4]] } } }) as { encoding: Record<string, unknown> };
      sp.encoding.strokeWidth = { field: 'series', type: 'nominal', title: null, scale: { domain: keys, range: HWIDTH } };
      fitLegend(sp, keys, el, { title: OVERLAP, titleLimit: 0 });
      (sp.encoding.strokeWidth as { legend: unknown }).legend = null; // widths are not a legend of their own (merged, it dropped entries)
      return sp;
    };
    cont = new Chart(vC.plot, spec(vC.plot) as never, { description: 'Continuous heavy ball: energy E(t)/E(0) on a log scale for curvatures h = 0.25, 1, 4, 16, all on top of exp(−μt)' });
    disc = new Chart(vD.plot, spec(vD.plot) as never, { description: 'Discrete heavy ball with alpha = s², beta = 1 − μs: energy E_k/E_0 against t = ks for h = 0.25, 1, 4, 16 and exp(−μt)' });
    const hk = HS.map((h) => `h = ${h}`);
    const rspec = lineSpec({ data: 'r', x: 't', y: 'r', xTitle: 'time t', yTitle: 'E eᵘᵗ / E₀', height: 200, color: colorBy('series', hk, {}, HCOL) }) as { encoding: Record<string, unknown> & { y: { axis: object } } };
    rspec.encoding.y.axis = { format: '.2f' };
    rspec.encoding.strokeWidth = { field: 'series', type: 'nominal', title: null, scale: { domain: hk, range: HWIDTH.slice(0, 4).map((w) => Math.max(1.2, w / 2.5)) } };
    comp = new Chart(vR.plot, fitLegend(rspec, hk, vR.plot) as never, { description: 'Continuous energy divided by the averaged law E(0)exp(−μt) for each curvature: a wobble around 1 that shrinks with h' });
    const schedule = frameScheduler(() => timed('s5.decay', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => c === 'mu' || c === 's')) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

function shadowPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's5';
  const s = () => store.get<S5>(sec);
  let chart: Chart | null = null;
  let shadowCsv: Row[] = [];
  const p = panel({
    id: 's5-shadow',
    title: 'β = 1: heavy ball is a leapfrog integrator, and conserves a shadow Hamiltonian',
    formulas: ['\\begin{aligned}\\mathbf v^{(k+\\frac12)} &= \\mathbf v^{(k)} - \\tfrac\\alpha2\\nabla\\mathcal J(\\mathbf w^{(k)})\\\\ \\mathbf w^{(k+1)} &= \\mathbf w^{(k)} + \\mathbf v^{(k+\\frac12)}\\\\ \\mathbf v^{(k+1)} &= \\mathbf v^{(k+\\frac12)} - \\tfrac\\alpha2\\nabla\\mathcal J(\\mathbf w^{(k+1)})\\end{aligned}', '\\tilde H = \\mathcal J(\\mathbf w) + \\frac{\\|\\mathbf v\\|^2}{2\\alpha} - \\tfrac12\\,\\mathbf v^\\top\\nabla\\mathcal J(\\mathbf w)'],
    idea: 'At $\\beta = 1$ the spectral radius is exactly 1, yet the naive energy is not conserved by the discrete method: it oscillates. Shifting the update by half a step shows heavy ball is the leapfrog integrator, which is symplectic; symplectic integrators conserve a nearby shadow Hamiltonian $\\tilde H$, and on quadratics exactly. The plot shows both relative to their initial values over $K$ steps on a 4-direction quadratic; the naive energy\'s swing grows with $\\alpha$ ([[α = 0.05|s5.alpha=0.05]], [[α = 3.9, near the limit αh < 4|s5.alpha=3.9]]) while $\\tilde H$ stays constant to rounding.',
    exportSource: {
      name: 'shadow-hamiltonian',
      csv: () => shadowCsv,
      title: () => `Heavy ball at β = 1 (leapfrog): α = ${s().alpha}, K = ${s().steps} steps, h = 0.05, 0.3, 0.7, 1`,
      charts: () => (chart ? [{ label: 'energies', chart }] : []),
      cli: () => `# heavy ball at beta = 1 is the leapfrog method (same iterates; the CLI's hb keeps beta < 1)\n` +
        sh`momentum-lab run --problem 'quadratic:values=0.05;0.3;0.7;1,x0=1' --method ${`leapfrog:alpha=${s().alpha},beta=1`} --steps ${s().steps} --tol 0 --format csv`,
    },
  });
  p.controls.append(
    slider(store, sec, 'alpha', { label: 'learning rate (stable for α h < 4)', symbol: 'α', min: 0.001, max: 3.9, log: true }),
    slider(store, sec, 'steps', { label: 'steps', symbol: 'K', min: 10, max: 5000, step: 1 }),
  );
  const table = readoutTable('s5', [['naive', 'naive energy', NAIVE], ['shadow', 'shadow H̃', SHADOW]], [['dev', 'max relative change']]);
  p.readouts.append(table.el);
  const v = view('Relative change of the naive energy and of the shadow Hamiltonian', 'wide');
  p.views.append(v.el);
  const update = async () => {
    const st = s();
    const hs = Float64Array.of(0.05, 0.3, 0.7, 1);
    const problem = diagonalQuadratic(hs, { x0: new Float64Array(4).fill(1) });
    const opt = heavyBall(st.alpha, { beta: 1 });
    const state = opt.init(problem, problem.x0);
    const g = new Float64Array(4);
    const K = st.steps;
    const naive = new Float64Array(K + 1), shadow = new Float64Array(K + 1);
    for (let k = 0; k <= K; k++) {
      if (k > 0) opt.step(state, problem);
      const J = problem.value(state.w);
      problem.grad(state.w, g);
      naive[k] = naiveEnergy(st.alpha, J, state.v!);
      shadow[k] = shadowEnergy(st.alpha, J, state.v!, g);
    }
    const rows: Row[] = [];
    let dn = 0, ds = 0;
    for (let k = 0; k <= K; k++) { dn = Math.max(dn, Math.abs(naive[k] / naive[0] - 1)); ds = Math.max(ds, Math.abs(shadow[k] / shadow[0] - 1)); }
    for (const k of thin(K + 1, (i) => i, (i) => naive[i] / naive[0] - 1, density(0, K), density(-dn, dn, 600))) rows.push({ series: 'naive energy', k, d: naive[k] / naive[0] - 1 });
    for (let k = 0; k <= K; k += Math.max(1, Math.floor(K / 200))) rows.push({ series: 'shadow H̃', k, d: shadow[k] / shadow[0] - 1 });
    shadowCsv = Array.from(naive, (E, k) => ({ k, naiveEnergy: E, shadowEnergy: shadow[k], naiveChange: E / naive[0] - 1, shadowChange: shadow[k] / shadow[0] - 1 }));
    table.set('naive', 'dev', dn, 3);
    table.set('shadow', 'dev', ds, 3);
    await chart!.set({ d: rows });
  };
  const start = async () => {
    chart = new Chart(v.plot, lineSpec({ data: 'd', x: 'k', y: 'd', xTitle: 'iteration k', yTitle: 'E_k / E_0 − 1', color: colorBy('series', ['naive energy', 'shadow H̃'], {}, { 'naive energy': NAIVE, 'shadow H̃': SHADOW }) }) as never, { description: 'Relative change of the naive energy (oscillates) and of the shadow Hamiltonian (constant to rounding) for heavy ball at beta = 1' });
    const schedule = frameScheduler(() => timed('s5.shadow', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => c === 'alpha' || c === 'steps')) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const a = decayPanel(store), b = shadowPanel(store);
  el.append(a.el, b.el);
  await Promise.all([a.start(), b.start()]);
}

export const s5: Section = {
  id: 's5',
  title: 'Energy and leapfrog',
  summary: 'Why the continuous picture predicts the discrete one: energy decays at rate μ for every curvature, and at β = 1 heavy ball conserves a shadow Hamiltonian.',
  shape,
  mount,
};
