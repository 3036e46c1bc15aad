// Workload 1, momentum-lab side (run by bench/workloads/quadratic-step.js as `node --expose-gc`):
// one step of GD, heavy ball and Nesterov on the diagonal quadratic J(w) = 1/2 sum_i h_i w_i^2 (w* = 0),
// h_i = 1e-3 + i/n, w = 1, alpha = 0.5, beta = 0.9 — the same arrays and parameters as bench/c/quad_step.c and
// bench/py/quad_step.py. Prints one JSON line per implementation: per-step times and the heap growth over 10 steps.
// Usage: node --expose-gc bench/js/quadratic-step.js N REPS
import v8 from 'node:v8';
import * as ml from '../../dist/src/linalg/index.js';
import * as problems from '../../dist/src/problems/index.js';
import * as optimizers from '../../dist/src/methods/index.js';
import * as runs from '../../dist/src/run/index.js';

const n = Number(process.argv[2] ?? 1e7);
const reps = Number(process.argv[3] ?? 10);
const alpha = 0.5, beta = 0.9;

function fill(h, w, v) {
  for (let i = 0; i < n; i++) { h[i] = 1e-3 + i / n; w[i] = 1; v[i] = 0; }
}

const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_used_size;

/** Bytes allocated over `steps` calls of fn, garbage collected first, in V8's new space and in ArrayBuffers. */
function grow(fn, steps) {
  globalThis.gc();
  const a0 = process.memoryUsage().arrayBuffers, n0 = newSpace();
  for (let s = 0; s < steps; s++) fn();
  const n1 = newSpace(), a1 = process.memoryUsage().arrayBuffers;
  return { newSpace: n1 - n0, arrayBuffers: a1 - a0 };
}

/**
 * Bytes allocated per step: the growth over 11 steps minus the growth over 1 step, divided by 10, so the fixed cost
 * of measuring cancels. New space is where every JS object, closure and boxed number is born (the JIT's code and
 * feedback go elsewhere); ArrayBuffers is where a temporary Float64Array would show.
 */
function growth(fn) {
  grow(fn, 1); // the first round after timing can still see the JIT's own allocations
  const trials = [0, 1, 2].map(() => { const a = grow(fn, 1), b = grow(fn, 11); return [b.newSpace - a.newSpace, b.arrayBuffers - a.arrayBuffers]; });
  const med = (k) => trials.map((t) => t[k]).sort((x, y) => x - y)[1] / 10;
  return { bytesPerStep: med(0), arrayBufferBytesPerStep: med(1) };
}

function measure(impl, method, fn, check) {
  for (let r = 0; r < 2; r++) fn(); // warm-up: let V8 optimise the loop
  const times = [];
  for (let r = 0; r < reps; r++) { const t0 = performance.now(); fn(); times.push(performance.now() - t0); }
  const value = check(); // after 2 + reps steps, as in the C and Python peers
  const alloc = growth(fn);
  console.log(JSON.stringify({ impl, method, times_ms: times, alloc, check: value }));
}

// Controls for the allocation measurement: a step that does nothing must show 0 bytes, and a step that allocates one
// 4-element Float64Array must show it (a JS object header plus its ArrayBuffer), so the measurement can fail.
let sink = null;
console.log(JSON.stringify({ impl: 'control-nothing', method: 'none', alloc: growth(() => {}) }));
console.log(JSON.stringify({ impl: 'control-allocating', method: 'none', alloc: growth(() => { sink = new Float64Array(4); }) }));

// (a) The fused kernels on plain Float64Arrays (pure TypeScript: the reference and fallback).
{
  const h = new Float64Array(n), w = new Float64Array(n), v = new Float64Array(n);
  const steps = {
    gd: () => ml.gdDiagonalStep(alpha, h, null, w),
    hb: () => ml.hbDiagonalStep(alpha, beta, h, null, w, v),
    nag: () => ml.nagDiagonalStep(alpha, beta, h, null, w, v),
  };
  for (const [method, fn] of Object.entries(steps)) { fill(h, w, v); measure('ts-fused', method, fn, () => w[n >> 1]); }
}

// (b) The same kernels in WebAssembly SIMD, on vectors allocated in a WasmArena.
{
  const A = ml.createWasmArena(3 * n);
  if (A) {
    const h = A.alloc(n), w = A.alloc(n), v = A.alloc(n);
    const steps = {
      gd: () => A.gdDiagonalStep(alpha, h, null, w),
      hb: () => A.hbDiagonalStep(alpha, beta, h, null, w, v),
      nag: () => A.nagDiagonalStep(alpha, beta, h, null, w, v),
    };
    for (const [method, fn] of Object.entries(steps)) { fill(h, w, v); measure('wasm-fused', method, fn, () => w[n >> 1]); }
  }
}

// (c) The optimizers' public API: factory.step(state, problem) with problem = diagonalQuadratic(h) (gradient pass,
// then update pass), where those modules have landed.
{
  const factories = { gd: optimizers.gradientDescent, hb: optimizers.heavyBall, nag: optimizers.nesterov };
  if (problems.diagonalQuadratic && Object.values(factories).some(Boolean)) {
    const h = new Float64Array(n);
    for (let i = 0; i < n; i++) h[i] = 1e-3 + i / n;
    const problem = problems.diagonalQuadratic(h);
    for (const [method, make] of Object.entries(factories)) {
      if (!make) continue;
      const opt = method === 'gd' ? make(alpha) : make(alpha, { beta });
      const state = opt.init(problem, problem.x0);
      measure('optimizer', method, () => opt.step(state, problem), () => state.w[n >> 1]);
    }
  }
}
if (sink === null) throw new Error('unreachable: the allocating control ran');

// (c') run() on the same problem and heavy ball with its default trace (every column: k, loss, gradNorm, dist, vNorm,
// energy, oracleCalls), the user path: per step, the difference of a long and a short run over their difference in
// steps (run's setup — the method's state, the first measurement, the result's copy of w — cancels), for run's kernel
// in WebAssembly (auto), its TypeScript fallback (ts) and the plain method.step loop (off, the reference).
if (runs.run && problems.diagonalQuadratic && runs.setDiagonalKernel) {
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) h[i] = 1e-3 + i / n;
  const problem = problems.diagonalQuadratic(h, { x0: new Float64Array(n).fill(1) });
  const S1 = 5, S2 = 45;
  for (const choice of ['auto', 'ts', 'off']) {
    runs.setDiagonalKernel(choice);
    const once = (steps) => { const t0 = performance.now(); const r = runs.run(problem, optimizers.heavyBall(alpha, { beta }), { steps, tol: 0 }); return [performance.now() - t0, r]; };
    once(S1); // warm-up
    const times = [], setup = [];
    let check = 0, columns = '';
    for (let r = 0; r < Math.max(2, Math.round(reps / 4)); r++) {
      const [t1] = once(S1), [t2, res] = once(S2);
      times.push((t2 - t1) / (S2 - S1)); setup.push(t1 - S1 * (t2 - t1) / (S2 - S1));
      check = res.trace.loss[S2]; columns = Object.keys(res.trace).join(',');
    }
    console.log(JSON.stringify({ impl: `run-${choice}`, method: 'hb', times_ms: times, setup_ms: setup, check, columns, steps: [S1, S2] }));
  }
  runs.setDiagonalKernel('auto');
}

// (d) For comparison: heavy ball written as three separate loops (gradient, velocity, position), as numpy does it.
{
  const h = new Float64Array(n), w = new Float64Array(n), v = new Float64Array(n), g = new Float64Array(n);
  fill(h, w, v);
  measure('js-3-loops', 'hb', () => {
    for (let i = 0; i < n; i++) g[i] = h[i] * w[i];
    for (let i = 0; i < n; i++) v[i] = beta * v[i] - alpha * g[i];
    for (let i = 0; i < n; i++) w[i] += v[i];
  }, () => w[n >> 1]);
}
