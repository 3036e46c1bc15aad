// Section 4: the spectral radius. (a) rho against h with T marked (the lecture's plot, alpha = 1/h_max); (b) the
// worst rate over [mu, L] on a grid, in a worker: gd/hb/nag over (alpha, beta) with rateMap and the
// stability, critical-damping, real/complex and optimal curves, any other linear method over any two of its numeric
// parameters with rateMapOf (the best cell marked); (c) a root locus of every direction's eigenvalues.
import type { Section } from './section.js';
import { sh } from '../ui/export.js';
import { num, choice, subset, text } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, checkboxes, readoutTable, readout } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS, METHOD_LABELS, SERIES_COLORS, methodColor } from '../ui/colors.js';
import { paint, imageLayer } from '../ui/raster.js';
import { runJob, Superseded } from '../ui/pool.js';
import { timed, frameScheduler, record } from '../perf.js';
import { fmt, h, uniqueId } from '../ui/dom.js';
import { thin, density } from '../ui/decimate.js';
import {
  linearMethod, directionRate, regimeThresholds, worstRateOverInterval, rateMapCurves, directionEigenvalues, linspace, logspace,
  linearFormOf, formCharacteristic, formRate, formWorstRate, formThresholds, formEigenvalues, linearMethodNames, methods, type ParamInfo,
} from '../lib.js';
import { methodPicker, specField, specError, linearMethods } from '../ui/method-picker.js';
import type { RasterResult } from '../workers/protocol.js';
import { linked } from './common.js';

/** A chart whose accessible name is `description` (Vega takes the spec's description as the container's aria-label). */
function named(el: HTMLElement, spec: object, description: string): Chart {
  return new Chart(el, { ...spec, description } as never, { description });
}

const M3 = ['gd', 'hb', 'nag'] as const;
type M = (typeof M3)[number];
/** Every linear method of the registry (the rate map's choices). */
const LINEAR = linearMethodNames() as [string, ...string[]];

const shape = {
  beta1: num(0, 0.9999, 0.81),
  // Up to 4/h_max: the third branch needs alpha h_max > (1 + sqrt(beta))^2 (3.61 at beta = 0.81; 2.25 at beta = 0.25).
  alpha1: num(0.01, 4, 1),
  shown: subset(M3, ['gd', 'hb', 'nag']),
  /** The rate map's method: any linear method (gd, hb, nag: rateMap and its curves; the others: rateMapOf). */
  method: choice(LINEAR, 'hb'),
  /** The rate map's axes (parameter names; '' = the learning rate across, the momentum up). */
  xkey: text(/^[A-Za-z0-9_]*$/, '', 'a parameter name of the method, or empty', 40),
  ykey: text(/^[A-Za-z0-9_]*$/, '', 'a parameter name of the method, or empty', 40),
  /** The clicked point on a generic map ('' = the best cell). */
  gx: text(/^[-+0-9.eE]*$/, '', 'a number or empty', 40),
  gy: text(/^[-+0-9.eE]*$/, '', 'a number or empty', 40),
  kappa: num(1, 1e4, 100),
  alpha: num(1e-4, 8, 1),
  beta: num(0, 0.9999, 0.81),
  n: num(16, 512, 256, { int: true }),
  /** Any other linear method drawn with the trio (its spec; '' = none). */
  pick: specField(''),
};
type S4 = { beta1: number; alpha1: number; shown: M[]; method: string; xkey: string; ykey: string; gx: string; gy: string; kappa: number; alpha: number; beta: number; n: number; pick: string };

/** The curvature range of the spectral-radius panel (and of its exported `analyze` commands). */
const RHO_MU = 1e-4, RHO_L = 1;
const PICK_LABEL = 'your method';
const PICK_COLOR = '#9333ea';

const CURVE_LABEL: Record<string, string> = { stability: 'stability limit', criticalDamping: 'critical damping of μ', upperRealComplex: 'real/complex at L' };
/** The map's curves: non-method colours (SERIES_COLORS) and dashes; colour and dash share one legend (same field and title). */
const CURVE_COLORS = [SERIES_COLORS.ink, SERIES_COLORS.light, SERIES_COLORS.brown];
const CURVE_DASH = [[1, 0], [6, 3], [2, 2]];
// One entry per line: three entries side by side do not fit a 390 px phone.
const CURVE_LEGEND = { orient: 'bottom', direction: 'vertical', title: null, symbolType: 'stroke', symbolStrokeWidth: 2.5, labelLimit: 260 };

const lm = (m: M, alpha: number, beta: number) => (m === 'gd' ? linearMethod('gd', { alpha }) : linearMethod(m, { alpha, beta }));

function rhoPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's4';
  const s = () => store.get<S4>(sec);
  let chart: Chart | null = null;
  const p = panel({
    id: 's4-rho',
    title: 'Spectral radius against curvature',
    // Three short display lines (not one wide one): they fit a 390 px phone without scrolling.
    formulas: [
      '\\rho(h) = \\begin{cases} \\tfrac12\\big(\\gamma + \\sqrt{\\gamma^2 - 4\\beta}\\big) & h \\le T \\\\ \\sqrt\\beta & T < h < U \\\\ \\tfrac12\\big(|\\gamma| + \\sqrt{\\gamma^2-4\\beta}\\big) & h \\ge U\\end{cases}',
      '\\gamma = 1 + \\beta - \\alpha h,\\quad T = \\tfrac{(1-\\sqrt\\beta)^2}{\\alpha},\\quad U = \\tfrac{(1+\\sqrt\\beta)^2}{\\alpha}',
    ],
    idea: 'With $\\alpha = 1/h_{\\max}$, every direction above $T$ is underdamped and converges at the same rate $\\sqrt\\beta$, while the directions below $T$ are overdamped and slower. So choose $\\beta$ to make the smallest curvature critically damped, $T = h_{\\min}$: $\\beta = (1 - 1/\\sqrt\\kappa)^2$ and $-\\log\\rho = -\\tfrac12\\log\\beta \\approx 1/\\sqrt\\kappa$, against $1/\\kappa$ for gradient descent.',
    erratum: 'The lecture\'s two-case formula holds for $h \\le (1+\\sqrt\\beta)^2/\\alpha$ only; beyond it the eigenvalues are real and negative again ($\\rho$ grows past $\\sqrt\\beta$) and the iteration diverges at $\\alpha h \\ge 2(1+\\beta)$. The third branch lies inside $h \\le h_{\\max}$ only once $\\alpha h_{\\max} > (1+\\sqrt\\beta)^2$: at $\\beta = 0.81$ that is $\\alpha h_{\\max} > 3.61$, and divergence follows at $2(1+\\beta) = 3.62$, so the branch is a sliver; at $\\beta = 0.25$ it spans $2.25 < \\alpha h < 2.5$: [[show me the third branch|s4.beta1=0.25&s4.alpha1=2.4]]. Also $T = (1-\\sqrt\\beta)^2/\\alpha$, not $\\alpha^{-1}(1\\,\\sqrt\\beta)^2$. And Distill\'s "Why Momentum Really Works" gives the rate in the complex region as $2\\sqrt\\beta$: it is $\\sqrt\\beta$ (the two roots are conjugate and their product is $\\beta$, so $|z|^2 = \\beta$).',
    exportSource: {
      name: 'spectral-radius',
      charts: () => (chart ? [{ label: 'rho vs h', chart }] : []),
      csv: () => rhoRows(),
      title: () => `Spectral radius against curvature: α = ${fmt(s().alpha1, 4)}/h_max, β = ${fmt(s().beta1, 4)}, h ∈ [10⁻⁴, 1] (log)${s().pick ? `; ${s().pick}` : ''}`,
      cli: () => sh`momentum-lab analyze --method ${`hb:alpha=${s().alpha1},beta=${s().beta1}`} --mu 0.0001 --L 1 --format json` + '\n' +
        sh`momentum-lab plot ${`spectral-radius:beta=${s().beta1}`} --out spectral-radius.svg` +
        (s().pick && !specError(s().pick, { mu: RHO_MU, L: RHO_L }) ? '\n' + sh`momentum-lab analyze --method ${s().pick} --mu 0.0001 --L 1 --format json` : ''),
    },
  });
  p.controls.append(
    slider(store, sec, 'beta1', { label: 'momentum', symbol: 'β', min: 0, max: 0.9999, step: 0.0001 }),
    slider(store, sec, 'alpha1', { label: 'learning rate, in units of 1/h_max', symbol: 'α', min: 0.01, max: 4, step: 0.01 }),
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
  const v = view('ρ(h) for h ∈ [10⁻⁴, h_max], h_max = 1, on a log h axis (hover: that direction in section 3)', 'wide');
  p.views.append(v.el);
  /** The curves at full resolution (every method, every h of the 500-point grid), for the CSV. */
  let full: Row[] = [];
  const rhoRows = (): Row[] => full.map((r) => ({ method: r.key, h: r.h, rho: r.raw }));

  const update = async () => {
    const st = s();
    const alpha = st.alpha1;
    // Log-spaced h: the overdamped band h < T is a decade or more wide at small alpha.
    const hs = logspace(1e-4, 1, 500);
    const rows: Row[] = [];
    for (const m of M3) {
      if (!st.shown.includes(m)) continue;
      const meth = lm(m, alpha, st.beta1);
      for (const x of hs) { const r = directionRate(meth, x); rows.push({ method: METHOD_LABELS[m], key: m, h: x, rho: Math.min(r, 1.5), raw: r }); }
    }
    // The picked method: its linear form from the registry, rho(h) from the generic form analysis.
    roPick.el.hidden = roPickT.el.hidden = true;
    if (st.pick && !specError(st.pick, { mu: RHO_MU, L: RHO_L })) {
      const { form } = linearFormOf(st.pick, { name: 'spectral radius', mu: RHO_MU, L: RHO_L });
      const ch = formCharacteristic(form);
      for (const x of hs) { const r = formRate(form, x, ch); rows.push({ method: PICK_LABEL, key: st.pick, h: x, rho: Math.min(r, 1.5), raw: r }); }
      const worst = formWorstRate(form, RHO_MU, RHO_L, ch);
      roPick.set(worst.rate, 6);
      roPick.el.hidden = false;
      const th = formThresholds(form, ch);
      if (th?.T != null) { roPickT.set(th.T, 5); roPickT.el.hidden = false; }
    }
    const t = regimeThresholds(lm('hb', alpha, st.beta1));
    roT.set(t.T!, 5); roU.set(t.upperReal!, 5); roS.set(t.stability!, 5); roSq.set(Math.sqrt(st.beta1), 5);
    const rules: Row[] = [];
    const inside = (x: number) => x >= 1e-4 && x <= 1;
    if (inside(t.T!)) rules.push({ h: t.T, label: 'T' });
    if (inside(t.upperReal!)) rules.push({ h: t.upperReal, label: 'U' });
    if (inside(t.stability!)) rules.push({ h: t.stability, label: 'divergence' });
    full = rows;
    // The legend lists what is drawn: the chart is rebuilt when the set of curves changes.
    const drawn = [...M3.filter((m) => st.shown.includes(m)).map((m) => METHOD_LABELS[m]), ...(rows.some((r) => r.method === PICK_LABEL) ? [PICK_LABEL] : [])];
    if (drawn.join('|') !== drawnKey) { drawnKey = drawn.join('|'); createChart(drawn); }
    await chart!.set({ rho: rows, rules, level: [{ y: Math.sqrt(st.beta1), label: '√β' }] });
  };
  let drawnKey = '';
  const createChart = (drawn: string[]) => {
    chart?.finalize();
    v.plot.replaceChildren();
    const colourOf = (label: string) => (label === PICK_LABEL ? PICK_COLOR : METHOD_COLORS[M3.find((m) => METHOD_LABELS[m] === label)!]);
    // Threshold labels right of their rule, or left of it near the right edge (clipped otherwise).
    const ruleText = (filter: string, align: string, dx: number) => ({ data: { name: 'rules' }, transform: [{ filter }], mark: { type: 'text', angle: 0, align, dx, baseline: 'top', color: SERIES_COLORS.ink, fontWeight: 600, clip: true }, encoding: { x: { field: 'h', type: 'quantitative' }, y: { datum: 1.12 }, text: { field: 'label' } } });
    chart = named(v.plot, {
      width: 'container', height: 280, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      layer: [
        { data: { name: 'level' }, mark: { type: 'rule', strokeDash: [4, 4], color: SERIES_COLORS.grey, clip: true }, encoding: { y: { field: 'y', type: 'quantitative' } } },
        { data: { name: 'level' }, mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: SERIES_COLORS.grey, clip: true }, encoding: { y: { field: 'y', type: 'quantitative' }, x: { datum: 1e-4 }, text: { field: 'label' } } },
        { data: { name: 'rules' }, mark: { type: 'rule', color: SERIES_COLORS.ink, strokeDash: [2, 3], clip: true }, encoding: { x: { field: 'h', type: 'quantitative' } } },
        ruleText('datum.h <= 0.3', 'left', 3),
        ruleText('datum.h > 0.3', 'right', -3),
        { data: { name: 'hover' }, mark: { type: 'rule', color: SERIES_COLORS.purple, strokeWidth: 1.5, clip: true }, encoding: { x: { field: 'h', type: 'quantitative' } } },
        { data: { name: 'rho' }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: {
          x: { field: 'h', type: 'quantitative', title: 'curvature h (log scale)', scale: { type: 'log', domain: [1e-4, 1], nice: false }, axis: { format: '~g', values: [1e-4, 1e-3, 1e-2, 1e-1, 1] } },
          y: { field: 'rho', type: 'quantitative', title: 'spectral radius ρ', scale: { domain: [0, 1.15] } },
          color: { ...methodColor([...M3]), scale: { domain: drawn, range: drawn.map(colourOf) } },
        } },
      ],
    }, `Spectral radius rho against the curvature h on a log axis for ${drawn.join(', ') || 'no method'}, with the thresholds T, U and divergence marked`);
  };
  const start = async () => {
    // Hover (or arrow keys on the focused plot): the curvature under the pointer becomes section 3's highlighted direction.
    const hover = (x: number) => {
      const hx = Math.min(1, Math.max(1e-4, x));
      void chart!.set({ hover: [{ h: hx }] });
      linked(() => store.set('s3', { hl: +hx.toPrecision(4) }));
    };
    v.plot.addEventListener('pointermove', (ev) => { const pt = chart?.invert(ev.clientX, ev.clientY); if (pt && pt.x > 0) hover(pt.x); });
    v.plot.tabIndex = 0;
    v.plot.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight');
    v.plot.addEventListener('keydown', (ev) => {
      if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return;
      ev.preventDefault();
      const cur = (store.get<Record<string, number>>('s3').hl || 0.01);
      hover(cur * 10 ** ((ev.key === 'ArrowRight' ? 1 : -1) * (ev.shiftKey ? 0.5 : 0.1)));
    });
    const schedule = frameScheduler(() => timed('s4.rho', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => ['beta1', 'alpha1', 'shown', 'pick'].includes(c))) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

/** A labelled select bound to a text field, with options that can change (the axes of the chosen method). */
function selectControl(store: Store, sec: string, key: string, label: string, options: () => [string, string][], current: () => string): { el: HTMLElement; refresh: () => void } {
  const id = uniqueId(`${sec}-${key}`);
  const sel = h('select', { id, 'data-key': `${sec}.${key}` });
  const refresh = () => {
    sel.replaceChildren(...options().map(([value, text]) => h('option', { value, text })));
    sel.value = current();
  };
  sel.addEventListener('change', () => store.set(sec, { [key]: sel.value }));
  refresh();
  store.subscribe(sec, (_s, changed) => { if (changed.includes(key)) sel.value = current(); });
  return { el: h('div', { class: 'control select' }, h('label', { for: id, class: 'control-label', text: label }), sel), refresh };
}

/** The numeric parameters of a linear method (the axes a rate map can take). */
function numericParams(method: string): ParamInfo[] {
  return (methods().find((m) => m.name === method)?.params ?? []).filter((p) => (p.kind ?? 'number') === 'number');
}

const MOMENTUM_KEYS = ['beta', 'momentum', 'beta1'];
const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', beta1: 'β₁', beta2: 'β₂', nu: 'ν', mu: 'μ', gamma: 'γ' };
const axisLabel = (p: ParamInfo | undefined, key: string) => (p?.derivedDefault === 'rate' ? `learning rate ${GREEK[key] ?? key}` : key === 'beta' ? 'momentum β' : GREEK[key] ? `${key} (${GREEK[key]})` : key);

/** The map's axes for the state: the chosen keys when valid, else the learning rate across and the momentum up. */
function axesOf(st: S4): [string, string] | null {
  const ps = numericParams(st.method);
  const keys = ps.map((p) => p.name);
  if (keys.length < 2) return null;
  const x = keys.includes(st.xkey) ? st.xkey : (ps.find((p) => p.derivedDefault === 'rate') ?? ps[0]).name;
  const y = keys.includes(st.ykey) && st.ykey !== x ? st.ykey : (MOMENTUM_KEYS.find((k) => k !== x && keys.includes(k)) ?? keys.find((k) => k !== x)!);
  return [x, y];
}

/** gd, hb and nag over (alpha, beta): the fast rateMap, its curves and the tuned optimum. */
function isClassic(st: S4): st is S4 & { method: M } {
  if (st.method === 'gd') return true;
  const ax = axesOf(st);
  return (st.method === 'hb' || st.method === 'nag') && ax !== null && ax[0] === 'alpha' && ax[1] === 'beta';
}

/** A parameter's default range on the map: a learning rate up to just past 4/L, a bounded one over [min, max]. */
function paramRange(p: ParamInfo): [number, number] {
  if (p.derivedDefault === 'rate') return [0, 4 * 1.08];
  const lo = p.min ?? (p.max !== undefined ? p.max - 2 : -1);
  const hi = p.max ?? lo + (typeof p.default === 'number' && p.default > lo ? 2 * (p.default - lo) : 1);
  return [lo, hi];
}

/** The generic (rateMapOf) path's grid cap: one linear form per cell is ~100x rateMap's cost per cell. */
const GENERIC_N_MAX = 128;

function mapPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's4';
  const s = () => store.get<S4>(sec);
  let map: Chart | null = null, locus: Chart | null = null;
  const p = panel({
    id: 's4-map',
    title: 'The rate map: worst ρ over [μ, L] on two parameters, and the root locus',
    formulas: ['\\rho^\\star(\\alpha,\\beta) = \\max_{h\\in[\\mu, L]} \\rho\\big(R(\\alpha,\\beta,h)\\big)', '\\alpha^\\star = \\frac{4}{(\\sqrt L + \\sqrt\\mu)^2},\\ \\beta^\\star = \\Big(\\frac{\\sqrt\\kappa - 1}{\\sqrt\\kappa + 1}\\Big)^2'],
    idea: 'Every (α, β) pair gets the worst spectral radius over all curvatures in $[\\mu, L]$ (colour; grey = divergent). The curves are where something changes: the stability limit, critical damping of $\\mu$ (below it the slowest direction is overdamped), and the upper real/complex boundary of $L$; the diamond is the optimum (Polyak for heavy ball). Click the map to move the point; the root locus on the right shows the eigenvalues of every direction $h\\in[\\mu, L]$ at that point. Pick any other linear method and two of its parameters to map it the same way (the library builds its linear form in every cell; no curves, the diamond is the best cell).',
    exportSource: {
      name: 'rate-map',
      charts: () => (map && locus ? [{ label: 'rate map', chart: map }, { label: 'root locus', chart: locus }] : []),
      csv: () => mapCsv(),
      title: () => {
        const st = s();
        const ax = axesOf(st);
        const grid = isClassic(st) ? st.n : genericN(st);
        const at = isClassic(st) ? `; point α = ${fmt(st.alpha, 4)}, β = ${fmt(st.method === 'gd' ? 0 : st.beta, 4)}` : '';
        return `Rate map of ${st.method} over (${isClassic(st) ? 'α, β' : ax?.join(', ') ?? ''}): worst ρ over [1/κ, 1], κ = ${fmt(st.kappa, 4)}, ${grid}×${grid} grid${at}`;
      },
      cli: () => {
        const st = s();
        const mu = +(1 / st.kappa).toPrecision(10);
        if (!isClassic(st)) {
          const ax = axesOf(st);
          if (!ax) return sh`momentum-lab methods --format json  # ${st.method} has fewer than two numeric parameters`;
          const pt = genericPoint(st, ax);
          return sh`momentum-lab plot rate-map ${`method=${st.method}`} ${`x=${ax[0]}`} ${`y=${ax[1]}`} ${`kappa=${st.kappa}`} ${`n=${genericN(st)}`} --out rate-map.png` +
            (pt ? '\n' + sh`momentum-lab analyze --method ${`${st.method}:${ax[0]}=${pt[0]},${ax[1]}=${pt[1]}`} --mu ${mu} --L 1 --format json` : '');
        }
        return sh`momentum-lab analyze --method ${`${st.method}:alpha=${st.alpha}${st.method === 'gd' ? '' : `,beta=${st.beta}`}`} --mu ${mu} --L 1 --format json` + '\n' +
          sh`momentum-lab tune --method ${st.method} --mu ${mu} --L 1 --format json`;
      },
    },
  });
  /** The last rate map drawn (for the CSV export), and the canvas it is painted into (reused, shown under the chart). */
  let last: { field: Float32Array; n: number; x: [number, number]; y: [number, number] | null; keys: [string, string] } | null = null;
  /** The best cell of the last generic map (its diamond), as [x, y, rho]. */
  let best: [number, number, number] | null = null;
  const rasterCanvas = document.createElement('canvas');
  const mapCsv = (): Row[] => {
    if (!last) return [];
    const { field, n, x, y, keys } = last;
    const xs = linspace(x[0], x[1], n);
    const ys = y ? linspace(y[1], y[0], n) : [0]; // the worker's rows: y from top to bottom
    const rows: Row[] = [];
    for (let r = 0; r < ys.length; r++) {
      for (let c = 0; c < n; c++) {
        const v = field[r * n + c];
        rows.push({ [keys[0]]: xs[c], [keys[1]]: ys[r], worst_rho: Number.isFinite(v) ? +v.toPrecision(7) : null });
      }
    }
    return rows;
  };
  const info = (st: S4, key: string) => numericParams(st.method).find((q) => q.name === key);
  const genericN = (st: S4) => Math.min(st.n, GENERIC_N_MAX);
  /** The generic map's axis ranges (the chart's domains). */
  const genericRanges = (st: S4, ax: [string, string]): [[number, number], [number, number]] => [paramRange(info(st, ax[0])!), paramRange(info(st, ax[1])!)];
  /** The clicked point of the generic map ([gx, gy]), else the best cell, else null. */
  const genericPoint = (st: S4, _ax: [string, string]): [number, number] | null => {
    if (st.gx !== '' && st.gy !== '') return [Number(st.gx), Number(st.gy)];
    return best ? [best[0], best[1]] : null;
  };
  const axisSelect = (which: 'xkey' | 'ykey', label: string) => selectControl(store, sec, which, label,
    () => numericParams(s().method).map((q) => [q.name, `${q.name}${q.derivedDefault === 'rate' ? ' (learning rate)' : ''}`]),
    () => { const ax = axesOf(s()); return ax ? ax[which === 'xkey' ? 0 : 1] : ''; });
  const xSel = axisSelect('xkey', 'across (x)');
  const ySel = axisSelect('ykey', 'up (y)');
  const methodSel = selectControl(store, sec, 'method', 'Method (any linear method)', () => linearMethods().map((m) => [m.name, m.name === 'hb' ? 'hb — heavy ball' : m.name === 'nag' ? 'nag — Nesterov' : m.name === 'gd' ? 'gd — gradient descent' : `${m.name} — ${m.description.split(/[:(,]/)[0].trim().slice(0, 28)}`]), () => s().method);
  const axesRow = h('div', { class: 'axis-selects' }, xSel.el, ySel.el);
  const alphaSlider = slider(store, sec, 'alpha', { label: 'learning rate', symbol: 'α', min: 1e-4, max: 8, log: true });
  const betaSlider = slider(store, sec, 'beta', { label: 'momentum', symbol: 'β', min: 0, max: 0.9999, step: 0.0001 });
  p.controls.append(
    methodSel.el,
    axesRow,
    slider(store, sec, 'kappa', { label: 'condition number (μ = 1/κ, L = 1)', symbol: 'κ', min: 1, max: 1e4, log: true }),
    alphaSlider,
    betaSlider,
    slider(store, sec, 'n', { label: `grid size (n × n; at most ${GENERIC_N_MAX} for methods other than gd, hb, nag)`, symbol: 'n', min: 16, max: 512, step: 1 }),
  );
  const table = readoutTable('s4', [['point', 'your (α, β)'], ['optimal', 'optimum']], [['alpha', 'α'], ['beta', 'β'], ['rate', 'worst ρ']]);
  const roMs = readout('s4.mapms', 'rate map time (worker), ms');
  p.readouts.append(table.el, roMs.el);
  const vMap = view('Worst spectral radius over [μ, L] (colour; grey: divergent), α across, β up');
  const vLocus = view('Root locus: eigenvalues for every h ∈ [μ, L] (colour: log h)');
  vMap.plot.classList.add('interactive');
  p.views.append(vMap.el, vLocus.el);
  const mapTitle = vMap.el.querySelector('h3, h4, .view-title, figcaption');

  /** Labels that follow the mode: the table's headers, the view title, which controls show. */
  const relabel = () => {
    const st = s();
    const classic = isClassic(st);
    const ax = axesOf(st);
    const gd = st.method === 'gd';
    axesRow.hidden = gd || ax === null;
    alphaSlider.hidden = !classic;
    betaSlider.hidden = !classic || gd;
    xSel.refresh(); ySel.refresh();
    const xs = classic || !ax ? 'α' : GREEK[ax[0]] ?? ax[0], ys = classic || !ax ? 'β' : GREEK[ax[1]] ?? ax[1];
    const heads = table.el.querySelectorAll('thead th');
    heads[1].textContent = xs; heads[2].textContent = ys;
    const rowHeads = table.el.querySelectorAll('tbody th');
    rowHeads[0].lastChild!.textContent = classic ? ' your (α, β)' : ` your (${xs}, ${ys})`;
    rowHeads[1].lastChild!.textContent = classic ? ' optimum' : ' best cell';
    if (mapTitle) mapTitle.textContent = classic ? 'Worst spectral radius over [μ, L] (colour; grey: divergent), α across, β up' : `Worst spectral radius of ${st.method} over [μ, L] (colour; grey: divergent), ${ax ? `${ax[0]} across, ${ax[1]} up` : ''}`;
  };

  /** Linear alpha axis up to just past the stability limit at beta -> 1 (HB 4/L, NAG 4/(3L), GD 2/L). */
  const alphaRange = (st: S4): [number, number] => [0, (st.method === 'hb' ? 4 : st.method === 'nag' ? 4 / 3 : 2) * 1.08];
  /** The chart's domains for the state. */
  const domains = (st: S4): [[number, number], [number, number]] => {
    if (isClassic(st)) return [alphaRange(st), [0, 1]];
    const ax = axesOf(st);
    return ax ? genericRanges(st, ax) : [[0, 1], [0, 1]];
  };
  /** The worst rate at the optimum: the bottom of the colour scale. */
  const rateAtOptimum = (st: S4 & { method: M }) => rateMapCurves(st.method, [0.5], { mu: 1 / st.kappa, L: 1 }).optimal.rate;
  /** The bottom of the colour scale: the optimum's rate (gd/hb/nag), or just below the best cell (the others). */
  const colourFloor = (st: S4) => (isClassic(st) ? rateAtOptimum(st) : best ? Math.max(0, Math.min(0.999, best[2] - 0.05 * (1 - best[2]))) : 0);
  const circle: Row[] = [];
  for (let i = 0; i <= 120; i++) { const a = (2 * Math.PI * i) / 120; circle.push({ i, re: Math.cos(a), im: Math.sin(a) }); }

  /** The generic mode's marks, table and root locus: the best cell of the last map and the clicked point. */
  const drawGeneric = async () => {
    const st = s();
    const mu = 1 / st.kappa;
    const ax = axesOf(st);
    const [[x0], [y0]] = domains(st);
    const legend = [{ rho: colourFloor(st), alpha: x0, beta: y0 }, { rho: 1, alpha: x0, beta: y0 }];
    const marks: Row[] = [];
    const loc: Row[] = [];
    for (const k of ['alpha', 'beta', 'rate']) { table.set('point', k, '–'); table.set('optimal', k, '–'); }
    if (ax && best) {
      marks.push({ kind: 'optimum', alpha: best[0], beta: best[1] });
      table.set('optimal', 'alpha', best[0], 5); table.set('optimal', 'beta', best[1], 5); table.set('optimal', 'rate', best[2], 6);
    }
    const pt = ax ? genericPoint(st, ax) : null;
    if (ax && pt) {
      try {
        const { form } = linearFormOf(`${st.method}:${ax[0]}=${pt[0]},${ax[1]}=${pt[1]}`, { name: 'rate map', mu, L: 1 });
        const ch = formCharacteristic(form);
        if (st.gx !== '' && st.gy !== '') marks.push({ kind: 'your point', alpha: pt[0], beta: pt[1] }); // else it is the best cell
        table.set('point', 'alpha', pt[0], 5); table.set('point', 'beta', pt[1], 5); table.set('point', 'rate', formWorstRate(form, mu, 1, ch).rate, 6);
        for (const x of logspace(mu, 1, 160)) for (const z of formEigenvalues(form, x, ch)) loc.push({ re: z.re, im: z.im, logh: Math.log10(x) });
      } catch (e) {
        table.set('point', 'rate', e instanceof Error ? e.message : String(e));
      }
    }
    await Promise.all([map!.set({ curves: [], marks, legend }), locus!.set({ loc, circle })]);
  };
  /**
   * The curves, marks, colour legend and root locus for the current state (and the read-outs), drawn at input time
   * (once per frame); the raster follows when the worker delivers it, drawn under the chart without a Vega redraw.
   */
  const drawCurves = async () => {
    const st = s();
    if (!isClassic(st)) return drawGeneric();
    const mu = 1 / st.kappa;
    const [a0, a1] = alphaRange(st);
    // The curves and the optimum depend on the method and kappa only: a click (a new point) reuses them.
    const key = `${st.method}|${st.kappa}`;
    const fresh = key !== curvesCache?.key;
    if (fresh) {
      const betas = st.method === 'gd' ? linspace(0, 0.9999, 2) : linspace(0, 0.9999, 300);
      const { curves, optimal } = rateMapCurves(st.method, betas, { mu, L: 1 });
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
      curvesCache = { key, rows, optimal, floor: rateAtOptimum(st) };
    }
    const { rows, optimal } = curvesCache!;
    const point = worstRateOverInterval(lm(st.method, st.alpha, st.beta), mu, 1);
    table.set('point', 'alpha', st.alpha, 5); table.set('point', 'beta', st.method === 'gd' ? 0 : st.beta, 5); table.set('point', 'rate', point.rate, 6);
    table.set('optimal', 'alpha', optimal.alpha, 5); table.set('optimal', 'beta', optimal.beta, 5); table.set('optimal', 'rate', optimal.rate, 6);
    const marks: Row[] = [{ kind: 'optimum', alpha: optimal.alpha, beta: optimal.beta }, { kind: 'your point', alpha: st.alpha, beta: st.method === 'gd' ? 0 : st.beta }];
    // Root locus at the point.
    const meth = lm(st.method, st.alpha, st.beta);
    const loc: Row[] = [];
    for (const x of logspace(mu, 1, 160)) for (const z of directionEigenvalues(meth, x)) loc.push({ re: z.re, im: z.im, logh: Math.log10(x) });
    const legend = [{ rho: curvesCache!.floor, alpha: a0, beta: 0 }, { rho: 1, alpha: a0, beta: 0 }];
    await Promise.all([map!.set(fresh ? { curves: rows, marks, legend } : { marks }), locus!.set(fresh ? { loc, circle } : { loc })]);
  };
  /** The last curves drawn (reset when the charts are rebuilt). */
  let curvesCache: { key: string; rows: Row[]; optimal: { alpha: number; beta: number; rate: number }; floor: number } | null = null;
  /**
   * Compute the map in a worker and paint it into the canvas drawn under the chart (no PNG, no Vega redraw: the
   * legend and curves were redrawn at input time by drawCurves).
   */
  let busyTimer = 0;
  const drawMap = async () => {
    const st = s();
    const classic = isClassic(st);
    const ax = axesOf(st);
    const [[a0, a1], [b0, b1]] = domains(st);
    if (!classic && !ax) {
      clearTimeout(busyTimer);
      p.status.classList.remove('busy');
      p.status.textContent = `${st.method} has fewer than two numeric parameters: nothing to map (choose another method).`;
      best = null; last = null;
      await drawGeneric();
      return;
    }
    const n = classic ? st.n : genericN(st);
    try {
      const t0 = performance.now();
      const da = (a1 - a0) / n, db = (b1 - b0) / n;
      // gd/hb/nag: beta over [0, 0.9999] (as the library's beta < 1); the others: cell centres over the range.
      const yr: [number, number] = classic ? [0, 0.9999] : [b0 + db / 2, b1 - db / 2];
      const job = classic
        ? { type: 'ratemap' as const, method: st.method, mu: 1 / st.kappa, L: 1, alpha: [a0 + da / 2, a1 - da / 2] as [number, number], beta: yr, n, logAlpha: false }
        : { type: 'ratemap' as const, method: st.method, mu: 1 / st.kappa, L: 1, alpha: [a0 + da / 2, a1 - da / 2] as [number, number], beta: yr, n, logAlpha: false, axes: ax! };
      const res = (await runJob('s4.ratemap', job)) as RasterResult;
      if (!classic) {
        // The best cell (the diamond) and the colour floor below it.
        let k = -1;
        res.field!.forEach((v, i) => { if (Number.isFinite(v) && (k < 0 || v < res.field![k])) k = i; });
        const xs = linspace(a0 + da / 2, a1 - da / 2, n), ys = linspace(yr[1], yr[0], n);
        best = k >= 0 && res.field![k] < 1 ? [xs[k % n], ys[Math.floor(k / n)], res.field![k]] : null;
      }
      paint(res.field!, res.width, res.height, { ramp: 'viridis', lo: colourFloor(st), hi: 1, invalidAbove: 0.99999999, invalid: [226, 228, 233, 255] }, rasterCanvas);
      last = { field: res.field!, n: res.width, x: [a0 + da / 2, a1 - da / 2], y: classic && st.method === 'gd' ? null : yr, keys: classic ? ['alpha', 'beta'] : ax! };
      await map!.setRaster('bg', rasterCanvas, a0, a1, b0, classic ? 0.9999 : b1);
      const total = performance.now() - t0;
      record('s4.ratemap.total', total);
      record('s4.ratemap.worker', res.ms);
      if (classic && st.n === 256) record('s4.ratemap256', total);
      if (!classic) record(`s4.ratemapof.${st.method}.${n}`, res.ms);
      roMs.set(`${fmt(res.ms, 3)} (compute) · ${fmt(total, 3)} (total)`);
      clearTimeout(busyTimer);
      p.status.classList.remove('busy');
      const done = classic
        ? `${st.n}×${st.n} grid = ${st.n * st.n} worst-case rates from rateMap() in a Web Worker.`
        : `${n}×${n} grid = ${n * n} worst-case rates of ${st.method} over (${ax![0]}, ${ax![1]}) from rateMapOf() in a Web Worker${res.extra?.exact === 0 ? ' (sampled over [μ, L])' : ''}; other parameters at their defaults (learning rate 1/L).`;
      if (p.status.textContent !== done) p.status.textContent = done; // an unchanged text costs no layout
      if (!classic) await drawGeneric();
    } catch (e) {
      if (!(e instanceof Superseded)) {
        clearTimeout(busyTimer);
        if (classic) throw e;
        // A method whose parameters refuse part of the range (the library's ParameterError): say so, draw nothing.
        p.status.classList.remove('busy');
        p.status.textContent = `rate map not computed: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
  };
  const createCharts = () => {
    curvesCache = null;
    const st = s();
    const [xd, yd] = domains(st);
    const classic = isClassic(st);
    const ax = axesOf(st);
    const xt = classic || !ax ? 'learning rate α' : axisLabel(info(st, ax[0]), ax[0]);
    const yt = classic || !ax ? 'momentum β' : axisLabel(info(st, ax[1]), ax[1]);
    // No grid: the raster covers the plot area (it is drawn under the Vega canvas, so a grid would show through).
    const x = { field: 'alpha', type: 'quantitative', title: xt, scale: { domain: xd, nice: false }, axis: { grid: false } };
    const y = { field: 'beta', type: 'quantitative', title: yt, scale: { domain: yd, nice: false }, axis: { grid: false } };
    const shapes = classic ? ['optimum', 'your point'] : ['best cell', 'your point'];
    map = named(vMap.plot, {
      width: 'container', height: 320, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      layer: [
        { ...imageLayer('bg'), encoding: { ...(imageLayer('bg') as { encoding: Record<string, unknown> }).encoding, x: { field: 'x', type: 'quantitative', scale: { domain: xd, nice: false }, title: xt, axis: { grid: false } }, y: { field: 'y', type: 'quantitative', scale: { domain: yd, nice: false }, title: yt, axis: { grid: false } } } },
        { data: { name: 'legend' }, mark: { type: 'point', opacity: 0 }, encoding: { x, y, color: { field: 'rho', type: 'quantitative', title: 'worst ρ', scale: { scheme: 'viridis' }, legend: { orient: 'right', gradientLength: 160, format: '.3f' } } } },
        ...(classic ? [{ data: { name: 'curves' }, mark: { type: 'line', strokeWidth: 1.6, clip: true }, encoding: { x, y, order: { field: 'i', type: 'quantitative' }, color: { field: 'curve', type: 'nominal', title: 'curves', scale: { domain: Object.values(CURVE_LABEL), range: CURVE_COLORS }, legend: CURVE_LEGEND }, strokeDash: { field: 'curve', type: 'nominal', title: 'curves', scale: { domain: Object.values(CURVE_LABEL), range: CURVE_DASH }, legend: CURVE_LEGEND } } }] : [{ data: { name: 'curves' }, mark: { type: 'line' }, encoding: { x, y } }]),
        { data: { name: 'marks' }, transform: classic ? [] : [{ calculate: "datum.kind === 'optimum' ? 'best cell' : datum.kind", as: 'kind' }], mark: { type: 'point', filled: true, size: 120, stroke: '#111827', strokeWidth: 1.2, clip: true }, encoding: { x, y, shape: { field: 'kind', type: 'nominal', title: null, scale: { domain: shapes, range: ['diamond', 'circle'] }, legend: { orient: 'top', direction: 'horizontal' } }, fill: { value: '#ffffff' } } },
      ],
      // strokeDash resolved as colour is: both legends in the curves' layer, where Vega-Lite merges them into one.
      resolve: { scale: { color: 'independent', shape: 'independent', strokeDash: 'independent' } },
    }, classic ? `Rate map of ${st.method}: worst spectral radius over [mu, L] for every (alpha, beta), with the stability, critical-damping and real/complex curves and the picked point (click, or focus and use the arrow keys)` : `Rate map of ${st.method} over ${ax?.join(' and ') ?? ''}: worst spectral radius over [mu, L], best cell and picked point`);
    locus = named(vLocus.plot, {
      width: 250, height: 250,
      layer: [
        { data: { name: 'circle' }, mark: { type: 'line', strokeDash: [4, 3], color: '#9ca3af', strokeWidth: 1 }, encoding: { x: { field: 're', type: 'quantitative', scale: { domain: [-1.1, 1.1] }, title: 'Re z' }, y: { field: 'im', type: 'quantitative', scale: { domain: [-1.1, 1.1] }, title: 'Im z' }, order: { field: 'i', type: 'quantitative' } } },
        { data: { name: 'loc' }, mark: { type: 'circle', size: 14, opacity: 0.9, clip: true }, encoding: { x: { field: 're', type: 'quantitative' }, y: { field: 'im', type: 'quantitative' }, color: { field: 'logh', type: 'quantitative', title: 'log₁₀ h', scale: { scheme: 'plasma' }, legend: { orient: 'bottom', gradientLength: 140 } } } },
      ],
    }, `Root locus of ${s().method} at the picked point: the eigenvalues of every direction h in [mu, L], coloured by log h, with the unit circle`);
    relabel();
  };
  /**
   * A point picked on the map (click, drag or keys): section 4's (alpha, beta), and the same point for section 2's
   * paths and section 3's directions (same kappa, L = 1; the map's method ticked in section 2).
   */
  const pickPoint = (alpha: number, beta: number) => {
    const st = s();
    store.set(sec, { alpha, beta });
    const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
    const s2 = store.get<{ problem: string; methods: string[] }>('s2');
    const patch2: Record<string, unknown> = { alpha: clamp(alpha, 1e-5, 4), beta: clamp(st.method === 'gd' ? 0 : beta, 0, 0.999) };
    if (s2.problem === 'quadratic') patch2.kappa = clamp(st.kappa, 1, 1000);
    if (!s2.methods.includes(st.method)) patch2.methods = ['gd', 'hb', 'nag'].filter((m) => m === st.method || s2.methods.includes(m));
    linked(() => store.set('s2', patch2));
    const patch3: Record<string, unknown> = { alpha: clamp(alpha, 1e-5, 4), beta: clamp(st.method === 'gd' ? 0 : beta, 0, 0.9999), kappa: clamp(st.kappa, 1, 1e4) };
    if (st.method !== 'gd') patch3.method = st.method;
    linked(() => store.set('s3', patch3));
  };
  const start = async () => {
    createCharts();
    const clickToPoint = (ev: PointerEvent) => {
      const pt = map?.invert(ev.clientX, ev.clientY);
      if (!pt) return;
      const st = s();
      const [[a0, a1], [b0, b1]] = domains(st);
      if (isClassic(st)) {
        if (pt.x <= a0 || pt.x > a1 || pt.y < 0 || pt.y > 0.9999) return;
        pickPoint(Math.max(1e-4, +pt.x.toPrecision(4)), +pt.y.toFixed(4));
        return;
      }
      if (pt.x <= a0 || pt.x >= a1 || pt.y <= b0 || pt.y >= b1) return;
      store.set(sec, { gx: String(+pt.x.toPrecision(4)), gy: String(+pt.y.toPrecision(4)) });
    };
    let down = false;
    vMap.plot.addEventListener('pointerdown', (e) => { down = true; vMap.plot.setPointerCapture(e.pointerId); clickToPoint(e); });
    vMap.plot.addEventListener('pointermove', (e) => { if (down) clickToPoint(e); });
    vMap.plot.addEventListener('pointerup', () => { if (down) { down = false; store.commit(); } });
    // The point from the keyboard: arrows move it by 1/100 of the axis (Shift: 1/20); each key is a history entry on release.
    vMap.plot.tabIndex = 0;
    vMap.plot.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown');
    vMap.plot.addEventListener('keydown', (ev) => {
      const dir: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      const v = dir[ev.key];
      const st = s();
      if (!v || !isClassic(st)) return;
      ev.preventDefault();
      const [[a0, a1]] = domains(st);
      const f = ev.shiftKey ? 0.05 : 0.01;
      const alpha = Math.min(a1, Math.max(1e-4, st.alpha + v[0] * f * (a1 - a0)));
      const beta = Math.min(0.9999, Math.max(0, st.beta + v[1] * f));
      pickPoint(+alpha.toPrecision(4), +beta.toFixed(4));
    });
    vMap.plot.addEventListener('keyup', (ev) => { if (ev.key.startsWith('Arrow')) store.commit(); });
    const scheduleCurves = frameScheduler(() => timed('s4.curves', drawCurves));
    store.subscribe(sec, (_s, changed) => {
      if (changed.some((c) => ['method', 'xkey', 'ykey', 'kappa', 'n'].includes(c))) {
        // The busy notice only for a slow map: shown at once it would cost a layout and paint in the frame the map
        // usually arrives in (a 256 x 256 map takes a few ms).
        clearTimeout(busyTimer);
        busyTimer = window.setTimeout(() => { p.status.classList.add('busy'); p.status.textContent = 'computing the rate map in a worker…'; }, 150);
        if (changed.some((c) => ['method', 'xkey', 'ykey'].includes(c))) {
          // A new method or new axes: the clicked point belongs to the old ones.
          if (!changed.includes('gx') && (s().gx !== '' || s().gy !== '')) store.set(sec, { gx: '', gy: '' });
          best = null;
          void rebuild();
          return;
        }
        void drawMap();
      }
      if (changed.some((c) => ['method', 'kappa', 'alpha', 'beta', 'gx', 'gy'].includes(c))) scheduleCurves();
    });
    await Promise.all([drawMap(), drawCurves()]);
  };
  // The axes' ranges depend on the method and the axes: rebuild the map chart's scales.
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
  summary: 'ρ against h with the critical curvature T, and the whole (α, β) plane: worst-case rate maps for GD, heavy ball and Nesterov with the root locus, and for any other linear method over any two of its parameters.',
  shape,
  mount,
};
