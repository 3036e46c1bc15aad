// Workload 3, momentum-lab side: Lorenz (10, 28, 8/3) from (1, 1, 1) over [0, 100] with odeDopri5 at
// rtol = atol = 1e-9, every accepted step saved (the default, as SciPy's solve_ivp does).
// Usage: node bench/js/lorenz.js RTOL REPS  -> one JSON line: per-solve times, nfev, steps, rejected, yEnd.
import { lorenzField, odeDopri5 } from '../../dist/src/dynamics/index.js';

const tol = Number(process.argv[2] ?? 1e-9);
const reps = Number(process.argv[3] ?? 20);
const f = lorenzField();
const solve = () => odeDopri5(f, [0, 100], [1, 1, 1], { rtol: tol, atol: tol });
const warm = [];
for (let r = 0; r < 10; r++) { const t0 = performance.now(); solve(); warm.push(performance.now() - t0); } // V8 tiers up
const times = [];
let res;
for (let r = 0; r < reps; r++) { const t0 = performance.now(); res = solve(); times.push(performance.now() - t0); }
console.log(JSON.stringify({
  impl: 'momentum-lab', times_ms: times, first_ms: warm[0], nfev: res.stats.nfev, steps: res.stats.steps,
  rejected: res.stats.rejected, yEnd: Array.from(res.yEnd), status: res.status,
}));
// The same solve keeping only the end point: what storing the ~16500 steps costs.
const lean = () => odeDopri5(f, [0, 100], [1, 1, 1], { rtol: tol, atol: tol, saveSteps: false });
for (let r = 0; r < 10; r++) lean(); // warm-up: the new options shape makes V8 re-optimise odeDopri5
const leanTimes = [];
for (let r = 0; r < reps; r++) { const t0 = performance.now(); res = lean(); leanTimes.push(performance.now() - t0); }
console.log(JSON.stringify({ impl: 'momentum-lab-nosave', times_ms: leanTimes, nfev: res.stats.nfev, steps: res.stats.steps, rejected: res.stats.rejected, yEnd: Array.from(res.yEnd) }));
