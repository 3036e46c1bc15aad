// Section 1: general dynamics. A 2x2 linear system in continuous and discrete time (phase portrait, eigenvalues
// against the imaginary axis / unit circle, trace–determinant plane, classification, all from the library's
// analyzeLinearSystem and phasePortrait); the logistic map (cobweb, bifurcation diagram and Lyapunov exponent, heavy
// parts in a worker); and the Mandelbrot set (worker raster; click to zoom, hover for the orbit).
import type { Section } from './section.js';
import { num } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, readoutTable, readout } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { paintRgba, imageLayer, imageRow } from '../ui/raster.js';
import { runJob, Superseded } from '../ui/pool.js';
import { timed, frameScheduler, record } from '../perf.js';
import { h, fmt } from '../ui/dom.js';
import { sh } from '../ui/export.js';
import { SERIES_COLORS } from '../ui/colors.js';
import {
  analyzeLinearSystem, phasePortrait, fromRows, matvec, logisticCobweb, logisticPeriod, logisticLyapunov, complex, cadd, cmul, cabs,
  type VectorField,
} from '../lib.js';
import type { RasterResult, SeriesResult } from '../workers/protocol.js';
import { flowShape, limitCyclePanel, lorenzPanel } from './s1-flows.js';

const shape = {
  a: num(-3, 3, 0.3), b: num(-3, 3, 1), c: num(-3, 3, -1), d: num(-3, 3, 0.3), alpha: num(0.01, 2, 0.3),
  r: num(0, 4, 3.5),
  cx: num(-2.5, 1.5, -0.6), cy: num(-1.5, 1.5, 0), zoom: num(1, 1e6, 1), iters: num(50, 5000, 500, { int: true }),
  ...flowShape,
};
type S1 = { a: number; b: number; c: number; d: number; alpha: number; r: number; cx: number; cy: number; zoom: number; iters: number };

function linearPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's1';
  const s = () => store.get<S1>(sec);
  let portrait: Chart | null = null, eig: Chart | null = null, td: Chart | null = null;
  let linCsv: Row[] = [];
  const p = panel({
    id: 's1-linear',
    title: 'Linear systems: continuous and discrete time',
    formulas: ['\\dot{\\mathbf w} = -\\alpha A\\mathbf w \\;\\Rightarrow\\; \\mathbf w(t) = e^{-\\alpha t A}\\mathbf w(0)', '\\mathbf w^{(k)} = (I - \\alpha A)^k\\mathbf w^{(0)}'],
    idea: 'When $A$ is not symmetric (the field is not a gradient) it can have complex or repeated eigenvalues, and more behaviours appear: spirals, centres, saddles, degenerate nodes. Continuous time is stable when every eigenvalue of $-\\alpha A$ has negative real part (left of the imaginary axis); discrete time when every eigenvalue of $I - \\alpha A$ lies inside the unit circle — so a stable flow can become an unstable iteration when $\\alpha$ is too large.',
    exportSource: {
      name: 'linear-system',
      charts: () => (portrait && eig && td ? [{ label: 'phase portrait', chart: portrait }, { label: 'eigenvalues', chart: eig }, { label: 'trace-determinant', chart: td }] : []),
      csv: () => linCsv,
      title: () => `Linear system w' = −αAw and w⁺ = (I − αA)w: A = [${s().a}, ${s().b}; ${s().c}, ${s().d}], α = ${s().alpha}`,
      cli: () => sh`momentum-lab dynamics linear --matrix ${`${s().a},${s().b};${s().c},${s().d}`} --alpha ${s().alpha} --format json`,
    },
  });
  p.controls.append(
    slider(store, sec, 'a', { label: 'A₁₁', min: -3, max: 3, step: 0.01 }),
    slider(store, sec, 'b', { label: 'A₁₂', min: -3, max: 3, step: 0.01 }),
    slider(store, sec, 'c', { label: 'A₂₁', min: -3, max: 3, step: 0.01 }),
    slider(store, sec, 'd', { label: 'A₂₂', min: -3, max: 3, step: 0.01 }),
    slider(store, sec, 'alpha', { label: 'step', symbol: 'α', min: 0.01, max: 2, step: 0.01 }),
  );
  const table = readoutTable('s1', [['continuous', 'continuous time'], ['discrete', 'discrete time']], [['type', 'type'], ['stable', 'stable']]);
  p.readouts.append(table.el);
  const vP = view('Phase portrait: flow (lines) and iterates (dots) from the same starts');
  const vE = view('Eigenvalues of −αA (continuous: stable left of the imaginary axis) and I − αA (discrete: stable inside the unit circle)');
  const vT = view('Trace–determinant plane of −αA');
  p.views.append(vP.el, vE.el, vT.el);

  const update = async () => {
    const st = s();
    const A = fromRows([[st.a, st.b], [st.c, st.d]]);
    const an = analyzeLinearSystem(A, { alpha: st.alpha });
    const M = an.M.data;
    const f: VectorField = (_t, y, out) => { out[0] = M[0] * y[0] + M[1] * y[1]; out[1] = M[2] * y[0] + M[3] * y[1]; };
    const starts: [number, number][] = Array.from({ length: 8 }, (_, i) => [1.6 * Math.cos((i * Math.PI) / 4 + 0.3), 1.6 * Math.sin((i * Math.PI) / 4 + 0.3)]);
    const pp = phasePortrait(f, { xRange: [-2, 2], yRange: [-2, 2], grid: 13, starts, tspan: [0, 12], samples: 240 });
    const arrows: Row[] = [];
    for (let i = 0; i < pp.field.x.length; i++) {
      const u = pp.field.u[i], v = pp.field.v[i];
      arrows.push({ x: pp.field.x[i], y: pp.field.y[i], angle: 90 - (Math.atan2(v, u) * 180) / Math.PI, m: Math.hypot(u, v) });
    }
    const flows: Row[] = [];
    const full: Row[] = [];
    pp.trajectories.forEach((tr, j) => { for (let i = 0; i < tr.x.length; i++) full.push({ kind: 'flow', series: `t${j}`, i, x: tr.x[i], y: tr.y[i] }); });
    pp.trajectories.forEach((tr, j) => { for (let i = 0; i < tr.x.length; i++) if (Math.abs(tr.x[i]) < 3 && Math.abs(tr.y[i]) < 3) flows.push({ series: `t${j}`, i, x: tr.x[i], y: tr.y[i] }); });
    const dots: Row[] = [];
    for (const [x0, y0] of starts) {
      let w = Float64Array.of(x0, y0);
      const out = new Float64Array(2);
      for (let k = 0; k < 30; k++) {
        if (Math.abs(w[0]) > 3 || Math.abs(w[1]) > 3) break;
        dots.push({ x: w[0], y: w[1], k });
        matvec(an.B, w, out);
        w = Float64Array.from(out);
      }
    }
    const ev: Row[] = [];
    linCsv = [...full, ...dots.map((d) => ({ kind: 'iterate', series: 'iterates', i: d.k, x: d.x, y: d.y }))];
    for (const z of an.eigenvalues) {
      ev.push({ kind: 'continuous (−αA)', re: -st.alpha * z.re, im: -st.alpha * z.im });
      ev.push({ kind: 'discrete (I − αA)', re: 1 - st.alpha * z.re, im: -st.alpha * z.im });
    }
    const circle: Row[] = [];
    for (let i = 0; i <= 120; i++) circle.push({ i, re: Math.cos((2 * Math.PI * i) / 120), im: Math.sin((2 * Math.PI * i) / 120) });
    const tr = M[0] + M[3], det = M[0] * M[3] - M[1] * M[2];
    const para: Row[] = [];
    for (let i = 0; i <= 100; i++) { const t = -4 + (8 * i) / 100; para.push({ t, d: (t * t) / 4 }); }
    table.set('continuous', 'type', an.continuous?.type ?? '–');
    table.set('continuous', 'stable', an.continuous?.stable ? 'yes' : 'no');
    table.set('discrete', 'type', an.discrete?.type ?? '–');
    table.set('discrete', 'stable', an.discrete?.stable ? 'yes' : 'no');
    await Promise.all([
      portrait!.set({ arrows, flows, dots }),
      eig!.set({ ev, circle }),
      td!.set({ para, pt: [{ t: tr, d: det }], labels: [{ t: -2.6, d: 3.2, text: 'stable spirals' }, { t: 2.6, d: 3.2, text: 'unstable spirals' }, { t: -3, d: 0.8, text: 'stable nodes' }, { t: 3, d: 0.8, text: 'unstable nodes' }, { t: 0, d: -1.5, text: 'saddles' }] }),
    ]);
  };
  const start = async () => {
    const ax = (f: string, t: string, dom: [number, number]) => ({ field: f, type: 'quantitative', title: t, scale: { domain: dom, nice: false } });
    portrait = new Chart(vP.plot, {
      width: 260, height: 260,
      layer: [
        { data: { name: 'arrows' }, mark: { type: 'point', shape: 'wedge', filled: true, size: 60, color: SERIES_COLORS.light, clip: true }, encoding: { x: ax('x', 'w₁', [-2, 2]), y: ax('y', 'w₂', [-2, 2]), angle: { field: 'angle', type: 'quantitative', scale: { domain: [-360, 360], range: [-360, 360] } } } },
        { data: { name: 'flows' }, mark: { type: 'line', strokeWidth: 1.4, color: SERIES_COLORS.purple, clip: true }, encoding: { x: ax('x', 'w₁', [-2, 2]), y: ax('y', 'w₂', [-2, 2]), detail: { field: 'series' }, order: { field: 'i', type: 'quantitative' } } },
        { data: { name: 'dots' }, mark: { type: 'circle', size: 16, color: SERIES_COLORS.brown, clip: true }, encoding: { x: ax('x', 'w₁', [-2, 2]), y: ax('y', 'w₂', [-2, 2]) } },
      ],
    } as never, { description: 'Phase portrait' });
    eig = new Chart(vE.plot, {
      width: 260, height: 260,
      layer: [
        { data: { name: 'circle' }, mark: { type: 'line', strokeDash: [4, 3], color: SERIES_COLORS.grey, strokeWidth: 1, clip: true }, encoding: { x: ax('re', 'Re z', [-2.2, 2.2]), y: ax('im', 'Im z', [-2.2, 2.2]), order: { field: 'i', type: 'quantitative' } } },
        { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: SERIES_COLORS.grey, strokeWidth: 1, clip: true }, encoding: { x: { field: 'x', type: 'quantitative' } } },
        { data: { name: 'ev' }, mark: { type: 'point', size: 80, strokeWidth: 2, filled: true, clip: true }, encoding: { x: ax('re', 'Re z', [-2.2, 2.2]), y: ax('im', 'Im z', [-2.2, 2.2]), color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['continuous (−αA)', 'discrete (I − αA)'], range: [SERIES_COLORS.purple, SERIES_COLORS.brown] }, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 } } } },
      ],
    } as never, { description: 'Eigenvalues in the complex plane' });
    td = new Chart(vT.plot, {
      width: 260, height: 260,
      layer: [
        { data: { name: 'para' }, mark: { type: 'line', color: SERIES_COLORS.ink, strokeWidth: 1.2, clip: true }, encoding: { x: ax('t', 'trace', [-4, 4]), y: ax('d', 'determinant', [-3, 4]) } },
        { data: { name: 'para' }, mark: { type: 'rule', color: SERIES_COLORS.grey, clip: true }, encoding: { y: { datum: 0 } } },
        { data: { name: 'para' }, mark: { type: 'rule', color: SERIES_COLORS.grey, clip: true }, encoding: { x: { datum: 0 } } },
        { data: { name: 'labels' }, mark: { type: 'text', fontSize: 10, color: SERIES_COLORS.grey, clip: true }, encoding: { x: ax('t', 'trace', [-4, 4]), y: ax('d', 'determinant', [-3, 4]), text: { field: 'text' } } },
        { data: { name: 'pt' }, mark: { type: 'point', filled: true, size: 110, color: SERIES_COLORS.ink, clip: true }, encoding: { x: ax('t', 'trace', [-4, 4]), y: ax('d', 'determinant', [-3, 4]) } },
      ],
    } as never, { description: 'Trace-determinant plane' });
    const schedule = frameScheduler(() => timed('s1.linear', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => ['a', 'b', 'c', 'd', 'alpha'].includes(c))) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

function logisticPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's1';
  const s = () => store.get<S1>(sec);
  let cob: Chart | null = null, bif: Chart | null = null;
  let cobCsv: Row[] = [], lyapCsv: Row[] = [];
  const p = panel({
    id: 's1-logistic',
    title: 'The logistic map: cobweb, bifurcation diagram, Lyapunov exponent',
    // The map and its Lyapunov exponent as two displays (one line ran past a phone's column).
    formulas: ['x_{k+1} = r\\,x_k(1 - x_k)', '\\lambda = \\lim_{n\\to\\infty}\\frac1n\\sum_{k<n}\\ln|r(1 - 2x_k)|'],
    idea: 'For discrete maps chaos arises even in one dimension. The lecture\'s $f(x) = 3.5x(1-x)$ settles on a period-4 orbit; period doublings at $r = 3$ and $1+\\sqrt6$ cascade into chaos near $r \\approx 3.57$, interrupted by windows such as [[period 3 at 1 + √8|s1.r=3.83]]; [[r = 3.5|s1.r=3.5]] is the lecture\'s period 4, [[r = 3.9|s1.r=3.9]] is chaotic. The Lyapunov exponent under the diagram is positive exactly where the orbit is chaotic.',
    exportSource: {
      name: 'logistic',
      charts: () => (cob && bif ? [{ label: 'cobweb', chart: cob }, { label: 'bifurcation', chart: bif }] : []),
      // The cobweb's vertices and λ(r) at the 700 values of r the worker computed (the diagram itself is an image).
      csv: () => [...cobCsv, ...lyapCsv],
      title: () => `Logistic map x⁺ = r x (1 − x): r = ${s().r}; bifurcation diagram and Lyapunov exponent for r ∈ [2.5, 4]`,
      cli: () => `${sh`momentum-lab dynamics logistic --r ${s().r} --format json`}\nmomentum-lab dynamics bifurcation --out bifurcation.png`,
    },
  });
  p.controls.append(slider(store, sec, 'r', { label: 'growth rate', symbol: 'r', min: 0, max: 4, step: 0.001 }));
  const roP = readout('s1.logisticPeriod', 'period');
  const roL = readout('s1.lyapunov', 'Lyapunov exponent λ');
  p.readouts.append(roP.el, roL.el);
  const vC = view('Cobweb: x_{k+1} = f(x_k)');
  const vB = view('Bifurcation diagram (worker raster) with λ(r) below; the brown line is r', 'wide');
  p.views.append(vC.el, vB.el);
  const update = async () => {
    const st = s();
    const cw = logisticCobweb(st.r, 0.2, 80);
    const web: Row[] = Array.from(cw.x, (x, i) => ({ i, x, y: cw.y[i] }));
    cobCsv = web.map((w) => ({ series: 'cobweb', r: st.r, ...w }));
    const curve: Row[] = [];
    for (let i = 0; i <= 100; i++) { const x = i / 100; curve.push({ x, y: st.r * x * (1 - x) }); }
    const per = logisticPeriod(st.r, { transient: 20000 });
    roP.set(per.period === null ? 'none (chaotic or > 128)' : String(per.period));
    roL.set(logisticLyapunov(st.r, { iterations: 100000 }), 4);
    await Promise.all([cob!.set({ web, curve }), bif!.set({ rline: [{ r: st.r }] })]);
  };
  const start = async () => {
    cob = new Chart(vC.plot, {
      width: 240, height: 240,
      layer: [
        { data: { name: 'curve' }, mark: { type: 'line', color: SERIES_COLORS.ink, clip: true }, encoding: { x: { field: 'x', type: 'quantitative', title: 'x_k', scale: { domain: [0, 1] } }, y: { field: 'y', type: 'quantitative', title: 'x_{k+1}', scale: { domain: [0, 1] } } } },
        { data: { name: 'curve' }, mark: { type: 'line', color: SERIES_COLORS.grey, strokeDash: [3, 3], clip: true }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'x', type: 'quantitative' } } },
        { data: { name: 'web' }, mark: { type: 'line', color: SERIES_COLORS.purple, strokeWidth: 1, clip: true }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, order: { field: 'i', type: 'quantitative' } } },
      ],
    } as never, { description: 'Cobweb of the logistic map at r: the parabola, the diagonal and the orbit from x0 = 0.2' });
    bif = new Chart(vB.plot, {
      vconcat: [
        { width: 'container', height: 200, layer: [
          { ...imageLayer('bg'), encoding: { ...(imageLayer('bg') as { encoding: Record<string, unknown> }).encoding, x: { field: 'x', type: 'quantitative', scale: { domain: [2.5, 4], nice: false }, title: null }, y: { field: 'y', type: 'quantitative', scale: { domain: [0, 1], nice: false }, title: 'x' } } },
          { data: { name: 'rline' }, mark: { type: 'rule', color: SERIES_COLORS.brown, clip: true }, encoding: { x: { field: 'r', type: 'quantitative' } } },
        ] },
        { width: 'container', height: 110, layer: [
          { data: { name: 'lyap' }, mark: { type: 'line', color: SERIES_COLORS.ink, strokeWidth: 1, clip: true }, encoding: { x: { field: 'r', type: 'quantitative', scale: { domain: [2.5, 4], nice: false }, title: 'r' }, y: { field: 'lyapunov', type: 'quantitative', title: 'λ', scale: { domain: [-2, 1] } } } },
          { data: { name: 'rline' }, mark: { type: 'rule', color: SERIES_COLORS.brown, clip: true }, encoding: { x: { field: 'r', type: 'quantitative' } } },
          { data: { name: 'rline' }, mark: { type: 'rule', color: SERIES_COLORS.grey, clip: true }, encoding: { y: { datum: 0 } } },
        ] },
      ],
      autosize: { type: 'fit-x', contains: 'padding', resize: true },
    } as never, { description: 'Bifurcation diagram of the logistic map for r from 2.5 to 4 with the Lyapunov exponent lambda(r) below and the current r marked' });
    const raster = (async () => {
      try {
        const t0 = performance.now();
        const [img, ly] = await Promise.all([
          runJob('s1.bif', { type: 'bifurcation', r: [2.5, 4], x: [0, 1], width: 700, height: 260, transient: 500, samples: 300 }) as Promise<RasterResult>,
          runJob('s1.lyap', { type: 'lyapunov-logistic', r: [2.5, 4], n: 700 }) as Promise<SeriesResult>,
        ]);
        lyapCsv = ly.rows.map((r) => ({ series: 'lyapunov', r: r.r, lyapunov: r.lyapunov }));
        await bif!.set({ bg: [imageRow(paintRgba(img.rgba!, img.width, img.height), 2.5, 4, 0, 1)], lyap: ly.rows.map((r) => ({ r: r.r, lyapunov: Math.max(r.lyapunov as number, -2) })) });
        record('s1.bifurcation', performance.now() - t0);
      } catch (e) { if (!(e instanceof Superseded)) throw e; }
    })();
    const schedule = frameScheduler(() => timed('s1.logistic', update));
    store.subscribe(sec, (_s, changed) => { if (changed.includes('r')) schedule(); });
    await Promise.all([update(), raster]);
  };
  return { el: p.el, start };
}

function mandelbrotPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's1';
  const s = () => store.get<S1>(sec);
  let chart: Chart | null = null;
  let image: { iterations: Uint32Array; smooth: Float32Array; x: [number, number]; y: [number, number]; maxIter: number } | null = null;
  const mandelCsv = (): Row[] => {
    if (!image) return [];
    const { iterations, smooth, x, y, maxIter } = image;
    const W = 640, H = 480, dx = (x[1] - x[0]) / W, dy = (y[1] - y[0]) / H;
    const rows: Row[] = new Array(W * H);
    for (let i = 0; i < W * H; i++) {
      rows[i] = { x: x[0] + ((i % W) + 0.5) * dx, y: y[1] - (Math.floor(i / W) + 0.5) * dy, iterations: iterations[i], smooth: iterations[i] >= maxIter ? null : smooth[i] };
    }
    return rows;
  };
  const p = panel({
    id: 's1-mandelbrot',
    title: 'The Mandelbrot set, with the orbit under the cursor',
    formulas: ['z_{k+1} = z_k^2 + c,\\quad z_0 = 0', 'c\\in\\mathcal M \\iff |z_k| \\text{ stays bounded}'],
    idea: 'The quadratic map in the complex plane: $c$ is in the set when the orbit of 0 stays bounded. Click to zoom in (×4) at a point, shift-click to zoom out; hover to see the orbit of that $c$. The image is computed by the library\'s escape-time kernel (cardioid and bulb tests, periodicity checking) in a worker and coloured by its smooth iteration count.',
    exportSource: {
      name: 'mandelbrot',
      charts: () => (chart ? [{ label: 'mandelbrot', chart }] : []),
      // One row per pixel of the 640 x 480 image (307,200 rows, row 0 at the top), as `--format csv` writes it:
      // pixel centre x, y, the escape count (max-iter inside) and the smooth count (empty inside).
      csv: () => mandelCsv(),
      title: () => { const v = win(s()); return `Mandelbrot set: Re c ∈ [${fmt(v.x[0], 6)}, ${fmt(v.x[1], 6)}], Im c ∈ [${fmt(v.y[0], 6)}, ${fmt(v.y[1], 6)}], ${s().iters} iterations, 640 × 480`; },
      cli: () => { const v = win(s()); const a = sh`--x-min ${v.x[0]} --x-max ${v.x[1]} --y-min ${v.y[0]} --y-max ${v.y[1]} --width 640 --height 480 --max-iter ${s().iters}`; return `momentum-lab dynamics mandelbrot ${a} --out mandelbrot.png\nmomentum-lab dynamics mandelbrot ${a} --format csv > mandelbrot.csv`; },
    },
  });
  const win = (st: S1) => { const hw = 1.6 / st.zoom, hh = 1.2 / st.zoom; return { x: [st.cx - hw, st.cx + hw] as [number, number], y: [st.cy - hh, st.cy + hh] as [number, number] }; };
  const reset = h('button', { type: 'button', class: 'btn', text: 'Reset view' });
  reset.addEventListener('click', () => { store.set(sec, { cx: -0.6, cy: 0, zoom: 1 }); store.commit(); });
  p.controls.append(slider(store, sec, 'iters', { label: 'iterations', symbol: 'N', min: 50, max: 5000, step: 1 }), slider(store, sec, 'zoom', { label: 'zoom', min: 1, max: 1e6, log: true }), reset);
  const roMs = readout('s1.mandelms', 'render time (worker), ms');
  const roC = readout('s1.c', 'c under the cursor');
  p.readouts.append(roMs.el, roC.el);
  const v = view('Escape time (colour) and the orbit of c (line)', 'wide');
  v.plot.classList.add('interactive');
  p.views.append(v.el);
  const draw = async () => {
    const st = s();
    const w = win(st);
    if (chart) chart.finalize();
    v.plot.replaceChildren();
    // The plot area keeps the window's 4:3 (the image is 640 x 480): its width from the column, its height from that.
    const side = Math.max(240, Math.min(640, (v.plot.clientWidth || 640) - 70));
    chart = new Chart(v.plot, {
      width: side, height: Math.round((side * 3) / 4), autosize: { type: 'pad' },
      layer: [
        { ...imageLayer('bg'), encoding: { ...(imageLayer('bg') as { encoding: Record<string, unknown> }).encoding, x: { field: 'x', type: 'quantitative', scale: { domain: w.x, nice: false }, title: 'Re c', axis: { grid: false } }, y: { field: 'y', type: 'quantitative', scale: { domain: w.y, nice: false }, title: 'Im c', axis: { grid: false } } } },
        { data: { name: 'orbit' }, mark: { type: 'line', color: '#ffffff', strokeWidth: 1.2, point: { color: '#fde047', size: 14 }, clip: true }, encoding: { x: { field: 'x', type: 'quantitative', axis: { grid: false } }, y: { field: 'y', type: 'quantitative', axis: { grid: false } }, order: { field: 'k', type: 'quantitative' } } },
      ],
    } as never, { description: 'The Mandelbrot set in the current window, coloured by escape time, with the orbit of the point under the cursor' });
    try {
      p.status.classList.add('busy');
      const res = (await runJob('s1.mandel', { type: 'mandelbrot', x: w.x, y: w.y, width: 640, height: 480, maxIter: st.iters })) as RasterResult;
      // Drawn under the chart (no PNG round trip; hovering redraws only the orbit); exports still get the image.
      image = { iterations: res.iterations!, smooth: res.smooth!, x: w.x, y: w.y, maxIter: st.iters };
      await chart.setRaster('bg', paintRgba(res.rgba!, res.width, res.height), w.x[0], w.x[1], w.y[0], w.y[1]);
      record('s1.mandelbrot', res.ms);
      roMs.set(res.ms, 4);
      p.status.classList.remove('busy');
      p.status.textContent = `640×480 pixels, ${st.iters} iterations, window ${fmt(w.x[1] - w.x[0], 3)} wide.`;
    } catch (e) { if (!(e instanceof Superseded)) throw e; }
  };
  const start = async () => {
    const orbitAt = (ev: PointerEvent) => {
      const pt = chart?.invert(ev.clientX, ev.clientY);
      if (!pt) return;
      roC.set(`${fmt(pt.x, 5)} ${pt.y < 0 ? '−' : '+'} ${fmt(Math.abs(pt.y), 5)}i`);
      const c = complex(pt.x, pt.y);
      let z = complex(0, 0);
      const rows: Row[] = [{ k: 0, x: 0, y: 0 }];
      for (let k = 1; k <= 60 && cabs(z) <= 4; k++) { z = cadd(cmul(z, z), c); rows.push({ k, x: z.re, y: z.im }); }
      void chart!.set({ orbit: rows });
    };
    v.plot.addEventListener('pointermove', orbitAt);
    v.plot.addEventListener('click', (ev) => {
      const pt = chart?.invert(ev.clientX, ev.clientY);
      if (!pt) return;
      const zoom = ev.shiftKey ? Math.max(1, s().zoom / 4) : Math.min(1e6, s().zoom * 4);
      store.set(sec, { cx: +pt.x.toPrecision(12), cy: +pt.y.toPrecision(12), zoom });
      store.commit();
    });
    const schedule = frameScheduler(() => draw());
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => ['cx', 'cy', 'zoom', 'iters'].includes(c))) schedule(); });
    await draw();
  };
  return { el: p.el, start };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const parts = [linearPanel(store), limitCyclePanel(store), lorenzPanel(store), logisticPanel(store), mandelbrotPanel(store)];
  el.append(...parts.map((x) => x.el));
  await Promise.all(parts.map((x) => x.start()));
}

export const s1: Section = {
  id: 's1',
  title: 'General dynamics',
  summary: 'Beyond gradient descent: linear systems with non-symmetric matrices, limit cycles, the Lorenz attractor, the logistic map\'s road to chaos, and the Mandelbrot set.',
  shape,
  mount,
};
