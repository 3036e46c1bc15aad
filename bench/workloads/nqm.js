// Workload nqm: the tuned steps-to-target curves of SGD and heavy ball on the Noisy Quadratic Model (Zhang et al. 2019:
// 10^4 directions h_i = c_i = 1/i, E w0^2 = 1, target 0.01, 20 batch sizes 2^2..2^21, the notebook's grids), by
// momentum-lab's `nqm` path vs a numpy port of the notebook gd-zhang/noisy-quadratic-model nqm.ipynb (bench/py/nqm.py).
// The port's SGD curve is run in full; its momentum curve as written takes hours (an eig of 10^4 3x3 matrices at each of
// 24 bisection steps of each of 2000 grid points per batch size), so it is timed on grid points around momentum-lab's
// optimum at every batch size and scaled by the grid size (the work per grid point does not depend on the point).
import path from 'node:path';
import { BENCH_DIR } from '../lib/cbuild.js';
import { PYTHON } from '../lib/peers.js';
import { runJsonLines } from '../lib/proc.js';
import { summarize } from '../lib/stats.js';
import { fmtMs, fmtNum, fmtRatio } from '../lib/format.js';

export const name = 'nqm';
export const title = 'NQM: tuned steps-to-target curves (SGD, heavy ball) vs batch size, 10^4 directions';

const PY_ENV = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
const FULL_BATCHES = Array.from({ length: 20 }, (_, i) => 2 ** (i + 2)); // the notebook's 2 ** np.arange(2, 22)
const QUICK_BATCHES = [4, 512, 32768, 2097152];
const SGD_GRID = 100, HB_GRID = 100 * 20;

/** Index of the value of `xs` nearest to x on a log scale (f maps a grid value to the logged quantity). */
function nearestLog(xs, x, f = (v) => v) {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(Math.log(f(xs[i]) / f(x))) < Math.abs(Math.log(f(xs[best]) / f(x)))) best = i;
  return best;
}

const pow2 = (b) => `2^${Math.round(Math.log2(b))}`;
const curves = (n) => `${n} curve${n === 1 ? '' : 's'}`;
/** fmtMs, with hours added from one hour on. */
const fmtLong = (ms) => (ms >= 3.6e6 ? `${fmtMs(ms)} (${(ms / 3.6e6).toFixed(1)} h)` : fmtMs(ms));

export async function run({ quick, peers, log }) {
  const batches = quick ? QUICK_BATCHES : FULL_BATCHES;
  const mlCurve = () => runJsonLines(process.execPath, [path.join(BENCH_DIR, 'js', 'nqm.js'), 'curve', batches.join(','), '1']);
  const py = (args, input) => runJsonLines(PYTHON, [path.join(BENCH_DIR, 'py', 'nqm.py'), ...args], { env: PY_ENV, input, timeoutMs: 3_600_000 });
  // Rounds interleave the sides so that load from other jobs falls on both alike: per round one momentum-lab process
  // (both curves, cold: V8's warm-up included, as for `momentum-lab nqm`), one SGD curve of the port, and a third of
  // the port's heavy-ball grid points.
  const rounds = quick ? 1 : 3;
  const mlRuns = [], sgdRuns = [];
  log(`round 1/${rounds}: momentum-lab, tuned curves of gd and hb at ${batches.length} batch sizes`);
  mlRuns.push(mlCurve());
  const first = (impl) => mlRuns[0].find((r) => r.impl === impl);
  if (!peers.numpy) {
    return { measures: 'Wall time of the whole tuned curves.', error: 'numpy not found: the numpy port (bench/py/nqm.py) needs python3-numpy', rows: mlRuns[0] };
  }
  const [grid] = py(['grid']);
  // Grid points for the port's momentum search: momentum-lab's optimum snapped to the notebook's grid, with its four
  // grid neighbours (alpha +-1, beta +-1) in the full run.
  const hbPoints = [];
  for (const r of first('ml-hb').curve) {
    if (r.alpha === null) continue;
    const ia = nearestLog(grid.alphas, r.alpha), ib = nearestLog(grid.betas, r.beta, (b) => 1 - b);
    const around = quick ? [[0, 0]] : [[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]];
    for (const [da, db] of around) {
      const i = ia + da, j = ib + db;
      if (i >= 0 && i < grid.alphas.length && j >= 0 && j < grid.betas.length) hbPoints.push({ batch: r.batch, ia: i, ib: j, center: da === 0 && db === 0 });
    }
  }
  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      log(`round ${round + 1}/${rounds}: momentum-lab`);
      mlRuns.push(mlCurve());
    }
    log(`round ${round + 1}/${rounds}: numpy port, SGD curve (optimal_ttl, full grid)`);
    sgdRuns.push(py(['sgd', batches.join(','), '1'])[0]);
    if (round === 0) {
      const mlPointsIn = [
        ...sgdRuns[0].curve.map((c) => ({ method: 'gd', batch: c.batch, alpha: c.alpha, beta: null })),
        ...hbPoints.map((p) => ({ method: 'hb', batch: p.batch, alpha: grid.alphas[p.ia], beta: grid.betas[p.ib] })),
      ];
      const [mlPoints] = runJsonLines(process.execPath, [path.join(BENCH_DIR, 'js', 'nqm.js'), 'points'], { input: JSON.stringify(mlPointsIn) });
      sgdRuns[0].mlAt = mlPoints.steps.slice(0, sgdRuns[0].curve.length);
      mlPoints.steps.slice(sgdRuns[0].curve.length).forEach((k, i) => { hbPoints[i].ml = k; });
    }
    const mine = hbPoints.filter((_, i) => i % rounds === round);
    log(`round ${round + 1}/${rounds}: numpy port, time_to_loss_wm at ${mine.length} grid points (as written and hoisted)`);
    const out = py(['hb', '1'], JSON.stringify(mine.map((p) => [p.batch, p.ia, p.ib, p.ml])));
    out.forEach((r, i) => Object.assign(mine[i], { ttl: r.ttl, ttlHoisted: r.ttlHoisted, ms: r.times_ms[0], hoistedMs: r.hoisted_ms[0], lossAtMl: r.lossAtMl, lossBeforeMl: r.lossBeforeMl }));
  }
  const mlOf = (impl) => {
    const runs = mlRuns.map((l) => l.find((r) => r.impl === impl));
    const times = runs.map((r) => r.times_ms[0]);
    return { ...runs[0], times_ms: times, ...summarize(times) };
  };
  const mlGd = mlOf('ml-gd'), mlHb = mlOf('ml-hb');
  const mlTotal = summarize(mlGd.times_ms.map((t, i) => t + mlHb.times_ms[i]));
  const npSgd = { ...sgdRuns[0], times_ms: sgdRuns.map((r) => r.times_ms[0]) };
  Object.assign(npSgd, summarize(npSgd.times_ms));
  const mlAtSgd = sgdRuns[0].mlAt;
  delete npSgd.mlAt;
  const same = mlRuns.every((l) => ['ml-gd', 'ml-hb'].every((m) => JSON.stringify(l.find((r) => r.impl === m).curve) === JSON.stringify(first(m).curve)))
    && sgdRuns.every((r) => JSON.stringify(r.curve) === JSON.stringify(sgdRuns[0].curve));

  // The port's momentum curve, scaled: (time per grid point) x (grid points per batch size) x (batch sizes).
  const perPoint = summarize(hbPoints.map((p) => p.ms)), perPointHoisted = summarize(hbPoints.map((p) => p.hoistedMs));
  const scale = HB_GRID * batches.length;
  const scaled = (s) => ({ median: s.median * scale, q1: s.q1 * scale, q3: s.q3 * scale });
  const npHbEst = scaled(perPoint), npHbHoistedEst = scaled(perPointHoisted);
  const npTotal = npSgd.median + npHbEst.median, npTotalHoisted = npSgd.median + npHbHoistedEst.median;
  const iqr = (s) => `${fmtMs(s.q1)}–${fmtMs(s.q3)}`;
  const sizes = `${batches.length} batch sizes ${quick ? batches.map(pow2).join(', ') : '2^2..2^21'}`;
  const tables = [{
    caption: `Tuned steps-to-target curves on the NQM (10^4 directions h_i = c_i = 1/i, E w0^2 = 1, target 0.01) at ${sizes}; the notebook's grids: SGD ${SGD_GRID} learning rates, heavy ball ${HB_GRID} (alpha, beta) points per batch size`,
    header: ['implementation', 'time (median)', 'IQR', 'measured', 'ML / this'],
    rows: [
      ['momentum-lab, SGD curve (nqmTune per batch size, the `momentum-lab nqm` path)', fmtMs(mlGd.median), iqr(mlGd), curves(mlGd.reps), '1'],
      ['momentum-lab, heavy-ball curve (same)', fmtMs(mlHb.median), iqr(mlHb), curves(mlHb.reps), '1'],
      ['momentum-lab, SGD + heavy ball', fmtMs(mlTotal.median), iqr(mlTotal), curves(mlTotal.reps), '1'],
      ['numpy port of the notebook, SGD: optimal_ttl per batch size (full grid)', fmtMs(npSgd.median), iqr(npSgd), curves(npSgd.reps), fmtRatio(mlGd.median / npSgd.median)],
      ['numpy port, heavy ball: optimal_ttl_wm as written (eig at every bisection step), **scaled**', fmtLong(npHbEst.median), iqr(npHbEst),
        `${hbPoints.length} of ${scale} grid points timed, x ${fmtNum(scale / hbPoints.length)}`, fmtRatio(mlHb.median / npHbEst.median)],
      ['numpy port, heavy ball, eig hoisted out of the bisection (once per grid point), **scaled**', fmtLong(npHbHoistedEst.median), iqr(npHbHoistedEst),
        `${hbPoints.length} of ${scale} grid points timed, x ${fmtNum(scale / hbPoints.length)}`, fmtRatio(mlHb.median / npHbHoistedEst.median)],
      ['numpy port, SGD + heavy ball as written (SGD measured, heavy ball scaled)', fmtLong(npTotal), '', '', fmtRatio(mlTotal.median / npTotal)],
      ['numpy port, SGD + heavy ball with eig hoisted', fmtLong(npTotalHoisted), '', '', fmtRatio(mlTotal.median / npTotalHoisted)],
    ],
  }];

  // Steps per batch size. The notebook's time_to_loss returns the last step of its bisection bracket with loss >= C:
  // its first step below C is ttl + 1, what momentum-lab's steps count.
  const hbBest = new Map();
  for (const p of hbPoints) {
    const cur = hbBest.get(p.batch);
    if (!cur || p.ttl < cur.ttl) hbBest.set(p.batch, p);
  }
  const stepRows = batches.map((b, i) => {
    const g = mlGd.curve.find((r) => r.batch === b), h = mlHb.curve.find((r) => r.batch === b), n = npSgd.curve.find((c) => c.batch === b), q = hbBest.get(b);
    return [pow2(b), String(g.steps), String(n.ttl + 1), String(mlAtSgd[i]), fmtNum(n.alpha), String(h.steps), q ? String(q.ttl + 1) : '—', q ? String(q.ml) : '—',
      q ? `${fmtNum(grid.alphas[q.ia])}, 1 - ${fmtNum(1 - grid.betas[q.ib])}` : '—'];
  });
  tables.push({
    caption: 'Steps to the target per batch size: momentum-lab\'s tuned curves; the notebook\'s search (first step below C = its ttl + 1; for heavy ball the best of the grid points timed, so an upper bound of its full-grid result); momentum-lab\'s exact first crossing at the notebook\'s point',
    header: ['batch', 'SGD: ML tuned', 'SGD: notebook', 'SGD: ML at notebook alpha', 'notebook alpha', 'HB: ML tuned', 'HB: notebook (points timed)', 'HB: ML at that point', 'notebook (alpha, beta)'],
    rows: stepRows,
  });

  // Cross-checks.
  const notes = [];
  const sgdSame = npSgd.curve.filter((c, i) => c.ttl + 1 === mlAtSgd[i]).length;
  const sgdExactStar = npSgd.curve.filter((c, i) => c.ttlExactStar + 1 === mlAtSgd[i]).length;
  const sgdRel = Math.max(...npSgd.curve.map((c, i) => Math.abs(c.ttl + 1 - mlAtSgd[i]) / mlAtSgd[i]));
  notes.push(`Cross-check, SGD at the same learning rate (the notebook's choice at each batch size): the notebook's first step below the target equals momentum-lab's exact steps at ${sgdSame} of ${batches.length} batch sizes (largest relative difference ${fmtNum(sgdRel, 2)}); without the 1e-8 the notebook adds to 1 - (1 - alpha h)^2 in s* (the exact closed form) at ${sgdExactStar} of ${batches.length}.`);
  // The notebook's momentum search is capped at 10^7 steps: ttl = 10^7 - 1 means "not below C within 10^7 steps",
  // what momentum-lab reports as null (never, certified) or a count of at least 10^7.
  const NB_CAP = 1e7 - 1;
  const nbNever = (p) => p.ttl >= NB_CAP, mlNever = (p) => p.ml === null || p.ml >= 1e7;
  const bothNever = hbPoints.filter((p) => nbNever(p) && mlNever(p));
  const reached = hbPoints.filter((p) => !nbNever(p) && !mlNever(p));
  const hbSame = reached.filter((p) => p.ttl + 1 === p.ml);
  const later = reached.filter((p) => p.ttl + 1 > p.ml), earlier = reached.filter((p) => p.ttl + 1 < p.ml);
  const oneSided = hbPoints.filter((p) => nbNever(p) !== mlNever(p));
  const laterOk = later.filter((p) => p.lossAtMl < 1 && p.lossBeforeMl >= 1);
  const hoistSame = hbPoints.every((p) => p.ttl === p.ttlHoisted);
  const list = (ps) => ps.map((p) => `${pow2(p.batch)} (${p.ia}, ${p.ib}): ${nbNever(p) ? 'never' : p.ttl + 1} vs ${mlNever(p) ? 'never' : p.ml}`).join('; ');
  notes.push(`Cross-check, heavy ball at the same (alpha, beta) (${hbPoints.length} grid points, grid indices (alpha, beta) below): at ${bothNever.length} neither side reaches the target (within the notebook's 10^7 steps; momentum-lab: never, certified); `
    + `of the other ${reached.length}, the notebook's first step below the target equals momentum-lab's exact first crossing at ${hbSame.length}, `
    + `is later at ${later.length}${later.length ? ` (by up to ${fmtNum(Math.max(...later.map((p) => (p.ttl + 1) / p.ml - 1)) * 100, 2)}%; at ${laterOk.length} of them the notebook's own model has loss < C at momentum-lab's step and >= C one step before: the loss oscillates about the target and the bisection found a later crossing; ${list(later)})` : ''}, `
    + `earlier at ${earlier.length}${earlier.length ? ` (${list(earlier)})` : ''}${oneSided.length ? `; only one side reaches it at ${oneSided.length} (${list(oneSided)})` : ''}. `
    + `The hoisted search gives the same steps as the one as written at ${hoistSame ? 'every' : 'NOT every'} point.`);
  const gdBetter = batches.every((b, i) => mlGd.curve.find((r) => r.batch === b).steps <= mlAtSgd[i]);
  const hbBetter = hbPoints.every((p) => mlNever(p) || mlHb.curve.find((r) => r.batch === p.batch).steps <= p.ml);
  const sgdGain = Math.max(...batches.map((b, i) => mlAtSgd[i] / mlGd.curve.find((r) => r.batch === b).steps));
  const hbGain = Math.max(...[...hbBest.values()].map((q) => (q.ttl + 1) / mlHb.curve.find((r) => r.batch === q.batch).steps));
  const hbGainExact = Math.max(...[...hbBest.values()].map((q) => q.ml / mlHb.curve.find((r) => r.batch === q.batch).steps));
  notes.push(`Tuning: momentum-lab's refined optimum needs at most as many steps as its own exact count at the notebook's SGD choice at ${gdBetter ? 'every' : 'NOT every'} batch size, and as at every timed heavy-ball grid point at ${hbBetter ? 'every' : 'NOT every'} batch size; `
    + `the grid's resolution costs the notebook up to ${fmtNum((sgdGain - 1) * 100, 2)}% more steps for SGD (learning rates ${fmtNum(10 ** (5.5 / 99), 4)}x apart) and, for heavy ball, up to ${fmtNum((hbGainExact - 1) * 100, 2)}% at the best timed grid point (alphas ${fmtNum(10 ** (9 / 99), 4)}x apart, 1 - beta ${fmtNum(10 ** (5 / 19), 3)}x apart), ${fmtNum((hbGain - 1) * 100, 2)}% with the bisection's overshoot. `
    + 'The SGD column "notebook" can be a few steps below momentum-lab\'s count at the same learning rate (up to 3e-4 relative): the notebook\'s 1e-8 in s* lowers the noise floor of the directions with the smallest alpha h.');
  notes.push(`Repetitions: ${rounds} round(s), each one momentum-lab process (both curves, cold) and one SGD curve of the port, and ${rounds > 1 ? `1/${rounds} of` : ''} the heavy-ball grid points; every repetition gave ${same ? 'the same' : 'NOT the same'} curves.`);
  notes.push(`The port's heavy-ball time is scaled: time_to_loss_wm was timed once at each of ${hbPoints.length} grid points (${quick ? 'momentum-lab\'s optimum snapped to the grid' : 'momentum-lab\'s optimum snapped to the grid and its four grid neighbours'}, at every batch size: alphas ${fmtNum(Math.min(...hbPoints.map((p) => grid.alphas[p.ia])))}..${fmtNum(Math.max(...hbPoints.map((p) => grid.alphas[p.ia])))}, 1 - beta ${fmtNum(Math.min(...hbPoints.map((p) => 1 - grid.betas[p.ib])))}..${fmtNum(Math.max(...hbPoints.map((p) => 1 - grid.betas[p.ib])))}); per grid point median ${fmtMs(perPoint.median)} (IQR ${iqr(perPoint)}), hoisted ${fmtMs(perPointHoisted.median)} (IQR ${iqr(perPointHoisted)}), times ${scale} grid points. Every point costs the same work: 23-24 bisection steps over [0, 10^7], each on arrays of 10^4 directions.`);
  notes.push('Both sides solve the same model: the port runs the notebook\'s functions on the 10^4 directions (counts = None) instead of the notebook\'s 100 geometric bins (whose h is each bin\'s lower edge); momentum-lab searches on 138 bins (ratio 0.05) and computes the chosen point\'s steps exactly on the 10^4 directions.');
  const goals = [
    { goal: 'SGD + heavy-ball curves at least 10x faster than the numpy port of the notebook (heavy ball scaled from the timed grid points)', met: mlTotal.median * 10 <= npTotal,
      detail: `ratio ${fmtRatio(mlTotal.median / npTotal)} (momentum-lab ${fmtNum(npTotal / mlTotal.median)}x faster): ${fmtMs(mlTotal.median)} vs ${fmtLong(npTotal)}; SGD alone ${fmtRatio(mlGd.median / npSgd.median)}, heavy ball ${fmtRatio(mlHb.median / npHbEst.median)}; against the port with eig hoisted ${fmtRatio(mlTotal.median / npTotalHoisted)}` },
    { goal: 'same steps within the grids\' resolution (at equal parameters equal steps, up to the notebook\'s 1e-8 in s* and its bisection\'s later crossings where the loss oscillates; momentum-lab\'s tuned steps <= its steps at the notebook\'s grid points)',
      met: same && gdBetter && hbBetter && sgdExactStar === batches.length && earlier.length === 0 && oneSided.length === 0 && laterOk.length === later.length && hoistSame,
      detail: `SGD: equal at ${sgdExactStar}/${batches.length} with the exact s*, tuned <= ${gdBetter ? 'everywhere' : 'NOT everywhere'}, up to ${fmtNum((sgdGain - 1) * 100, 2)}% fewer steps; heavy ball: equal at ${hbSame.length + bothNever.length}/${hbPoints.length} points (${bothNever.length} never on both sides), later crossings explained ${laterOk.length}/${later.length}, earlier ${earlier.length}, one-sided ${oneSided.length}, tuned <= ${hbBetter ? 'everywhere' : 'NOT everywhere'}` },
  ];
  const rows = [mlGd, mlHb, { impl: 'ml-total', ...mlTotal }, npSgd, { impl: 'numpy-hb-per-point', ...perPoint }, { impl: 'numpy-hb-hoisted-per-point', ...perPointHoisted }];
  return {
    measures: 'Wall time of whole tuned curves (every batch size, each method); the numpy port\'s heavy-ball curve scaled from timed grid points; the sides interleaved in rounds.',
    batches, rows, hbPoints, tables, goals, notes,
  };
}
