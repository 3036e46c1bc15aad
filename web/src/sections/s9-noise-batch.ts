// Section 9, second panel: tuned steps to target against batch size (SGD, heavy ball, Nesterov; nqmBatchCurve in the
// worker pool, one job per method), the lower bound D/(2 J_target B), the critical batch sizes, the state's own fixed
// (alpha, beta) and SGD at alpha/(1 - beta) over the same batch sizes, and the current (B, steps) point.
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { readoutTable } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS, SERIES_COLORS } from '../ui/colors.js';
import { legendGrid } from '../ui/legend.js';
import { runJob, Superseded } from '../ui/pool.js';
import { frameScheduler, record } from '../perf.js';
import { h, fmt } from '../ui/dom.js';
import { sh } from '../ui/export.js';
import { nqmLowerBound, nqmCriticalBatch } from '../lib.js';
import type { SeriesResult } from '../workers/protocol.js';
import { DIM, RATIO, BATCHES, NAMES, model, batchOf, specOf, sgdEffSpec, showSteps, SGD_EFF_COLOR, type S9 } from './s9-noise-model.js';

const SEC = 's9';
const METHODS = ['gd', 'hb', 'nag'] as const;
type M = (typeof METHODS)[number];
const TUNED: Record<M, string> = { gd: 'SGD tuned', hb: 'heavy ball tuned', nag: 'Nesterov tuned' };
const LB = 'lower bound', MINE = 'yours (α, β)', SGDEFF = 'SGD at α/(1−β)';

export interface TunedRow { batch: number; steps: number | null; alpha: number | null; beta: number | null; effectiveLearningRate: number | null }

export function batchPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const s = () => store.get<S9>(SEC);
  let chart: Chart | null = null;
  const tuned: Partial<Record<M, TunedRow[]>> = {};
  let fixed: Row[] = [];
  const p = panel({
    id: 's9-batch',
    title: 'Steps to target against batch size: perfect scaling, then a critical batch size',
    formulas: [
      'k(B) \\;\\ge\\; \\frac{\\sum_i c_i/h_i}{2\\,\\mathcal J_{\\text{target}}\\,B} = \\frac{D}{2\\,\\mathcal J_{\\text{target}}\\,B}',
      '\\text{HB}(\\alpha, \\beta) \\approx \\text{SGD}\\Big(\\frac{\\alpha}{1-\\beta}\\Big)\\ \\text{ where } \\alpha h_i \\ll 1',
      '\\text{SGD is stable only for } \\alpha < 2/h_{\\max} = 2',
    ],
    idea: `Each point is the exact number of steps for the expected loss to reach the target, at the (α, β) tuned for that batch size (the notebook's grids with a local refinement, nqmBatchCurve), computed in a worker on the same ${DIM} directions in bins. At small batch the noise floor decides: steps ∝ 1/B (parallel to the dashed bound of the notebook, the loss of the best unbiased estimate of $\\mathbf w^\\star$ from $B k$ examples; not rigorous for a method that starts from the prior) and momentum buys little, because heavy ball acts as SGD with the effective learning rate α/(1−β). Past the critical batch size (dotted rules: examples B·k twice their minimum) the deterministic part decides: SGD flattens, its α capped at 2/h_max, while momentum's α/(1−β) is not capped and keeps scaling. Try: with α/(1−β) below about 1, your fixed (α, β) (black dashes) and SGD at α/(1−β) (blue dots) lie on one curve; at B = 2^14 press "Use tuned Heavy ball": its α/(1−β) is about 24, and SGD with that rate diverges.`,
    exportSource: {
      name: 'nqm-batch-size',
      charts: () => (chart ? [{ label: 'steps vs batch size', chart }] : []),
      csv: () => [...METHODS.flatMap((m) => (tuned[m] ?? []).map((r) => ({ method: m, ...r }))), ...fixed.map((r) => ({ method: r.series, batch: r.batch, steps: r.steps }))],
      title: () => `Steps to E J ≤ ${s().target} against batch size on the NQM (D = ${DIM}): tuned SGD, heavy ball, Nesterov; yours ${specOf(s())}`,
      cli: () => sh`momentum-lab nqm --method sgd,hb,nag --batch ${BATCHES.join(',')} --target ${s().target} --dim ${DIM} --format json` + '\n' +
        sh`momentum-lab nqm --method ${specOf(s())} --batch ${BATCHES.join(',')} --target ${s().target} --dim ${DIM} --format json` + '\n' +
        sh`momentum-lab plot nqm-batch-size ${`dim=${DIM}`} ${`target=${s().target}`} ${`bmax=${BATCHES.length - 1}`}`,
    },
  });
  const buttons = h('div', { class: 'export-row' });
  for (const m of METHODS) {
    const b = h('button', { type: 'button', class: 'btn', text: `Use tuned ${NAMES[m]} at this B`, 'data-tune': m });
    b.addEventListener('click', () => {
      const r = (tuned[m] ?? []).find((x) => x.batch === batchOf(s()));
      if (r?.alpha == null) return;
      store.set(SEC, { method: m, alpha: r.alpha, ...(r.beta !== null ? { beta: r.beta } : {}) });
    });
    buttons.append(b);
  }
  p.controls.append(buttons);
  const SHORT: Record<M, string> = { gd: 'SGD', hb: 'HB', nag: 'NAG' };
  const table = readoutTable('s9.tuned', METHODS.map((m) => [m, SHORT[m], METHOD_COLORS[m]] as [string, string, string]),
    [['steps', 'tuned steps at B'], ['alpha', 'α'], ['beta', 'β'], ['eff', 'α/(1−β)'], ['crit', 'critical B']]);
  p.readouts.append(table.el);
  const v = view('Steps to reach the target loss against batch size B (log-log); the black dot is your (B, steps)', 'wide');
  p.views.append(v.el);

  const redraw = async (): Promise<void> => {
    const st = s(), { bins } = model(), B = batchOf(st);
    const rows: Row[] = [], crit: Row[] = [];
    for (const m of METHODS) {
      const c = tuned[m];
      if (!c) { for (const col of ['steps', 'alpha', 'beta', 'eff', 'crit']) table.set(m, col, '…'); continue; }
      for (const r of c) if (r.steps !== null && r.steps > 0) rows.push({ series: TUNED[m], batch: r.batch, steps: r.steps });
      const at = c.find((r) => r.batch === B);
      showSteps(table.el, `s9.tuned.steps.${m}`, at?.steps ?? 'none on the grid');
      table.set(m, 'alpha', at?.alpha ?? '–', 4);
      table.set(m, 'beta', at?.beta ?? '–', 5);
      table.set(m, 'eff', at?.effectiveLearningRate ?? '–', 4);
      const cb = nqmCriticalBatch(c);
      table.set(m, 'crit', cb.interpolated ?? (cb.batch !== null ? `≥ ${cb.batch}` : '–'), 4);
      if (cb.interpolated !== null) crit.push({ series: TUNED[m], batch: cb.interpolated });
    }
    const lb = BATCHES.map((b) => ({ series: LB, batch: b, steps: nqmLowerBound(bins, b, st.target).notebook }));
    // The current point: the state's own steps at B, from the fixed-parameter curve (same search, same bins).
    const own = fixed.find((r) => r.series === MINE && r.batch === B);
    const pt = own ? [{ batch: B, steps: own.steps, what: `${specOf(st)}, B = ${B}` }] : [];
    const ys = [...rows, ...lb, ...pt].map((r) => r.steps as number).filter((y) => y >= 1);
    chart!.view.signal('ymin', Math.max(0.8, Math.min(...ys) / 2)).signal('ymax', Math.max(...ys) * 3);
    await chart!.set({ tuned: rows, lb, crit, fixed, pt });
  };

  let generation = 0;
  const curves = async (): Promise<void> => {
    const target = s().target;
    p.status.classList.add('busy');
    p.status.textContent = 'tuning SGD, heavy ball and Nesterov at 17 batch sizes in the workers…';
    const t0 = performance.now();
    for (const m of METHODS) delete tuned[m];
    const gen = ++generation;
    try {
      // One method at a time: the other worker stays free for the interactive jobs (steps, sampled run).
      for (const m of METHODS) {
        const res = (await runJob(`s9.curve.${m}`, { type: 'nqm-curve', method: m, dim: DIM, ratio: RATIO, batches: BATCHES, target })) as SeriesResult;
        if (gen !== generation) return; // a newer target is being tuned
        record(`s9.curve.worker.${m}`, res.ms);
        tuned[m] = res.rows as unknown as TunedRow[];
        await redraw();
      }
      p.status.classList.remove('busy');
      p.status.textContent = `Tuned curves: 3 methods × ${BATCHES.length} batch sizes in ${fmt((performance.now() - t0) / 1000, 3)} s (nqmBatchCurve in a worker, ${model().bins.h.length} bins of ${DIM} directions).`;
    } catch (e) {
      if (!(e instanceof Superseded)) { p.status.textContent = `tuning failed: ${e instanceof Error ? e.message : String(e)}`; }
    }
  };

  const fixedCurves = async (): Promise<void> => {
    const st = s();
    const methods = [{ key: 'mine', spec: specOf(st) }, ...(st.eq && st.method !== 'gd' ? [{ key: 'sgd', spec: sgdEffSpec(st) }] : [])];
    try {
      // Each search stopped after 5000 loss evaluations (points needing more are left out of the curve).
      const res = (await runJob('s9.fixed', { type: 'nqm-fixed', methods, dim: DIM, ratio: RATIO, batches: BATCHES, target: st.target, maxEvaluations: 5000 })) as SeriesResult;
      record('s9.fixed.worker', res.ms);
      fixed = res.rows.filter((r) => r.steps !== null && (r.steps as number) > 0).map((r) => ({ series: r.key === 'mine' ? MINE : SGDEFF, batch: r.batch, steps: r.steps }));
      await redraw();
    } catch (e) {
      if (!(e instanceof Superseded)) p.status.textContent = `fixed-parameter curves: ${e instanceof Error ? e.message : String(e)}`;
    }
  };

  const build = () => {
    const st = s(), narrow = v.plot.clientWidth < 560;
    const present = [...METHODS.map((m) => TUNED[m]), LB, MINE, ...(st.eq && st.method !== 'gd' ? [SGDEFF] : [])];
    const colorOf: Record<string, string> = { [TUNED.gd]: METHOD_COLORS.gd, [TUNED.hb]: METHOD_COLORS.hb, [TUNED.nag]: METHOD_COLORS.nag, [LB]: SERIES_COLORS.grey, [MINE]: SERIES_COLORS.ink, [SGDEFF]: SGD_EFF_COLOR };
    const color = { field: 'series', type: 'nominal', title: null, sort: null, scale: { domain: present, range: present.map((n) => colorOf[n]) },
      legend: legendGrid(present, v.plot.clientWidth, { orient: 'bottom', symbolType: 'stroke' }) };
    const x = { field: 'batch', type: 'quantitative', title: 'batch size B', scale: { type: 'log', domain: [1, BATCHES[BATCHES.length - 1]], nice: false },
      axis: { format: 'd', values: BATCHES.filter((_, i) => i % (narrow ? 4 : 2) === 0) } };
    const y = { field: 'steps', type: 'quantitative', title: 'steps to target', scale: { type: 'log', domain: { expr: '[ymin, ymax]' }, nice: false }, axis: { format: '~s' } };
    const spec = {
      width: 'container', height: 320, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      params: [{ name: 'ymin', value: 1 }, { name: 'ymax', value: 1e6 }],
      layer: [
        { data: { name: 'lb' }, mark: { type: 'line', strokeDash: [5, 3], strokeWidth: 1.5, clip: true }, encoding: { x, y, color } },
        { data: { name: 'fixed' }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x, y, color, detail: { field: 'series' },
          strokeDash: { field: 'series', type: 'nominal', legend: null, scale: { domain: [MINE, SGDEFF], range: [[7, 4], [2, 3]] } } } },
        { data: { name: 'tuned' }, mark: { type: 'line', point: { filled: true, size: 28 }, strokeWidth: 2, clip: true }, encoding: { x, y, color, detail: { field: 'series' } } },
        { data: { name: 'crit' }, mark: { type: 'rule', strokeDash: [2, 2], strokeWidth: 1.2, clip: true }, encoding: { x, color } },
        { data: { name: 'pt' }, mark: { type: 'point', filled: true, size: 150, color: SERIES_COLORS.ink, stroke: '#ffffff', strokeWidth: 1.5, clip: true }, encoding: { x, y, tooltip: [{ field: 'what', title: 'yours' }, { field: 'steps', title: 'steps' }] } },
      ],
    };
    chart?.finalize();
    v.plot.replaceChildren();
    chart = new Chart(v.plot, spec as never, { description: 'Steps to target against batch size for tuned SGD, heavy ball and Nesterov, with the lower bound' });
  };

  const start = async (): Promise<void> => {
    build();
    const scheduleFixed = frameScheduler(() => fixedCurves());
    const scheduleRedraw = frameScheduler(() => redraw().catch((e: unknown) => { p.status.textContent = `not drawn: ${e instanceof Error ? e.message : String(e)}`; }));
    store.subscribe(SEC, (_s, changed) => {
      if (changed.includes('eq') || changed.includes('method')) build();
      if (changed.includes('target')) void curves();
      if (changed.some((c) => ['method', 'alpha', 'beta', 'target', 'eq'].includes(c))) scheduleFixed();
      // A new (alpha, beta) is drawn when its fixed-parameter curve arrives; a new B only moves the point.
      if (changed.includes('b')) scheduleRedraw();
    });
    // The fixed-parameter job first: it is short, and the pool runs jobs in order on its two workers. The first render
    // is done without the tuned curves (seconds of tuning); they are drawn as each method's curve arrives.
    const f = fixedCurves();
    void curves();
    await f;
  };
  return { el: p.el, start };
}
