// Section 1, nonlinear panels: limit cycles (Van der Pol, Hopf, or a typed vector field) with nullclines and the
// discrete (Euler) iteration beside the flow; and the Lorenz attractor in a rotatable 3-D projection with its
// largest Lyapunov exponent (computed in a worker).
import { num, choice, text } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, textInput, readout } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { runJob, Superseded } from '../ui/pool.js';
import { timed, frameScheduler } from '../perf.js';
import { fmt } from '../ui/dom.js';
import { SERIES_COLORS } from '../ui/colors.js';
import { thin } from '../ui/decimate.js';
import { sh } from '../ui/export.js';
import { vanDerPolField, hopfField, type VectorField } from '../lib.js';
import { cyclesData, type CyclesData } from '../workers/cycles.js';
import { runTypedField, BudgetExceeded } from '../workers/field-runner.js';
import type { ArrayResult, SeriesResult } from '../workers/protocol.js';

const EXPR = /^[0-9a-zA-Z_+\-*/^().,\s]*$/;
export const flowShape = {
  sys: choice(['vanderpol', 'hopf', 'custom'] as const, 'vanderpol'),
  vmu: num(0, 5, 1),
  hmu: num(-1, 2, 1),
  homega: num(-3, 3, 1),
  fx: text(EXPR, 'y', 'an expression in x, y, t (letters, digits, + - * / ^ ( ) ,)', 120),
  fy: text(EXPR, '-x + (1 - x^2) * y', 'an expression in x, y, t (letters, digits, + - * / ^ ( ) ,)', 120),
  step: num(0.001, 1, 0.1),
  la: num(0, 30, 10), lb: num(0, 60, 28), lc: num(0, 10, 8 / 3),
  yaw: num(-180, 180, 20), pitch: num(-90, 90, 10),
};
type SF = { sys: 'vanderpol' | 'hopf' | 'custom'; vmu: number; hmu: number; homega: number; fx: string; fy: string; step: number; la: number; lb: number; lc: number; yaw: number; pitch: number };

function builtinField(st: SF): VectorField {
  return st.sys === 'hopf' ? hopfField(st.hmu, st.homega) : vanDerPolField(st.vmu);
}

/** The typed-field export: the library's parser and limitCycle from Node, the expressions passed as quoted arguments. */
const TYPED_SCRIPT = 'import { expressionField, limitCycle } from "momentum-lab"; const [fx, fy] = process.argv.slice(1); '
  + 'const f = await expressionField([fx, fy], ["x", "y"], {}, "field"); '
  + 'const { period, amplitude, converged, message } = limitCycle(f, [2, 0.5], { transient: 40, maxTime: 200, tol: 1e-6 }); '
  + 'console.log(JSON.stringify({ period, amplitude, converged, message }))';

export function limitCyclePanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's1';
  const s = () => store.get<SF>(sec);
  let chart: Chart | null = null;
  let last: CyclesData | null = null;
  const p = panel({
    id: 's1-cycles',
    title: 'Nonlinear fields: limit cycles, in continuous and discrete time',
    // One system per display (the Hopf line used to run past a phone's column).
    formulas: ['\\dot x = f(x),\\qquad x_{k+1} = x_k + \\alpha f(x_k)', '\\text{Van der Pol: } \\ddot x - \\mu(1 - x^2)\\dot x + x = 0', '\\text{Hopf: } \\dot r = r(\\mu - r^2),\\quad \\dot\\theta = \\omega'],
    idea: 'In two dimensions or more a flow can settle on a closed orbit that attracts its neighbours: a limit cycle. Van der Pol\'s oscillator has one for every $\\mu > 0$; the Hopf normal form grows one of radius $\\sqrt\\mu$ as $\\mu$ crosses 0. Or type any planar field $f(x, y)$ (parsed by a real expression parser, no eval). Lines: the flow from several starts (DOPRI5); dots: the discrete iteration with step $\\alpha$; thin lines: nullclines. Period and amplitude come from a Poincaré section.',
    exportSource: {
      name: 'limit-cycle',
      charts: () => (chart ? [{ label: 'phase portrait', chart }] : []),
      // Every flow sample (DOPRI5, 500 per start) and every Euler iterate; the drawing thins the flows.
      csv: () => (last ? [...last.flowsFull.map((r) => ({ kind: 'flow', ...r })), ...last.dots.map((r) => ({ kind: 'euler', series: 'euler', i: r.k, x: r.x, y: r.y }))] : []),
      title: () => { const st = s(); return `${st.sys === 'vanderpol' ? `Van der Pol, μ = ${st.vmu}` : st.sys === 'hopf' ? `Hopf, μ = ${st.hmu}, ω = ${st.homega}` : `x' = ${st.fx}, y' = ${st.fy}`}; Euler step α = ${st.step}`; },
      cli: () => {
        const st = s();
        return st.sys === 'vanderpol' ? sh`momentum-lab dynamics vanderpol --mu ${st.vmu} --format json`
          : st.sys === 'hopf' ? sh`momentum-lab dynamics hopf --mu ${st.hmu} --omega ${st.homega} --format json`
            : sh`node --input-type=module -e ${TYPED_SCRIPT} ${st.fx} ${st.fy}`;
      },
    },
  });
  p.controls.append(
    segmented(store, sec, 'sys', 'System', [['vanderpol', 'Van der Pol'], ['hopf', 'Hopf'], ['custom', 'Typed field']]),
    slider(store, sec, 'vmu', { label: 'Van der Pol damping', symbol: 'μ', min: 0, max: 5, step: 0.01 }),
    slider(store, sec, 'hmu', { label: 'Hopf parameter', symbol: 'μ', min: -1, max: 2, step: 0.01 }),
    slider(store, sec, 'homega', { label: 'Hopf rotation', symbol: 'ω', min: -3, max: 3, step: 0.01 }),
    textInput(store, sec, 'fx', "x' = f₁(x, y)"),
    textInput(store, sec, 'fy', "y' = f₂(x, y)"),
    slider(store, sec, 'step', { label: 'discrete step', symbol: 'α', min: 0.001, max: 1, log: true }),
  );
  const roT = readout('s1.period', 'period T');
  const roA = readout('s1.amplitude', 'amplitude');
  p.readouts.append(roT.el, roA.el);
  const v = view('Phase portrait: flow (purple), nullclines (x′ = 0 solid grey, y′ = 0 dashed grey) and Euler iterates (brown dots)');
  p.views.append(v.el);
  const update = async () => {
    const st = s();
    let data: CyclesData;
    if (st.sys === 'custom') {
      // A typed field may be arbitrarily slow (x^x^x^...): its work runs in a worker that is stopped after 2 s.
      p.status.textContent = 'Computing the typed field…';
      try {
        data = await runTypedField(st.fx, st.fy, st.step);
      } catch (e) {
        if (e instanceof Superseded) return;
        roT.set('–');
        roA.set('–');
        p.status.textContent = e instanceof BudgetExceeded
          ? `Stopped after ${e.ms / 1000} s: the typed field is too slow to evaluate here; simplify it or use the library.`
          : e instanceof Error ? e.message : String(e);
        p.status.dataset.state = e instanceof BudgetExceeded ? 'stopped' : 'error';
        await chart!.set({ flows: [], ncl: [], dots: [], arrows: [] });
        return;
      }
    } else {
      data = cyclesData(builtinField(st), st.step);
    }
    delete p.status.dataset.state;
    last = data;
    const { lc } = data;
    roT.set(lc.period ?? 'none found', 6);
    roA.set(lc.amplitude ?? 'none found', 6);
    p.status.textContent = lc.converged ? `Limit cycle: period ${fmt(lc.period!, 6)}, amplitude ${fmt(lc.amplitude!, 6)} (${lc.returns} section returns).` : `No attracting cycle: ${lc.message}`;
    await chart!.set({ flows: data.flows, ncl: data.ncl, dots: data.dots, arrows: data.arrows });
  };
  const start = async () => {
    const ax = (f: string, t: string) => ({ field: f, type: 'quantitative', title: t, scale: { domain: [-4, 4], nice: false } });
    chart = new Chart(v.plot, {
      width: 320, height: 320,
      layer: [
        { data: { name: 'arrows' }, mark: { type: 'point', shape: 'wedge', filled: true, size: 50, color: SERIES_COLORS.light, clip: true }, encoding: { x: ax('x', 'x'), y: ax('y', 'y'), angle: { field: 'angle', type: 'quantitative', scale: { domain: [-360, 360], range: [-360, 360] } } } },
        { data: { name: 'ncl' }, mark: { type: 'line', strokeWidth: 1, clip: true }, encoding: { x: ax('x', 'x'), y: ax('y', 'y'), detail: { field: 'seg' }, color: { value: SERIES_COLORS.grey }, strokeDash: { field: 'kind', type: 'nominal', title: null, scale: { domain: ["x' = 0", "y' = 0"], range: [[1, 0], [4, 3]] }, legend: null } } },
        { data: { name: 'flows' }, mark: { type: 'line', strokeWidth: 1.5, color: SERIES_COLORS.purple, clip: true }, encoding: { x: ax('x', 'x'), y: ax('y', 'y'), detail: { field: 'series' }, order: { field: 'i', type: 'quantitative' } } },
        { data: { name: 'dots' }, mark: { type: 'circle', size: 14, color: SERIES_COLORS.brown, clip: true }, encoding: { x: ax('x', 'x'), y: ax('y', 'y') } },
      ],
    } as never, { description: 'Phase portrait of the planar field: flows from five starts, nullclines and the Euler iterates, with the limit cycle they approach' });
    const schedule = frameScheduler(() => timed('s1.cycles', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => ['sys', 'vmu', 'hmu', 'homega', 'fx', 'fy', 'step'].includes(c))) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

export function lorenzPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's1';
  const s = () => store.get<SF>(sec);
  let chart: Chart | null = null;
  let pts: Float64Array = new Float64Array(0);
  const p = panel({
    id: 's1-lorenz',
    title: 'The Lorenz attractor (drag to rotate)',
    formulas: ['\\dot x = a(y - x),\\quad \\dot y = x(b - z) - y,\\quad \\dot z = xy - cz'],
    idea: 'In three dimensions or more, chaos: the Lorenz system with [[a = 10, b = 28, c = 8/3|s1.la=10&s1.lb=28&s1.lc=2.6667]] winds forever on a strange attractor, and nearby trajectories separate exponentially — at the rate of the largest Lyapunov exponent, in the read-out (Benettin\'s method in a worker, averaged over $t = 300$ after a transient of 50; longer averages approach the published 0.9056). Below $b \\approx 24.74$ the two off-centre fixed points are stable: [[b = 15|s1.lb=15]] spirals into one of them after a transient, and the exponent is negative. Integrated by the library\'s DOPRI5 at rtol = 1e-9 in a worker; drag the picture or use the angle sliders to rotate it.',
    exportSource: {
      name: 'lorenz',
      charts: () => (chart ? [{ label: 'attractor', chart }] : []),
      // The full trajectory (6001 samples on [0, 60]), as `dynamics lorenz --t1 60 --samples 6001 --format csv` writes it.
      csv: () => Array.from({ length: pts.length / 3 }, (_, i) => ({ t: (60 * i) / (pts.length / 3 - 1), x: pts[3 * i], y: pts[3 * i + 1], z: pts[3 * i + 2] })),
      title: () => `Lorenz attractor: a = ${s().la}, b = ${s().lb}, c = ${s().lc}, from (1, 1, 1), t ∈ [0, 60]; view yaw ${s().yaw}°, pitch ${s().pitch}°`,
      cli: () => `${sh`momentum-lab dynamics lorenz --a ${s().la} --b ${s().lb} --c ${s().lc} --lyapunov-time 300 --format json`}\n${sh`momentum-lab dynamics lorenz --a ${s().la} --b ${s().lb} --c ${s().lc} --t1 60 --samples 6001 --format csv`} > lorenz.csv`,
    },
  });
  p.controls.append(
    slider(store, sec, 'la', { label: 'a (Prandtl σ)', symbol: 'a', min: 0, max: 30, step: 0.1 }),
    slider(store, sec, 'lb', { label: 'b (Rayleigh ρ)', symbol: 'b', min: 0, max: 60, step: 0.1 }),
    slider(store, sec, 'lc', { label: 'c (β)', symbol: 'c', min: 0, max: 10, step: 0.01 }),
    slider(store, sec, 'yaw', { label: 'view: yaw (degrees)', min: -180, max: 180, step: 1 }),
    slider(store, sec, 'pitch', { label: 'view: pitch (degrees)', min: -90, max: 90, step: 1 }),
  );
  const roL = readout('s1.lorenzLyapunov', 'largest Lyapunov exponent');
  const roN = readout('s1.lorenzNfev', 'DOPRI5 function evaluations');
  p.readouts.append(roL.el, roN.el);
  const v = view('Trajectory from (1, 1, 1), t ∈ [0, 60], projected (axes drawn as data)', 'wide');
  v.plot.classList.add('interactive');
  p.views.append(v.el);
  // The integration (~100 ms at rtol 1e-9) runs in a worker; the main thread only projects and draws.
  const integrate = async () => {
    const st = s();
    const res = (await runJob('s1.lorenz.path', { type: 'lorenz-path', a: st.la, b: st.lb, c: st.lc, t1: 60, samples: 6001 })) as ArrayResult;
    pts = res.data;
    roN.set(res.extra?.nfev ?? NaN, 6);
  };
  const project = async () => {
    const st = s();
    const cy = Math.cos((st.yaw * Math.PI) / 180), sy = Math.sin((st.yaw * Math.PI) / 180);
    const cp = Math.cos((st.pitch * Math.PI) / 180), sp = Math.sin((st.pitch * Math.PI) / 180);
    // Centre on the attractor's middle (0, 0, b - 1) and rotate: yaw about z, then pitch about the screen's x axis.
    const zc = Math.max(st.lb - 1, 0);
    const proj = (x: number, y: number, z: number) => {
      const x1 = cy * x - sy * y, y1 = sy * x + cy * y, z1 = z - zc;
      return { u: x1, v: cp * z1 - sp * y1, depth: sp * z1 + cp * y1 };
    };
    const n = pts.length / 3;
    const P = new Float64Array(2 * n), D = new Float64Array(n);
    for (let i = 0; i < n; i++) { const q = proj(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2]); P[2 * i] = q.u; P[2 * i + 1] = q.v; D[i] = q.depth; }
    // A line has one colour: cut the path into pieces of 150 vertices (sharing their end points) coloured by time.
    const rows: Row[] = [];
    const keep = thin(n, (i) => P[2 * i], (i) => P[2 * i + 1], 30, 30, 0.5);
    for (let j = 0; j < keep.length; j++) {
      const i = keep[j], piece = Math.floor(j / 150);
      rows.push({ i, piece, t: keep[piece * 150] * 0.01, u: P[2 * i], v: P[2 * i + 1] });
      if (j % 150 === 149 && j + 1 < keep.length) {
        const nx = keep[j + 1];
        rows.push({ i: nx, piece, t: keep[piece * 150] * 0.01, u: P[2 * nx], v: P[2 * nx + 1] });
      }
    }
    const axes: Row[] = [];
    for (const [name, x, y, z] of [['x', 25, 0, zc], ['y', 0, 25, zc], ['z', 0, 0, zc + 25]] as const) {
      const o = proj(0, 0, zc), e = proj(x, y, z);
      axes.push({ axis: name, j: 0, u: o.u, v: o.v }, { axis: name, j: 1, u: e.u, v: e.v });
    }
    const labels = axes.filter((a) => a.j === 1);
    await chart!.set({ path: rows, axes, labels });
  };
  const start = async () => {
    const enc = { x: { field: 'u', type: 'quantitative', axis: null, scale: { domain: [-32, 32] } }, y: { field: 'v', type: 'quantitative', axis: null, scale: { domain: [-32, 32] } } };
    chart = new Chart(v.plot, {
      width: 420, height: 420,
      view: { stroke: null },
      layer: [
        { data: { name: 'path' }, mark: { type: 'line', strokeWidth: 0.8, clip: true }, encoding: { ...enc, order: { field: 'i', type: 'quantitative' }, detail: { field: 'piece' }, color: { field: 't', type: 'quantitative', title: 'time t', scale: { scheme: 'plasma' }, legend: { orient: 'right', gradientLength: 160 } } } },
        { data: { name: 'axes' }, mark: { type: 'line', color: SERIES_COLORS.ink, strokeWidth: 1.2, clip: true }, encoding: { ...enc, detail: { field: 'axis' }, order: { field: 'j', type: 'quantitative' } } },
        { data: { name: 'labels' }, mark: { type: 'text', fontWeight: 600, dx: 6, dy: -4, color: SERIES_COLORS.ink, clip: true }, encoding: { ...enc, text: { field: 'axis' } } },
      ],
    } as never, { description: 'The Lorenz attractor projected to the screen, coloured by time, with the x, y and z axes' });
    let drag: { x: number; y: number; yaw: number; pitch: number } | null = null;
    v.plot.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, yaw: s().yaw, pitch: s().pitch }; v.plot.setPointerCapture(e.pointerId); });
    v.plot.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const yaw = ((drag.yaw + (e.clientX - drag.x) * 0.5 + 540) % 360) - 180;
      const pitch = Math.max(-90, Math.min(90, drag.pitch + (e.clientY - drag.y) * 0.5));
      store.set(sec, { yaw: Math.round(yaw), pitch: Math.round(pitch) });
    });
    v.plot.addEventListener('pointerup', () => { if (drag) store.commit(); drag = null; });
    const lyap = async () => {
      const st = s();
      roL.set('computing…');
      p.status.textContent = `a = ${fmt(st.la, 4)}, b = ${fmt(st.lb, 4)}, c = ${fmt(st.lc, 4)}: estimating the largest Lyapunov exponent in a worker…`;
      try {
        const res = (await runJob('s1.lorenz', { type: 'lorenz-lyapunov', a: st.la, b: st.lb, c: st.lc, time: 300 })) as SeriesResult;
        const lam = res.rows[0].exponent as number;
        roL.set(lam, 4);
        // The status line says what the read-out says, from the same number (never a fixed text).
        p.status.textContent = `a = ${fmt(st.la, 4)}, b = ${fmt(st.lb, 4)}, c = ${fmt(st.lc, 4)}: largest Lyapunov exponent ${fmt(lam, 4)} (${lam > 0.01 ? 'chaotic: nearby paths separate like e^(λt)' : 'not chaotic: nearby paths do not separate'}).`;
      } catch (e) { if (!(e instanceof Superseded)) throw e; }
    };
    const scheduleParams = frameScheduler(() => timed('s1.lorenz', async () => {
      try { await integrate(); } catch (e) { if (e instanceof Superseded) return; throw e; }
      await timed('s1.lorenz.main', project);
    }));
    const scheduleView = frameScheduler(() => timed('s1.lorenz.rotate', project));
    store.subscribe(sec, (_s, changed) => {
      if (changed.some((c) => ['la', 'lb', 'lc'].includes(c))) { scheduleParams(); void lyap(); } else if (changed.some((c) => c === 'yaw' || c === 'pitch')) scheduleView();
    });
    await Promise.all([integrate().then(project), lyap()]);
  };
  return { el: p.el, start };
}
