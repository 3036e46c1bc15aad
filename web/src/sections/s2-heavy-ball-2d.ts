// Section 2: GD, heavy ball and Nesterov side by side on a 2-D problem, with a draggable start; the same run in the
// Hessian's eigenbasis; loss against k.
import type { Section } from './section.js';
import { sh } from '../ui/export.js';
import { choice, num, subset } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, checkboxes, readoutTable } from '../ui/controls.js';
import { Chart, squareSide, type Row } from '../ui/chart.js';
import { METHOD_COLORS, METHOD_LABELS, methodColor } from '../ui/colors.js';
import { paint, imageLayer, imageRow } from '../ui/raster.js';
import { trajectory, type Path } from '../ui/trajectory.js';
import { thin, density, extent } from '../ui/decimate.js';
import { ruleFormula } from '../ui/method-picker.js';
import { timed, frameScheduler } from '../perf.js';
import { h, fmt } from '../ui/dom.js';
import {
  createProblem, denseQuadratic, fromRows, gradientDescent, heavyBall, nesterov, linearMethod, worstRateOverSpectrum, methods, tuningRule,
  type Problem, type Optimizer,
} from '../lib.js';

const METHODS = ['gd', 'hb', 'nag'] as const;
type M = (typeof METHODS)[number];

const shape = {
  problem: choice(['quadratic', 'rosenbrock', 'banana'] as const, 'quadratic'),
  kappa: num(1, 1000, 25),
  theta: num(-90, 90, 30),
  alpha: num(1e-5, 4, 1),
  beta: num(0, 0.999, 0.64),
  steps: num(1, 2000, 1000, { int: true }),
  x0: num(-10, 10, -1.2),
  y0: num(-10, 10, 0.9),
  methods: subset(METHODS, ['gd', 'hb', 'nag']),
};
type S2 = { problem: 'quadratic' | 'rosenbrock' | 'banana'; kappa: number; theta: number; alpha: number; beta: number; steps: number; x0: number; y0: number; methods: M[] };

/** The problem shown: the quadratic with spectrum {1/kappa, 1} rotated by theta, or a registry problem. */
export function problemOf(s: S2): Problem {
  if (s.problem === 'quadratic') {
    const t = (s.theta * Math.PI) / 180;
    const Q = fromRows([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]);
    return denseQuadratic(Float64Array.of(1 / s.kappa, 1), Q, { label: `quadratic kappa=${s.kappa} rotated ${s.theta} deg` });
  }
  return createProblem(s.problem);
}

export function methodOf(key: M, s: S2): Optimizer {
  if (key === 'gd') return gradientDescent(s.alpha);
  if (key === 'hb') return heavyBall(s.alpha, { beta: s.beta });
  return nesterov(s.alpha, { beta: s.beta });
}

/** The equivalent CLI: the rotated quadratic is the diagonal one started at Q^T x0 (same losses, same eigen-coordinates). */
function cliOf(s: S2, problem: Problem): string {
  let spec: string;
  if (s.problem === 'quadratic') {
    const e = new Float64Array(2);
    problem.eigenCoordinates!(Float64Array.of(s.x0, s.y0), e);
    spec = `quadratic:values=${+(1 / s.kappa).toPrecision(12)};1,x0=${+e[0].toPrecision(12)};${+e[1].toPrecision(12)}`;
  } else spec = `${s.problem}:x0=${s.x0};${s.y0}`;
  return s.methods.map((m) => sh`momentum-lab run --problem ${spec} --method ${`${m}:alpha=${s.alpha}${m === 'gd' ? '' : `,beta=${s.beta}`}`} --steps ${s.steps} --tol 0 --format csv`).join('\n');
}

function domainOf(s: S2, problem: Problem): { x: [number, number]; y: [number, number] } {
  if (s.problem === 'quadratic') return { x: [-1.6, 1.6], y: [-1.6, 1.6] };
  const m = problem.minimizer ?? Float64Array.of(1, 1);
  return { x: [m[0] - 2.5, m[0] + 1.5], y: [m[1] - 1.8, m[1] + 2.2] };
}

function lossRaster(problem: Problem, d: { x: [number, number]; y: [number, number] }, n = 180): HTMLCanvasElement {
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
  // Banded (filled-contour) look: quantise log J into levels.
  const levels = 14;
  for (let i = 0; i < field.length; i++) field[i] = Math.floor(((field[i] - lo) / (hi - lo + 1e-12)) * levels) / levels;
  return paint(field, n, n, { ramp: 'ice', lo: -0.35, hi: 1.25 });
}

/** Square, equal-aspect view of the plane: a fixed domain, or (d = null) a symmetric domain set through the param `edom`. */
function spaceSpec(d: { x: [number, number]; y: [number, number] } | null, keys: M[], xTitle: string, yTitle: string, withImage: boolean, side: number): object {
  const free = { domainRaw: { expr: 'edom' }, nice: false, zero: false };
  const x = { field: 'x', type: 'quantitative', scale: d ? { domain: d.x, nice: false, zero: false } : free, title: xTitle };
  const y = { field: 'y', type: 'quantitative', scale: d ? { domain: d.y, nice: false, zero: false } : free, title: yTitle };
  const layers: object[] = [];
  if (withImage) layers.push(imageLayer('bg'));
  layers.push(
    { data: { name: 'traj' }, mark: { type: 'line', clip: true, strokeWidth: 1.6, point: { size: 12, filled: true } }, encoding: { x, y, order: { field: 'k', type: 'quantitative' }, color: methodColor(keys), detail: { field: 'method' } } },
    { data: { name: 'marks' }, mark: { type: 'point', shape: 'diamond', filled: true, size: 140, stroke: '#111827', strokeWidth: 1, clip: true }, encoding: { x, y, color: { field: 'kind', type: 'nominal', scale: { domain: ['start', 'optimum'], range: ['#ffffff', '#111827'] }, legend: null }, tooltip: [{ field: 'kind' }] } },
  );
  const h = d ? Math.round((side * (d.y[1] - d.y[0])) / (d.x[1] - d.x[0])) : side;
  return { width: side, height: h, params: d ? [] : [{ name: 'edom', value: [-1.5, 1.5] }], layer: layers, resolve: { scale: { color: 'independent' } } };
}

function lossSpec(keys: M[], height = 300): object {
  return {
    width: 'container', height, autosize: { type: 'fit-x', contains: 'padding', resize: true },
    data: { name: 'loss' },
    mark: { type: 'line', strokeWidth: 1.6, clip: true },
    encoding: {
      x: { field: 'k', type: 'quantitative', title: 'iteration k' },
      y: { field: 'loss', type: 'quantitative', scale: { type: 'log', domain: [1e-16, 10] }, title: 'J(w⁽ᵏ⁾) − J*', axis: { format: '.0e' } },
      color: methodColor(keys),
    },
  };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const sec = 's2';
  const s = () => store.get<S2>(sec);
  let problem = problemOf(s());
  let charts: { space: Chart; eigen: Chart; loss: Chart } | null = null;
  let last: Record<M, Path> | null = null;

  const p = panel({
    id: 's2-panel',
    title: 'Gradient descent, heavy ball and Nesterov on a 2-D problem',
    formulas: [
      '\\begin{aligned}\\text{HB:}\\;\\; \\mathbf v^{(k+1)} &= \\beta\\,\\mathbf v^{(k)} - \\alpha\\nabla\\mathcal J(\\mathbf w^{(k)})\\\\ \\text{NAG:}\\;\\; \\mathbf v^{(k+1)} &= \\beta\\,\\mathbf v^{(k)} - \\alpha\\nabla\\mathcal J(\\mathbf w^{(k)} + \\beta\\mathbf v^{(k)})\\\\ \\mathbf w^{(k+1)} &= \\mathbf w^{(k)} + \\mathbf v^{(k+1)}\\end{aligned}',
    ],
    idea: 'A heavy ball rolling on the surface $\\mathcal J$: in high-curvature directions successive gradients point in opposite directions and cancel, damping the zig-zag of gradient descent; in low-curvature directions they agree and the ball picks up speed. With $\\beta = 0$ heavy ball is gradient descent. Drag the start point on the contour plot; the right-hand plot is the same run in the Hessian\'s eigenbasis, where every direction evolves on its own.',
    exportSource: {
      name: 'heavy-ball-2d',
      charts: () => (charts ? [{ label: 'contours', chart: charts.space }, { label: 'eigenbasis', chart: charts.eigen }, { label: 'loss', chart: charts.loss }] : []),
      csv: () => (charts ? charts.space.rows('traj') : []),
      cli: () => cliOf(s(), problem),
    },
  });

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
    });
    tune.append(b);
  }

  p.controls.append(
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

  const vSpace = view('Contours of J and the paths (drag to move the start)');
  const vEigen = view('The same runs in the eigenbasis: error along q_min and q_max');
  const vLoss = view('Loss against iteration (log scale)');
  vSpace.plot.classList.add('interactive');
  p.views.append(vSpace.el, vEigen.el, vLoss.el);
  el.append(p.el);

  const build = () => {
    charts?.space.finalize(); charts?.eigen.finalize(); charts?.loss.finalize();
    const st = s();
    const d = domainOf(st, problem);
    const quad = problem.eigenCoordinates !== undefined;
    vEigen.el.hidden = !quad;
    charts = {
      space: new Chart(vSpace.plot, spaceSpec(d, [...METHODS], 'w₁', 'w₂', true, squareSide(vSpace.plot, 460)) as never, { description: 'Contours of the loss with the paths of each method' }),
      eigen: new Chart(vEigen.plot, (quad ? spaceSpec(null, [...METHODS], 'q_min · (w − w*)', 'q_max · (w − w*)', false, squareSide(vEigen.plot, 460)) : lossSpec([...METHODS])) as never, { description: 'Paths in the eigenbasis' }),
      loss: new Chart(vLoss.plot, lossSpec([...METHODS], Math.min(360, squareSide(vSpace.plot, 460))) as never, { description: 'Loss against iteration' }),
    };
    const bg = lossRaster(problem, d);
    return charts.space.set({ bg: [imageRow(bg, d.x[0], d.x[1], d.y[0], d.y[1])] });
  };

  const update = async () => {
    const st = s();
    const x0 = Float64Array.of(st.x0, st.y0);
    const paths = {} as Record<M, Path>;
    const traj: Row[] = [], eig: Row[] = [], loss: Row[] = [];
    let R = 0.05;
    const e = new Float64Array(2);
    for (const m of METHODS) {
      if (!st.methods.includes(m)) { table.set(m, 'loss', '–'); continue; }
      const path = trajectory(problem, methodOf(m, st), x0, st.steps);
      paths[m] = path;
      const label = METHOD_LABELS[m];
      const n = path.steps + 1;
      const d = domainOf(st, problem);
      for (const k of thin(n, (i) => path.w[2 * i], (i) => path.w[2 * i + 1], density(d.x[0], d.x[1]), density(d.y[0], d.y[1]))) {
        traj.push({ method: label, k, x: path.w[2 * k], y: path.w[2 * k + 1] });
      }
      const lg = (i: number) => Math.log10(Math.max(path.loss[i], 1e-16));
      for (const k of thin(n, (i) => i, lg, density(0, st.steps), density(-16, 1, 800))) {
        loss.push({ method: label, k, loss: Math.max(path.loss[k], 1e-16) });
      }
      if (problem.eigenCoordinates) {
        const ec = new Float64Array(2 * n);
        for (let k = 0; k < n; k++) {
          problem.eigenCoordinates(path.w.subarray(2 * k, 2 * k + 2), e);
          ec[2 * k] = e[0]; ec[2 * k + 1] = e[1];
        }
        const ex = extent(ec, 2, 0), ey = extent(ec, 2, 1);
        R = Math.max(R, Math.abs(ex[0]), Math.abs(ex[1]), Math.abs(ey[0]), Math.abs(ey[1]));
        const px = Math.min(density(Math.min(ex[0], 0), Math.max(ex[1], 0)), density(Math.min(ey[0], 0), Math.max(ey[1], 0)));
        for (const k of thin(n, (i) => ec[2 * i], (i) => ec[2 * i + 1], px, px)) eig.push({ method: label, k, x: ec[2 * k], y: ec[2 * k + 1] });
      }
      table.set(m, 'loss', path.divergedAt !== null ? `diverged at k=${path.divergedAt}` : path.loss[path.steps], 4);
    }
    for (const m of METHODS) {
      if (problem.spectrum) {
        const lm = linearMethod(m, { alpha: st.alpha, beta: st.beta });
        table.set(m, 'rate', worstRateOverSpectrum(lm, problem.spectrum), 6);
      } else table.set(m, 'rate', 'n/a');
    }
    last = paths;
    const min = problem.minimizer;
    const marks: Row[] = [{ kind: 'start', x: st.x0, y: st.y0 }];
    if (min) marks.push({ kind: 'optimum', x: min[0], y: min[1] });
    const eigMarks: Row[] = [];
    if (problem.eigenCoordinates) {
      problem.eigenCoordinates(x0, e);
      eigMarks.push({ kind: 'start', x: e[0], y: e[1] }, { kind: 'optimum', x: 0, y: 0 });
    }
    await Promise.all([
      charts!.space.set({ traj, marks }),
      problem.eigenCoordinates ? (charts!.eigen.view.signal('edom', [-1.08 * R, 1.08 * R]), charts!.eigen.set({ traj: eig, marks: eigMarks })) : charts!.eigen.set({ loss }),
      charts!.loss.set({ loss }),
    ]);
  };

  let rebuild = true;
  const schedule = frameScheduler(() => timed('s2.update', async () => {
    if (rebuild) { rebuild = false; problem = problemOf(s()); await build(); }
    await update();
  }));
  store.subscribe(sec, (_st, changed) => {
    if (changed.some((c) => c === 'problem' || c === 'kappa' || c === 'theta')) {
      rebuild = true;
      if (changed.includes('problem')) {
        const np = problemOf(s());
        const start = np.x0;
        const alpha = np.L ? 1 / np.L : s().problem === 'quadratic' ? 1 : 1e-3;
        store.set(sec, { alpha: +alpha.toPrecision(4), x0: start[0], y0: start[1] });
      }
    }
    schedule();
  });

  // Drag the start point.
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
  vSpace.plot.addEventListener('pointerup', () => { dragging = false; });
  void last;

  await timed('s2.update', async () => { rebuild = false; await build(); await update(); });
  p.status.textContent = `${problem.label}. ${fmt(s().steps, 4)} steps per method, recomputed on every change.`;
}

export const s2: Section = {
  id: 's2',
  title: 'Heavy ball on a 2-D problem',
  summary: 'Contours and trajectories of gradient descent, heavy ball and Nesterov, side by side, on a rotated quadratic or the Rosenbrock banana.',
  shape,
  mount,
};
