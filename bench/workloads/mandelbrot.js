// Workload 4: Mandelbrot 2048 x 2048 at 1000 iterations, momentum-lab vs C -O3 and numpy.
import path from 'node:path';
import { BENCH_DIR, compileC } from '../lib/cbuild.js';
import { PYTHON } from '../lib/peers.js';
import { runJsonLines } from '../lib/proc.js';
import { summarize } from '../lib/stats.js';
import { fmtMs, fmtNum, fmtRatio } from '../lib/format.js';

export const name = 'mandelbrot';
export const title = 'Mandelbrot escape-time image, 2048 x 2048 pixels, 1000 iterations';

const LABEL = {
  'momentum-lab-brute': 'momentum-lab mandelbrot({bulbCheck: false, periodicity: false})',
  'c-brute': 'C, brute force (gcc -O3 -march=native)',
  numpy: 'numpy, vectorised over the points not yet escaped',
  'momentum-lab': 'momentum-lab mandelbrot() defaults (cardioid/bulb test, periodicity check)',
  'c-shortcuts': 'C, same cardioid/bulb test and periodicity check',
};

export async function run({ quick, peers, log }) {
  const W = quick ? 512 : 2048, maxIter = 1000;
  const lines = [];
  log('momentum-lab');
  lines.push(...runJsonLines(process.execPath, [path.join(BENCH_DIR, 'js', 'mandelbrot.js'), String(W), String(maxIter), String(3)]));
  if (peers.gcc) { log('C'); lines.push(...runJsonLines(compileC('mandelbrot'), [String(W), String(maxIter), String(3)])); }
  if (peers.numpy) { log('numpy'); lines.push(...runJsonLines(PYTHON, [path.join(BENCH_DIR, 'py', 'mandelbrot.py'), String(W), String(maxIter), '1'])); }
  const rows = lines.map((l) => ({ impl: l.impl, label: LABEL[l.impl] ?? l.impl, ...summarize(l.times_ms), inside: l.inside, iterSum: l.iterSum }));
  const get = (i) => rows.find((r) => r.impl === i);
  const table = (caption, impls, ref) => ({
    caption,
    header: ['implementation', 'median', 'IQR', 'reps', 'pixels inside', 'iterations', 'ns per iteration', 'ML / this'],
    rows: impls.map(get).filter(Boolean).map((r) => [r.label, fmtMs(r.median), `${fmtMs(r.q1)}–${fmtMs(r.q3)}`, String(r.reps), String(r.inside), fmtNum(r.iterSum),
      fmtNum((r.median * 1e6) / r.iterSum), r === get(ref) ? '1' : fmtRatio(get(ref).median / r.median)]),
  });
  const brute = ['momentum-lab-brute', 'c-brute', 'numpy'];
  const tables = [
    table(`Brute force: every pixel iterated (the same work everywhere), ${W} x ${W}`, brute, 'momentum-lab-brute'),
    table('With the cardioid/bulb test and periodicity checking (momentum-lab\'s defaults)', ['momentum-lab', 'c-shortcuts'], 'momentum-lab'),
  ];
  const goals = [];
  const agree = brute.map(get).filter(Boolean).every((r) => r.inside === get('momentum-lab-brute').inside && r.iterSum === get('momentum-lab-brute').iterSum);
  const c = get('c-brute'), np = get('numpy'), ml = get('momentum-lab-brute');
  if (c) goals.push({ goal: 'brute force within 1.25x of C -O3', met: ml.median / c.median <= 1.25, detail: `ratio ${fmtRatio(ml.median / c.median)}` });
  if (np) goals.push({ goal: 'faster than numpy', met: ml.median < np.median, detail: `ratio ${fmtRatio(ml.median / np.median)}` });
  const notes = [
    agree ? 'Cross-check: the brute-force images agree exactly (same count of inside pixels and the same sum of iteration counts) between momentum-lab, C and numpy.'
      : 'CHECK FAILED: the brute-force images differ between implementations (see bench/results/mandelbrot.json).',
    'Work: about 7 flops per iteration (z <- z^2 + c with |z|^2 from the squares); "iterations" counts maxIter for every inside pixel.',
    'numpy runs once (it takes tens of seconds); the others 3 times.',
  ];
  return { measures: 'Wall time of one escape-time image (iteration counts and smooth colouring values).', W, maxIter, rows, tables, goals, notes };
}
