// Section 2: GD, heavy ball and Nesterov side by side on a 2-D problem, with a draggable start; the same run in the
// Hessian's eigenbasis; loss against k.
import type { Section } from './section.js';
import { sh } from '../ui/export.js';
import { choice, num, subset } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, checkboxes, readoutTable } from '../ui/controls.js';
import { Chart, squareSide, type Row } from '../ui/chart.js';
import { METHOD_COLORS, METHOD_LABELS, SERIES_COLORS, methodColor } from '../ui/colors.js';
import { paint, imageLayer, imageRow } from '../ui/raster.js';
import { trajectory, firstBelow, type Path } from '../ui/trajectory.js';
import { thin, density, extent } from '../ui/decimate.js';
import { ruleFormula } from '../ui/method-picker.js';
import { timed, frameScheduler, record } from '../perf.js';
import { h, fmt, uniqueId } from '../ui/dom.js';
import { isLinked, whenVisible } from './common.js';
import {
  createProblem, denseQuadratic, fromRows, gradientDescent, heavyBall, nesterov, linearMethod, worstRateOverSpectrum, methods, tuningRule,
  type Problem, type Optimizer,
} from '../lib.js';

/** A chart whose accessible name is `description` (Vega takes the spec's description as the container's aria-label). */
function named(el: HTMLElement, spec: object, description: string): Chart {
  return new Chart(el, { ...spec, description } as never, { description });
}

const METHODS = ['gd', 'hb', 'nag'] as const;
type M = (typeof METHODS)[number];

const shape = {
  problem: choice(['quadratic', 'rosenbrock', 'banana'] as const, 'quadratic'),
  kappa: num(1, 1000, 25),
  theta: num(-90, 90, 30),
  // Default 1.5/L = 0.78 * 2/(L + mu) at kappa = 25: 1 - alpha L = -0.5, so GD's steep coordinate flips sign every
  // step (the zig-zag), and Nesterov at beta = 0.4 is still stable (it needs alpha L < 2(1 + beta)/(1 + 2 beta) = 1.56).
  alpha: num(1e-5, 4, 1.5),
  beta: num(0, 0.999, 0.4),
  steps: num(1, 2000, 1000, { int: true }),
  x0: num(-10, 10, -1.2),
  y0: num(-10, 10, 0.9),
  // Nesterov is one tick away: at a step this large its steep direction oscillates longer than GD's (the story is GD vs HB).
  methods: subset(METHODS, ['gd', 'hb']),
  /** The step scrubber: the ball sits at w^(k) of every method (at its last iterate if it stopped earlier). */
  k: num(0, 2000, 0, { int: true }),
};
type S2 = { problem: 'quadratic' | 'rosenbrock' | 'banana'; kappa: number; theta: number; alpha: number; beta: number; steps: number; x0: number; y0: number; methods: M[]; k: number };

/** The problem shown: the quadratic with spectrum {1/kappa, 1} rotated by theta, or a registry problem. */
export function problemOf(s: S2): Problem {
  if (s.problem === 'quadratic') {
    const t = (s.theta * Math.PI) / 180;
    const Q = fromRows([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]);
    return denseQuadratic(Float64Array.of(1 / s.kappa, 1), Q, { label: `quadratic κ = ${fmt(s.kappa, 4)} rotated ${fmt(s.theta, 3)}°` });
  }
  return createProblem(s.problem);
}

export function methodOf(key: M, s: S2): Optimizer {
  if (key === 'gd') return gradientDescent(s.alpha);
  if (key === 'hb') return heavyBall(s.alpha, { beta: s.beta });
  return nesterov(s.alpha, { beta: s.beta });
}

/** The CLI's --problem spec: the rotated quadratic is the diagonal one started at Q^T x0 (same losses, same eigen-coordinates). */
function problemSpec(s: S2, problem: Problem): string {
  if (s.problem !== 'quadratic') return `${s.problem}:x0=${s.x0};${s.y0}`;
  const e = new Float64Array(2);
  problem.eigenCoordinates!(Float64Array.of(s.x0, s.y0), e);
  return `quadratic:values=${+(1 / s.kappa).toPrecision(12)};1,x0=${+e[0].toPrecision(12)};${+e[1].toPrecision(12)}`;
}

function cliOf(s: S2, problem: Problem): string {
  const spec = problemSpec(s, problem);
  return s.methods.map((m) => sh`momentum-lab run --problem ${spec} --method ${`${m}:alpha=${s.alpha}${m === 'gd' ? '' : `,beta=${s.beta}`}`} --steps ${s.steps} --tol 0 --format csv`).join('\n');
}

type Box = { x: [number, number]; y: [number, number] };

/** The plotted window: the problem's own, grown (same aspect) to hold a start placed outside it. */
export function domainOf(s: S2, problem: Problem): Box {
  if (s.problem === 'quadratic') {
    const far = Math.max(Math.abs(s.x0), Math.abs(s.y0));
    const R = far * 1.08 > 1.6 ? Math.ceil(far * 1.15 * 10) / 10 : 1.6;
    return { x: [-R, R], y: [-R, R] };
  }
  const m = problem.minimizer ?? Float64Array.of(1, 1);
  const d: Box = { x: [m[0] - 2.5, m[0] + 1.5], y: [m[1] - 1.8, m[1] + 2.2] };
  const grow = (lo: number, hi: number, v: number): number => (v < lo + 0.05 * (hi - lo) ? (lo - v) + 0.15 * (hi - lo) : v > hi - 0.05 * (hi - lo) ? (v - hi) + 0.15 * (hi - lo) : 0);
  const g = Math.max(grow(d.x[0], d.x[1], s.x0), grow(d.y[0], d.y[1], s.y0));
  if (g > 0) { d.x = [d.x[0] - g, d.x[1] + g]; d.y = [d.y[0] - g, d.y[1] + g]; }
  return d;
}

function lossRaster(problem: Problem, d: Box, n = 180): HTMLCanvasElement {
  const field = new Float32Array(n * n);
  const w = new Float64Array(2);
  const jStar = problem.minValue ?? 0;
  let lo = Infinity, hi = -Infinity;
  for (let r = 0; r < n; r++) {
    w[1] = d.y[1] - ((r + 0.5) / n) * (d.y[1] - d.y[0]);
    for (let c = 0; c < n; c++) {
      w[0] = d.x[0] + ((c + 0.5) / n) * (d.x[1] - d.x[0]);
      const v = Math.log10(Math.max(problem.value(w) - jStar, 1e-12));
      field[r * n + c] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  // Banded (filled-contour) look in light neutral greys (never a method's colour): quantise log J into levels.
  const levels = 14;
  for (let i = 0; i < field.length; i++) field[i] = Math.floor(((field[i] - lo) / (hi - lo + 1e-12)) * levels) / levels;
  return paint(field, n, n, { ramp: 'greys', lo: -0.1, hi: 3.4 });
}

const INK = SERIES_COLORS.ink;

/** Square, equal-aspect view of the plane: a fixed domain, or (d = null) a symmetric domain set through the param `edom`. */
function spaceSpec(d: Box | null, keys: M[], xTitle: string, yTitle: string, withImage: boolean, side: number): object {
  const free = { domainRaw: { expr: 'edom' }, nice: false, zero: false };
  const x = { field: 'x', type: 'quantitative', scale: d ? { domain: d.x, nice: false, zero: false } : free, title: xTitle };
  const y = { field: 'y', type: 'quantitative', scale: d ? { domain: d.y, nice: false, zero: false } : free, title: yTitle };
  const color = methodColor(keys);
  const gd = METHOD_LABELS.gd;
  const layers: object[] = [];
  if (withImage) layers.push(imageLayer('bg'));
  // GD in its own layer on top: its first step is heavy ball's and Nesterov's first step too (v0 = 0).
  const line = (filter: string, width: number, legend: boolean) => ({
    data: { name: 'traj' }, transform: [{ filter }],
    mark: { type: 'line', clip: true, strokeWidth: width, point: { size: 14, filled: true } },
    encoding: { x, y, order: { field: 'k', type: 'quantitative' }, color: legend ? color : { ...color, legend: null }, detail: { field: 'method' } },
  });
  layers.push(
    line(`datum.method !== '${gd}'`, 1.6, true),
    line(`datum.method === '${gd}'`, 2.2, false),
    { data: { name: 'diverged' }, mark: { type: 'point', shape: 'cross', filled: true, size: 220, stroke: INK, strokeWidth: 1, clip: true }, encoding: { x, y, color: { ...color, legend: null }, tooltip: [{ field: 'method' }, { field: 'text', title: 'divergence' }] } },
    { data: { name: 'marks' }, mark: { type: 'point', shape: 'diamond', filled: true, size: 140, stroke: INK, strokeWidth: 1, clip: true }, encoding: { x, y, color: { field: 'kind', type: 'nominal', scale: { domain: ['start', 'optimum'], range: ['#ffffff', INK] }, legend: null }, tooltip: [{ field: 'kind' }] } },
    { data: { name: 'ball' }, mark: { type: 'circle', size: 190, stroke: INK, strokeWidth: 1.5, opacity: 1, clip: true }, encoding: { x, y, color: { ...color, legend: null }, tooltip: [{ field: 'method' }, { field: 'k' }] } },
  );
  const h = d ? Math.round((side * (d.y[1] - d.y[0])) / (d.x[1] - d.x[0])) : side;
  return { width: side, height: h, params: d ? [] : [{ name: 'edom', value: [-1.5, 1.5] }], layer: layers, resolve: { scale: { color: 'independent' } } };
}

function lossSpec(keys: M[], height = 300): object {
  const x = { field: 'k', type: 'quantitative', title: 'iteration k', scale: { domainRaw: { expr: 'kdom' }, nice: false, zero: false } };
  const y = { field: 'loss', type: 'quantitative', scale: { type: 'log', domainRaw: { expr: 'ldom' } }, title: 'J(w⁽ᵏ⁾) − J*', axis: { format: '.0e' } };
  const color = methodColor(keys);
  return {
    width: 'container', height, autosize: { type: 'fit-x', contains: 'padding', resize: true },
    params: [{ name: 'kdom', value: [0, 100] }, { name: 'ldom', value: [1e-16, 10] }],
    layer: [
      { data: { name: 'loss' }, mark: { type: 'line', strokeWidth: 1.8, clip: true }, encoding: { x, y, color } },
      { data: { name: 'cursor' }, mark: { type: 'rule', color: SERIES_COLORS.grey, strokeWidth: 1, clip: true }, encoding: { x } },
      { data: { name: 'diverged' }, mark: { type: 'rule', strokeDash: [3, 2], strokeWidth: 1.5, clip: true }, encoding: { x, color: { ...color, legend: null } } },
      { data: { name: 'diverged' }, mark: { type: 'text', align: 'right', dx: -4, baseline: 'top', clip: true, fontSize: 12 }, encoding: { x, y: { datum: 0, scale: null }, yOffset: { field: 'row', type: 'quantitative', scale: null }, text: { field: 'text' }, color: { value: INK } } },
    ],
  };
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is >= x (x > 0). */
export function niceUp(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** Set a chart's signal only when its value changed (Vega treats every new array as a change). */
const SIGNALS = new WeakMap<Chart, Map<string, string>>();
function setSignal(chart: Chart, name: string, value: number[]): void {
  let m = SIGNALS.get(chart);
  if (!m) SIGNALS.set(chart, (m = new Map()));
  const key = value.join(',');
  if (m.get(name) === key) return;
  m.set(name, key);
  chart.view.signal(name, value);
}

/** The eigen-coordinates (q_min, q_max components of w - w*) of every iterate of a path, interleaved. */
function eigenPath(problem: Problem, path: Path): Float64Array {
  const n = path.steps + 1;
  const ec = new Float64Array(2 * n);
  const e = new Float64Array(2);
  for (let k = 0; k < n; k++) {
    problem.eigenCoordinates!(path.w.subarray(2 * k, 2 * k + 2), e);
    ec[2 * k] = e[0]; ec[2 * k + 1] = e[1];
  }
  return ec;
}

/** Where the charts stop: the last step any shown method needs to reach 1e-12 J_0 (or diverges), plus 10%. */
function chartEnd(paths: Partial<Record<M, Path>>, steps: number): number {
  let end = 0;
  for (const p of Object.values(paths)) {
    if (!p) continue;
    const k = p.divergedAt ?? firstBelow(p.loss, 1e-12 * Math.max(p.loss[0], 1e-300)) ?? p.steps;
    end = Math.max(end, k);
  }
  return Math.max(1, Math.min(steps, Math.ceil(end * 1.1) + 1));
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const sec = 's2';
  const s = () => store.get<S2>(sec);
  let problem = problemOf(s());
  let charts: { space: Chart; eigen: Chart; loss: Chart } | null = null;
  let last: { paths: Partial<Record<M, Path>>; eig: Partial<Record<M, Float64Array>>; end: number } = { paths: {}, eig: {}, end: 1 };

  const p = panel({
    id: 's2-panel',
    title: 'Gradient descent, heavy ball and Nesterov on a 2-D problem',
    formulas: [
      '\\begin{aligned}\\text{HB:}\\;\\; \\mathbf v^{(k+1)} &= \\beta\\,\\mathbf v^{(k)} - \\alpha\\nabla\\mathcal J(\\mathbf w^{(k)})\\\\ \\text{NAG:}\\;\\; \\mathbf v^{(k+1)} &= \\beta\\,\\mathbf v^{(k)} - \\alpha\\nabla\\mathcal J(\\mathbf w^{(k)} + \\beta\\mathbf v^{(k)})\\\\ \\mathbf w^{(k+1)} &= \\mathbf w^{(k)} + \\mathbf v^{(k+1)}\\end{aligned}',
    ],
    idea: 'A heavy ball rolling on the surface $\\mathcal J$. With a large step ($\\alpha$ near $2/(L+\\mu)$) gradient descent overshoots across the steep direction — the factor $1-\\alpha L$ is negative, so that coordinate flips sign every step: the zig-zag — while it crawls along the shallow one at $1-\\alpha\\mu$. Momentum adds up the gradients: across the valley successive gradients point in opposite directions and cancel, along it they agree and the ball picks up speed. [[Show me β = 0|s2.beta=0]] (heavy ball is then gradient descent); [[critical damping|s2.alpha=1&s2.beta=0.64&s2.kappa=25]] of the shallow direction, $\\beta = (1-\\sqrt{\\alpha\\mu})^2$, where every direction converges at $\\sqrt\\beta$; [[past 2(1 + β)/α it diverges|s2.alpha=3.9]]. [[Add Nesterov|s2.methods=gd,hb,nag]]: at a step this large its steep direction oscillates longer than gradient descent\'s (it is stable only for $\\alpha L < 2(1+\\beta)/(1+2\\beta)$). Drag the start (or focus the plot and use the arrow keys); the right-hand plot is the same run in the Hessian\'s eigenbasis, where every direction evolves on its own; the step scrubber moves the ball along every path.',
    exportSource: {
      name: 'heavy-ball-2d',
      charts: () => (charts ? [{ label: 'contours', chart: charts.space }, { label: 'eigenbasis', chart: charts.eigen }, { label: 'loss', chart: charts.loss }] : []),
      csv: () => csvRows(),
      title: () => titleOf(s()),
      cli: () => cliOf(s(), problem),
    },
  });

  /** Every method, every step: k, method, loss, the eigen-coordinates e0 (q_min), e1 (q_max) and w0, w1 (as the CLI names them). */
  const csvRows = (): Row[] => {
    const rows: Row[] = [];
    for (const m of METHODS) {
      const path = last.paths[m];
      if (!path) continue;
      const ec = last.eig[m];
      for (let k = 0; k <= path.steps; k++) {
        const r: Row = { k, method: m, loss: path.loss[k] };
        if (ec) { r.e0 = ec[2 * k]; r.e1 = ec[2 * k + 1]; }
        r.w0 = path.w[2 * k]; r.w1 = path.w[2 * k + 1];
        rows.push(r);
      }
    }
    return rows;
  };
  const titleOf = (st: S2) => `${problem.label}: α = ${fmt(st.alpha, 4)}, β = ${fmt(st.beta, 4)}, K = ${st.steps}, start (${fmt(st.x0, 4)}, ${fmt(st.y0, 4)}); ${st.methods.map((m) => METHOD_LABELS[m]).join(', ')}`;

  const table = readoutTable('s2', METHODS.map((m) => [m, METHOD_LABELS[m], METHOD_COLORS[m]]), [['loss', 'final J − J*'], ['rate', 'ρ (theory)']]);
  p.readouts.append(table.el);

  // Tuning buttons from the library's tuning rules for heavy ball (the formulas are the rules' own descriptions).
  const tune = h('div', { class: 'export-row' });
  for (const rule of methods().find((m) => m.name === 'hb')!.tuning) {
    const b = h('button', { type: 'button', class: 'btn', text: `Tune (${rule.name}): ${ruleFormula(rule.description)}`, title: `hb:tune=${rule.name}: ${rule.description}`, 'data-tune': rule.name });
    b.addEventListener('click', () => {
      const L = problem.L ?? 1, mu = problem.mu ?? L / 100;
      const { alpha, beta } = tuningRule('hb', rule.name).params(mu, L);
      store.set(sec, { alpha: +alpha.toPrecision(6), beta: +beta.toPrecision(6) });
      store.commit();
    });
    tune.append(b);
  }

  // The step scrubber: a range over [0, the charts' end] and play/pause (scrubbing only under reduced motion).
  const scrubId = uniqueId('s2-k');
  const scrub = h('input', { type: 'range', id: scrubId, min: 0, max: 100, step: 1, value: 0, 'data-key': 's2.k', 'aria-valuetext': 'k = 0' });
  const scrubOut = h('output', { for: scrubId, 'data-readout': 's2.k', text: 'k = 0' });
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  const play = h('button', { type: 'button', class: 'btn', text: 'Play', 'aria-pressed': 'false', 'data-play': 's2' });
  if (reduced) { play.disabled = true; play.title = 'Animation is off (prefers-reduced-motion): use the slider'; }
  let playing = 0;
  const stop = () => { if (playing) cancelAnimationFrame(playing); playing = 0; play.textContent = 'Play'; play.setAttribute('aria-pressed', 'false'); };
  play.addEventListener('click', () => {
    if (playing) { stop(); store.commit(); return; }
    const end = last.end;
    if (s().k >= end) store.set(sec, { k: 0 });
    const stride = Math.max(1, Math.round(end / 240)); // about four seconds at 60 frames per second
    play.textContent = 'Pause'; play.setAttribute('aria-pressed', 'true');
    const tick = () => {
      const k = Math.min(last.end, s().k + stride);
      store.set(sec, { k });
      if (k >= last.end) { stop(); store.commit(); return; }
      playing = requestAnimationFrame(tick);
    };
    playing = requestAnimationFrame(tick);
  });
  scrub.addEventListener('input', () => store.set(sec, { k: Number(scrub.value) }));
  scrub.addEventListener('change', () => store.commit());
  const scrubber = h('div', { class: 'control slider' }, h('label', { for: scrubId, text: 'step k (the ball on every path)' }), h('div', { class: 'slider-row' }, scrub, play), scrubOut);

  p.controls.append(
    scrubber,
    segmented(store, sec, 'problem', 'Problem', [['quadratic', 'Quadratic'], ['rosenbrock', 'Rosenbrock'], ['banana', 'Banana']]),
    slider(store, sec, 'kappa', { label: 'condition number', symbol: 'κ', min: 1, max: 1000, log: true }),
    slider(store, sec, 'theta', { label: 'rotation (degrees)', symbol: 'θ', min: -90, max: 90, step: 1 }),
    slider(store, sec, 'alpha', { label: 'learning rate', symbol: 'α', min: 1e-5, max: 4, log: true }),
    slider(store, sec, 'beta', { label: 'momentum', symbol: 'β', min: 0, max: 0.999, step: 0.001 }),
    slider(store, sec, 'steps', { label: 'steps', symbol: 'K', min: 1, max: 2000, step: 1 }),
    slider(store, sec, 'x0', { label: 'start, first coordinate', min: -10, max: 10, step: 0.01 }),
    slider(store, sec, 'y0', { label: 'start, second coordinate', min: -10, max: 10, step: 0.01 }),
    checkboxes(store, sec, 'methods', 'Methods', METHODS.map((m) => [m, METHOD_LABELS[m], METHOD_COLORS[m]])),
    tune,
  );

  const quadOnly = [...p.controls.querySelectorAll<HTMLElement>('[data-key="s2.kappa"], [data-key="s2.theta"]')].map((e) => e.closest('.control') as HTMLElement);
  const showQuadControls = () => {
    const quad = s().problem === 'quadratic';
    for (const c of quadOnly) { c.classList.toggle('disabled', !quad); for (const i of c.querySelectorAll('input')) i.disabled = !quad; }
  };
  showQuadControls();
  store.subscribe(sec, (_s, changed) => { if (changed.includes('problem')) showQuadControls(); });
  // A link that names a non-quadratic problem but no step gets that problem's default step (1/L is far too large).
  if (s().problem !== 'quadratic' && !new URLSearchParams(location.search).has('s2.alpha')) store.set(sec, { alpha: 1e-3 });

  const vSpace = view('Contours of J and the paths (drag the start, or focus and use the arrow keys)');
  const vEigen = view('The same runs in the eigenbasis: error along q_min and q_max');
  const vLoss = view('Loss against iteration (log scale), up to convergence to 10⁻¹² J₀ or divergence');
  vSpace.plot.classList.add('interactive');
  p.views.append(vSpace.el, vEigen.el, vLoss.el);
  el.append(p.el);

  let builtKey = '';
  const buildKey = (st: S2) => JSON.stringify([st.problem, st.kappa, st.theta, st.methods, domainOf(st, problem)]);
  const build = () => {
    charts?.space.finalize(); charts?.eigen.finalize(); charts?.loss.finalize();
    const st = s();
    builtKey = buildKey(st);
    const d = domainOf(st, problem);
    const quad = problem.eigenCoordinates !== undefined;
    const keys = METHODS.filter((m) => st.methods.includes(m));
    vEigen.el.hidden = !quad;
    const where = st.problem === 'quadratic' ? `the quadratic with κ = ${fmt(st.kappa, 4)} rotated by ${fmt(st.theta, 3)}°` : `the ${st.problem} function`;
    charts = {
      space: named(vSpace.plot, spaceSpec(d, keys, 'w₁', 'w₂', true, squareSide(vSpace.plot, 460)), `Contour plot of ${where} with the paths of ${keys.map((m) => METHOD_LABELS[m]).join(', ')} from a draggable start`),
      eigen: named(vEigen.plot, (quad ? spaceSpec(null, keys, 'q_min · (w − w*)', 'q_max · (w − w*)', false, squareSide(vEigen.plot, 460)) : lossSpec(keys)), `The same paths in the Hessian's eigenbasis (error along q_min across, q_max up) for ${where}`),
      loss: named(vLoss.plot, lossSpec(keys, Math.min(360, squareSide(vSpace.plot, 460))), `Loss J − J* against iteration k on a log scale for ${where}`),
    };
    vSpace.plot.tabIndex = 0;
    vSpace.plot.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown');
    const bg = lossRaster(problem, d);
    return charts.space.set({ bg: [imageRow(bg, d.x[0], d.x[1], d.y[0], d.y[1])] });
  };

  /** The ball: each method's iterate at the scrubbed step (or its last one), in both planes, and the loss chart's cursor. */
  const ballSets = (): { space: Row[]; eigen: Row[]; k: number } => {
    const k = s().k;
    const space: Row[] = [], eigen: Row[] = [];
    // At k = 0 every ball sits on the start, which its own mark already shows.
    if (k === 0) return { space, eigen, k };
    for (const m of METHODS) {
      const path = last.paths[m];
      if (!path) continue;
      const j = Math.min(k, path.steps);
      space.push({ method: METHOD_LABELS[m], k: j, x: path.w[2 * j], y: path.w[2 * j + 1] });
      const ec = last.eig[m];
      if (ec) eigen.push({ method: METHOD_LABELS[m], k: j, x: ec[2 * j], y: ec[2 * j + 1] });
    }
    return { space, eigen, k };
  };
  const showScrub = () => {
    const k = s().k;
    scrub.max = String(last.end);
    scrub.value = String(Math.min(k, last.end));
    scrub.setAttribute('aria-valuetext', `k = ${k}`);
    scrubOut.textContent = `k = ${k}`;
  };
  const updateBall = async () => {
    showScrub();
    const b = ballSets();
    const cursor = [{ k: Math.min(b.k, last.end) }];
    await Promise.all([charts!.space.set({ ball: b.space }), problem.eigenCoordinates ? charts!.eigen.set({ ball: b.eigen }) : charts!.eigen.set({ cursor }), charts!.loss.set({ cursor })]);
  };

  const update = async () => {
    const t0 = performance.now();
    const st = s();
    const x0 = Float64Array.of(st.x0, st.y0);
    const paths: Partial<Record<M, Path>> = {};
    const eigs: Partial<Record<M, Float64Array>> = {};
    // Every method's final loss is in the table (as its rate is); only the ticked ones are drawn and exported.
    for (const m of METHODS) {
      const path = trajectory(problem, methodOf(m, st), x0, st.steps);
      table.set(m, 'loss', path.divergedAt !== null ? `diverged at k=${path.divergedAt}` : path.loss[path.steps], 4);
      if (!st.methods.includes(m)) continue;
      paths[m] = path;
      if (problem.eigenCoordinates) eigs[m] = eigenPath(problem, path);
    }
    const end = chartEnd(paths, st.steps);
    last = { paths, eig: eigs, end };
    const d = domainOf(st, problem);
    const traj: Row[] = [], eig: Row[] = [], loss: Row[] = [], diverged: Row[] = [], eigDiverged: Row[] = [], lossDiverged: Row[] = [];
    // The eigen plane's half-width: the start's coordinates and every converging path (a diverging one is clipped).
    let R = 0.05;
    const e = new Float64Array(2);
    if (problem.eigenCoordinates) { problem.eigenCoordinates(x0, e); R = Math.max(R, Math.abs(e[0]), Math.abs(e[1])); }
    let lossLo = Infinity, lossHi = 0;
    let row = 0;
    for (const m of METHODS) {
      const path = paths[m];
      if (!path) continue;
      const label = METHOD_LABELS[m];
      const n = Math.min(path.steps, end) + 1;
      for (const k of thin(n, (i) => path.w[2 * i], (i) => path.w[2 * i + 1], density(d.x[0], d.x[1]), density(d.y[0], d.y[1]))) {
        traj.push({ method: label, k, x: path.w[2 * k], y: path.w[2 * k + 1] });
      }
      const lg = (i: number) => Math.log10(Math.max(path.loss[i], 1e-300));
      for (const k of thin(n, (i) => i, lg, density(0, end), density(-16, 1, 800))) {
        const v = path.loss[k];
        if (!(v > 0) || !Number.isFinite(v)) continue; // log axis: exact zeros and overflow are not drawn
        loss.push({ method: label, k, loss: v });
        if (v < lossLo) lossLo = v;
        if (v > lossHi) lossHi = v;
      }
      const ec = eigs[m];
      if (ec) {
        if (path.divergedAt === null) {
          const ex = extent(ec.subarray(0, 2 * n), 2, 0), ey = extent(ec.subarray(0, 2 * n), 2, 1);
          R = Math.max(R, Math.abs(ex[0]), Math.abs(ex[1]), Math.abs(ey[0]), Math.abs(ey[1]));
        }
        const ex = extent(ec.subarray(0, 2 * n), 2, 0), ey = extent(ec.subarray(0, 2 * n), 2, 1);
        const px = Math.min(density(Math.min(ex[0], 0), Math.max(ex[1], 0)), density(Math.min(ey[0], 0), Math.max(ey[1], 0)));
        for (const k of thin(n, (i) => ec[2 * i], (i) => ec[2 * i + 1], px, px)) eig.push({ method: label, k, x: ec[2 * k], y: ec[2 * k + 1] });
      }
      if (path.divergedAt !== null) {
        // The mark sits on the last iterate inside the window (the diverging one is far outside it).
        let j = path.steps;
        const inside = (i: number) => path.w[2 * i] >= d.x[0] && path.w[2 * i] <= d.x[1] && path.w[2 * i + 1] >= d.y[0] && path.w[2 * i + 1] <= d.y[1];
        while (j > 0 && !inside(j)) j--;
        const text = `${label} diverges at k = ${path.divergedAt}`;
        diverged.push({ method: label, k: j, x: path.w[2 * j], y: path.w[2 * j + 1], text });
        lossDiverged.push({ method: label, k: path.divergedAt, text, row: 4 + 16 * row++ });
        if (ec) {
          let i = path.steps;
          while (i > 0 && !(Math.abs(ec[2 * i]) <= R && Math.abs(ec[2 * i + 1]) <= R)) i--;
          eigDiverged.push({ method: label, k: i, x: ec[2 * i], y: ec[2 * i + 1], text });
        }
      }
    }
    for (const m of METHODS) {
      if (problem.spectrum) {
        const lm = linearMethod(m, { alpha: st.alpha, beta: st.beta });
        table.set(m, 'rate', worstRateOverSpectrum(lm, problem.spectrum), 6);
      } else table.set(m, 'rate', 'n/a');
    }
    const min = problem.minimizer;
    const marks: Row[] = [{ kind: 'start', x: st.x0, y: st.y0 }];
    if (min) marks.push({ kind: 'optimum', x: min[0], y: min[1] });
    const eigMarks: Row[] = [];
    if (problem.eigenCoordinates) eigMarks.push({ kind: 'start', x: e[0], y: e[1] }, { kind: 'optimum', x: 0, y: 0 });
    // The loss axis: from a decade under the smallest loss drawn (never below 1e-16) to a decade over the largest.
    const ldom = Number.isFinite(lossLo) ? [Math.max(1e-16, lossLo / 10), Math.max(lossHi * 3, lossLo * 100)] : [1e-16, 10];
    const b = ballSets();
    const cursor = [{ k: Math.min(b.k, end) }];
    showScrub();
    const status = statusOf(st, paths, end);
    if (p.status.textContent !== status) p.status.textContent = status;
    const tDraw = performance.now();
    record('s2.compute', tDraw - t0);
    // Axis ranges rounded to nice values and set only when they change: an unchanged scale costs Vega no axis layout.
    const kdom = [0, niceUp(end)];
    const ldomNice = [10 ** Math.floor(Math.log10(ldom[0])), 10 ** Math.ceil(Math.log10(ldom[1]))];
    await charts!.space.set({ traj, marks, diverged, ball: b.space });
    const t1 = performance.now(); record('s2.draw.space', t1 - tDraw);
    if (problem.eigenCoordinates) {
      setSignal(charts!.eigen, 'edom', [-niceUp(1.08 * R), niceUp(1.08 * R)]);
      await charts!.eigen.set({ traj: eig, marks: eigMarks, diverged: eigDiverged, ball: b.eigen });
    } else {
      setSignal(charts!.eigen, 'kdom', kdom); setSignal(charts!.eigen, 'ldom', ldomNice);
      await charts!.eigen.set({ loss, diverged: lossDiverged, cursor });
    }
    const t2 = performance.now(); record('s2.draw.eigen', t2 - t1);
    setSignal(charts!.loss, 'kdom', kdom); setSignal(charts!.loss, 'ldom', ldomNice);
    await charts!.loss.set({ loss, diverged: lossDiverged, cursor });
    record('s2.draw.loss', performance.now() - t2);
    record('s2.draw', performance.now() - tDraw);
  };

  /** The status line, from the state and the runs: problem, parameters, and where each method converged or diverged. */
  const statusOf = (st: S2, paths: Partial<Record<M, Path>>, end: number): string => {
    const parts = METHODS.filter((m) => paths[m]).map((m) => {
      const path = paths[m]!;
      if (path.divergedAt !== null) return `${METHOD_LABELS[m]} diverges at k = ${path.divergedAt}`;
      const k = firstBelow(path.loss, 1e-12 * Math.max(path.loss[0], 1e-300));
      return k !== null ? `${METHOD_LABELS[m]} reaches 10⁻¹² J₀ at k = ${k}` : `${METHOD_LABELS[m]} at ${fmt(path.loss[path.steps] / Math.max(path.loss[0], 1e-300), 3)} J₀ after ${path.steps} steps`;
    });
    return `${problem.label}; α = ${fmt(st.alpha, 4)}, β = ${fmt(st.beta, 4)}, K = ${st.steps}: ${parts.join('; ') || 'no method shown'}. Charts drawn to k = ${end}.`;
  };

  // A change of the scrubbed step alone moves the ball; any other change recomputes the runs (and the ball).
  let needFull = false;
  const schedule = frameScheduler(async () => {
    if (!needFull) return timed('s2.ball', updateBall);
    needFull = false;
    return timed('s2.update', async () => {
      if (buildKey(s()) !== builtKey) { problem = problemOf(s()); await build(); }
      await update();
    });
  });
  store.subscribe(sec, (_st, changed) => {
    if (changed.includes('problem')) {
      const np = problemOf(s());
      const start = np.x0;
      const alpha = np.L ? 1 / np.L : s().problem === 'quadratic' ? 1 : 1e-3;
      store.set(sec, { alpha: +alpha.toPrecision(4), x0: start[0], y0: start[1] });
    }
    if (changed.some((c) => c === 'problem' || c === 'kappa' || c === 'theta')) problem = problemOf(s());
    if (!changed.every((c) => c === 'k')) needFull = true;
    if (isLinked() && offscreen.hidden) { offscreen.dirty = true; return; } // from another section: drawn when in view
    schedule();
  });
  const offscreen = whenVisible(p.el, schedule);

  // Drag the start point (pointer), or move it with the arrow keys when the plot has focus.
  let dragging = false;
  const moveStart = (ev: PointerEvent) => {
    const pt = charts?.space.invert(ev.clientX, ev.clientY);
    if (!pt) return;
    const d = domainOf(s(), problem);
    if (pt.x < d.x[0] || pt.x > d.x[1] || pt.y < d.y[0] || pt.y > d.y[1]) return;
    store.set(sec, { x0: +pt.x.toFixed(3), y0: +pt.y.toFixed(3) });
  };
  vSpace.plot.addEventListener('pointerdown', (ev) => { dragging = true; vSpace.plot.setPointerCapture(ev.pointerId); moveStart(ev); });
  vSpace.plot.addEventListener('pointermove', (ev) => { if (dragging) moveStart(ev); });
  vSpace.plot.addEventListener('pointerup', () => { if (dragging) { dragging = false; store.commit(); } });
  vSpace.plot.addEventListener('keydown', (ev) => {
    const dir: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const v = dir[ev.key];
    if (!v) return;
    ev.preventDefault();
    const d = domainOf(s(), problem);
    const step = ((d.x[1] - d.x[0]) / 50) * (ev.shiftKey ? 5 : 1);
    const clamp = (x: number) => Math.max(-10, Math.min(10, x));
    store.set(sec, { x0: +clamp(s().x0 + v[0] * step).toFixed(3), y0: +clamp(s().y0 + v[1] * step).toFixed(3) });
  });
  vSpace.plot.addEventListener('keyup', (ev) => { if (ev.key.startsWith('Arrow')) store.commit(); });

  await timed('s2.update', async () => { await build(); await update(); });
}

export const s2: Section = {
  id: 's2',
  title: 'Heavy ball on a 2-D problem',
  summary: 'Contours and trajectories of gradient descent, heavy ball and Nesterov, side by side, on a rotated quadratic or the Rosenbrock banana.',
  shape,
  mount,
};
