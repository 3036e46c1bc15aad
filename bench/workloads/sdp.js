// Workload 5: SDPs of certification — time per IQC SDP, a full rho-vs-kappa curve, and PEP SDPs — momentum-lab's
// solver vs CSDP and CVXOPT on the same problems (SDPA files written by writeSdpa), with the accuracy each reached.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR } from '../lib/cbuild.js';
import { PYTHON } from '../lib/peers.js';
import { runJsonLines } from '../lib/proc.js';
import { summarize } from '../lib/stats.js';
import { fmtMs, fmtNum, fmtRatio } from '../lib/format.js';

export const name = 'sdp';
export const title = 'SDPs of rate certification (IQC, PEP): momentum-lab vs CSDP and CVXOPT';

/** Runs csdp on one SDPA file: wall time (process included), status, objectives, DIMACS errors and y's last entry. */
function csdp(file, exe) {
  const sol = `${file}.sol`;
  const t0 = performance.now();
  const r = spawnSync(exe, [file, sol], { encoding: 'utf8', timeout: 120_000 });
  const ms = performance.now() - t0;
  const out = r.stdout ?? '';
  const num = (re) => { const m = re.exec(out); return m ? Number(m[1]) : null; };
  const dimacs = /DIMACS error measures:\s*(.*)/.exec(out)?.[1].trim().split(/\s+/).map(Number) ?? null;
  let yLast = null;
  try { const y = readFileSync(sol, 'utf8').split('\n')[0].trim().split(/\s+/).map(Number); yLast = y[y.length - 1]; } catch { /* no solution file */ }
  const status = r.status === 0 ? 'optimal' : r.status === 3 ? 'partial' : `code ${r.status}`;
  return { ms, status, primalObjective: num(/Primal objective value:\s*(\S+)/), dualObjective: num(/Dual objective value:\s*(\S+)/), dimacs, yLast,
    iterations: (out.match(/^Iter:/gm) ?? []).length };
}

const agreeRel = (a, b) => Math.abs(a - b) / (1 + Math.abs(b));
const S_TOL = 1e-8;

export async function run({ quick, peers, log }) {
  const dir = path.join(BENCH_DIR, 'build', 'sdp');
  rmSync(dir, { recursive: true, force: true });
  const kappas = quick ? [10, 100] : [2, 5, 10, 20, 50, 100, 200, 500, 1000];
  const peps = quick ? '10:2,10:5' : '10:2,10:5,10:10,100:5';
  log('momentum-lab (certifyRate, replayed queries, PEP)');
  const lines = runJsonLines(process.execPath, [path.join(BENCH_DIR, 'js', 'sdp.js'), dir, kappas.join(','), peps]);
  const curves = lines.filter((l) => l.kind === 'iqc-curve'), pepRows = lines.filter((l) => l.kind === 'pep');
  const files = [...curves.flatMap((c) => c.queries.map((q) => q.file)), ...pepRows.map((p) => p.file)];
  const csdpOut = new Map(), cvx = new Map();
  if (peers.csdp) { log(`CSDP on ${files.length} SDPA files`); for (const f of files) csdpOut.set(f, csdp(f, peers.csdp)); }
  if (peers.cvxopt) {
    log(`CVXOPT on ${files.length} SDPA files`);
    const list = path.join(dir, 'files.txt');
    writeFileSync(list, files.join('\n'));
    for (const l of runJsonLines(PYTHON, [path.join(BENCH_DIR, 'py', 'sdp_cvxopt.py'), list], { env: { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } })) cvx.set(l.file, l);
  }
  // CSDP's process start-up, measured on the smallest problem's neighbour: a 1x1 SDP.
  let csdpStartMs = null;
  if (peers.csdp) {
    const tiny = path.join(dir, 'tiny.dat-s');
    writeFileSync(tiny, '1\n1\n1\n1\n0 1 1 1 1\n1 1 1 1 1\n');
    csdpStartMs = summarize([0, 1, 2, 3, 4].map(() => csdp(tiny, peers.csdp).ms)).median;
  }

  // Per IQC SDP: every query of every curve.
  const qs = curves.flatMap((c) => c.queries);
  const per = (arr) => summarize(arr.filter((x) => x !== null && x !== undefined));
  const mlFull = per(qs.map((q) => q.fullMs)), mlQuery = per(qs.map((q) => q.queryMs));
  const cs = peers.csdp ? per(qs.map((q) => csdpOut.get(q.file)?.ms)) : null;
  const cv = peers.cvxopt ? per(qs.map((q) => cvx.get(q.file)?.ms)) : null;
  const maxDev = (get) => Math.max(...qs.map((q) => { const o = get(q.file); return o && o.dualObjective !== null ? agreeRel(q.full.dualObjective, o.dualObjective) : NaN; }).filter(Number.isFinite));
  // s* is 0 (not negative) for every rho that cannot be certified, so its sign means something only beyond the
  // solver's accuracy: |s| > S_TOL.
  const decisions = (get) => {
    const os = qs.map((q) => [q, get(q.file)]).filter(([, o]) => o && o.yLast !== null);
    const decided = os.filter(([, o]) => Math.abs(o.yLast) > S_TOL);
    const agree = decided.filter(([q, o]) => (o.yLast > 0) === q.certified).length;
    return `${agree}/${decided.length} decisive (|s| > ${S_TOL}) signs agree with momentum-lab's exact check, ${os.length - decided.length} within ±${S_TOL}`;
  };
  const mlFails = qs.filter((q) => q.full.status !== 'optimal').length;
  const rowsIqc = [
    ['momentum-lab solveSdp, to tolerance 1e-8', mlFull, `${qs.length - mlFails}/${qs.length} optimal; median gap ${fmtNum(per(qs.map((q) => q.full.gap)).median, 2)}`],
    ['momentum-lab iqcQuery (stops once the sign is certain; what certifyRate runs)', mlQuery, 'certificate checked exactly'],
  ];
  if (cs) rowsIqc.push([`CSDP 6 (process wall time, incl. ~${fmtMs(csdpStartMs)} start-up)`, cs, `b'y within ${fmtNum(maxDev((f) => csdpOut.get(f)), 2)} of momentum-lab's; ${decisions((f) => csdpOut.get(f))}`]);
  if (cv) rowsIqc.push(['CVXOPT solvers.sdp (in-process)', cv, `b'y within ${fmtNum(maxDev((f) => cvx.get(f)), 2)} of momentum-lab's; ${decisions((f) => cvx.get(f))}`]);
  const tables = [{
    caption: `Time per IQC margin SDP (Nesterov, ${qs.length} SDPs from the bisections below; blocks 4x4 + 3x3 + 2 diagonal, 8 constraints: each interior-point iteration is a few thousand flops, so fixed costs dominate)`,
    header: ['solver', 'median', 'IQR', 'ML / this', 'accuracy'],
    rows: rowsIqc.map(([l, s, acc]) => [l, fmtMs(s.median), `${fmtMs(s.q1)}–${fmtMs(s.q3)}`, s === mlFull ? '1' : fmtRatio(mlFull.median / s.median), acc]),
  }];

  // The curve: certifyRate per kappa vs the same queries solved by the peers (their sum), and the rate each certifies.
  const curveRows = curves.map((c) => {
    const sum = (m) => c.queries.reduce((a, q) => a + (m.get(q.file)?.ms ?? NaN), 0);
    const rateBy = (m) => { const ok = c.queries.filter((q) => (m.get(q.file)?.yLast ?? -1) > S_TOL); return ok.length ? Math.min(...ok.map((q) => q.rho)) : null; };
    return [String(c.kappa), fmtNum(c.rate, 8), String(c.bisectionSteps), fmtMs(c.certifyMs),
      peers.csdp ? `${fmtMs(sum(csdpOut))} (rate ${fmtNum(rateBy(csdpOut), 8)})` : '—',
      peers.cvxopt ? `${fmtMs(sum(cvx))} (rate ${fmtNum(rateBy(cvx), 8)})` : '—'];
  });
  const tot = (m) => curves.reduce((a, c) => a + c.queries.reduce((b, q) => b + (m.get(q.file)?.ms ?? NaN), 0), 0);
  const mlTotal = curves.reduce((a, c) => a + c.certifyMs, 0);
  curveRows.push(['total', '', '', fmtMs(mlTotal), peers.csdp ? fmtMs(tot(csdpOut)) : '—', peers.cvxopt ? fmtMs(tot(cvx)) : '—']);
  tables.push({
    caption: `Full rho-vs-kappa curve of Nesterov's method (certifyRate, bisection to 1e-7; peers solve the same sequence of SDPs)`,
    header: ['kappa', 'certified rho', 'SDPs', 'momentum-lab', 'CSDP', 'CVXOPT'],
    rows: curveRows,
  });

  tables.push({
    caption: 'PEP SDPs (Nesterov, worst ||x_N - x*||^2 over F(mu, L) with ||x_0 - x*|| <= 1)',
    header: ['kappa, N', 'size (m; blocks)', 'momentum-lab pep()', 'ML status, objective, gap', 'CSDP', 'CVXOPT'],
    rows: pepRows.map((p) => {
      const c = csdpOut.get(p.file), v = cvx.get(p.file);
      return [`${p.kappa}, ${p.N}`, `${p.size.m}; ${p.size.blocks.join(' ')}`, fmtMs(p.pepMs),
        `${p.full.status}, ${fmtNum(p.full.primalObjective, 8)}, ${fmtNum(p.full.gap, 2)}`,
        c ? `${fmtMs(c.ms)}: ${c.status}, ${fmtNum(c.primalObjective, 8)}` : '—',
        v ? `${fmtMs(v.ms)}: ${v.status}, ${fmtNum(v.primalObjective, 8)}` : '—'];
    }),
  });
  const goals = [];
  if (cs) goals.push({ goal: 'IQC SDP faster than CSDP', met: mlFull.median < cs.median, detail: `ratio ${fmtRatio(mlFull.median / cs.median)} (CSDP's time includes its process start-up)` });
  if (cv) goals.push({ goal: 'IQC SDP faster than CVXOPT', met: mlFull.median < cv.median, detail: `ratio ${fmtRatio(mlFull.median / cv.median)}` });
  const pepFail = pepRows.filter((p) => p.full.status !== 'optimal' && csdpOut.get(p.file)?.status === 'optimal');
  goals.push({ goal: 'every PEP SDP that CSDP solves is solved', met: pepFail.length === 0, detail: pepFail.length ? `not solved: ${pepFail.map((p) => `kappa=${p.kappa} N=${p.N} (${p.full.status}, gap ${fmtNum(p.full.gap, 2)})`).join('; ')}` : 'all solved' });
  const notes = [
    'Accuracy: objective values are compared as |a - b| / (1 + |b|). s = y_last is the margin variable of the IQC SDP: s > 0 certifies rho. '
      + `Below the certifiable rate s* = 0, so a solver's s there is rounding-level noise of either sign: the peers' curves count rho as certified only for s > ${S_TOL}; momentum-lab decides by an exact eigenvalue check of the returned (P, lambda), which no sign noise can fool.`,
    `CVXOPT runs with abstol 1e-10, reltol 1e-9, feastol 1e-9; CSDP with its defaults (param.csdp absent); momentum-lab with its defaults (tolerance 1e-8).`,
  ];
  const strip = (o) => (o ? { ...o, file: undefined } : null); // keep absolute paths out of the committed JSON
  for (const c of curves) for (const q of c.queries) { delete q.full.yLast; q.csdp = strip(csdpOut.get(q.file)); q.cvxopt = strip(cvx.get(q.file)); q.file = path.basename(q.file); }
  for (const p of pepRows) { p.csdp = strip(csdpOut.get(p.file)); p.cvxopt = strip(cvx.get(p.file)); p.file = path.basename(p.file); }
  return { measures: 'Wall time per SDP and per certified-rate curve, and the accuracy (objective agreement, gap, decisions) each solver reached.', csdpStartMs, curves, peps: pepRows, tables, goals, notes };
}
