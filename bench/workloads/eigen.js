// Workload 6: eigenvalues — closed-form 2x2 vs the general solver, and a 200x200 non-symmetric matrix vs numpy.
import path from 'node:path';
import { BENCH_DIR } from '../lib/cbuild.js';
import { PYTHON } from '../lib/peers.js';
import { runJsonLines } from '../lib/proc.js';
import { summarize } from '../lib/stats.js';
import { fmtMs, fmtNum, fmtRatio } from '../lib/format.js';

export const name = 'eigen';
export const title = 'eigenvalues: closed-form 2x2 vs general solver; 200 x 200 non-symmetric vs numpy';

const LABEL = {
  'ml-eig2x2': 'momentum-lab eig2x2 (closed form)',
  'ml-matrix-evd': 'ml-matrix EigenvalueDecomposition (general: Hessenberg + QR)',
  'ml-eigenvalues': 'momentum-lab eigenvalues() (ml-matrix EigenvalueDecomposition)',
  'ml-hqr': 'momentum-lab eigenvaluesHqr() (EISPACK balanc + elmhes + hqr, eigenvalues only)',
  'numpy-eigvals': 'numpy.linalg.eigvals (LAPACK dgeev, 1 thread)',
};

/** Largest distance from each eigenvalue in a to its nearest one in b (both lists of [re, im]). */
function matchError(a, b) {
  let worst = 0;
  for (const [x, y] of a) {
    let best = Infinity;
    for (const [u, v] of b) best = Math.min(best, Math.hypot(x - u, y - v));
    worst = Math.max(worst, best);
  }
  return worst;
}

export async function run({ quick, peers, log }) {
  const M = quick ? 20_000 : 100_000, N = 200, reps = quick ? 3 : 7;
  const file = path.join(BENCH_DIR, 'build', 'eigen-matrices.f64');
  log('momentum-lab');
  const lines = runJsonLines(process.execPath, [path.join(BENCH_DIR, 'js', 'eigen.js'), String(M), String(N), String(reps), file]);
  if (peers.numpy) {
    log('numpy');
    lines.push(...runJsonLines(PYTHON, [path.join(BENCH_DIR, 'py', 'eigen.py'), String(M), String(N), String(reps), file],
      { env: { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } }));
  }
  const rows = lines.map((l) => ({ ...l, label: LABEL[l.impl] ?? l.impl, ...summarize(l.times_ms) }));
  const two = rows.filter((r) => r.case === '2x2'), big = rows.filter((r) => r.case === 'nxn');
  const ml2 = two.find((r) => r.impl === 'ml-eig2x2'), mlN = big.find((r) => r.impl === 'ml-eigenvalues');
  const npN = big.find((r) => r.impl === 'numpy-eigvals'), np2 = two.find((r) => r.impl === 'numpy-eigvals');
  const tables = [
    {
      caption: `${M} random 2x2 matrices (standard normal entries): all eigenvalues, time per matrix`,
      header: ['implementation', 'median (all)', 'IQR', 'per matrix', 'ML / this'],
      rows: two.map((r) => [r.label, fmtMs(r.median), `${fmtMs(r.q1)}–${fmtMs(r.q3)}`, fmtMs(r.median / M), r === ml2 ? '1' : fmtRatio(ml2.median / r.median)]),
    },
    {
      caption: `One ${N} x ${N} non-symmetric matrix (standard normal entries): all eigenvalues (~${fmtNum((10 * N ** 3) / 1e6, 2)} Mflop for Hessenberg + QR)`,
      header: ['implementation', 'median', 'IQR', 'ML / this'],
      rows: big.map((r) => [r.label, fmtMs(r.median), `${fmtMs(r.q1)}–${fmtMs(r.q3)}`, r === mlN ? '1' : fmtRatio(mlN.median / r.median)]),
    },
  ];
  const notes = [];
  const gen = two.find((r) => r.impl === 'ml-matrix-evd');
  if (gen) notes.push(`2x2 accuracy: the spectral radii of the closed form and the general solver agree to ${fmtNum(gen.maxRelDiffVsClosed, 2)} (max relative difference).`);
  if (np2) notes.push(`2x2 cross-check: sum of the spectral radii, momentum-lab ${ml2.rhoSum.toPrecision(15)}, numpy ${np2.rhoSum.toPrecision(15)}.`);
  let accuracy = null;
  if (npN) {
    accuracy = matchError(mlN.values, npN.values);
    notes.push(`${N}x${N} accuracy: every eigenvalues() value is within ${fmtNum(accuracy, 2)} of one of numpy's (the matrix norm is about ${fmtNum(2 * Math.sqrt(N), 2)}).`);
    const hq = big.find((r) => r.impl === 'ml-hqr');
    if (hq) notes.push(`${N}x${N} accuracy of eigenvaluesHqr: within ${fmtNum(matchError(hq.values, npN.values), 2)} of numpy's.`);
  }
  notes.push('ml-matrix\'s EigenvalueDecomposition (a JAMA port on arrays of arrays) computes the eigenvectors too; LAPACK\'s dgeev in numpy.linalg.eigvals computes eigenvalues only.');
  const goals = [];
  if (gen) goals.push({ goal: 'closed-form 2x2 faster than the general solver', met: ml2.median < gen.median, detail: `ratio ${fmtRatio(ml2.median / gen.median)}` });
  const hq = big.find((r) => r.impl === 'ml-hqr');
  if (npN) goals.push({ goal: `${N}x${N} eigenvalues as fast as numpy`, met: Math.min(mlN.median, hq?.median ?? Infinity) <= npN.median, detail: `eigenvalues() ${fmtRatio(mlN.median / npN.median)}${hq ? `, eigenvaluesHqr() ${fmtRatio(hq.median / npN.median)}` : ''}` });
  for (const r of rows) delete r.values;
  return { measures: 'Wall time to compute all eigenvalues, and their agreement with a second method.', M, N, accuracy, rows, tables, goals, notes };
}
