// Section 4: the spectral radius. (a) rho against h with T marked (the lecture's plot, alpha = 1/h_max); (b) the
// worst rate over [mu, L] on an (alpha, beta) grid, computed by the library's rateMap in a worker, with the
// stability, critical-damping, real/complex and optimal curves; (c) a root locus of every direction's eigenvalues.
import type { Section } from './section.js';
import { shq, sq } from './common.js';
import { num, choice, subset } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, checkboxes, readoutTable, readout } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS, METHOD_LABELS, methodColor } from '../ui/colors.js';
import { paint, imageLayer } from '../ui/raster.js';
import { runJob, Superseded } from '../ui/pool.js';
import { timed, frameScheduler, record } from '../perf.js';
import { fmt } from '../ui/dom.js';
import { thin, density } from '../ui/decimate.js';
import {
  linearMethod, directionRate, regimeThresholds, worstRateOverInterval, rateMapCurves, directionEigenvalues, linspace, logspace,
  linearFormOf, formCharacteristic, formRate, formWorstRate, formThresholds,
} from '../lib.js';
import { methodPicker, specField, specError } from '../ui/method-picker.js';
import type { RasterResult } from '../workers/protocol.js';

const M3 = ['gd', 'hb', 'nag'] as const;
type M = (typeof M3)[number];

const shape = {
  beta1: num(0, 0.9999, 0.81),
  alpha1: num(0.01, 2, 1),
  shown: subset(M3, ['gd', 'hb', 'nag']),
  method: choice(M3, 'hb'),
  kappa: num(1, 1e4, 100),
  alpha: num(1e-4, 8, 1),
  beta: num(0, 0.9999, 0.81),
  n: num(16, 512, 256, { int: true }),
  /** Any other linear method drawn with the trio (its spec; '' = none). */
  pick: specField(''),
};
type S4 = { beta1: number; alpha1: number; shown: M[]; method: M; kappa: number; alpha: number; beta: number; n: number; pick: string };

/** The curvature range of the spectral-radius panel (and of its exported `analyze` commands). */
const RHO_MU = 1e-4, RHO_L = 1;
const PICK_LABEL = 'your method';
const PICK_COLOR = '#9333ea';

const CURVE_LABEL: Record<string, string> = { stability: 'stability limit', criticalDamping: 'critical damping of μ', upperRealComplex: 'real/complex at L' };

const lm = (m: M, alpha: number, beta: number) => (m === 'gd' ? linearMethod('gd', { alpha }) : linearMethod(m, { alpha, beta }));

function rhoPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's4';
  const s = () => store.get<S4>(sec);
  let chart: Chart | null = null;
  const p = panel({
    id: 's4-rho',
    title: 'Spectral radius against curvature',
    formulas: [
      '\\rho(h) = \\begin{cases} \\tfrac12\\big(\\gamma + \\sqrt{\\gamma^2 - 4\\beta}\\big) & h \\le T \\\\ \\sqrt\\beta & T < h < \\tfrac{(1+\\sqrt\\beta)^2}{\\alpha} \\\\ \\tfrac12\\big(|\\gamma| + \\sqrt{\\gamma^2-4\\beta}\\big) & h \\ge \\tfrac{(1+\\sqrt\\beta)^2}{\\alpha}\\end{cases}\\quad \\gamma = 1 + \\beta - \\alpha h',
    ],
    idea: 'With $\\alpha = 1/h_{\\max}$, every direction above $T$ is underdamped and converges at the same rate $\\sqrt\\beta$, while the directions below $T$ are overdamped and slower. So choose $\\beta$ to make the smallest curvature critically damped, $T = h_{\\min}$: $\\beta = (1 - 1/\\sqrt\\kappa)^2$ and $-\\log\\rho = -\\tfrac12\\log\\beta \\approx 1/\\sqrt\\kappa$, against $1/\\kappa$ for gradient descent.',
    erratum: 'The lecture\'s two-case formula holds for $h \\le (1+\\sqrt\\beta)^2/\\alpha$ only; beyond it the eigenvalues are real and negative again ($\\rho$ grows past $\\sqrt\\beta$) and the iteration diverges at $\\alpha h \\ge 2(1+\\beta)$. Push $\\alpha$ above 1 to see the third branch. Also $T = (1-\\sqrt\\beta)^2/\\alpha$, not $\\alpha^{-1}(1\\,\\sqrt\\beta)^2$.',
    exportSource: {
      name: 'spectral-radius',
      charts: () => (chart ? [{ label: 'rho vs h', chart }] : []),
      cli: () => `momentum-lab analyze --method hb:alpha=${s().alpha1},beta=${s().beta1} --mu 0.0001 --L 1 --format json\nmomentum-lab plot spectral-radius:beta=${s().beta1} --out spectral-radius.svg` +
        (s().pick && !specError(s().pick, { mu: RHO_MU, L: RHO_L }) ? `\nmomentum-lab analyze --method ${sq(s().pick)} --mu 0.0001 --L 1 --format json` : ''),
    },
  });
  p.controls.append(
    slider(store, sec, 'beta1', { label: 'momentum', symbol: 'β', min: 0, max: 0.9999, step: 0.0001 }),
    slider(store, sec, 'alpha1', { label: 'learning rate, in units of 1/h_max', symbol: 'α', min: 0.01, max: 2, step: 0.01 }),
    checkboxes(store, sec, 'shown', 'Methods', M3.map((m) => [m, METHOD_LABELS[m], METHOD_COLORS[m]])),
    methodPicker(store, sec, 'pick', { label: 'Add any linear method (its own parameters; μ = 10⁻⁴, L = h_max = 1)', context: () => ({ mu: RHO_MU, L: RHO_L }), allowNone: true }),
  );
  const roT = readout('s4.T', 'T = (1 − √β)²/α');
  const roU = readout('s4.upper', '(1 + √β)²/α');
  const roS = readout('s4.stability', 'divergence: h ≥ 2(1 + β)/α');
  const roSq = readout('s4.sqrtbeta', '√β');
  const roPick = readout('s4.pick.rate', 'yours: worst ρ, h ∈ [10⁻⁴, 1]');
  const roPickT = readout('s4.pick.T', 'yours: T');
  p.readouts.append(roT.el, roU.el, roS.el, roSq.el, roPick.el, roPickT.el);
  const v = view('ρ(h) for h ∈ (0, h_max], h_max = 1', 'wide');
  p.views.append(v.el);

  const update = async () => {
    const st = s();
    const alpha = st.alpha1;
    const hs = linspace(1e-4, 1, 500);
    const rows: Row[] = [];
    for (const m of M3) {
      if (!st.shown.includes(m)) continue;
      const meth = lm(m, alpha, st.beta1);
      for (const x of hs) rows.push({ method: METHOD_LABELS[m], h: x, rho: Math.min(directionRate(meth, x), 1.5) });
    }
    // The picked method: its linear form from the registry, rho(h) from the generic form analysis.
    roPick.el.hidden = roPickT.el.hidden = true;
    if (st.pick && !specError(st.pick, { mu: RHO_MU, L: RHO_L })) {
      const { form } = linearFormOf(st.pick, { name: 'spectral radius', mu: RHO_MU, L: RHO_L });
      const ch = formCharacteristic(form);
      for (const x of hs) rows.push({ method: PICK_LABEL, h: x, rho: Math.min(formRate(form, x, ch), 1.5) });
      const worst = formWorstRate(form, RHO_MU, RHO_L, ch);
      roPick.set(worst.rate, 6);
      roPick.el.hidden = false;
      const th = formThresholds(form, ch);
      if (th?.T != null) { roPickT.set(th.T, 5); roPickT.el.hidden = false; }
    }
    const t = regimeThresholds(lm('hb', alpha, st.beta1));
    roT.set(t.T!, 5); roU.set(t.upperReal!, 5); roS.set(t.stability!, 5); roSq.set(Math.sqrt(st.beta1), 5);
    const rules: Row[] = [];
    if (t.T! <= 1) rules.push({ h: t.T, label: 'T' });
    if (t.upperReal! <= 1) rules.push({ h: t.upperReal, label: '(1+√β)²/α' });
    if (t.stability! <= 1) rules.push({ h: t.stability, label: 'divergence' });
    await chart!.set({ rho: rows, rules, level: [{ y: Math.sqrt(st.beta1), label: '√β' }] });
  };
  const start = async () => {
    chart = new Chart(v.plot, {
      width: 'container', height: 280, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      layer: [
        { data: { name: 'level' }, mark: { type: 'rule', strokeDash: [4, 4], color: '#9ca3af' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
        { data: { name: 'level' }, mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#6b7280' }, encoding: { y: { field: 'y', type: 'quantitative' }, x: { datum: 0 }, text: { field: 'label' } } },
        { data: { name: 'rules' }, mark: { type: 'rule', color: '#111827', strokeDash: [2, 3] }, encoding: { x: { field: 'h', type: 'quantitative' } } },
        { data: { name: 'rules' }, mark: { type: 'text', angle: 0, align: 'left', dx: 3, baseline: 'top', color: '#111827', fontWeight: 600 }, encoding: { x: { field: 'h', type: 'quantitative' }, y: { datum: 1.12 }, text: { field: 'label' } } },
        { data: { name: 'rho' }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: {
          x: { field: 'h', type: 'quantitative', title: 'curvature h', scale: { domain: [0, 1] } },
          y: { field: 'rho', type: 'quantitative', title: 'spectral radius ρ', scale: { domain: [0, 1.15] } },
          color: { ...methodColor([...M3]), scale: { domain: [...M3.map((m) => METHOD_LABELS[m]), PICK_LABEL], range: [...M3.map((m) => METHOD_COLORS[m]), PICK_COLOR] } },
        } },
      ],
    } as never, { description: 'Spectral radius against curvature' });
    const schedule = frameScheduler(() => timed('s4.rho', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => ['beta1', 'alpha1', 'shown', 'pick'].includes(c))) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

function mapPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's4';
  const s = () => store.get<S4>(sec);
  let map: Chart | null = null, locus: Chart | null = null;
  const p = panel({
    id: 's4-map',
    title: 'The (α, β) rate map: worst ρ over [μ, L], and the root locus',
    formulas: ['\\rho^\\star(\\alpha,\\beta) = \\max_{h\\in[\\mu, L]} \\rho\\big(R(\\alpha,\\beta,h)\\big)', '\\alpha^\\star = \\frac{4}{(\\sqrt L + \\sqrt\\mu)^2},\\ \\beta^\\star = \\Big(\\frac{\\sqrt\\kappa - 1}{\\sqrt\\kappa + 1}\\Big)^2'],
    idea: 'Every (α, β) pair gets the worst spectral radius over all curvatures in $[\\mu, L]$ (colour; grey = divergent). The curves are where something changes: the stability limit, critical damping of $\\mu$ (below it the slowest direction is overdamped), and the upper real/complex boundary of $L$; the diamond is the optimum (Polyak for heavy ball). Click the map to move the point; the root locus on the right shows the eigenvalues of every direction $h\\in[\\mu, L]$ at that point.',
    exportSource: {
      name: 'rate-map',
      charts: () => (map && locus ? [{ label: 'rate map', chart: map }, { label: 'root locus', chart: locus }] : []),
      csv: () => mapCsv(),
      cli: () => {
        const st = s();
        return `momentum-lab analyze --method ${shq(st.method)}:alpha=${st.alpha}${st.method === 'gd' ? '' : `,beta=${st.beta}`} --mu ${+(1 / st.kappa).toPrecision(10)} --L 1 --format json\n` +
          `momentum-lab tune --method ${shq(st.method)} --mu ${+(1 / st.kappa).toPrecision(10)} --L 1 --format json`;
      },
    },
  });
  /** The last rate map drawn (for the CSV export), and the canvas it is painted into (reused, shown under the chart). */
  let last: { field: Float32Array; n: number; alpha: [number, number]; method: M } | null = null;
  const rasterCanvas = document.createElement('canvas');
  const mapCsv = (): Row[] => {
    if (!last) return [];
    const { field, n, alpha, method } = last;
    const alphas = linspace(alpha[0], alpha[1], n);
    const betas = method === 'gd' ? [0] : linspace(0.9999, 0, n); // the worker's rows: beta from top to bottom
    const rows: Row[] = [];
    for (let r = 0; r < betas.length; r++) {
      for (let c = 0; c < n; c++) {
        const v = field[r * n + c];
        rows.push({ alpha: alphas[c], beta: betas[r], worst_rho: Number.isFinite(v) ? +v.toPrecision(7) : null });
      }
    }
    return rows;
  };
  p.controls.append(
    segmented(store, sec, 'method', 'Method', [['gd', 'GD'], ['hb', 'Heavy ball'], ['nag', 'Nesterov']]),
    slider(store, sec, 'kappa', { label: 'condition number (μ = 1/κ, L = 1)', symbol: 'κ', min: 1, max: 1e4, log: true }),
    slider(store, sec, 'alpha', { label: 'learning rate', symbol: 'α', min: 1e-4, max: 8, log: true }),
    slider(store, sec, 'beta', { label: 'momentum', symbol: 'β', min: 0, max: 0.9999, step: 0.0001 }),
    slider(store, sec, 'n', { label: 'grid size (n × n)', symbol: 'n', min: 16, max: 512, step: 1 }),
  );
  const table = readoutTable('s4', [['point', 'your (α, β)'], ['optimal', 'optimum']], [['alpha', 'α'], ['beta', 'β'], ['rate', 'worst ρ']]);
  const roMs = readout('s4.mapms', 'rate map time (worker), ms');
  p.readouts.append(table.el, roMs.el);
  const vMap = view('Worst spectral radius over [μ, L] (colour; grey: divergent), α across, β up');
  const vLocus = view('Root locus: eigenvalues for every h ∈ [μ, L] (colour: log h)');
  vMap.plot.classList.add('interactive');
  p.views.append(vMap.el, vLocus.el);

  /** Linear alpha axis up to just past the stability limit at beta -> 1 (HB 4/L, NAG 4/(3L), GD 2/L). */
  const alphaRange = (st: S4): [number, number] => [0, (st.method === 'hb' ? 4 : st.method === 'nag' ? 4 / 3 : 2) * 1.08];
  /** The worst rate at the optimum: the bottom of the colour scale. */
  const rateAtOptimum = (st: S4) => rateMapCurves(st.method, [0.5], { mu: 1 / st.kappa, L: 1 }).optimal.rate;
  /**
   * The curves, marks, colour legend and root locus for the current state (and the read-outs), drawn at input time
   * (once per frame); the raster follows when the worker delivers it, drawn under the chart without a Vega redraw.
   */
  const drawCurves = async () => {
    const st = s();
    const mu = 1 / st.kappa;
    const betas = st.method === 'gd' ? linspace(0, 0.9999, 2) : linspace(0, 0.9999, 300);
    const { curves, optimal } = rateMapCurves(st.method, betas, { mu, L: 1 });
    const [a0, a1] = alphaRange(st);
    const rows: Row[] = [];
    // Thinned to the drawing resolution (Vega builds one scenegraph item per vertex).
    for (const c of curves) {
      const inside: number[] = [];
      c.betas.forEach((_b, i) => { const a = c.alphas[i]; if (a >= a0 && a <= a1) inside.push(i); });
      for (const k of thin(inside.length, (j) => c.alphas[inside[j]], (j) => c.betas[inside[j]], density(a0, a1), density(0, 1))) {
        const i = inside[k];
        rows.push({ curve: CURVE_LABEL[c.name], alpha: c.alphas[i], beta: c.betas[i], i });
      }
    }
    const point = worstRateOverInterval(lm(st.method, st.alpha, st.beta), mu, 1);
    table.set('point', 'alpha', st.alpha, 5); table.set('point', 'beta', st.method === 'gd' ? 0 : st.beta, 5); table.set('point', 'rate', point.rate, 6);
    table.set('optimal', 'alpha', optimal.alpha, 5); table.set('optimal', 'beta', optimal.beta, 5); table.set('optimal', 'rate', optimal.rate, 6);
    const marks: Row[] = [{ kind: 'optimum', alpha: optimal.alpha, beta: optimal.beta }, { kind: 'your point', alpha: st.alpha, beta: st.method === 'gd' ? 0 : st.beta }];
    // Root locus at the point.
    const meth = lm(st.method, st.alpha, st.beta);
    const loc: Row[] = [];
    for (const x of logspace(mu, 1, 160)) for (const z of directionEigenvalues(meth, x)) loc.push({ re: z.re, im: z.im, logh: Math.log10(x) });
    const circle: Row[] = [];
    for (let i = 0; i <= 120; i++) { const a = (2 * Math.PI * i) / 120; circle.push({ i, re: Math.cos(a), im: Math.sin(a) }); }
    const legend = [{ rho: rateAtOptimum(st), alpha: a0, beta: 0 }, { rho: 1, alpha: a0, beta: 0 }];
    await Promise.all([map!.set({ curves: rows, marks, legend }), locus!.set({ loc, circle })]);
  };
  /**
   * Compute the map in a worker and paint it into the canvas drawn under the chart (no PNG, no Vega redraw: the
   * legend and curves were redrawn at input time by drawCurves).
   */
  let busyTimer = 0;
  const drawMap = async () => {
    const st = s();
    const [a0, a1] = alphaRange(st);
    try {
      const t0 = performance.now();
      const da = (a1 - a0) / st.n;
      const res = (await runJob('s4.ratemap', { type: 'ratemap', method: st.method, mu: 1 / st.kappa, L: 1, alpha: [a0 + da / 2, a1 - da / 2], beta: [0, 0.9999], n: st.n, logAlpha: false })) as RasterResult;
      paint(res.field!, res.width, res.height, { ramp: 'viridis', lo: rateAtOptimum(st), hi: 1, invalidAbove: 0.99999999, invalid: [226, 228, 233, 255] }, rasterCanvas);
      last = { field: res.field!, n: res.width, alpha: [a0 + da / 2, a1 - da / 2], method: st.method };
      await map!.setRaster('bg', rasterCanvas, a0, a1, 0, 0.9999);
      const total = performance.now() - t0;
      record('s4.ratemap.total', total);
      record('s4.ratemap.worker', res.ms);
      if (st.n === 256) record('s4.ratemap256', total);
      roMs.set(`${fmt(res.ms, 3)} (compute) · ${fmt(total, 3)} (total)`);
      clearTimeout(busyTimer);
      p.status.classList.remove('busy');
      const done = `${st.n}×${st.n} grid = ${st.n * st.n} worst-case rates from rateMap() in a Web Worker.`;
      if (p.status.textContent !== done) p.status.textContent = done; // an unchanged text costs no layout
    } catch (e) {
      if (!(e instanceof Superseded)) {
        clearTimeout(busyTimer);
        throw e;
      }
    }
  };
  const createCharts = () => {
    // No grid: the raster covers the plot area (it is drawn under the Vega canvas, so a grid would show through).
    const x = { field: 'alpha', type: 'quantitative', title: 'learning rate α', scale: { domain: alphaRange(s()), nice: false }, axis: { grid: false } };
    const y = { field: 'beta', type: 'quantitative', title: 'momentum β', scale: { domain: [0, 1], nice: false }, axis: { grid: false } };
    map = new Chart(vMap.plot, {
      width: 'container', height: 320, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      layer: [
        { ...imageLayer('bg'), encoding: { ...(imageLayer('bg') as { encoding: Record<string, unknown> }).encoding, x: { field: 'x', type: 'quantitative', scale: { domain: alphaRange(s()), nice: false }, title: 'learning rate α', axis: { grid: false } }, y: { field: 'y', type: 'quantitative', scale: { domain: [0, 1], nice: false }, title: 'momentum β', axis: { grid: false } } } },
        { data: { name: 'legend' }, mark: { type: 'point', opacity: 0 }, encoding: { x, y, color: { field: 'rho', type: 'quantitative', title: 'worst ρ', scale: { scheme: 'viridis' }, legend: { orient: 'right', gradientLength: 160, format: '.3f' } } } },
        { data: { name: 'curves' }, mark: { type: 'line', strokeWidth: 1.6, clip: true }, encoding: { x, y, order: { field: 'i', type: 'quantitative' }, color: { field: 'curve', type: 'nominal', title: null, scale: { domain: Object.values(CURVE_LABEL), range: ['#dc2626', '#f97316', '#e879f9'] }, legend: { orient: 'bottom', direction: 'horizontal' } }, strokeDash: { field: 'curve', type: 'nominal', title: null, scale: { domain: Object.values(CURVE_LABEL), range: [[1, 0], [5, 3], [2, 2]] }, legend: { orient: 'bottom', direction: 'horizontal' } } } },
        { data: { name: 'marks' }, mark: { type: 'point', filled: true, size: 120, stroke: '#111827', strokeWidth: 1.2, clip: true }, encoding: { x, y, shape: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['optimum', 'your point'], range: ['diamond', 'circle'] }, legend: { orient: 'top', direction: 'horizontal' } }, fill: { value: '#ffffff' } } },
      ],
      resolve: { scale: { color: 'independent', shape: 'independent' } },
    } as never, { description: 'Rate map over alpha and beta' });
    locus = new Chart(vLocus.plot, {
      width: 250, height: 250,
      layer: [
        { data: { name: 'circle' }, mark: { type: 'line', strokeDash: [4, 3], color: '#9ca3af', strokeWidth: 1 }, encoding: { x: { field: 're', type: 'quantitative', scale: { domain: [-1.1, 1.1] }, title: 'Re z' }, y: { field: 'im', type: 'quantitative', scale: { domain: [-1.1, 1.1] }, title: 'Im z' }, order: { field: 'i', type: 'quantitative' } } },
        { data: { name: 'loc' }, mark: { type: 'circle', size: 14, opacity: 0.9, clip: true }, encoding: { x: { field: 're', type: 'quantitative' }, y: { field: 'im', type: 'quantitative' }, color: { field: 'logh', type: 'quantitative', title: 'log₁₀ h', scale: { scheme: 'plasma' }, legend: { orient: 'bottom', gradientLength: 140 } } } },
      ],
    } as never, { description: 'Root locus of the eigenvalues' });
  };
  const start = async () => {
    createCharts();
    const clickToPoint = (ev: PointerEvent) => {
      const pt = map?.invert(ev.clientX, ev.clientY);
      if (!pt) return;
      const [a0, a1] = alphaRange(s());
      if (pt.x <= a0 || pt.x > a1 || pt.y < 0 || pt.y > 0.9999) return;
      store.set(sec, { alpha: Math.max(1e-4, +pt.x.toPrecision(4)), beta: +pt.y.toFixed(4) });
    };
    let down = false;
    vMap.plot.addEventListener('pointerdown', (e) => { down = true; vMap.plot.setPointerCapture(e.pointerId); clickToPoint(e); });
    vMap.plot.addEventListener('pointermove', (e) => { if (down) clickToPoint(e); });
    vMap.plot.addEventListener('pointerup', () => { down = false; });
    const scheduleCurves = frameScheduler(() => timed('s4.curves', drawCurves));
    store.subscribe(sec, (_s, changed) => {
      if (changed.some((c) => ['method', 'kappa', 'n'].includes(c))) {
        // The busy notice only for a slow map: shown at once it would cost a layout and paint in the frame the map
        // usually arrives in (a 256 x 256 map takes a few ms).
        clearTimeout(busyTimer);
        busyTimer = window.setTimeout(() => { p.status.classList.add('busy'); p.status.textContent = 'computing the rate map in a worker…'; }, 150);
        if (changed.includes('method')) { void rebuild(); return; }
        void drawMap();
      }
      if (changed.some((c) => ['method', 'kappa', 'alpha', 'beta'].includes(c))) scheduleCurves();
    });
    await Promise.all([drawMap(), drawCurves()]);
  };
  // The alpha range depends on the method: rebuild the map chart's scales.
  const rebuild = async () => {
    map?.finalize(); locus?.finalize();
    vMap.plot.replaceChildren(); vLocus.plot.replaceChildren();
    createCharts();
    await Promise.all([drawMap(), drawCurves()]);
  };
  return { el: p.el, start };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const a = rhoPanel(store);
  const b = mapPanel(store);
  el.append(a.el, b.el);
  await Promise.all([a.start(), b.start()]);
}

export const s4: Section = {
  id: 's4',
  title: 'Spectral radius',
  summary: 'ρ against h with the critical curvature T, and the whole (α, β) plane: worst-case rate maps for GD, heavy ball and Nesterov, with the root locus.',
  shape,
  mount,
};
