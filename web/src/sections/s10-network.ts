// Section 10: a real network. A small MLP (Cohen et al.'s toy by default) trained full batch, live, in a dedicated
// worker by the library's own method steps; the loss, the sharpness (top Hessian eigenvalue by Lanczos on exact
// Hessian-vector products) against the method's edge of stability from its linear form, and the Hessian's spectral
// density at the current weights (stochastic Lanczos quadrature). A new setting restarts the run; Stop ends it.
import type { Section } from './section.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, readout } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS } from '../ui/colors.js';
import { frameScheduler, record } from '../perf.js';
import { h, fmt } from '../ui/dom.js';
import { sh } from '../ui/export.js';
import { NetworkClient } from '../workers/network-client.js';
import type { NetworkReply, NetworkStatus } from '../workers/network-protocol.js';
import { shape, NAMES, THRESHOLD_TEXT, DATA_LABELS, problemSpec, methodSpec, threshold, schedule, LANCZOS_SEED, type S10 } from './s10-network-model.js';
import { sharpnessSpec, lossSpec, densitySpec } from './s10-network-charts.js';
import { ideaText, FORMULAS } from './s10-network-text.js';

const SEC = 's10';
/** Keys whose change makes a new run. */
const SETTINGS = ['method', 'alpha', 'beta', 'data', 'hidden', 'act', 'steps', 'every', 'seed'];

function networkPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const s = () => store.get<S10>(SEC);
  const client = new NetworkClient();
  let sc: Chart | null = null, lc: Chart | null = null, dc: Chart | null = null;
  let lossRows: Row[] = [], sharpRows: Row[] = [], densityRows: Row[] = [];
  let densityAt: { k: number; top: number; lo: number; hi: number; peak: number } | null = null;
  let status: NetworkStatus | 'idle' | 'error' = 'idle';
  let k = 0, ms = 0, divergedAt: number | null = null, dim = 0;
  /** When the settings of the current run were set, until its first steps are drawn (the restart latency). */
  let pendingSince: number | null = null;

  const p = panel({
    id: 's10-network',
    title: 'The edge of stability: the sharpness climbs to the method’s threshold and stays there',
    formulas: FORMULAS,
    idea: ideaText,
    exportSource: {
      name: 'edge-of-stability',
      charts: () => (sc && lc && dc ? [{ label: 'sharpness', chart: sc }, { label: 'loss', chart: lc }, { label: 'density', chart: dc }] : []),
      csv: () => {
        const sharp = new Map(sharpRows.map((r) => [r.k, r.sharpness]));
        return lossRows.map((r) => ({ k: r.k, loss: r.loss, sharpness: sharp.get(r.k) ?? null }));
      },
      title: () => { const st = s(); return `Edge of stability: ${methodSpec(st)} on ${problemSpec(st)}, ${schedule(st).steps} steps, threshold ${THRESHOLD_TEXT[st.method]} = ${fmt(threshold(st) ?? NaN, 5)}`; },
      cli: () => {
        const st = s(), sch = schedule(st);
        return sh`momentum-lab train --problem ${problemSpec(st)} --method ${methodSpec(st)} --steps ${sch.steps} --sharpness-every ${sch.sharpnessEvery} --record-every ${sch.recordEvery} --seed ${LANCZOS_SEED} --save-weights w.json --format csv` + '\n' +
          sh`momentum-lab hessian --problem ${problemSpec(st)} --weights w.json --top 1 --density --format json`;
      },
    },
  });

  const startBtn = h('button', { type: 'button', class: 'btn', text: 'Start', 'data-action': 's10.start' });
  const stopBtn = h('button', { type: 'button', class: 'btn', text: 'Stop', 'data-action': 's10.stop' });
  const densityBtn = h('button', { type: 'button', class: 'btn', text: 'Density now', 'data-action': 's10.density' });
  const seedBtn = h('button', { type: 'button', class: 'btn', text: 'New init (seed + 1)', 'data-action': 's10.seed' });
  startBtn.addEventListener('click', () => { if (s().run) restart(); else store.set(SEC, { run: true }); });
  stopBtn.addEventListener('click', () => store.set(SEC, { run: false }));
  densityBtn.addEventListener('click', () => client.density());
  seedBtn.addEventListener('click', () => store.set(SEC, { seed: (s().seed + 1) % 1e6 }));
  const betaControl = slider(store, SEC, 'beta', { label: 'momentum (not used by GD)', symbol: 'β', min: 0, max: 0.99, step: 0.001 });
  // The method, its two parameters and Start/Stop stay in view; the network and the schedule (changed rarely) fold
  // into "more controls", so the column is about as tall as the three charts it drives.
  const more = h('details', { class: 'more-controls', 'data-more': SEC }, h('summary', { text: 'More controls: network, schedule, seed' }),
    segmented(store, SEC, 'data', 'Data', [['chebyshev3', 'toy (20 points)'], ['iris', 'iris'], ['digits', 'digits']]),
    slider(store, SEC, 'hidden', { label: 'hidden units (one layer)', symbol: 'n', min: 2, max: 128, step: 1 }),
    segmented(store, SEC, 'act', 'Activation', [['tanh', 'tanh'], ['softplus', 'softplus'], ['relu', 'ReLU']]),
    slider(store, SEC, 'steps', { label: 'steps', symbol: 'K', min: 100, max: 20000, step: 100 }),
    slider(store, SEC, 'every', { label: 'sharpness every … steps', symbol: 'm', min: 1, max: 200, step: 1 }),
    h('div', { class: 'export-row' }, densityBtn, seedBtn));
  p.controls.append(
    segmented(store, SEC, 'method', 'Method', [['gd', 'GD'], ['hb', 'Heavy ball'], ['nag', 'Nesterov']]),
    slider(store, SEC, 'alpha', { label: 'learning rate', symbol: 'α', min: 1e-3, max: 10, log: true }),
    betaControl,
    h('div', { class: 'export-row' }, startBtn, stopBtn),
    more,
  );
  const outs = {
    threshold: readout('s10.threshold', 'threshold h*'),
    k: readout('s10.k', 'step k'),
    loss: readout('s10.loss', 'loss J(w_k)'),
    sharpness: readout('s10.sharpness', 'sharpness λ_max'),
    ratio: readout('s10.ratio', 'λ_max / h*'),
    late: readout('s10.late', 'median λ_max/h*, 2nd half'),
    top: readout('s10.top', 'density: top Ritz value'),
    speed: readout('s10.speed', 'steps per second'),
  };
  const net = h('p', { class: 'small', 'data-readout': 's10.net', style: 'grid-column: 1 / -1; margin: 0.3rem 0 0' });
  p.readouts.append(...Object.values(outs).map((o) => o.el), net);
  const vs = view('Sharpness against step, with the method’s threshold (dashed)', 'wide');
  const vl = view('Full-batch loss against step');
  const vd = view('Hessian spectral density at the current weights (SLQ), threshold dashed');
  p.views.append(vs.el, vl.el, vd.el);

  const showThreshold = () => {
    const st = s(), hs = threshold(st);
    outs.threshold.set(hs ?? 'none', 5);
    outs.threshold.el.querySelector('.readout-label')!.textContent = `threshold h* = ${THRESHOLD_TEXT[st.method]}`;
    betaControl.classList.toggle('disabled', st.method === 'gd');
    vs.el.querySelector('figcaption')!.textContent = `Sharpness against step, with the method’s threshold h* = ${THRESHOLD_TEXT[st.method]} (dashed)`;
    return hs;
  };

  const readouts = () => {
    const st = s(), hs = threshold(st), last = lossRows[lossRows.length - 1], lastS = sharpRows[sharpRows.length - 1];
    outs.k.set(k === 0 && status === 'idle' ? '–' : k, 6);
    outs.loss.set(status === 'diverged' ? `diverged at step ${divergedAt}` : (last ? (last.loss as number) : '–'), 5);
    outs.sharpness.set(lastS ? (lastS.sharpness as number) : '–', 5);
    outs.ratio.set(lastS && hs ? (lastS.sharpness as number) / hs : '–', 4);
    const half = sharpRows.filter((r) => (r.k as number) >= schedule(st).steps / 2).map((r) => (r.sharpness as number) / (hs ?? NaN)).sort((a, b) => a - b);
    outs.late.set(half.length && hs ? half[half.length >> 1] : (k > 0 ? 'not yet' : '–'), 4);
    outs.top.set(densityAt ? densityAt.top : '–', 5);
    outs.speed.set(ms > 0 && k > 0 ? Math.round((k / ms) * 1000) : '–', 4);
  };

  const statusText = () => {
    const st = s(), sch = schedule(st);
    const what = `${NAMES[st.method]} ${methodSpec(st)} on ${DATA_LABELS[st.data]} (${dim || '…'} parameters)`;
    p.status.classList.toggle('busy', status === 'running');
    p.status.dataset.state = status;
    p.status.dataset.k = String(k);
    startBtn.textContent = status === 'running' || st.run ? 'Restart' : 'Start';
    stopBtn.disabled = status !== 'running';
    densityBtn.disabled = status === 'idle' || status === 'error' || status === 'diverged';
    if (status === 'idle') p.status.textContent = `${what}: press Start to train ${sch.steps} steps in a worker.`;
    else if (status === 'running') p.status.textContent = `${what}: training, step ${k} of ${sch.steps}.`;
    else if (status === 'finished') p.status.textContent = `${what}: ${sch.steps} steps in ${fmt(ms / 1000, 3)} s of worker time.`;
    else if (status === 'stopped') p.status.textContent = `${what}: stopped at step ${k}.`;
    else if (status === 'diverged') p.status.textContent = `${what}: diverged at step ${divergedAt} (its loss passed 10¹² times the start’s): try a smaller α or β.`;
  };

  const draw = async (): Promise<void> => {
    const t0 = performance.now(), st = s(), hs = threshold(st), sch = schedule(st);
    const smaxData = Math.max(0, ...sharpRows.map((r) => r.sharpness as number));
    const smax = Math.max(hs !== null ? hs * 1.3 : 1, smaxData * 1.08, 1e-3);
    const rule = hs !== null ? [{ h: hs, label: `h* = ${fmt(hs, 4)}` }] : [];
    sc!.view.signal('kmax', sch.steps).signal('smax', smax);
    lc!.view.signal('kmax', sch.steps);
    const lossShown = lossRows.filter((r) => r.loss !== null && (r.loss as number) > 0);
    const jobs: Promise<unknown>[] = [sc!.set({ sharp: sharpRows, rule }), lc!.set({ loss: lossShown })];
    if (densityAt) {
      const xmax = Math.max(densityAt.hi, hs !== null ? hs * 1.05 : -Infinity);
      dc!.view.signal('xmin', densityAt.lo).signal('xmax', xmax).signal('dmin', densityAt.peak * 1e-7).signal('dmax', densityAt.peak * 3);
    }
    jobs.push(dc!.set({ density: densityRows, rule: rule.map((r) => ({ h: r.h })) }));
    await Promise.all(jobs);
    record('s10.draw', performance.now() - t0);
    if (pendingSince !== null && k > 0) { record('s10.restart', performance.now() - pendingSince); pendingSince = null; }
  };
  const scheduleDraw = frameScheduler(draw);

  const onMessage = (msg: NetworkReply) => {
    if (msg.type === 'ready') { dim = msg.dim; net.textContent = `${msg.label}; full batch; sharpness by Lanczos (tol 10⁻⁶) every ${schedule(s()).sharpnessEvery} steps.`; }
    else if (msg.type === 'progress') {
      for (const r of msg.rows) {
        lossRows.push({ k: r.k, loss: r.loss });
        if (r.sharpness !== null) sharpRows.push({ k: r.k, sharpness: r.sharpness });
      }
      k = msg.k; ms = msg.ms; status = msg.status; divergedAt = msg.divergedAt;
    } else if (msg.type === 'density') {
      let peak = 0;
      for (let i = 0; i < msg.density.length; i++) peak = Math.max(peak, msg.density[i]);
      const floor = peak * 1e-7;
      densityRows = [];
      for (let i = 0; i < msg.grid.length; i++) densityRows.push({ t: msg.grid[i], density: Math.max(msg.density[i], floor), base: floor });
      densityAt = { k: msg.k, top: msg.top, lo: msg.grid[0], hi: msg.grid[msg.grid.length - 1], peak };
      vd.el.dataset.k = String(msg.k);
      vd.el.querySelector('figcaption')!.textContent = `Hessian spectral density at step ${msg.k} (SLQ, ${msg.grid.length} bins, ${fmt(msg.ms, 3)} ms), threshold dashed`;
      record('s10.density.worker', msg.ms);
    } else if (msg.type === 'error') {
      status = 'error';
      p.status.dataset.state = status;
      p.status.classList.remove('busy');
      p.status.textContent = `training failed: ${msg.message}`;
      return;
    }
    readouts();
    statusText();
    scheduleDraw();
  };

  const clear = () => {
    lossRows = []; sharpRows = []; densityRows = []; densityAt = null; k = 0; ms = 0; divergedAt = null;
  };
  const restart = () => {
    clear();
    status = 'running';
    pendingSince ??= performance.now();
    const st = s();
    try {
      client.start({ problem: problemSpec(st), method: methodSpec(st), ...schedule(st), seed: LANCZOS_SEED, chunkMs: 40 }, onMessage);
    } catch (e) {
      status = 'error';
      p.status.textContent = `training failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    readouts(); statusText(); scheduleDraw();
  };
  const idle = () => {
    client.forget();
    clear();
    status = 'idle';
    readouts(); statusText(); scheduleDraw();
  };

  const build = () => {
    const color = METHOD_COLORS[s().method];
    for (const c of [sc, lc, dc]) c?.finalize();
    for (const v of [vs, vl, vd]) v.plot.replaceChildren();
    sc = new Chart(vs.plot, sharpnessSpec(color) as never, { description: 'Sharpness (top Hessian eigenvalue) against step, climbing to the method threshold drawn dashed' });
    lc = new Chart(vl.plot, lossSpec(color) as never, { description: 'Full-batch training loss of the network against step, log scale' });
    dc = new Chart(vd.plot, densitySpec(color) as never, { description: 'Spectral density of the Hessian at the current weights by stochastic Lanczos quadrature, threshold dashed' });
  };

  const start = async (): Promise<void> => {
    build();
    showThreshold();
    store.subscribe(SEC, (st, changed) => {
      if (changed.includes('method')) build();
      if (changed.some((c) => SETTINGS.includes(c))) {
        showThreshold();
        pendingSince = performance.now();
        if (st.run) restart(); else idle();
      } else if (changed.includes('run')) {
        if (st.run) { pendingSince = performance.now(); restart(); } else if (status === 'running') client.stop();
      }
    });
    if (s().run) restart();
    readouts();
    statusText();
    await draw();
  };
  return { el: p.el, start };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const a = networkPanel(store);
  el.append(a.el);
  await a.start();
}

export const s10: Section = {
  id: 's10',
  title: 'A real network',
  summary: 'Full-batch training of a small MLP, live: the sharpness rises to the method’s stability threshold (2/α for GD) and stays there — the edge of stability.',
  shape,
  mount,
};
