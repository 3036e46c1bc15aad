// Workload 2, momentum-lab side. (a) A sweep: heavy ball on the 2-D quadratic h = (0.01, 1) (kappa = 100) from
// w0 = (1, 1), for every (alpha, beta) on an NA x NB grid (alpha in [0.05, 1.5], beta in [0, 0.95]: all stable),
// 1000 steps each, recording the loss after every step — three ways: run() (the library's loop with its trace), the
// optimizer's init/step with problem.value, and a plain batched loop. (b) rateMap('hb') on a 256 x 256 grid.
// Usage: node bench/js/many-runs.js NA NB STEPS REPS
import { linspace } from '../../dist/src/linalg/index.js';
import { diagonalQuadratic } from '../../dist/src/problems/index.js';
import { heavyBall } from '../../dist/src/methods/index.js';
import { rateMap } from '../../dist/src/theory/index.js';
import { run } from '../../dist/src/run/index.js';

const NA = Number(process.argv[2] ?? 100), NB = Number(process.argv[3] ?? 100), K = Number(process.argv[4] ?? 1000), reps = Number(process.argv[5] ?? 3);
const R = NA * NB, h0 = 0.01, h1 = 1;
const alphas = linspace(0.05, 1.5, NA), betas = linspace(0, 0.95, NB);
const loss = new Float64Array(R * K);
const summary = () => { let s = 0; for (let r = 0; r < R; r++) s += Math.log10(loss[r * K + K - 1]); return { meanLog10FinalLoss: s / R, loss0Final: loss[K - 1] }; };
const timed = (fn, n) => { fn(); const t = []; for (let i = 0; i < n; i++) { const t0 = performance.now(); fn(); t.push(performance.now() - t0); } return t; };
const emit = (impl, times) => console.log(JSON.stringify({ impl, times_ms: times, runs: R, steps: K, ...summary() }));

// (a1) run(): the public loop, recording only the loss column, never stopping early (tol = 0).
emit('ml-run', timed(() => {
  const p = diagonalQuadratic(Float64Array.of(h0, h1));
  for (let i = 0; i < NB; i++) for (let j = 0; j < NA; j++) {
    const r = i * NA + j;
    const res = run(p, heavyBall(alphas[j], { beta: betas[i] }), { steps: K, tol: 0, record: ['loss'] });
    loss.set(res.trace.loss.subarray(1, K + 1), r * K);
  }
}, reps));

// (a1') run()'s fixed cost per run: the same 10^4 runs with steps = 1 (validation, counting wrapper, state, trace columns,
// result); reported in the notes, not in the sweep table.
{
  let sink = 0;
  const t = timed(() => {
    const p = diagonalQuadratic(Float64Array.of(h0, h1));
    for (let i = 0; i < NB; i++) for (let j = 0; j < NA; j++) sink += run(p, heavyBall(alphas[j], { beta: betas[i] }), { steps: 1, tol: 0, record: ['loss'] }).trace.loss[1];
  }, reps);
  console.log(JSON.stringify({ impl: 'ml-setup', times_ms: t, setupRuns: R, sink }));
}

// (a2) the optimizer's init/step and problem.value: what a sweep written against the library's API does.
emit('ml-step', timed(() => {
  const p = diagonalQuadratic(Float64Array.of(h0, h1));
  const x0 = Float64Array.of(1, 1);
  for (let i = 0; i < NB; i++) for (let j = 0; j < NA; j++) {
    const r = i * NA + j, opt = heavyBall(alphas[j], { beta: betas[i] }), s = opt.init(p, x0);
    for (let k = 0; k < K; k++) { opt.step(s, p); loss[r * K + k] = p.value(s.w); }
  }
}, reps));

// (a3) plain batched loop: the 2-D heavy ball written out, one run after another (the lower bound for JS here).
emit('js-batched', timed(() => {
  for (let i = 0; i < NB; i++) for (let j = 0; j < NA; j++) {
    const r = i * NA + j, alpha = alphas[j], beta = betas[i];
    let w0 = 1, w1 = 1, v0 = 0, v1 = 0;
    for (let k = 0; k < K; k++) {
      v0 = beta * v0 - alpha * (h0 * w0); v1 = beta * v1 - alpha * (h1 * w1);
      w0 += v0; w1 += v1;
      loss[r * K + k] = 0.5 * (h0 * w0 * w0 + h1 * w1 * w1);
    }
  }
}, reps));

// (b) the rate map: worst spectral radius of heavy ball over [mu, L] = [0.01, 1] on a 256 x 256 (alpha, beta) grid.
const N = 256, ra = linspace(0.01, 4, N), rb = linspace(0, 0.99, N);
let map;
const tMap = timed(() => { map = rateMap('hb', ra, rb, { mu: 0.01, L: 1 }); }, reps);
console.log(JSON.stringify({ impl: 'ml-ratemap', times_ms: tMap, n: N, rho: Array.from(map.rho) }));
