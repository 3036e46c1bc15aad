// Workload 1: one step of GD, heavy ball and Nesterov on a 10^7-dimensional diagonal quadratic, momentum-lab vs
// numpy (idiomatic and out=), torch.optim.SGD (1 and 2 threads) and a fused C loop, against the STREAM-style triad.
import path from 'node:path';
import { BENCH_DIR, compileC } from '../lib/cbuild.js';
import { PYTHON } from '../lib/peers.js';
import { runJsonLines } from '../lib/proc.js';
import { summarize } from '../lib/stats.js';
import { fmtMs, fmtNum, fmtRatio } from '../lib/format.js';

export const name = 'quadratic-step';
export const title = 'one GD / heavy-ball / Nesterov step on a 10^7-dimensional diagonal quadratic';

const B_PER_ELEM = { gd: 24, hb: 40, 'hb-measured': 40, nag: 40, triad: 24, 'triad-inplace': 24 };
const LABEL = {
  'wasm-fused': 'momentum-lab, WebAssembly SIMD fused kernel (createWasmArena)',
  'ts-fused': 'momentum-lab, TypeScript fused kernel (hbDiagonalStep etc.)',
  optimizer: 'momentum-lab, optimizer.step(state, problem) on diagonalQuadratic (grad pass, then update pass)',
  'js-3-loops': 'plain JS, three separate loops (for comparison)',
  'run-auto': 'momentum-lab run(problem, heavyBall) default trace: run\'s kernel, WebAssembly SIMD',
  'run-ts': 'momentum-lab run() default trace: run\'s kernel, TypeScript fallback (WebAssembly off)',
  'run-off': 'momentum-lab run() default trace: plain method.step loop (the reference path)',
  c: 'C, fused loop (gcc -O3 -march=native)',
  numpy: 'numpy, idiomatic (temporaries)',
  'numpy-out': 'numpy, in-place out= ufuncs',
  'torch-sgd-1t': 'torch.optim.SGD, 1 thread',
  'torch-sgd-2t': 'torch.optim.SGD, 2 threads',
};
const PY_IMPLS = ['numpy', 'numpy-out', 'torch-sgd-1t', 'torch-sgd-2t'];

/** Runs every side `rounds` times, interleaved, so that noise from other jobs on the machine hits all sides alike. */
export async function run({ quick, peers, log }) {
  const n = quick ? 2_000_000 : 10_000_000;
  const reps = quick ? 5 : 10;
  const rounds = quick ? 1 : 3;
  const exe = peers.gcc ? compileC('quad_step') : null;
  const lines = [];
  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1}/${rounds}: momentum-lab`);
    lines.push(...runJsonLines(process.execPath, ['--expose-gc', path.join(BENCH_DIR, 'js', 'quadratic-step.js'), String(n), String(reps)]));
    if (exe) { log('  C'); lines.push(...runJsonLines(exe, [String(n), String(reps)])); }
    if (peers.numpy) { log('  numpy'); lines.push(...runJsonLines(PYTHON, [path.join(BENCH_DIR, 'py', 'quad_step.py'), String(n), String(reps), 'numpy'])); }
    if (peers.torch) { log('  torch'); lines.push(...runJsonLines(PYTHON, [path.join(BENCH_DIR, 'py', 'quad_step.py'), String(n), String(reps), 'torch'])); }
  }
  // Merge the rounds: all times of one (impl, method) together.
  const byKey = new Map();
  const allocs = {};
  for (const l of lines) {
    if (l.impl.startsWith('control')) { allocs[l.impl] = l.alloc; continue; }
    const key = `${l.impl}|${l.method}`;
    const e = byKey.get(key) ?? { impl: l.impl, method: l.method, times: [], setup: [], check: l.check, alloc: l.alloc };
    e.times.push(...l.times_ms);
    if (l.setup_ms) e.setup.push(...l.setup_ms);
    if (l.alloc) e.alloc = l.alloc;
    byKey.set(key, e);
  }
  const get = (impl, method) => byKey.get(`${impl}|${method}`);
  const triad = get('c', 'triad'), triadIn = get('c', 'triad-inplace');
  const gb = (method, ms) => (B_PER_ELEM[method] * n) / (ms * 1e6);
  // The bandwidth limit: the faster of the two triads in GB/s (STREAM's byte count).
  const bw = Math.max(triad ? gb('triad', summarize(triad.times).median) : 0, triadIn ? gb('triad-inplace', summarize(triadIn.times).median) : 0) || null;

  const rows = [];
  for (const e of byKey.values()) {
    const s = summarize(e.times);
    const bytes = B_PER_ELEM[e.method] * n;
    rows.push({
      impl: e.impl, method: e.method, label: LABEL[e.impl] ?? e.impl, ...s, bytes,
      gbPerS: bytes / (s.median * 1e6),
      fractionOfBandwidth: bw ? bytes / (bw * 1e6) / s.median : null,
      alloc: e.alloc ?? null, check: e.check, setupMedianMs: e.setup.length ? summarize(e.setup).median : null,
    });
  }
  const row = (impl, method) => rows.find((x) => x.impl === impl && x.method === method);
  const best = (method) => row('wasm-fused', method) ?? row('ts-fused', method);

  const tables = [];
  for (const method of ['gd', 'hb', 'nag']) {
    const ml = best(method);
    const order = ['wasm-fused', 'ts-fused', 'optimizer', 'js-3-loops', 'c', ...PY_IMPLS];
    // (run() rows and the measured C loop have their own table below.)
    const body = order.map((impl) => row(impl, method)).filter(Boolean).map((x) => [
      x.label, fmtMs(x.median), `${fmtMs(x.q1)}–${fmtMs(x.q3)}`, fmtNum(x.gbPerS), x.fractionOfBandwidth === null ? '—' : fmtNum(x.fractionOfBandwidth, 2),
      ml && x !== ml ? fmtRatio(ml.median / x.median) : '1',
      x.alloc ? `${x.alloc.bytesPerStep} B` : '',
    ]);
    tables.push({
      caption: `${method.toUpperCase()} step, n = ${n.toExponential(0)} (${B_PER_ELEM[method]} B/element minimum traffic = ${(B_PER_ELEM[method] * n / 1e6).toFixed(0)} MB, ${method === 'gd' ? 3 : method === 'hb' ? 5 : 7} flops/element)`,
      header: ['implementation', 'median', 'IQR', 'GB/s', 'of triad BW', 'ML / this', 'heap per step'],
      rows: body,
    });
  }
  // run() with its default trace vs a C loop that steps and measures the same quantities in one pass.
  const cMeasured = row('c', 'hb-measured');
  const runRows = ['run-auto', 'run-ts', 'run-off'].map((impl) => row(impl, 'hb')).filter(Boolean);
  if (runRows.length) {
    const ref = row('run-auto', 'hb') ?? runRows[0];
    tables.push({
      caption: `run() per step with its default trace (k, loss, gradNorm, dist, vNorm, energy, oracleCalls), heavy ball, n = ${n.toExponential(0)}, vs a C loop that takes the step and sums loss, gradient norm, distance and velocity in the same pass`,
      header: ['implementation', 'median per step', 'IQR', 'run() setup (once per run)', 'ML / this'],
      rows: [...runRows, cMeasured].filter(Boolean).map((x) => [x.label.replace(/^C, fused loop.*/, 'C, fused step + the four sums in one pass (gcc -O3 -march=native)'), fmtMs(x.median), `${fmtMs(x.q1)}–${fmtMs(x.q3)}`,
        x.setupMedianMs === null ? '' : fmtMs(x.setupMedianMs), x === ref ? '1' : fmtRatio(ref.median / x.median)]),
    });
  }
  if (triad || triadIn) {
    tables.push({
      caption: 'Memory bandwidth (STREAM-style triads in C, 24 B/element counted as STREAM does)',
      header: ['loop', 'median', 'IQR', 'GB/s'],
      rows: [[ 'a <- b + s c (STREAM triad)', triad], ['a <- a + s c (in place, no write-allocate)', triadIn]].filter(([, e]) => e).map(([l, e]) => {
        const s = summarize(e.times);
        return [l, fmtMs(s.median), `${fmtMs(s.q1)}–${fmtMs(s.q3)}`, fmtNum(gb(e.impl === 'c' ? e.method : 'triad', s.median))];
      }),
    });
  }

  const goals = [];
  const ratiosVs = (impls) => ['gd', 'hb', 'nag'].flatMap((m) => impls.map((p) => (row(p, m) && best(m) ? best(m).median / row(p, m).median : null))).filter((r) => r !== null);
  const py = ratiosVs(PY_IMPLS);
  if (py.length) goals.push({ goal: 'faster than every Python peer (numpy, numpy out=, torch SGD 1 and 2 threads)', met: Math.max(...py) < 1, detail: `worst ratio ${fmtRatio(Math.max(...py))}` });
  const c = ratiosVs(['c']);
  if (c.length) goals.push({ goal: 'within 1.25x of the fused C loop', met: Math.max(...c) <= 1.25, detail: `ratios ${['gd', 'hb', 'nag'].map((m, i) => `${m} ${fmtRatio(c[i])}`).join(', ')}` });
  const runAuto = row('run-auto', 'hb');
  if (runAuto && cMeasured) goals.push({ goal: 'run() with its default trace on the 10^7 heavy-ball quadratic, per step, within 1.25x of the C loop that steps and measures in one pass', met: runAuto.median / cMeasured.median <= 1.25, detail: `${fmtMs(runAuto.median)} vs ${fmtMs(cMeasured.median)}: ratio ${fmtRatio(runAuto.median / cMeasured.median)}` });
  const hbAlloc = ['wasm-fused', 'ts-fused', 'optimizer'].map((i) => row(i, 'hb')).filter(Boolean);
  goals.push({
    goal: 'a heavy-ball step allocates nothing (V8 new-space bytes per step; a control that allocates one Float64Array(4) per step shows ' + `${allocs['control-allocating']?.bytesPerStep ?? '?'} B)`,
    met: hbAlloc.every((x) => x.alloc && x.alloc.bytesPerStep <= 0 && x.alloc.arrayBufferBytesPerStep <= 0),
    detail: hbAlloc.map((x) => `${x.impl}: ${x.alloc?.bytesPerStep} B heap, ${x.alloc?.arrayBufferBytesPerStep} B ArrayBuffer`).join('; '),
  });

  const notes = [
    'Same problem everywhere: h_i = 1e-3 + i/n, w = 1, v = 0, alpha = 0.5, beta = 0.9, float64; each side runs 2 warm-up steps, then the timed ones; '
      + `${rounds} interleaved round(s) of ${reps} steps per side, medians over all of them.`,
    'Minimum traffic per element: GD reads h, w and writes w (24 B); HB and NAG read h, w, v and write w, v (40 B). '
      + '"of triad BW" = (minimum bytes / triad bandwidth) / time: 1 means running at the triad\'s bandwidth; in-place updates can exceed the STREAM triad, which pays a write-allocate read.',
    'torch.optim.SGD runs its own convention (buf <- beta buf + g; p <- p - lr buf), heavy ball with v = -lr buf; its Nesterov updates the look-ahead point, so its iterates differ from the Sutskever form by a change of variables.',
    'The fused kernels (src/linalg/wasm) are one pass: every element of h, w, v is read once and w, v written once. optimizer.step on diagonalQuadratic is the method\'s plain recurrence, '
      + 'a gradient pass (problem.grad writes g) and an update pass; the fast path on diagonal quadratics is run()\'s kernel (its own table). '
      + 'The kernels use the methods\' operation order, so their steps are bitwise equal (test/bench/wasm-kernels.test.ts).',
    'Plain JS is compute-bound here, not memory-bound: V8 neither vectorises typed-array loops nor removes their bounds checks. The WebAssembly SIMD kernel '
      + '(f64x2, 4 doubles per loop trip) reaches the C loop\'s speed; two shared-memory workers were not needed.',
  ];
  const wHb = row('wasm-fused', 'hb');
  if (wHb && bw) {
    const implied = wHb.median * bw; // ms x GB/s = MB
    notes.push(`One pass: at the triad bandwidth (${fmtNum(bw)} GB/s) the WebAssembly heavy-ball step's ${fmtMs(wHb.median)} moves at most ${implied.toFixed(0)} MB, `
      + `against ${(40 * n / 1e6).toFixed(0)} MB for one pass over h, w, v (read) and w, v (written); a separate gradient pass would add at least ${(16 * n / 1e6).toFixed(0)} MB (write g, read it back).`);
  }
  const checks = ['gd', 'hb', 'nag'].map((m) => {
    const ref = row('ts-fused', m)?.check;
    const bad = rows.filter((x) => x.method === m && !x.impl.startsWith('run-') && ref !== undefined && !(m === 'nag' && x.impl.startsWith('torch')) && Math.abs(x.check - ref) > 1e-9 * Math.max(1, Math.abs(ref)) && x.reps === row('ts-fused', m).reps);
    return bad.length ? `${m}: ${bad.map((b) => b.impl).join(', ')} disagree with the TypeScript kernel after the same steps` : null;
  }).filter(Boolean);
  const bitwise = ['gd', 'hb', 'nag'].every((m) => ['wasm-fused', 'optimizer'].every((i) => !row(i, m) || row(i, m).check === row('ts-fused', m)?.check));
  if (runRows.length) {
    const same = runRows.every((x) => x.check === runRows[0].check);
    notes.push(`run() per step = (time of a ${'45'}-step run - time of a 5-step run) / 40, so that run's setup (the method's state of 3 vectors, the first measurement, the copy of w in the result; its column "run() setup") cancels; `
      + `run's kernel takes the 40 steps as blocks, measuring every iterate in the same pass; the plain loop calls method.step and measures each recorded column in its own pass. `
      + `The three run() paths give ${same ? 'the same loss bit for bit' : 'DIFFERENT losses'} after 45 steps (${runRows[0].check}); the C loop computes the same sums in the same order.`);
  }
  notes.push(checks.length ? `CHECK FAILED: ${checks.join('; ')}` : `Cross-check: after the same number of steps, w[n/2] agrees to 1e-9 between momentum-lab's kernels and optimizers, C and numpy (and torch for GD and HB); ${bitwise ? 'the kernels (TypeScript and WebAssembly) and the optimizers agree bitwise' : 'NOTE: the kernels and the optimizers do not agree bitwise'} (w[n/2] = ${['gd', 'hb', 'nag'].map((m) => row('ts-fused', m)?.check).join(', ')}).`);
  return { title, measures: 'Time of one optimizer step, memory traffic and bandwidth, and heap allocation per step.', n, reps, rounds, bandwidthGBs: bw, allocControls: allocs, rows, tables, goals, notes };
}
