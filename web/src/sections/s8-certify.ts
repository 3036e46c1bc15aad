// Section 8: certified worst-case rates over all L-smooth, mu-strongly convex functions (IQC analysis of Lessard,
// Recht and Packard, solved by the library's SDP solver in a worker) next to the rates on quadratics, for GD, heavy
// ball and Nesterov with their tunings, the triple momentum method, and the user's own method: any linear method by
// spec (validated by the library), or a typed linear form (A, B, C, D); and the heavy-ball counterexample cycling.
import type { Section } from './section.js';
import { sh } from '../ui/export.js';
import { num, choice, text } from '../state/fields.js';
import type { Store } from '../state/store.js';
import { panel, view } from '../ui/panel.js';
import { slider, segmented, readoutTable } from '../ui/controls.js';
import { Chart, type Row } from '../ui/chart.js';
import { METHOD_COLORS, SERIES_COLORS } from '../ui/colors.js';
import { legendGrid } from '../ui/legend.js';
import { runJobs, Superseded } from '../ui/pool.js';
import { methodPicker, specField, specError } from '../ui/method-picker.js';
import { timed, frameScheduler, record } from '../perf.js';
import { h, fmt, uniqueId } from '../ui/dom.js';
import { createProblem, createMethod, run, logspace, checkStateSpace, formCharacteristic, certifyMethod, type StateSpace } from '../lib.js';
import type { SeriesResult } from '../workers/protocol.js';

/** Matrix text: rows separated by ';' (or new lines), entries by ',' or spaces, or JSON. */
const MATRIX_PATTERN = /^[-+0-9.eE,;\s[\]]*$/;
const shape = {
  iqc: choice(['sector', 'off-by-one', 'weighted'] as const, 'weighted'),
  user: choice(['spec', 'matrix'] as const, 'spec'),
  spec: specField('two-term:alpha=0.5,beta1=0.5,beta2=0.3'),
  A: text(MATRIX_PATTERN, '1.5,-0.5;1,0', "a matrix: rows separated by ';', entries by ',' (or JSON)", 600),
  B: text(MATRIX_PATTERN, '-0.5,0', "a vector: numbers separated by ',' (or JSON)", 300),
  C: text(MATRIX_PATTERN, '1.3,-0.3', "a vector: numbers separated by ',' (or JSON)", 300),
  D: text(MATRIX_PATTERN, '0', 'a number', 40),
  x0: num(-10, 10, 3.3),
  steps: num(10, 300, 60, { int: true }),
};
type S8 = { iqc: 'sector' | 'off-by-one' | 'weighted'; user: 'spec' | 'matrix'; spec: string; A: string; B: string; C: string; D: string; x0: number; steps: number };

/** mu and L of the read-outs and the exported commands (kappa = 100). */
const MU = 0.01, L1 = 1;
/** The fixed methods, with the tuning each is meant with (a method without parameters has plain defaults). */
const FIXED: { key: string; spec: string; label: string }[] = [
  { key: 'gd', spec: 'gd:tune=optimal', label: 'GD (optimal step)' },
  { key: 'hb', spec: 'hb:tune=polyak', label: 'Heavy ball (Polyak)' },
  { key: 'nag', spec: 'nag:tune=standard', label: 'Nesterov' },
  { key: 'tmm', spec: 'tmm', label: 'Triple momentum' },
];
const USER_LABEL = 'your method';
const LABELS: Record<string, string> = { ...Object.fromEntries(FIXED.map((m) => [m.key, m.label])), user: USER_LABEL };
// A method's colour from the one table; the user's method is not one of them, so it is drawn in ink.
const COLORS: Record<string, string> = { gd: METHOD_COLORS.gd, hb: METHOD_COLORS.hb, nag: METHOD_COLORS.nag, tmm: METHOD_COLORS.tmm ?? SERIES_COLORS.brown, user: SERIES_COLORS.ink };
/** Largest typed state dimension (the LMI is (n + 2) x (n + 2); the CLI allows 50, the page keeps it interactive). */
const MAX_STATES = 12;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parse typed numbers: JSON (an array or a number) or plain text, rows split by ';' or new lines, entries by ',' or spaces. No eval. */
export function parseNumbers(name: string, raw: string): number[][] {
  const t = raw.trim();
  if (t === '') throw new Error(`${name}: empty (type numbers, e.g. ${name === 'A' ? '1,0.5;0,0.5' : name === 'D' ? '0' : '-0.5,0'})`);
  if (t.startsWith('[')) {
    let v: unknown;
    try { v = JSON.parse(t); } catch (e) { throw new Error(`${name}: not valid JSON (${(e as Error).message})`); }
    const rows = Array.isArray(v) && v.every(Array.isArray) ? (v as unknown[][]) : Array.isArray(v) ? [v as unknown[]] : null;
    if (!rows) throw new Error(`${name}: JSON must be an array of numbers or of rows`);
    rows.forEach((r, i) => r.forEach((x, j) => { if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`${name}[${i}][${j}] = ${JSON.stringify(x)} is not a finite number`); }));
    return rows as number[][];
  }
  return t.split(/[;\n]/).map((row, i) => {
    const parts = row.trim().split(/[\s,]+/).filter((x) => x !== '');
    if (parts.length === 0) throw new Error(`${name}: row ${i + 1} is empty`);
    return parts.map((p, j) => {
      if (!NUMBER.test(p)) throw new Error(`${name}: entry ${JSON.stringify(p)} (row ${i + 1}, column ${j + 1}) is not a number`);
      return Number(p);
    });
  });
}

/** The typed linear form, checked by the library (shapes, finiteness, D = 0 for the analysis), or the error message. */
export function typedStateSpace(st: Pick<S8, 'A' | 'B' | 'C' | 'D'>): { ss: StateSpace } | { error: string } {
  try {
    const A = parseNumbers('A', st.A);
    const vec = (name: 'B' | 'C') => {
      const m = parseNumbers(name, st[name]);
      // A column (one number per row) or a row vector.
      return m.every((r) => r.length === 1) ? m.map((r) => r[0]) : m.length === 1 ? m[0] : (() => { throw new Error(`${name}: a vector (one row or one column), not a ${m.length}-row matrix`); })();
    };
    const d = parseNumbers('D', st.D);
    if (d.length !== 1 || d[0].length !== 1) throw new Error('D: a single number (one input, one output)');
    const ss = checkStateSpace({ A, B: vec('B'), C: vec('C'), D: d[0][0] }, 'state-space');
    if (ss.A.length > MAX_STATES) throw new Error(`state-space.A: ${ss.A.length} states; the page certifies at most ${MAX_STATES} (the CLI: 50)`);
    formCharacteristic(ss); // D = 0 (explicit methods) is what the analysis supports: say so here, not in the worker
    return { ss };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Indices 0..n-1 coarse to fine: both ends, the middle, then the midpoints of every gap (each index once). */
export function coarseToFine(n: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const add = (i: number) => { if (!seen.has(i)) { seen.add(i); out.push(i); } };
  add(0); add(n - 1);
  for (let step = n - 1; out.length < n && step >= 1; step = Math.floor(step / 2)) {
    for (let i = 0; i < n; i += step) add(i);
    if (step === 1) break;
  }
  for (let i = 0; i < n; i++) add(i);
  return out;
}

/** The `momentum-lab certify` lines equivalent to the section (kappa = 100: mu = 0.01, L = 1). */
export function certifyCli(st: S8): string {
  const tail = sh`--mu ${MU} --L ${L1} --iqc ${st.iqc} --format json`;
  const lines = FIXED.map((m) => sh`momentum-lab certify --method ${m.spec} ` + tail);
  if (st.user === 'spec') lines.push(sh`momentum-lab certify --method ${st.spec} ` + tail);
  else {
    const t = typedStateSpace(st);
    if ('ss' in t) lines.push(sh`printf '%s\\n' ${JSON.stringify(t.ss)} > state-space.json`, 'momentum-lab certify --state-space state-space.json ' + tail);
  }
  return lines.join('\n');
}

/** Four text boxes for (A, B, C, D), committed together when the library accepts the form; errors shown inline. */
function stateSpaceInputs(store: Store, sec: string): HTMLElement {
  const keys = ['A', 'B', 'C', 'D'] as const;
  const err = h('span', { class: 'control-error', role: 'alert', 'data-error': `${sec}.ss` });
  const boxes = {} as Record<(typeof keys)[number], HTMLInputElement>;
  const hints = { A: 'A (n × n): rows by ;', B: 'B (n): input', C: 'C (n): output', D: 'D: feedthrough (0)' };
  const cells = keys.map((k) => {
    const id = uniqueId(`${sec}-${k}`);
    const box = h('input', { type: 'text', id, 'data-key': `${sec}.${k}`, spellcheck: 'false', autocomplete: 'off' });
    box.value = String(store.get<S8>(sec)[k]);
    boxes[k] = box;
    const commit = () => {
      const values = Object.fromEntries(keys.map((q) => [q, boxes[q].value.trim()])) as Pick<S8, 'A' | 'B' | 'C' | 'D'>;
      const t = typedStateSpace(values);
      for (const q of keys) boxes[q].classList.toggle('invalid', 'error' in t && t.error.replace(/^state-space\./, '').startsWith(q));
      err.textContent = 'error' in t ? t.error : '';
      if ('ss' in t) store.set(sec, values);
    };
    box.addEventListener('change', commit);
    box.addEventListener('keydown', (e) => { if (e.key === 'Enter') commit(); });
    return h('div', { class: 'control' }, h('label', { for: id, text: hints[k] }), box);
  });
  const t = typedStateSpace(store.get<S8>(sec));
  err.textContent = 'error' in t ? t.error : '';
  return h('div', { class: 'control ss', 'data-ss': sec },
    h('span', { class: 'control-label', text: 'Your linear form: ξ⁺ = Aξ + Bu, y = Cξ + Du, u = ∇f(y)' }),
    h('div', { class: 'ss-inputs' }, ...cells), err);
}

function certPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's8';
  const s = () => store.get<S8>(sec);
  let chart: Chart | null = null;
  let rowsCsv: Row[] = [];
  const p = panel({
    id: 's8-certify',
    title: 'Certified rates over all smooth strongly convex functions',
    // The LMI and its consequence as two displays, so each fits a phone's column.
    formulas: ['\\begin{bmatrix} A^\\top P A - \\rho^2 P & A^\\top P B \\\\ B^\\top P A & B^\\top P B\\end{bmatrix} + \\lambda\\, M_{\\text{IQC}} \\preceq 0', '\\Rightarrow\\quad \\|\\xi_k - \\xi_\\star\\| \\le c\\,\\rho^k'],
    idea: 'Heavy ball achieves the optimal rate on quadratics, but not on general strongly convex functions. Lessard, Recht and Packard write the method as a linear system in feedback with the gradient, describe the gradient by integral quadratic constraints, and certify a rate $\\rho$ by solving a small semidefinite program; bisection gives the smallest certified $\\rho$. Solid lines: certified over $\\mathcal S(\\mu, L)$; dashed: the rate on quadratics (a lower bound). Where a solid line is missing, no $\\rho < 1$ is certified. Certify any linear method by its spec (tuning rules use $\\mu = 1/\\kappa$, $L = 1$), or type its linear form $(A, B, C, D)$.',
    exportSource: {
      name: 'certify',
      charts: () => (chart ? [{ label: 'rho vs kappa', chart }] : []),
      csv: () => rowsCsv,
      title: () => `Certified rate ρ against κ (IQC ${s().iqc}, L = 1): GD, heavy ball (Polyak), Nesterov, triple momentum, ${s().user === 'spec' ? s().spec : 'your (A, B, C, D)'}`,
      cli: () => certifyCli(s()),
    },
  });
  const context = () => ({ mu: MU, L: L1 });
  const picker = methodPicker(store, sec, 'spec', { label: 'Your method (any linear method; κ = 100 for the checks)', context });
  const matrix = stateSpaceInputs(store, sec);
  const resolved = h('p', { class: 'picker-about', 'data-readout': 's8.resolved' });
  const showUser = () => {
    const st = s();
    picker.hidden = st.user !== 'spec';
    matrix.hidden = st.user !== 'matrix';
    if (st.user === 'spec') {
      try {
        const cm = certifyMethod(st.spec, MU, L1);
        resolved.textContent = `certifying ${st.spec}; at κ = 100: ${Object.entries(cm.params).map(([k, v]) => `${k} = ${typeof v === 'number' ? fmt(v, 6) : v}`).join(', ')}; ${cm.stateSpace.A.length} states`;
      } catch { resolved.textContent = ''; }
    } else {
      const t = typedStateSpace(st);
      resolved.textContent = 'ss' in t ? `${t.ss.A.length} states (the same form at every κ)` : '';
    }
  };
  p.controls.append(
    segmented(store, sec, 'iqc', 'IQC', [['sector', 'sector'], ['off-by-one', 'off-by-one'], ['weighted', 'weighted off-by-one']]),
    segmented(store, sec, 'user', 'Your method given as', [['spec', 'a method spec'], ['matrix', 'a linear form (A, B, C, D)']]),
    picker, matrix, resolved,
  );
  showUser();
  const keys = [...FIXED.map((m) => m.key), 'user'];
  const table = readoutTable('s8', keys.map((k) => [k, LABELS[k], COLORS[k]]), [['cert', 'certified ρ (κ=100)'], ['quad', 'quadratic ρ']]);
  p.readouts.append(table.el);
  const v = view('ρ against κ: certified (solid) and on quadratics (dashed)', 'wide');
  p.views.append(v.el);

  /** The user's method for the worker: a spec (resolved per κ) or a fixed form; null when the input is invalid. */
  const userJob = (st: S8): { key: string; spec: string } | { key: string; stateSpace: StateSpace } | null => {
    if (st.user === 'spec') return specError(st.spec, context()) === null ? { key: 'user', spec: st.spec } : null;
    const t = typedStateSpace(st);
    return 'ss' in t ? { key: 'user', stateSpace: t.ss } : null;
  };

  // Streamed from the workers: first one cheap job with every quadratic rate (the dashed curves, drawn at once), then
  // kappa = 100 per method (the table), then one job per (kappa, method) coarse to fine (ends, middle, quarters…),
  // so the certified curves grow over the whole range as the SDPs finish.
  const update = async () => {
    const st = s();
    showUser();
    const t0 = performance.now();
    p.status.classList.add('busy');
    p.status.textContent = 'solving SDPs in a worker…';
    const grid = Array.from(logspace(1.5, 1000, 16));
    const user = userJob(st);
    const methods = [...FIXED.map((m) => ({ key: m.key, spec: m.spec })), ...(user ? [user] : [])];
    if (!user) { table.set('user', 'cert', 'invalid input'); table.set('user', 'quad', '–'); }
    type Job = { type: 'certify'; iqc: string; kappas: number[]; methods: typeof methods; quadraticOnly?: boolean };
    const jobs: Job[] = [{ type: 'certify', iqc: st.iqc, kappas: grid, methods, quadraticOnly: true }];
    for (const m of methods) jobs.push({ type: 'certify', iqc: st.iqc, kappas: [100], methods: [m] });
    for (const i of coarseToFine(grid.length)) for (const m of methods) jobs.push({ type: 'certify', iqc: st.iqc, kappas: [grid[i]], methods: [m] });
    const quad: SeriesResult['rows'] = [], cert: SeriesResult['rows'] = [], at100: SeriesResult['rows'] = [];
    let workerMs = 0, first = true, certified = 0;
    const total = grid.length * methods.length;
    const draw = async () => {
      const rows: Row[] = [];
      for (const r of cert) if (r.certified !== null) rows.push({ method: LABELS[r.key as string], kind: 'certified', kappa: r.kappa, rho: r.certified });
      for (const r of quad) if (Number.isFinite(r.quadratic as number) && (r.quadratic as number) < 1.2) rows.push({ method: LABELS[r.key as string], kind: 'quadratic', kappa: r.kappa, rho: r.quadratic });
      rows.sort((a, b) => (a.kappa as number) - (b.kappa as number));
      await chart!.set({ rates: rows });
    };
    try {
      await runJobs('s8.certify', jobs, async (i, r) => {
        const res = r as SeriesResult;
        workerMs += res.ms;
        if (i === 0) quad.push(...res.rows);
        else if (i <= methods.length) {
          at100.push(...res.rows);
          for (const row of res.rows) {
            table.set(row.key as string, 'cert', row.certified === null ? 'none < 1' : (row.certified as number), 6);
            table.set(row.key as string, 'quad', row.quadratic as number, 6);
          }
          return;
        } else { cert.push(...res.rows); certified += 1; }
        await draw();
        if (first) { first = false; record('s8.certify.first', performance.now() - t0); }
        p.status.textContent = `quadratic rates drawn; ${certified} of ${total} certifications done (worker, ${fmt(workerMs, 3)} ms so far)…`;
      });
      // The CSV: one row per method and kappa, columns as `momentum-lab certify --format json` names them.
      rowsCsv = cert.sort((a, b) => (a.kappa as number) - (b.kappa as number)).map((r) => ({
        method: r.key === 'user' ? (st.user === 'spec' ? st.spec : 'state-space') : FIXED.find((m) => m.key === r.key)!.spec,
        kappa: r.kappa, mu: 1 / (r.kappa as number), L: 1, iqc: st.iqc, rate: r.certified, certified: r.certified !== null, quadraticRate: r.quadratic, solveMs: r.ms,
      }));
      p.status.classList.remove('busy');
      p.status.textContent = `${cert.length + at100.length} certifications (each a bisection over SDPs), ${fmt(workerMs, 3)} ms of worker time, IQC ${st.iqc}.`;
    } catch (e) {
      if (!(e instanceof Superseded)) throw e;
    }
  };
  const start = async () => {
    // The legends wrap on a phone: two columns of methods, the line styles under the plot.
    const narrow = v.plot.clientWidth < 560;
    chart = new Chart(v.plot, {
      width: 'container', height: 300, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      data: { name: 'rates' },
      mark: { type: 'line', strokeWidth: 2, point: { size: 18 }, clip: true },
      encoding: {
        x: { field: 'kappa', type: 'quantitative', scale: { type: 'log' }, title: 'condition number κ' },
        y: { field: 'rho', type: 'quantitative', scale: { domain: [0, 1.05] }, title: 'rate ρ' },
        color: { field: 'method', type: 'nominal', title: null, scale: { domain: keys.map((k) => LABELS[k]), range: keys.map((k) => COLORS[k]) }, legend: legendGrid(keys.map((k) => LABELS[k]), v.plot.clientWidth) },
        strokeDash: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['certified', 'quadratic'], range: [[1, 0], [5, 4]] }, legend: { orient: narrow ? 'bottom' : 'top', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 2 } },
        detail: { field: 'kind' },
      },
    } as never, { description: 'Certified worst-case rate rho (solid) and the rate on quadratics (dashed) against kappa for GD, heavy ball, Nesterov, triple momentum and your method' });
    const schedule = frameScheduler(() => timed('s8.certify', update));
    store.subscribe(sec, (_s, changed) => {
      if (changed.includes('user')) showUser();
      if (changed.some((c) => ['iqc', 'user', 'spec', 'A', 'B', 'C', 'D'].includes(c))) schedule();
    });
    await update();
  };
  return { el: p.el, start };
}

function counterPanel(store: Store): { el: HTMLElement; start: () => Promise<void> } {
  const sec = 's8';
  const s = () => store.get<S8>(sec);
  let chart: Chart | null = null;
  let cxCsv: Row[] = [];
  const p = panel({
    id: 's8-counter',
    title: 'The heavy-ball counterexample: a 3-cycle on a strongly convex function',
    formulas: ["f'(x) = \\begin{cases} 25x & x < 1 \\\\ x + 24 & 1 \\le x < 2 \\\\ 25x - 24 & x \\ge 2\\end{cases}", '\\mu = 1,\\ L = 25,\\ \\alpha = \\tfrac19,\\ \\beta = \\tfrac49'],
    idea: 'With Polyak\'s tuning for $\\kappa = 25$, heavy ball converges on every quadratic in $[\\mu, L]$ at rate $2/3$, yet on this piecewise-quadratic function (Lessard et al., section 4.6) started at $x_0 = 3.3$ it settles into [[the Lessard 3-cycle|s8.x0=3.3&s8.steps=60]] and never converges; [[started at 0.5|s8.x0=0.5&s8.steps=60]] it converges. Nesterov with its own tuning converges from both.',
    exportSource: {
      name: 'counterexample',
      charts: () => (chart ? [{ label: 'iterates', chart }] : []),
      csv: () => cxCsv,
      title: () => `Lessard counterexample: heavy ball α = 1/9, β = 4/9 and Nesterov α = 1/25, β = 2/3 from x0 = ${s().x0}, ${s().steps} steps`,
      cli: () => sh`momentum-lab run --problem ${`lessard-counterexample:x0=${s().x0}`} --method hb:alpha=0.1111111111111111,beta=0.4444444444444444 --steps ${s().steps} --tol 0 --format csv`,
    },
  });
  p.controls.append(
    slider(store, sec, 'x0', { label: 'start', symbol: 'x₀', min: -10, max: 10, step: 0.1 }),
    slider(store, sec, 'steps', { label: 'steps', symbol: 'K', min: 10, max: 300, step: 1 }),
  );
  const table = readoutTable('s8.cx', [['hb', 'Heavy ball', METHOD_COLORS.hb], ['nag', 'Nesterov', METHOD_COLORS.nag]], [['final', 'x_K'], ['status', 'status']]);
  p.readouts.append(table.el);
  const v = view('Iterates x_k (the 3-cycle appears as three repeating levels)', 'wide');
  p.views.append(v.el);
  const update = async () => {
    const st = s();
    const problem = createProblem(`lessard-counterexample:x0=${st.x0}`);
    const rows: Row[] = [];
    for (const [key, spec] of [['hb', 'hb:alpha=0.1111111111111111,beta=0.4444444444444444'], ['nag', 'nag:alpha=0.04,beta=0.6666666666666666']] as const) {
      const res = run(problem, createMethod(spec), { steps: st.steps, tol: 0, record: ['w0'] });
      const w = res.trace.w0 ?? res.trace.w;
      for (let k = 0; k < (w?.length ?? 0); k++) rows.push({ method: key === 'hb' ? 'Heavy ball' : 'Nesterov', spec, k, x: w[k] });
      table.set(key, 'final', res.w[0], 6);
      table.set(key, 'status', res.status === 'max_steps' && Math.abs(res.w[0] - 0) > 1e-3 ? 'no convergence' : res.status);
    }
    cxCsv = rows.map((r) => ({ method: r.spec, k: r.k, w0: r.x }));
    await chart!.set({ x: rows });
  };
  const start = async () => {
    chart = new Chart(v.plot, {
      width: 'container', height: 240, autosize: { type: 'fit-x', contains: 'padding', resize: true },
      data: { name: 'x' },
      mark: { type: 'line', strokeWidth: 1.6, point: { size: 14 }, clip: true },
      encoding: {
        x: { field: 'k', type: 'quantitative', title: 'iteration k' },
        y: { field: 'x', type: 'quantitative', title: 'x_k' },
        color: { field: 'method', type: 'nominal', title: null, scale: { domain: ['Heavy ball', 'Nesterov'], range: [METHOD_COLORS.hb, METHOD_COLORS.nag] }, legend: { orient: 'top' } },
      },
    } as never, { description: 'Iterates x_k of heavy ball and Nesterov on the Lessard counterexample: heavy ball cycles through three levels, Nesterov converges' });
    const schedule = frameScheduler(() => timed('s8.counter', update));
    store.subscribe(sec, (_s, changed) => { if (changed.some((c) => ['x0', 'steps'].includes(c))) schedule(); });
    await update();
  };
  return { el: p.el, start };
}

async function mount(el: HTMLElement, store: Store): Promise<void> {
  const a = certPanel(store), b = counterPanel(store);
  el.append(a.el, b.el);
  await Promise.all([a.start(), b.start()]);
}

export const s8: Section = {
  id: 's8',
  title: 'Certification',
  summary: 'Worst-case rates over every smooth strongly convex function, certified by semidefinite programs (IQC), against the quadratic rates — and the function on which heavy ball cycles.',
  shape,
  mount,
};
