// The 10^4 x 1000 heavy-ball sweep of workload many-runs, for two builds in ONE process, timed in interleaved rounds
// (CPU time per round), so that other jobs on a shared machine hit both alike: the comparison behind issue 12's
// "sweep no slower than before the change" (docs/bench.md). Each ROOT is a checkout with `npm run build` done.
// Usage: node bench/js/side-by-side-sweep.js ROOT_A ROOT_B [ROUNDS]   (env K=steps, NB=beta grid size)
const roots = process.argv.slice(2).filter((a) => !/^\d+$/.test(a));
const rounds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 15);
if (roots.length < 2) { console.error('usage: node bench/js/side-by-side-sweep.js ROOT_A ROOT_B [ROUNDS]'); process.exit(2); }
const libs = [];
for (const root of roots) {
  const at = (p) => new URL(`file://${root.replace(/\/$/, '')}/dist/src/${p}`).href;
  libs.push({ root, P: await import(at('problems/index.js')), M: await import(at('methods/index.js')), R: await import(at('run/index.js')) });
}
const NA = 100, NB = Number(process.env.NB ?? 100), K = Number(process.env.K ?? 1000);
const alphas = Array.from({ length: NA }, (_, j) => 0.05 + (1.45 * j) / (NA - 1));
const betas = Array.from({ length: NB }, (_, i) => (0.95 * i) / (NB - 1));
let sink = 0;
const sweep = ({ P, M, R }) => {
  const p = P.diagonalQuadratic(Float64Array.of(0.01, 1));
  for (let i = 0; i < NB; i++) for (let j = 0; j < NA; j++) sink += R.run(p, M.heavyBall(alphas[j], { beta: betas[i] }), { steps: K, tol: 0, record: ['loss'] }).trace.loss[K];
};
for (const l of libs) { sweep(l); sweep(l); }
const t = libs.map(() => []);
for (let r = 0; r < rounds; r++) libs.forEach((l, i) => { const c0 = process.cpuUsage(); sweep(l); const c = process.cpuUsage(c0); t[i].push((c.user + c.system) / 1000); });
libs.forEach((l, i) => {
  const s = t[i].sort((a, b) => a - b);
  console.log(`${l.root}: ${NA * NB} runs x ${K} steps, CPU ms per sweep: median ${s[s.length >> 1].toFixed(1)}, quartiles ${s[s.length >> 2].toFixed(1)}-${s[(3 * s.length) >> 2].toFixed(1)}, min ${s[0].toFixed(1)} (${rounds} rounds)`);
});
if (!Number.isFinite(sink)) console.log('(non-finite sink)');
