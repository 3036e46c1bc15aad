// Section 3: heavy ball direction by direction on a diagonal quadratic: simulated w_k (the library's heavyBall on the
// library's diagonalQuadratic) with the closed-form R^k trajectories drawn over them, the (w, v) phase plane, and
// the eigenvalues of each direction's iteration matrix against the circle |z| = sqrt(beta).
import type { Section } from './section.js';
import { sh } from '../ui/export.js';
import { num, choice } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, readoutTable } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { timed, frameScheduler, record } from '../perf.js';
import { thin, density, extent } from '../ui/decimate.js';
import { h, fmt } from '../ui/dom.js';
import { SERIES_COLORS } from '../ui/colors.js';
import { whenVisible, isLinked } from './common.js';
import {
  diagonalQuadratic, heavyBall, nesterov, linearMethod, directionMatrix, directionEigenvalues, directionRate, directionRegime,
  regimeThresholds, closedFormTrajectory, logspace, type Regime,
} from '../lib.js';

/** A chart whose accessible name is `description` (Vega takes the spec's description as the container's aria-label). */
function named(el: HTMLElement, spec: object, description: string): Chart {
  return new Chart(el, { ...spec, description } as never, { description });
}

const shape = {
  method: choice(['hb', 'nag'] as const, 'hb'),
  alpha: num(1e-5, 4, 0.002),
  beta: num(0, 0.9999, 0.9),
  kappa: num(1, 1e4, 100),
  dirs: num(1, 8, 5, { int: true }),
  steps: num(10, 2000, 1000, { int: true }),
  /** The highlighted curvature (0 = none): the direction nearest to it (in log h) is drawn on top, the others faded. */
  hl: num(0, 1, 0),
};
type S3 = { method: 'hb' | 'nag'; alpha: number; beta: number; kappa: number; dirs: number; steps: number; hl: number };

/** The five regimes in a fixed order, each with its own marker shape (the colour is the direction's). */
const REGIMES: Regime[] = ['overdamped', 'critical', 'underdamped', 'oscillating', 'divergent'];
const REGIME_SHAPES: Record<Regime, string> = { overdamped: 'circle', critical: 'diamond', underdamped: 'triangle-up', oscillating: 'square', divergent: 'cross' };

/** The curvatures shown: `dirs` values log-spaced on [1/kappa, 1]. */
export function curvaturesOf(s: S3): Float64Array {
  return s.dirs === 1 ? Float64Array.of(1) : logspace(1 / s.kappa, 1, s.dirs);
}

const dirLabel = (h: number) => `h = ${fmt(h, 3)}`;

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const sec = 's3';
  const s = () => store.get<S3>(sec);
  let charts: { w: Chart; phase: Chart; eig: Chart } | null = null;

  const p = panel({
    id: 's3-panel',
    title: 'Each eigendirection on its own: overdamped, critical, underdamped',
    formulas: [
      '\\begin{pmatrix} w_j^{(k+1)} \\\\ v_j^{(k+1)}\\end{pmatrix} = \\underbrace{\\begin{pmatrix} 1-\\alpha h_j & \\beta \\\\ -\\alpha h_j & \\beta\\end{pmatrix}}_{R_j}\\begin{pmatrix} w_j^{(k)} \\\\ v_j^{(k)}\\end{pmatrix}',
      'T = \\frac{(1-\\sqrt\\beta)^2}{\\alpha}', '|z| = \\sqrt\\beta \\;\\text{ for }\\; T < h_j < \\frac{(1+\\sqrt\\beta)^2}{\\alpha}',
    ],
    idea: 'Heavy ball is rotation invariant, so on a quadratic each eigendirection of $H$ evolves on its own under the 2×2 matrix $R_j$. Directions with $0 < h_j < T$ approach 0 monotonically (overdamped: real eigenvalues); directions with $T < h_j$ oscillate (underdamped: complex eigenvalues with $|z| = \\sqrt\\beta$). With a small $\\alpha$, $\\beta = 0.9$ makes every direction overdamped and $\\beta = 0.999$ makes every direction underdamped — the lecture\'s two figures: [[show me β = 0.9|s3.method=hb&s3.alpha=0.002&s3.beta=0.9&s3.kappa=100]], [[and β = 0.999|s3.method=hb&s3.alpha=0.002&s3.beta=0.999&s3.kappa=100]]; [[a large step puts the top direction past (1 + √β)²/α|s3.method=hb&s3.alpha=2.4&s3.beta=0.25&s3.kappa=100]] (real negative eigenvalues: the sign flips every step). Dots are the library\'s simulation; lines are the closed form $R_j^k$. Hover a curvature in section 4\'s ρ(h) to pick out the nearest direction here.',
    erratum: 'The lecture says "underdamped directions have only real eigenvalues, while overdamped directions have complex eigenvalues": it is the other way round, and $T = \\alpha^{-1}(1 \\sqrt\\beta)^2$ has lost its minus sign: $T = (1-\\sqrt\\beta)^2/\\alpha$. Above $(1+\\sqrt\\beta)^2/\\alpha$ the eigenvalues are real and negative again (oscillating sign), and the iteration diverges for $\\alpha h \\ge 2(1+\\beta)$.',
    exportSource: {
      name: 'eigendirections',
      charts: () => (charts ? [{ label: 'w per direction', chart: charts.w }, { label: 'phase space', chart: charts.phase }, { label: 'eigenvalues', chart: charts.eig }] : []),
      csv: () => csvRows(),
      title: () => { const st = s(); return `Eigendirections, ${st.method === 'hb' ? 'heavy ball' : 'Nesterov'}: α = ${fmt(st.alpha, 4)}, β = ${fmt(st.beta, 4)}, ${st.dirs} directions h ∈ [1/${fmt(st.kappa, 4)}, 1], K = ${st.steps}, w₀ = 1`; },
      cli: () => {
        const st = s();
        const hs = Array.from(curvaturesOf(st), (x) => +x.toPrecision(10)).join(';');
        const spec = `${st.method}:alpha=${st.alpha},beta=${st.beta}`;
        return sh`momentum-lab run --problem ${`quadratic:values=${hs},x0=1`} --method ${spec} --steps ${st.steps} --tol 0 --format csv` + '\n' +
          sh`momentum-lab analyze --method ${spec} --mu ${+(1 / st.kappa).toPrecision(10)} --L 1 --format json`;
      },
    },
  });

  const presets = h('div', { class: 'export-row' });
  for (const [label, alpha, beta] of [['Lecture: β = 0.9 (all overdamped)', 0.002, 0.9], ['Lecture: β = 0.999 (all underdamped)', 0.002, 0.999]] as const) {
    const b = h('button', { type: 'button', class: 'btn', text: label });
    b.addEventListener('click', () => store.set(sec, { alpha, beta, method: 'hb' }));
    presets.append(b);
  }
  p.controls.append(
    segmented(store, sec, 'method', 'Method', [['hb', 'Heavy ball'], ['nag', 'Nesterov']]),
    slider(store, sec, 'alpha', { label: 'learning rate', symbol: 'α', min: 1e-5, max: 4, log: true }),
    slider(store, sec, 'beta', { label: 'momentum', symbol: 'β', min: 0, max: 0.9999, step: 0.0001 }),
    slider(store, sec, 'kappa', { label: 'spectrum h ∈ [1/κ, 1]', symbol: 'κ', min: 1, max: 1e4, log: true }),
    slider(store, sec, 'dirs', { label: 'directions', symbol: 'n', min: 1, max: 8, step: 1 }),
    slider(store, sec, 'steps', { label: 'steps', symbol: 'K', min: 10, max: 2000, step: 1 }),
    presets,
  );
  const thresholds = h('p', { class: 'idea', 'data-readout': 's3.thresholds' });
  p.readouts.append(thresholds);
  let table = readoutTable('s3', [], []);
  const tableHost = h('div', {});
  p.readouts.append(tableHost);

  const vW = view('w_j^(k) per direction: simulation (dots) and closed form R^k (lines)', 'wide');
  const vPhase = view('Phase space (w, v) per direction');
  const vEig = view('Eigenvalues of R_j in the complex plane (circles |z| = √β and |z| = 1)');
  const vEigCaption = vEig.el.querySelector('figcaption')!;
  p.views.append(vW.el, vPhase.el, vEig.el);
  el.append(p.el);

  const colorEnc = (domain: string[]) => ({ field: 'dir', type: 'nominal', title: null, sort: null, scale: { domain, scheme: 'viridis' }, legend: { orient: 'top', direction: 'horizontal', labelLimit: 300, columns: vW.plot.clientWidth > 0 && vW.plot.clientWidth < 560 ? 1 : Math.min(domain.length, 3) } });
  // The highlighted direction (signal hl: its label, '' for none) at full opacity, the others faded.
  const fade = (on: number) => ({ condition: { test: "hl === '' || datum.dir === hl", value: on }, value: 0.15 });
  const hlParam = { name: 'hl', value: '' };

  let present: Regime[] = [];
  const build = (domain: string[]) => {
    charts?.w.finalize(); charts?.phase.finalize(); charts?.eig.finalize();
    charts = {
      w: named(vW.plot, {
        width: 'container', height: 260, autosize: { type: 'fit-x', contains: 'padding', resize: true },
        params: [hlParam],
        layer: [
          { data: { name: 'theory' }, mark: { type: 'line', strokeWidth: 1.5, clip: true }, encoding: { x: { field: 'k', type: 'quantitative', title: 'iteration k' }, y: { field: 'w', type: 'quantitative', title: 'w_j^(k)' }, color: colorEnc(domain), opacity: fade(1) } },
          { data: { name: 'sim' }, mark: { type: 'circle', size: 16, clip: true }, encoding: { x: { field: 'k', type: 'quantitative' }, y: { field: 'w', type: 'quantitative' }, color: { ...colorEnc(domain), legend: null }, opacity: fade(0.85) } },
        ],
      }, `w of each of the ${domain.length} eigendirections against iteration k: simulation (dots) and closed form (lines)`),
      phase: named(vPhase.plot, {
        width: 'container', height: 260, autosize: { type: 'fit-x', contains: 'padding', resize: true },
        params: [hlParam],
        data: { name: 'theory' },
        mark: { type: 'line', strokeWidth: 1.3, clip: true },
        encoding: { x: { field: 'w', type: 'quantitative', title: 'w' }, y: { field: 'v', type: 'quantitative', title: 'v = w⁽ᵏ⁾ − w⁽ᵏ⁻¹⁾' }, order: { field: 'k', type: 'quantitative' }, color: { ...colorEnc(domain), legend: null }, opacity: fade(1) },
      }, `Phase plane (w, v) of each of the ${domain.length} eigendirections`),
      eig: named(vEig.plot, {
        width: 250, height: 250,
        params: [hlParam, { name: 'zdom', value: [-1.1, 1.1] }],
        layer: [
          { data: { name: 'circles' }, mark: { type: 'line', strokeWidth: 1, strokeDash: [4, 3], clip: true }, encoding: { x: { field: 're', type: 'quantitative', title: 'Re z', scale: { domainRaw: { expr: 'zdom' }, nice: false, zero: false } }, y: { field: 'im', type: 'quantitative', title: 'Im z', scale: { domainRaw: { expr: 'zdom' }, nice: false, zero: false } }, order: { field: 'i', type: 'quantitative' }, detail: { field: 'circle' }, color: { value: SERIES_COLORS.grey } } },
          { data: { name: 'eig' }, mark: { type: 'point', filled: true, size: 90, stroke: SERIES_COLORS.ink, strokeWidth: 0.6, clip: true }, encoding: { x: { field: 're', type: 'quantitative' }, y: { field: 'im', type: 'quantitative' }, color: { ...colorEnc(domain), legend: null }, opacity: fade(1), shape: { field: 'regime', type: 'nominal', scale: { domain: present, range: present.map((r) => REGIME_SHAPES[r]) }, legend: { orient: 'bottom', direction: 'horizontal', title: null, symbolFillColor: SERIES_COLORS.grey, symbolStrokeColor: SERIES_COLORS.ink } }, tooltip: [{ field: 'dir' }, { field: 'regime' }, { field: 're', format: '.4f' }, { field: 'im', format: '.4f' }] } },
        ],
      }, `Eigenvalues of the iteration matrix of each of the ${domain.length} directions in the complex plane, shaped by regime (${present.join(', ')}), with the circles |z| = sqrt(beta) and |z| = 1`),
    };
  };

  let domainKey = '';
  let tableKey = '';
  const update = async () => {
    const t0 = performance.now();
    const st = s();
    const hs = curvaturesOf(st);
    const lm = linearMethod(st.method, { alpha: st.alpha, beta: st.beta });
    // Each direction is named by its curvature and its regime; the legends are rebuilt when a regime changes.
    const regimes = Array.from(hs, (x) => directionRegime(lm, x));
    const labels = Array.from(hs, (x, j) => `${dirLabel(x)} · ${regimes[j]}`);
    // The regime legend lists only the regimes drawn (in a fixed order).
    present = REGIMES.filter((r) => regimes.includes(r));
    if (labels.join('|') !== domainKey) { domainKey = labels.join('|'); build(labels); }
    // Simulation: the library's method on the library's diagonal quadratic, from w0 = 1 (v0 = 0).
    const problem = diagonalQuadratic(hs, { x0: new Float64Array(hs.length).fill(1) });
    const opt = st.method === 'hb' ? heavyBall(st.alpha, { beta: st.beta }) : nesterov(st.alpha, { beta: st.beta });
    const state = opt.init(problem, problem.x0);
    const K = st.steps;
    const every = Math.max(1, Math.round(K / 60));
    const sim: Row[] = [], theory: Row[] = [], phase: Row[] = [], eig: Row[] = [];
    const simW = new Float64Array((K + 1) * hs.length);
    simW.set(state.w, 0);
    for (let k = 1; k <= K; k++) {
      opt.step(state, problem);
      simW.set(state.w, k * hs.length);
    }
    if (hs.join('|') !== tableKey) {
      tableKey = hs.join('|');
      table = readoutTable('s3', Array.from(hs, (x, j) => [String(j), dirLabel(x)] as [string, string]), [['regime', 'regime'], ['rate', '|z| max'], ['err', 'max |sim − R^k|']]);
      tableHost.replaceChildren(table.el);
    }
    const rtable = table;
    const closed: { w: ArrayLike<number>; v: ArrayLike<number> }[] = [];
    for (let j = 0; j < hs.length; j++) {
      const dir = labels[j];
      const R = directionMatrix(lm, hs[j]);
      const th = closedFormTrajectory(R, [1, 0], K);
      closed.push(th);
      let err = 0;
      for (let k = 0; k <= K; k++) {
        const ws = simW[k * hs.length + j];
        if (Number.isFinite(ws) && Number.isFinite(th.w[k])) err = Math.max(err, Math.abs(ws - th.w[k]));
        else err = NaN;
        if (k % every === 0) sim.push({ dir, k, w: ws });
      }
      const wx = extent(th.w), vx = extent(th.v);
      for (const k of thin(K + 1, (i) => i, (i) => th.w[i], density(0, K), density(Math.min(wx[0], 0), Math.max(wx[1], 1), 800))) theory.push({ dir, k, w: th.w[k] });
      for (const k of thin(K + 1, (i) => th.w[i], (i) => th.v[i], density(wx[0], wx[1], 800), density(vx[0], vx[1], 800))) phase.push({ dir, k, w: th.w[k], v: th.v[k] });
      const regime: Regime = directionRegime(lm, hs[j]);
      for (const z of directionEigenvalues(lm, hs[j])) eig.push({ dir, re: z.re, im: z.im, regime });
      rtable.set(String(j), 'regime', regime);
      rtable.set(String(j), 'rate', directionRate(lm, hs[j]), 6);
      rtable.set(String(j), 'err', err, 2);
    }
    lastRun = { hs, regimes, K, simW, closed };
    const t = regimeThresholds(lm);
    thresholds.textContent = `Thresholds: T = ${fmt(t.T ?? NaN)}, (1+√β)²/α = ${fmt(t.upperReal ?? NaN)}, divergence at h ≥ ${fmt(t.stability ?? NaN)}.`;
    const circles: Row[] = [];
    for (let i = 0; i <= 120; i++) {
      const a = (2 * Math.PI * i) / 120;
      circles.push({ circle: 'unit', i, re: Math.cos(a), im: Math.sin(a) });
      circles.push({ circle: 'sqrt(beta)', i, re: Math.sqrt(st.beta) * Math.cos(a), im: Math.sqrt(st.beta) * Math.sin(a) });
    }
    // The complex plane zooms onto the eigenvalues when they crowd into a small part of the disc (small alpha: near z = 1).
    let zlo = Infinity, zhi = -Infinity;
    for (const r of eig) for (const c of [r.re as number, r.im as number]) { if (c < zlo) zlo = c; if (c > zhi) zhi = c; }
    const half = Math.max(0.02, ((zhi - zlo) / 2) * 1.3), mid = (zhi + zlo) / 2;
    const zdom = half < 0.3 ? [mid - half, mid + half] : [-1.1, 1.1];
    vEigCaption.textContent = half < 0.3 ? `Eigenvalues of R_j, zoomed onto them (Re, Im ∈ [${fmt(zdom[0], 3)}, ${fmt(zdom[1], 3)}]; circles |z| = √β and |z| = 1)` : 'Eigenvalues of R_j in the complex plane (circles |z| = √β and |z| = 1)';
    const hl = highlighted(st, hs, labels);
    vW.el.dataset.highlight = hl;
    const tc = performance.now();
    record('s3.compute', tc - t0);
    charts!.w.view.signal('hl', hl); charts!.phase.view.signal('hl', hl); charts!.eig.view.signal('hl', hl).signal('zdom', zdom);
    await charts!.w.set({ theory, sim }); const t1 = performance.now(); record('s3.w', t1 - tc);
    await charts!.phase.set({ theory: phase }); const t2 = performance.now(); record('s3.phase', t2 - t1);
    await charts!.eig.set({ eig, circles }); record('s3.eig', performance.now() - t2);
  };

  /** The label of the direction nearest (in log h) to the highlighted curvature, or '' (none). */
  const highlighted = (st: S3, hs: Float64Array, labels: string[]): string => {
    if (!(st.hl > 0)) return '';
    let best = 0;
    for (let j = 1; j < hs.length; j++) if (Math.abs(Math.log(hs[j] / st.hl)) < Math.abs(Math.log(hs[best] / st.hl))) best = j;
    return labels[best];
  };
  /** A highlight change alone costs three signal updates, not a recomputation. */
  const showHighlight = async () => {
    const st = s();
    const hs = curvaturesOf(st);
    const hl = highlighted(st, hs, domainKey.split('|'));
    vW.el.dataset.highlight = hl;
    await Promise.all([charts!.w.signal({ hl }), charts!.phase.signal({ hl }), charts!.eig.signal({ hl })]);
  };

  /** Every direction, every step: the library's simulated w and the closed form R^k (w and v), with h and the regime. */
  let lastRun: { hs: Float64Array; regimes: Regime[]; K: number; simW: Float64Array; closed: { w: ArrayLike<number>; v: ArrayLike<number> }[] } | null = null;
  const csvRows = (): Row[] => {
    if (!lastRun) return [];
    const { hs, regimes, K, simW, closed } = lastRun;
    const rows: Row[] = [];
    for (let j = 0; j < hs.length; j++) {
      for (let k = 0; k <= K; k++) rows.push({ k, direction: j, h: hs[j], regime: regimes[j], w: simW[k * hs.length + j], w_closed_form: closed[j].w[k], v_closed_form: closed[j].v[k] });
    }
    return rows;
  };

  let needFull = false;
  const schedule = frameScheduler(async () => {
    if (!needFull) return timed('s3.highlight', showHighlight);
    needFull = false;
    return timed('s3.update', update);
  });
  const offscreen = whenVisible(p.el, schedule);
  store.subscribe(sec, (_s, changed) => {
    if (!changed.every((c) => c === 'hl')) needFull = true;
    if (isLinked() && offscreen.hidden) { offscreen.dirty = true; return; } // from section 4 while off screen: drawn when in view
    schedule();
  });
  await timed('s3.update', update);
}

export const s3: Section = {
  id: 's3',
  title: 'Eigendirections',
  summary: 'Heavy ball and Nesterov direction by direction: the lecture\'s β = 0.9 and β = 0.999 figures, the phase plane, and the eigenvalues of every direction.',
  shape,
  mount,
};
