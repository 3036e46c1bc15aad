// Workload 5, momentum-lab side: the IQC rate curve of Nesterov's method (rho vs kappa, Lessard–Recht–Packard
// Theorem 4 with the weighted off-by-one IQC) and PEP SDPs; writes every SDP it solves as an SDPA file (writeSdpa) so
// CSDP and CVXOPT solve the very same problems. Usage: node bench/js/sdp.js OUTDIR KAPPAS(comma) PEPS(kappa:N,...)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  certifyMethod, certifyRate, iqcLmi, iqcMarginSdp, iqcQuery, pep, quadraticRateBound, solveSdp, writeSdpa,
} from '../../dist/src/certify/index.js';

const outDir = process.argv[2];
const kappas = process.argv[3].split(',').map(Number);
const peps = process.argv[4] ? process.argv[4].split(',').map((s) => s.split(':').map(Number)) : [];
mkdirSync(outDir, { recursive: true });
const TOL = 1e-7; // certifyRate's default bisection tolerance
const emit = (o) => console.log(JSON.stringify(o));
const sdpStats = (r) => ({ status: r.status, iterations: r.iterations, primalObjective: r.primalObjective, dualObjective: r.dualObjective,
  gap: r.relativeGap, primalInfeasibility: r.primalInfeasibility, dualInfeasibility: r.dualInfeasibility, yLast: r.y[r.y.length - 1] });

for (const k of [3, 30, 300, 3]) certifyRate(certifyMethod('nag', 1 / k, 1).stateSpace, 1 / k, 1); // warm-up: V8 tiers the solver up

kappas.forEach((kappa, ki) => {
  const mu = 1 / kappa, L = 1;
  const ss = certifyMethod('nag', mu, L).stateSpace;
  const t0 = performance.now();
  const cert = certifyRate(ss, mu, L);
  const certifyMs = performance.now() - t0;
  // Replay certifyRate's bisection (same rule, same deterministic queries) to record each SDP it solved.
  let lo = Math.min(quadraticRateBound(ss, mu, L), 1) - 1e-12, hi = 1, j = 0;
  const queries = [];
  while (hi - lo > TOL) {
    const rho = 0.5 * (lo + hi);
    const tq = performance.now();
    const q = iqcQuery(ss, mu, L, rho);
    const queryMs = performance.now() - tq;
    const sdp = iqcMarginSdp(iqcLmi({ ...ss, B: ss.B.map((v) => v * L), D: ss.D * L }, mu / L, 1, rho, 'weighted'));
    const file = path.join(outDir, `iqc-k${ki}-q${String(j++).padStart(2, '0')}.dat-s`);
    writeFileSync(file, writeSdpa(sdp, `IQC margin SDP, Nesterov, kappa=${kappa}, rho=${rho}`));
    const ts = performance.now();
    const full = solveSdp(sdp); // to the solver's default tolerance (1e-8), no early stop: the like-for-like solve
    const fullMs = performance.now() - ts;
    queries.push({ rho, certified: q.margin > 0, margin: q.margin, queryMs, file, fullMs, full: sdpStats(full) });
    if (q.margin > 0) hi = rho; else lo = rho;
  }
  emit({ kind: 'iqc-curve', kappa, rate: cert.rate, replayRate: queries.some((q) => q.certified) ? hi : null, lowerBound: cert.lowerBound,
    bisectionSteps: cert.bisectionSteps, certifyMs, queries });
});

for (const [kappa, N] of peps) {
  const mu = 1 / kappa;
  const ss = certifyMethod('nag', mu, 1).stateSpace;
  const t0 = performance.now();
  const p = pep(ss, mu, 1, N);
  const pepMs = performance.now() - t0;
  const file = path.join(outDir, `pep-k${kappa}-N${N}.dat-s`);
  writeFileSync(file, writeSdpa(p.sdp, `PEP, Nesterov, kappa=${kappa}, N=${N}, distance`));
  const ts = performance.now();
  const full = solveSdp(p.sdp);
  emit({ kind: 'pep', kappa, N, pepMs, worstCase: p.worstCase, status: p.status, file, fullMs: performance.now() - ts, full: sdpStats(full),
    size: { m: p.sdp.b.length, blocks: p.sdp.blocks.map((b) => (b.kind === 'diag' ? -b.n : b.n)) } });
}
