// Section 7: speed limits. Iterations to a tolerance against kappa (log-log, fitted slopes: GD ~ kappa, HB/NAG/CG ~
// sqrt kappa), run by the library in a worker; and Nesterov's worst function, where iterate k can only reach the first
// k coordinates and the loss can be no lower than 1/(2(k+1)).
import type { Section } from './section.js';
import { num } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, readoutTable } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS, METHOD_LABELS, SERIES_COLORS } from '../ui/colors.js';
import { fitLegend } from '../ui/legend.js';
import { runJobs, Superseded } from '../ui/pool.js';
import { timed, frameScheduler, record } from '../perf.js';
import { fmt } from '../ui/dom.js';
import { colorBy, lineSpec } from './common.js';
import { sh } from '../ui/export.js';
import { createProblem, createMethod, run, krylovSupport, krylovMinimumLoss, logspace } from '../lib.js';
import type { SeriesResult } from '../workers/protocol.js';

const shape = {
  kmax: num(100, 1e5, 1e4),
  D: num(10, 400, 100, { int: true }),
  K: num(1, 200, 20, { int: true }),
};
type S7 = { kmax: number; D: number; K: number };
const SPEED = [
  { key: 'gd', spec: 'gd:tune=optimal' }, { key: 'hb', spec: 'hb:tune=polyak' }, { key: 'nag', spec: 'nag:tune=standard' }, { key: 'cg', spec: 'cg' },
];
const WORST = [
  { key: 'gd', spec: 'gd:alpha=0.25' }, { key: 'hb', spec: 'hb:alpha=0.25,beta=0.9' }, { key: 'nag', spec: 'nag-aspremont:schedule=convex' }, { key: 'cg', spec: 'cg' },
];
const WLABEL: Record<string, string> = { gd: 'GD (α = 1/L)', hb: 'Heavy ball (α = 1/L, β = 0.9)', nag: "Nesterov (convex schedule)", cg: 'CG' };

/** Least-squares slope of log y against log x (display statistics for the fitted exponent). */
function logSlope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const lx = xs.map(Math.log), ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / n, my = ly.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (lx[i] - mx) * (ly[i] - my); sxx += (lx[i] - mx) ** 2; }
  return sxy / sxx;
}

function speedPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's7';
  const s = () => store.get<S7>(sec);
  let chart: Chart | null = null;
  let csv: Row[] = [];
  const p = panel({
    id: 's7-speed',
    title: 'Iterations against condition number',
    formulas: ['k_{\\text{GD}} = \\mathcal O(\\kappa),\\qquad k_{\\text{HB}},\\,k_{\\text{NAG}},\\,k_{\\text{CG}} = \\mathcal O(\\sqrt\\kappa)'],
    idea: 'On a convex quadratic, gradient descent needs $\\mathcal O(\\kappa)$ iterations to reach a given loss, while tuned heavy ball, Nesterov and conjugate gradient need $\\mathcal O(\\sqrt\\kappa)$ — the slopes of the log-log lines. Each point is a real run of the library (dim 200, log-uniform spectrum on $[1/\\kappa, 1]$, to $J - J^\\star \\le 10^{-6}(J_0 - J^\\star)$), computed in a worker; grey dashed lines are slopes 1 and 1/2. The $\\mathcal O(\\sqrt\\kappa)$ counts are worst-case bounds: on a given spectrum Nesterov and especially CG (which adapts to the spectrum) can do better, so their fitted exponents fall below 1/2.',
    exportSource: {
      name: 'speed-limits',
      charts: () => (chart ? [{ label: 'iterations vs kappa', chart }] : []),
      csv: () => csv,
      title: () => `Iterations to J − J* ≤ 1e-6 (J0 − J*) against κ: quadratic dim 200, log-uniform spectrum, κ = 10 … ${fmt(s().kmax, 4)}`,
      cli: () => {
        const spec = `quadratic:dim=200,kappa=${s().kmax},spectrum=loguniform,x0=1`;
        const p0 = createProblem(spec);
        const tol = +(1e-6 * (p0.value(p0.x0) - (p0.minValue ?? 0))).toPrecision(6);
        return SPEED.map((m) => sh`momentum-lab run --problem ${spec} --method ${m.spec} --steps 400000 --tol-on loss --tol ${tol} --record-every 1000 --format json`).join('\n');
      },
    },
  });
  p.controls.append(slider(store, sec, 'kmax', { label: 'largest condition number', symbol: 'κ', min: 100, max: 1e5, log: true }));
  const table = readoutTable('s7', SPEED.map((m) => [m.key, METHOD_LABELS[m.key], METHOD_COLORS[m.key]]), [['slope', 'fitted exponent']]);
  p.readouts.append(table.el);
  const v = view('Iterations to reach 10⁻⁶ of the initial loss (log-log)', 'wide');
  p.views.append(v.el);
  // One worker job per (kappa, method), cheapest first: the small-kappa points draw within a frame or two and the
  // curves grow towards kappa_max as the runs finish (GD at kappa = 10^5 alone takes most of the time).
  const update = async () => {
    const st = s();
    const t0 = performance.now();
    p.status.classList.add('busy');
    p.status.textContent = 'running in a worker…';
    const kappas = Array.from(logspace(10, st.kmax, 8));
    const jobs = kappas.flatMap((kappa) => SPEED.map((m) => ({ type: 'speed' as const, kappas: [kappa], methods: [m], dim: 200, tol: 1e-6, maxSteps: 400000 })));
    const got: (SeriesResult['rows'][number] & { spec?: string })[] = [];
    let workerMs = 0, first = true;
    const draw = async () => {
      const rows: Row[] = [];
      for (const m of SPEED) {
        const pts = got.filter((r) => r.key === m.key && r.iterations !== null).sort((a, b) => (a.kappa as number) - (b.kappa as number));
        for (const r of pts) rows.push({ series: METHOD_LABELS[m.key], kappa: r.kappa, iterations: r.iterations });
        const slope = logSlope(pts.map((r) => r.kappa as number), pts.map((r) => r.iterations as number));
        table.set(m.key, 'slope', Number.isFinite(slope) ? slope : '–', 3);
      }
      const at = (key: string) => got.find((r) => r.key === key && r.kappa === kappas[0] && r.iterations !== null);
      const g = at('gd'), b = at('hb');
      const guides: Row[] = [];
      const hi = Math.max(...got.map((r) => r.kappa as number));
      if (g && b && hi > kappas[0]) {
        for (const k of [kappas[0], hi]) {
          guides.push({ series: 'slope 1', kappa: k, iterations: (g.iterations as number) * (k / kappas[0]) });
          guides.push({ series: 'slope 1/2', kappa: k, iterations: (b.iterations as number) * Math.sqrt(k / kappas[0]) });
        }
      }
      await chart!.set({ it: rows, guides });
    };
    try {
      await runJobs('s7.speed', jobs, async (i, r) => {
        const res = r as SeriesResult;
        workerMs += res.ms;
        for (const row of res.rows) got.push({ ...row, spec: SPEED[i % SPEED.length].spec });
        await draw();
        if (first) { first = false; record('s7.speed.first', performance.now() - t0); }
        p.status.textContent = `${got.length} of ${jobs.length} runs (worker, ${fmt(workerMs, 3)} ms so far)…`;
      });
      csv = kappas.flatMap((kappa) => SPEED.map((m) => {
        const r = got.find((x) => x.key === m.key && x.kappa === kappa)!;
        return { method: m.key, spec: m.spec, kappa, dim: 200, tol: 1e-6, steps: r.iterations, status: r.status };
      }));
      p.status.classList.remove('busy');
      p.status.textContent = `${got.length} runs, ${fmt(workerMs, 3)} ms of worker time; κ from 10 to ${fmt(st.kmax, 4)}.`;
    } catch (e) {
      if (!(e instanceof Superseded)) throw e;
    }
  };
  const start = async () => {
    const spec = lineSpec({ data: 'it', x: 'kappa', y: 'iterations', xTitle: 'condition number κ', yTitle: 'iterations', logX: true, logY: true, height: 280, color: colorBy('series', SPEED.map((m) => m.key)) }) as { mark: object; encoding: { y: { axis: object } } };
    spec.mark = { type: 'line', strokeWidth: 1.8, point: { size: 30 }, clip: true };
    fitLegend(spec, SPEED.map((m) => METHOD_LABELS[m.key]), v.plot);
    spec.encoding.y.axis = { format: '~s' };
    const main = { data: (spec as unknown as { data: object }).data, mark: spec.mark, encoding: spec.encoding };
    const guide = { data: { name: 'guides' }, mark: { type: 'line', strokeDash: [4, 4], color: SERIES_COLORS.grey, strokeWidth: 1.2, clip: true }, encoding: { x: { field: 'kappa', type: 'quantitative' }, y: { field: 'iterations', type: 'quantitative' }, detail: { field: 'series' } } };
    const full = { ...spec, layer: [guide, main] } as Record<string, unknown>;
    delete full.data; delete full.mark; delete full.encoding;
    chart = new Chart(v.plot, full as never, { description: 'Iterations to reach 1e-6 of the initial loss against the condition number kappa, log-log, for GD, heavy ball, Nesterov and CG, with slope-1 and slope-1/2 guides' });
    const schedule = frameScheduler(() => timed('s7.speed', update));
    store.subscribe(sec, (_s, changed) => { if (changed.includes('kmax')) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

function worstPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's7';
  const s = () => store.get<S7>(sec);
  let coords: Chart | null = null, loss: Chart | null = null;
  let worstCsv: Row[] = [];
  const p = panel({
    id: 's7-worst',
    title: "Nesterov's worst function: information diffuses one coordinate per step",
    // Two displays (not one 90-character line): each fits a phone's column.
    formulas: ['\\mathcal J(\\mathbf w) = \\tfrac12(1 - w_1)^2 + \\sum_{j=1}^{D-1}\\tfrac12(w_{j+1} - w_j)^2', '\\min_{\\mathbf w\\in\\mathcal K_k}\\mathcal J(\\mathbf w) = \\frac{1}{2(k+1)}\\quad (k < D)'],
    idea: 'The Hessian is tridiagonal, and from $\\mathbf w = 0$ the Krylov subspace $\\mathcal K_k$ spanned by the first $k$ gradients is spanned by the first $k$ coordinate vectors: iterate $k$ of any method in the oracle model has at most $k$ nonzero coordinates. The best loss on that subspace is exactly $1/(2(k+1))$ (dashed), which no method can beat while $k < D$.',
    erratum: 'The lecture says the minimum achievable loss in $k$ iterations "is $1/k$"; that is its order of magnitude. The exact value for this function is $1/(2(k+1))$.',
    exportSource: {
      name: 'nesterov-worst',
      charts: () => (coords && loss ? [{ label: 'coordinates', chart: coords }, { label: 'loss', chart: loss }] : []),
      csv: () => worstCsv,
      title: () => `Nesterov's worst function: D = ${s().D}, k = ${s().K} steps, GD/HB (α = 1/L), Nesterov (convex schedule), CG, bound 1/(2(k+1))`,
      cli: () => WORST.map((m) => sh`momentum-lab run --problem ${`nesterov-worst:dim=${s().D}`} --method ${m.spec} --steps ${s().K} --tol 0 --format csv`).join('\n'),
    },
  });
  p.controls.append(
    slider(store, sec, 'D', { label: 'dimension', symbol: 'D', min: 10, max: 400, step: 1 }),
    slider(store, sec, 'K', { label: 'iterations', symbol: 'k', min: 1, max: 200, step: 1 }),
  );
  const table = readoutTable('s7.w', [...WORST.map((m) => [m.key, WLABEL[m.key], METHOD_COLORS[m.key]] as [string, string, string]), ['bound', 'bound 1/(2(k+1))', SERIES_COLORS.grey]], [['support', 'nonzeros'], ['loss', 'J(w_k) − J*']]);
  p.readouts.append(table.el);
  const vc = view('Coordinates w_j of iterate k (the support grows one index per step)');
  const vl = view('Loss against k, with the exact Krylov bound');
  p.views.append(vc.el, vl.el);
  const keys = [...WORST.map((m) => WLABEL[m.key]), 'bound 1/(2(k+1))'];
  const colors = { ...Object.fromEntries(WORST.map((m) => [WLABEL[m.key], METHOD_COLORS[m.key]])), 'bound 1/(2(k+1))': SERIES_COLORS.grey };
  const update = async () => {
    const st = s();
    const problem = createProblem(`nesterov-worst:dim=${st.D}`);
    const cr: Row[] = [], lr: Row[] = [], out: Row[] = [];
    for (const m of WORST) {
      const res = run(problem, createMethod(m.spec, problem), { steps: st.K, tol: 0, record: ['loss'] });
      const label = WLABEL[m.key];
      // The CSV: every step's loss (as the CLI's --format csv) and the final iterate's coordinates w_j.
      res.trace.loss.forEach((l, k) => out.push({ method: m.key, spec: m.spec, k, loss: l, bound: krylovMinimumLoss(k, st.D) }));
      for (let j = 0; j < st.D; j++) out.push({ method: m.key, spec: m.spec, k: st.K, j: j + 1, w: res.w[j] });
      for (let j = 0; j < Math.min(st.D, st.K + 15); j++) cr.push({ series: label, j: j + 1, w: res.w[j] });
      res.trace.loss.forEach((l, k) => lr.push({ series: label, k, loss: Math.max(l, 1e-12) }));
      table.set(m.key, 'support', krylovSupport(res.w, 1e-14));
      table.set(m.key, 'loss', res.finalLoss ?? NaN, 5);
    }
    for (let k = 0; k <= st.K; k++) lr.push({ series: 'bound 1/(2(k+1))', k, loss: krylovMinimumLoss(k, st.D) });
    table.set('bound', 'support', Math.min(st.K, st.D));
    table.set('bound', 'loss', krylovMinimumLoss(st.K, st.D), 5);
    worstCsv = out;
    await Promise.all([coords!.set({ c: cr }), loss!.set({ l: lr })]);
  };
  const start = async () => {
    // The coordinates chart draws the four methods (the bound has no coordinates); the loss chart draws all five.
    const mkeys = keys.slice(0, WORST.length);
    coords = new Chart(vc.plot, fitLegend(lineSpec({ data: 'c', x: 'j', y: 'w', xTitle: 'coordinate j', yTitle: 'w_j', color: colorBy('series', mkeys, {}, colors), yDomain: [0, 1] }), mkeys, vc.plot) as never, { description: "Coordinates w_j of iterate k on Nesterov's worst function for GD, heavy ball, Nesterov and CG: zero beyond j = k" });
    loss = new Chart(vl.plot, fitLegend(lineSpec({ data: 'l', x: 'k', y: 'loss', xTitle: 'iteration k', yTitle: 'J − J*', logY: true, color: colorBy('series', keys, {}, colors), dash: { field: 'series', type: 'nominal', title: null, scale: { domain: keys, range: [[1, 0], [1, 0], [1, 0], [1, 0], [5, 4]] } } }), keys, vl.plot) as never, { description: "Loss against iteration k on Nesterov's worst function, with the exact Krylov bound 1/(2(k+1)) dashed" });
    const schedule = frameScheduler(() => timed('s7.worst', update));
    store.subscribe(sec, (_s, changed) => { if (changed.includes('D') || changed.includes('K')) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const a = speedPanel(store), b = worstPanel(store);
  el.append(a.el, b.el);
  await Promise.all([a.start(), b.start()]);
}

export const s7: Section = {
  id: 's7',
  title: 'Speed limits',
  summary: 'How many iterations each method needs as κ grows, and the function on which no first-order method can do better.',
  shape,
  mount,
};
