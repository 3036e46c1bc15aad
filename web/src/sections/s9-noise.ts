// Section 9: noise and batch size, on the noisy quadratic model (Zhang et al. 2019). The exact expected loss of the
// chosen method split into its deterministic part and its noise part (with the noise floor and a seeded sampled run),
// and the tuned steps-to-target curves against batch size (s9-noise-batch.ts), both from the library's NQM theory.
import type { Section } from './section.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, readout, readoutTable } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS, METHOD_LABELS, SERIES_COLORS } from '../ui/colors.js';
import { legendGrid } from '../ui/legend.js';
import { runJob, Superseded } from '../ui/pool.js';
import { timed, frameScheduler, record } from '../perf.js';
import { h, fmt } from '../ui/dom.js';
import { sh } from '../ui/export.js';
import { nqmModel, nqmExpectedLoss, nqmSteadyStateRisk, nqmInitialLoss, nqmLowerBound } from '../lib.js';
import type { SeriesResult } from '../workers/protocol.js';
import { DIM, RATIO, SAMPLE_MAX, shape, NAMES, model, batchOf, effectiveRate, specOf, sgdEffSpec, stepsOf, fittedK, showSteps, SGD_EFF_COLOR, type S9 } from './s9-noise-model.js';
import { batchPanel } from './s9-noise-batch.js';

const SEC = 's9';
/** The method's own curve is named by the method (it wears the method's colour): 'Heavy ball, expected loss'. */
const lossName = (method: string): string => `${METHOD_LABELS[method] ?? method}, expected loss`;
const SERIES: readonly string[] = ['expected loss', 'deterministic part', 'noise part', 'noise floor (steady state)', 'target', 'SGD at α/(1−β)', 'sampled run'];

/** "never" / "unstable" / a number: the steps read-out of an nqmStepsToTarget result. */
export function stepsText(r: { steps: number | null; status: string; capped?: boolean }, unstable = false): number | string {
  if (r.steps !== null) return r.steps;
  if (r.capped) return 'not found (search capped)';
  if (unstable || r.status === 'unstable') return 'never (unstable)';
  return r.status === 'never' ? 'never (floor ≥ target)' : 'over 10⁹';
}

/** A checkbox bound to a boolean field. */
function toggle(store: Store, key: string, label: string, color?: string): HTMLElement {
  const box = h('input', { type: 'checkbox', 'data-key': `${SEC}.${key}` });
  box.checked = Boolean(store.get(SEC)[key]);
  box.addEventListener('change', () => store.set(SEC, { [key]: box.checked }));
  store.subscribe(SEC, (st, changed) => { if (changed.includes(key)) box.checked = Boolean(st[key]); });
  return h('div', { class: 'control checks' }, h('label', {}, box, color ? h('span', { class: 'swatch', style: `background:${color}` }) : null, ` ${label}`));
}

/** A loss for a read-out; the library reports an overflowed (diverged) loss as the largest double. */
const lossText = (x: number): number | string => (x >= 1e300 ? '> 10³⁰⁰ (diverges)' : x);

function lossPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const s = () => store.get<S9>(SEC);
  let chart: Chart | null = null;
  let rows: Row[] = [], ruleRows: Row[] = [];
  const p = panel({
    id: 's9-loss',
    title: 'Expected loss: a deterministic part that decays and a noise part that rises to a floor',
    formulas: [
      '\\nabla\\tilde{\\mathcal J}(\\mathbf w) = H(\\mathbf w - \\mathbf w^\\star) + \\boldsymbol\\varepsilon',
      '\\boldsymbol\\varepsilon \\sim N(0, C/B),\\quad C = H,\\quad h_i = 1/i',
      'E\\,\\mathcal J(\\mathbf w_k) = \\underbrace{\\tfrac12\\textstyle\\sum_i h_i\\,E\\,(w_{k,i} - w_i^\\star)^2\\big|_{\\varepsilon = 0}}_{\\text{deterministic}} + \\underbrace{\\text{noise}_k}_{\\to\\ \\text{floor} \\,\\propto\\, 1/B}',
    ],
    idea: `The noisy quadratic model of Zhang et al. (2019): $\\mathcal J(\\mathbf w) = \\frac12\\sum_i h_i (w_i - w_i^\\star)^2$, each gradient is exact plus Gaussian noise of covariance $C/B$ with $C = H$, and $E\\,(w_{0,i} - w_i^\\star)^2 = 1$. Here $D = ${DIM}$ directions (the paper uses $10^4$), grouped into ${model().bins.h.length} bins of curvature within 5% for the exact expectations and step counts (nqmBins); the grey sampled run is the method's own step() on all ${DIM} directions with seeded noise (first ${SAMPLE_MAX.toLocaleString('en-US')} steps at most). The expected loss is exact, per direction, from the method's linear form. Its deterministic part is the same method without noise; its noise part rises to the steady-state risk (dotted), which scales as $1/B$. Try: move $B$ one notch (×2: [[B = 2^9|s9.b=9]], [[B = 2^10|s9.b=10]]) and watch the floor halve while the deterministic part stays; raise $\\alpha$ ([[α = 0.2|s9.alpha=0.2]]) for a faster start and a higher floor. This is the stochastic decomposition of the expected loss, step by step: a deterministic part that decays and a noise part that grows to a floor; here both are exact expectations (from the linear form, on the binned model), not averages of sampled runs, and the noise covariance is the NQM's $C = H$.`,
    exportSource: {
      name: 'nqm-loss',
      charts: () => (chart ? [{ label: 'expected loss', chart }] : []),
      // Every computed point of every curve (161 steps on [0, K]), the floor and target levels, and the sampled run.
      csv: () => [...rows, ...ruleRows.map((r) => ({ series: r.series, k: null, loss: r.loss })), ...sampleRows],
      title: () => { const st = s(); return `Expected loss on the NQM (D = ${DIM}): ${specOf(st)} at B = ${batchOf(st)}, target ${st.target}, K = ${stepsOf(st)}, seed ${st.seed}`; },
      cli: () => {
        const st = s();
        return sh`momentum-lab plot nqm-loss ${`method=${specOf(st)}`} ${`batch=${batchOf(st)}`} ${`dim=${DIM}`} ${`steps=${Math.min(stepsOf(st), 20000)}`} ${`seed=${st.seed}`}` + '\n' +
          sh`momentum-lab nqm --method ${specOf(st)} --batch ${batchOf(st)} --target ${st.target} --dim ${DIM} --steps ${stepsOf(st)} --steady-state --format json` +
          '\n# the CLI sums over all directions exactly; the page uses the bins (the "exact sum" row shows the difference)';
      },
    },
  });
  const seedButton = h('button', { type: 'button', class: 'btn', text: 'New sample (seed + 1)', 'data-action': 's9.seed' });
  seedButton.addEventListener('click', () => store.set(SEC, { seed: (s().seed + 1) % 1e6 }));
  const moreControls = [
    slider(store, SEC, 'target', { label: 'target loss', symbol: 'J', min: 1e-4, max: 1, log: true }),
    slider(store, SEC, 'K', { label: 'steps shown', symbol: 'K', min: 100, max: 1e6, log: true }),
    toggle(store, 'fit', 'fit the steps shown to 2 × the steps to target'),
    toggle(store, 'eq', 'show SGD with the effective learning rate α/(1−β) next to it', SGD_EFF_COLOR),
    seedButton,
  ];
  p.controls.append(
    segmented(store, SEC, 'method', 'Method', [['gd', 'SGD'], ['hb', 'Heavy ball'], ['nag', 'Nesterov']]),
    slider(store, SEC, 'b', { label: 'batch size B = 2^b', symbol: 'b', min: 0, max: 16, step: 1 }),
    slider(store, SEC, 'alpha', { label: 'learning rate', symbol: 'α', min: 1e-8, max: 10, log: true }),
    slider(store, SEC, 'beta', { label: 'momentum (not used by SGD)', symbol: 'β', min: 0, max: 0.99999, step: 0.001 }),
  );
  // The method, B, α and β stay in view; the target, the horizon, the comparison and the sample fold away.
  p.controls.append(h('details', { class: 'more-controls', 'data-more': SEC }, h('summary', { text: 'More controls: target, steps shown, comparison, sample' }),
    ...moreControls));
  const batchLine = h('p', { class: 'idea', 'data-readout': 's9.batchline' });
  const table = readoutTable('s9', [['m', 'your method', METHOD_COLORS.hb], ['sgd', 'SGD at α/(1−β)', SGD_EFF_COLOR]],
    [['steps', 'steps to target'], ['floor', 'noise floor'], ['loss', 'E J at step K']]);
  const exactOut = readout('s9.exact', `steps summed over all ${DIM} directions instead of the bins`);
  p.readouts.append(batchLine, table.el, exactOut.el, h('p', { class: 'small', text: 'Steps to target: the exact search, run in a worker.' }));
  const v = view('Expected loss against step k (log scale), with one sampled run', 'wide');
  p.views.append(v.el);

  let fitting = false;
  const draw = async (): Promise<void> => {
    const t0 = performance.now();
    const st = s(), { bins, setup } = model();
    const B = batchOf(st), spec = specOf(st), eq = st.eq && st.method !== 'gd';
    // One compiled model per method serves the loss curve and the floor.
    const mm = nqmModel(spec, bins, B);
    const floor = nqmSteadyStateRisk(mm, bins, B);
    const K = stepsOf(st);
    const n = 160;
    const ks = [...new Set(Array.from({ length: n + 1 }, (_, i) => Math.round((K * i) / n)))];
    const out: Row[] = [];
    const push = (series: string, k: number, loss: number) => { if (loss > 0 && Number.isFinite(loss)) out.push({ series, k, loss }); };
    const mine = nqmExpectedLoss(mm, bins, B, ks);
    for (const r of mine) { push(lossName(st.method), r.k, r.loss); push(SERIES[1], r.k, r.deterministic); push(SERIES[2], r.k, r.noise); }
    table.set('m', 'floor', floor.risk ?? 'unstable', 5);
    table.set('m', 'loss', lossText(mine[mine.length - 1].loss), 5);
    if (eq) {
      const sm = nqmModel(sgdEffSpec(st), bins, B);
      const sgd = nqmExpectedLoss(sm, bins, B, ks);
      for (const r of sgd) push(SERIES[5], r.k, r.loss);
      const sf = nqmSteadyStateRisk(sm, bins, B);
      table.set('sgd', 'floor', sf.risk ?? 'unstable', 5);
      table.set('sgd', 'loss', lossText(sgd[sgd.length - 1].loss), 5);
    } else for (const c of ['steps', 'floor', 'loss']) table.set('sgd', c, st.method === 'gd' ? '(is SGD)' : '(off)');
    const L0 = nqmInitialLoss(setup);
    const eff = effectiveRate(st);
    batchLine.textContent = `B = ${B}, α/(1−β) = ${fmt(eff, 4)}${eff >= 2 ? ' (≥ 2/h_max = 2: SGD with this rate diverges)' : ''}; E J(w₀) = ${fmt(L0, 4)}; lower bound on the steps D/(2 J_target B) = ${fmt(nqmLowerBound(bins, B, st.target).notebook, 4)}.`;
    batchLine.dataset.eff = String(eff);
    batchLine.dataset.batch = String(B);
    const rules: Row[] = [{ series: SERIES[4], loss: st.target }];
    if (floor.risk !== null) rules.push({ series: SERIES[3], loss: floor.risk });
    rows = out;
    ruleRows = rules;
    const top = Math.min(L0 * 100, Math.max(L0, ...out.map((r) => r.loss as number)) * 1.5);
    const bottom = Math.max(Math.min(st.target, floor.risk ?? Infinity, ...out.filter((r) => r.series !== SERIES[1]).map((r) => r.loss as number)), top * 1e-9) / 2;
    record('s9.loss.compute', performance.now() - t0);
    // Signals and data in one dataflow run (Chart.signal would run it once more).
    chart!.view.signal('ymin', bottom).signal('ymax', top).signal('kmax', K);
    await chart!.set({ loss: out, rules, ...(fresh ? { sample: sampleRows } : {}) });
    fresh = false;
    p.status.textContent = `${NAMES[st.method]} ${spec} at B = ${B}: exact expectations on ${bins.h.length} bins.`;
  };

  let sampleFor = '';
  let sampleRows: Row[] = [];
  let fresh = false;
  const sample = async (): Promise<void> => {
    const st = s(), B = batchOf(st), steps = Math.min(stepsOf(st), SAMPLE_MAX);
    const key = `${specOf(st)}|${B}|${steps}|${st.seed}`;
    if (key === sampleFor) return;
    sampleFor = key;
    try {
      const res = (await runJob('s9.sample', { type: 'nqm-sample', method: specOf(st), dim: DIM, batch: B, steps, seed: st.seed, every: Math.max(1, Math.ceil(steps / 600)) })) as SeriesResult;
      record('s9.sample.worker', res.ms);
      const pts = res.rows.filter((r) => (r.loss as number) > 0 && Number.isFinite(r.loss as number)).map((r) => ({ series: SERIES[6], k: r.k, loss: r.loss }));
      sampleRows = pts;
      await chart!.set({ sample: pts });
    } catch (e) {
      if (!(e instanceof Superseded)) p.status.textContent = `sampled run: ${e instanceof Error ? e.message : String(e)}`;
    }
  };

  /** Run a steps-to-target job for the state and show its result in the cells `names` (keyed by `key` in data-for). */
  const stepsJob = async (job: 'steps' | 'exact', key: string, names: [string, string][], run: () => Promise<SeriesResult>): Promise<SeriesResult | null> => {
    for (const [, name] of names) {
      const cell = p.readouts.querySelector<HTMLElement>(`[data-readout="${name}"]`);
      if (cell && cell.dataset.for !== key) { showSteps(p.readouts, name, '…'); delete cell.dataset.for; }
    }
    try {
      const res = await run();
      record(`s9.${job}.worker`, res.ms);
      for (const [rowKey, name] of names) {
        const r = res.rows.find((x) => x.key === rowKey);
        if (!r) continue;
        const spec = rowKey === 'sgd' ? sgdEffSpec(s()) : specOf(s());
        showSteps(p.readouts, name, stepsText(r as { steps: number | null; status: string; capped?: boolean }, nqmSteadyStateRisk(spec, model().bins, batchOf(s())).status === 'unstable'));
        const cell = p.readouts.querySelector<HTMLElement>(`[data-readout="${name}"]`);
        if (cell) cell.dataset.for = key;
      }
      return res;
    } catch (e) {
      if (!(e instanceof Superseded)) p.status.textContent = `steps to target: ${e instanceof Error ? e.message : String(e)}`;
      return null;
    }
  };

  /**
   * Steps to target at B in the worker (the exact search can take many evaluations at small alpha): on the bins for the
   * method and SGD at alpha/(1 - beta), and summed over all directions for the method. Fits K to the steps when asked.
   */
  const steps = async (): Promise<void> => {
    const st = s(), B = batchOf(st), eq = st.eq && st.method !== 'gd';
    const key = `${specOf(st)}|${B}|${st.target}`;
    const methods = [{ key: 'm', spec: specOf(st) }, ...(eq ? [{ key: 'sgd', spec: sgdEffSpec(st) }] : [])];
    const binned = stepsJob('steps', key, [['m', 's9.steps.m'], ...(eq ? [['sgd', 's9.steps.sgd'] as [string, string]] : [])], () =>
      runJob('s9.steps', { type: 'nqm-fixed', methods, dim: DIM, ratio: RATIO, batches: [B], target: st.target, maxEvaluations: 30000 }) as Promise<SeriesResult>);
    const exact = stepsJob('exact', key, [['m', 's9.exact']], () =>
      runJob('s9.exact', { type: 'nqm-fixed', methods: [methods[0]], dim: DIM, ratio: RATIO, batches: [], target: st.target, exactAt: B, maxEvaluations: 5000 }) as Promise<SeriesResult>);
    const res = await binned;
    const mine = res?.rows.find((r) => r.key === 'm');
    const now = s();
    if (mine && typeof mine.steps === 'number' && now.fit && `${specOf(now)}|${batchOf(now)}|${now.target}` === key && fittedK(mine.steps) !== now.K) {
      fitting = true;
      store.set(SEC, { K: fittedK(mine.steps) });
      fitting = false;
    }
    await exact;
  };

  /** (Re)build the chart for the method's colour and the series present (the legend lists only those). */
  const build = () => {
    const st = s(), eq = st.eq && st.method !== 'gd';
    const mineName = lossName(st.method);
    const present = SERIES.map((n) => (n === SERIES[0] ? mineName : n)).filter((n) => n !== SERIES[5] || eq);
    const colorOf: Record<string, string> = { [mineName]: METHOD_COLORS[st.method], [SERIES[1]]: SERIES_COLORS.purple, [SERIES[2]]: SERIES_COLORS.brown, [SERIES[3]]: SERIES_COLORS.ink, [SERIES[4]]: SERIES_COLORS.grey, [SERIES[5]]: SGD_EFF_COLOR, [SERIES[6]]: SERIES_COLORS.light };
    const dashOf: Record<string, number[]> = { [SERIES[3]]: [2, 3], [SERIES[4]]: [6, 3], [SERIES[5]]: [6, 3] };
    const widthOf: Record<string, number> = { [mineName]: 2.4, [SERIES[5]]: 2, [SERIES[6]]: 0.8 };
    const scale = (f: (n: string) => unknown) => ({ domain: present, range: present.map(f) });
    const color = { field: 'series', type: 'nominal', title: null, sort: null, scale: scale((n) => colorOf[n]),
      legend: legendGrid(present, v.plot.clientWidth, { orient: 'bottom', symbolType: 'stroke' }) };
    const dash = { field: 'series', type: 'nominal', legend: null, scale: scale((n) => dashOf[n] ?? [1, 0]) };
    const x = { field: 'k', type: 'quantitative', title: 'step k', scale: { domain: { expr: '[0, kmax]' }, nice: false } };
    const y = { field: 'loss', type: 'quantitative', title: 'E J(w_k)  (log scale)', scale: { type: 'log', domain: { expr: '[ymin, ymax]' }, nice: false }, axis: { format: '.0e', labelOverlap: 'greedy' } };
    const spec = {
      width: 'container', height: 300, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      params: [{ name: 'ymin', value: 1e-4 }, { name: 'ymax', value: 10 }, { name: 'kmax', value: 1e4 }],
      layer: [
        { data: { name: 'sample' }, mark: { type: 'line', strokeWidth: 0.8, clip: true }, encoding: { x, y, color } },
        { data: { name: 'loss' }, mark: { type: 'line', clip: true }, encoding: { x, y, color, detail: { field: 'series' }, strokeDash: dash,
          strokeWidth: { field: 'series', type: 'nominal', legend: null, scale: scale((n) => widthOf[n] ?? 1.6) } } },
        { data: { name: 'rules' }, mark: { type: 'rule', clip: true, strokeWidth: 1.4 }, encoding: { y, color, strokeDash: dash } },
      ],
    };
    chart?.finalize();
    v.plot.replaceChildren();
    chart = new Chart(v.plot, spec as never, { description: 'Expected loss against step: deterministic part, noise part, noise floor, and a sampled run' });
    fresh = true;
    (table.el.querySelector('tbody tr th .swatch') as HTMLElement | null)?.style.setProperty('background', METHOD_COLORS[st.method]);
  };

  const start = async (): Promise<void> => {
    build();
    // A state the library refuses shows its message instead of a stale chart (never an unhandled rejection).
    const guarded = () => draw().catch((e: unknown) => { p.status.textContent = `not computed: ${e instanceof Error ? e.message : String(e)}`; });
    const schedule = frameScheduler(() => timed('s9.loss', guarded));
    const scheduleSteps = frameScheduler(() => steps());
    const scheduleSample = frameScheduler(() => sample());
    store.subscribe(SEC, (_s, changed) => {
      // Moving K by hand ends the fitting.
      if (changed.includes('K') && !fitting && s().fit) store.set(SEC, { fit: false });
      if (changed.includes('method') || changed.includes('eq')) build();
      if (changed.some((c) => ['method', 'b', 'alpha', 'beta', 'target', 'K', 'eq'].includes(c))) schedule();
      if (changed.some((c) => ['method', 'b', 'alpha', 'beta', 'target', 'eq', 'fit'].includes(c))) scheduleSteps();
      if (changed.some((c) => ['method', 'b', 'alpha', 'beta', 'K', 'seed'].includes(c))) scheduleSample();
    });
    const first = steps();
    await guarded();
    await first;
    await sample();
  };
  return { el: p.el, start };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const a = lossPanel(store), b = batchPanel(store);
  el.append(a.el, b.el);
  await Promise.all([a.start(), b.start()]);
}

export const s9: Section = {
  id: 's9',
  title: 'Noise and batch size',
  summary: 'With mini-batch gradients the loss stops at a noise floor ∝ 1/B; how many steps each method needs against the batch size, and where momentum starts to help.',
  shape,
  mount,
};
