// Workload 3, momentum-lab side: Lorenz (10, 28, 8/3) from (1, 1, 1) over [0, 100] with odeDopri5 at
// rtol = atol = 1e-9, every accepted step saved (the default, as SciPy's solve_ivp does).
// Usage: node bench/js/lorenz.js RTOL REPS  -> one JSON line: per-solve times, nfev, steps, rejected, yEnd.
import { lorenzField, odeDopri5 } from '../../dist/src/dynamics/index.js';

const tol = Number(process.argv[2] ?? 1e-9);
const reps = Number(process.argv[3] ?? 20);
const f = lorenzField();

/**
 * Warm-up: at least 10 solves and 1 s. The first solves run V8's on-stack-replacement code for the step loop (~1.6x
 * slower); the optimised code for whole calls arrives after a concurrent compile that took 40-80 ms (and up to ~20
 * solves) on the loaded 2-core machine, so a fixed 10 warm-up solves let OSR-phase solves into the timed ones.
 */
function warmUp(solve) {
  const times = [], start = performance.now();
  while (times.length < 10 || performance.now() - start < 1000) { const t0 = performance.now(); solve(); times.push(performance.now() - t0); }
  return times;
}

function timed(solve) {
  const times = [];
  let res;
  for (let r = 0; r < reps; r++) { const t0 = performance.now(); res = solve(); times.push(performance.now() - t0); }
  return { times, res };
}

const solve = () => odeDopri5(f, [0, 100], [1, 1, 1], { rtol: tol, atol: tol });
const warm = warmUp(solve);
let { times, res } = timed(solve);
console.log(JSON.stringify({
  impl: 'momentum-lab', times_ms: times, first_ms: warm[0], warmup_solves: warm.length, nfev: res.stats.nfev,
  steps: res.stats.steps, rejected: res.stats.rejected, yEnd: Array.from(res.yEnd), status: res.status,
}));
// The same solve keeping only the end point: what storing the ~16400 steps costs.
const lean = () => odeDopri5(f, [0, 100], [1, 1, 1], { rtol: tol, atol: tol, saveSteps: false });
warmUp(lean); // the new options shape makes V8 re-optimise odeDopri5
({ times, res } = timed(lean));
console.log(JSON.stringify({ impl: 'momentum-lab-nosave', times_ms: times, nfev: res.stats.nfev, steps: res.stats.steps, rejected: res.stats.rejected, yEnd: Array.from(res.yEnd) }));
