// Workload 2: many small runs — 10^4 heavy-ball runs of 1000 steps on a 2-D quadratic (a sweep over (alpha, beta))
// vs numpy and PyTorch vectorised over the runs; and a 256 x 256 rate map vs numpy's closed form.
import path from 'node:path';
import { BENCH_DIR } from '../lib/cbuild.js';
import { PYTHON } from '../lib/peers.js';
import { runJsonLines } from '../lib/proc.js';
import { summarize } from '../lib/stats.js';
import { fmtMs, fmtNum, fmtRatio } from '../lib/format.js';

export const name = 'many-runs';
export const title = '10^4 heavy-ball runs x 1000 steps on a 2-D quadratic, and a 256 x 256 rate map';

const LABEL = {
  'ml-run': 'momentum-lab run(problem, heavyBall, {record: [\'loss\']}) per run',
  'ml-step': 'momentum-lab heavyBall init/step + problem.value per run',
  'js-batched': 'plain JS loop, 2-D heavy ball written out (reference)',
  numpy: 'numpy, vectorised over all runs (in-place ufuncs)',
  'torch-1t': 'PyTorch, vectorised over all runs, 1 thread',
  'ml-ratemap': 'momentum-lab rateMap(\'hb\', ..., {mu, L})',
  'numpy-ratemap': 'numpy closed-form roots, vectorised',
};

export async function run({ quick, peers, log }) {
  const NA = quick ? 50 : 100, NB = quick ? 40 : 100, K = 1000, reps = quick ? 1 : 3;
  const lines = [];
  log('momentum-lab');
  lines.push(...runJsonLines(process.execPath, [path.join(BENCH_DIR, 'js', 'many-runs.js'), String(NA), String(NB), String(K), String(reps)]));
  if (peers.numpy) {
    log('numpy / torch');
    lines.push(...runJsonLines(PYTHON, [path.join(BENCH_DIR, 'py', 'many_runs.py'), String(NA), String(NB), String(K), String(reps)], { env: { OMP_NUM_THREADS: '1' } }));
  }
  const rows = lines.map((l) => ({ ...l, label: LABEL[l.impl] ?? l.impl, ...summarize(l.times_ms) }));
  const sweep = rows.filter((r) => r.runs), maps = rows.filter((r) => r.rho);
  const R = NA * NB, mlRun = sweep.find((r) => r.impl === 'ml-run'), mlStep = sweep.find((r) => r.impl === 'ml-step');
  const py = sweep.filter((r) => r.impl === 'numpy' || r.impl.startsWith('torch'));
  const tables = [{
    caption: `${R} runs x ${K} steps (heavy ball on h = (0.01, 1), (alpha, beta) on a ${NA} x ${NB} grid; loss recorded after every step: ${fmtNum(R * K)} values, ${(R * K * 8 / 1e6).toFixed(0)} MB; ~16 flops per step: 10 for the update, 6 for the loss)`,
    header: ['implementation', 'median (all runs)', 'IQR', 'reps', 'per step', 'run() / this', 'step loop / this'],
    rows: sweep.map((r) => [r.label, fmtMs(r.median), `${fmtMs(r.q1)}–${fmtMs(r.q3)}`, String(r.reps), fmtMs(r.median / (R * K)),
      r === mlRun ? '1' : fmtRatio(mlRun.median / r.median), r === mlStep ? '1' : fmtRatio(mlStep.median / r.median)]),
  }];
  const mlMap = maps.find((r) => r.impl === 'ml-ratemap'), npMap = maps.find((r) => r.impl === 'numpy-ratemap');
  tables.push({
    caption: `Rate map: worst spectral radius of heavy ball over [0.01, 1] on a ${mlMap.n} x ${mlMap.n} (alpha, beta) grid`,
    header: ['implementation', 'median', 'IQR', 'ML / this'],
    rows: maps.map((r) => [r.label, fmtMs(r.median), `${fmtMs(r.q1)}–${fmtMs(r.q3)}`, r === mlMap ? '1' : fmtRatio(mlMap.median / r.median)]),
  });
  const notes = [];
  const ref = sweep[0];
  const agree = sweep.every((r) => Math.abs(r.meanLog10FinalLoss - ref.meanLog10FinalLoss) < 1e-9 && Math.abs(r.loss0Final - ref.loss0Final) <= 1e-12 * Math.abs(ref.loss0Final));
  notes.push(agree ? `Cross-check: every implementation gives the same losses (mean log10 final loss ${ref.meanLog10FinalLoss.toFixed(6)}).` : 'CHECK FAILED: the implementations disagree on the final losses (see bench/results/many-runs.json).');
  if (npMap) {
    let d = 0;
    for (let i = 0; i < mlMap.rho.length; i++) d = Math.max(d, Math.abs(mlMap.rho[i] - npMap.rho[i]));
    notes.push(`Rate map cross-check: momentum-lab's worst rate over [mu, L] and numpy's max of the endpoint spectral radii differ by at most ${fmtNum(d, 2)}.`);
  }
  const setup = rows.find((r) => r.impl === 'ml-setup');
  if (setup) notes.push(`run()'s fixed cost (the same ${setup.setupRuns} runs with steps = 1): ${fmtMs(setup.median)} in all, ${fmtMs(setup.median / setup.setupRuns)} per run; the rest of run()'s time is the steps, the measurements and the trace.`);
  notes.push('On a diagonal quadratic (declared: diagonalHessian) a linear method (declared: its linear form) takes blocks of steps inside run(), run\'s diagonal kernel: coordinate by coordinate, the state in registers, the measurement in the same pass, bitwise the results of step() plus run\'s measurement for hb. Each step is a chain of dependent floating-point operations (w - w*, h e, B u, A x + .., w + x; 4 of them when w* = 0): one run is bound by their latency, while the peers interleave all 10^4 runs.');
  for (const p of py) if (p.min < mlRun.median) notes.push(`${p.impl}'s fastest repetition (${fmtMs(p.min)}) is faster than run()'s median: its repetitions took ${p.times_ms.map((t) => fmtMs(t)).join(', ')}.`);
  notes.push('The peers are vectorised over the runs (one array operation per step for all runs), which is how one writes this in numpy/PyTorch; momentum-lab runs one run after another, as the explorer and `sweep` do.');
  const goals = [];
  if (py.length) goals.push({ goal: 'run() faster than the vectorised Python peers', met: py.every((p) => mlRun.median < p.median), detail: py.map((p) => `${p.impl} ${fmtRatio(mlRun.median / p.median)}`).join(', ') });
  if (npMap) goals.push({ goal: 'rate map faster than numpy', met: mlMap.median < npMap.median, detail: `ratio ${fmtRatio(mlMap.median / npMap.median)}` });
  for (const r of maps) delete r.rho;
  return { measures: 'Wall time of a whole sweep (all runs, loss after every step) and of a rate map.', runs: R, steps: K, rows, tables, goals, notes };
}
