// Workload 8, momentum-lab side: gradient, Hessian-vector product and Lanczos steps of the 64-128-128-10 tanh MLP
// (softmax cross-entropy, full batch, float64) on the first N digits, at the problem's seeded Xavier weights.
// Writes the data, the weights (flat, nn.Linear order W1, b1, W2, b2, W3, b3), the direction v and the Lanczos start
// to DIR/mlp-input.f64 with their shapes in DIR/mlp-input.json (for bench/py/mlp_torch.py), and its own gradient,
// H v and Ritz values to DIR/mlp-ml.f64 (for the cross-check).
// Usage: node bench/js/mlp.js N REPS_GRAD REPS_HVP REPS_LANCZOS STEPS DIR  -> one JSON line per operation.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng } from '../../dist/src/linalg/index.js';
import { createProblem, mlp } from '../../dist/src/problems/index.js';
import { hessianOperator, lanczos, tridiagonalEigen } from '../../dist/src/spectra/index.js';

const [N, repsGrad, repsHvp, repsLanczos, steps] = process.argv.slice(2, 7).map(Number);
const dir = process.argv[7];
const spec = `mlp:data=digits,hidden=128;128,act=tanh,loss=xent${N < 1797 ? `,n=${N}` : ''}`;
const p = createProblem(spec);
const w = Float64Array.from(p.x0), n = p.dim;
const v = createRng(7).fillNormal(new Float64Array(n));
const start = createRng(11).fillNormal(new Float64Array(n));
const { X, labels, count } = p.data;

// The same weights as PyTorch reads them: the flat vector is W1 (out x in, row-major), b1, W2, b2, W3, b3.
const json = p.toJson(w);
let o = 0;
for (const layer of json.layers) {
  for (const row of layer.W) for (const x of row) if (x !== w[o++]) throw new Error('toJson does not follow the flat order');
  for (const x of layer.b) if (x !== w[o++]) throw new Error('toJson does not follow the flat order');
}
writeFileSync(path.join(dir, 'mlp-input.json'), JSON.stringify({ spec, count, sizes: p.sizes, dim: n, steps }));
writeFileSync(path.join(dir, 'mlp-input.f64'), Buffer.concat([X, Float64Array.from(labels), w, v, start].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))));

/** Per-call wall times and CPU times (user + system, this process) in ms, after `warmup` untimed calls. */
function timed(fn, reps, warmup) {
  for (let r = 0; r < warmup; r++) fn();
  const wall = [], cpu = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    fn();
    const t1 = performance.now(), c1 = process.cpuUsage(c0);
    wall.push(t1 - t0); cpu.push((c1.user + c1.system) / 1e3);
  }
  return { times_ms: wall, cpu_ms: cpu };
}

const g = new Float64Array(n), hv = new Float64Array(n);
let loss = 0;
const tGrad = timed(() => { loss = p.valueAndGrad(w, g); }, repsGrad, 3);
const tHvp = timed(() => p.hvp(w, v, hv), repsHvp, 2);
// The TypeScript reference (simd: false) on the same weights: what the WebAssembly SIMD kernels bought.
const pTs = mlp(p.data, { hidden: p.sizes.slice(1, -1), activation: 'tanh', loss: 'xent', simd: false });
const tGradTs = timed(() => pTs.valueAndGrad(w, g), Math.max(1, repsGrad - 2), 1);
const tHvpTs = timed(() => pTs.hvp(w, v, hv), Math.max(1, repsHvp - 1), 1);
let res;
const tLanczos = timed(() => { res = lanczos(hessianOperator(p, w), steps, { start }); }, repsLanczos, 0);
const ritz = tridiagonalEigen(res.alpha, res.beta, res.steps).values;
writeFileSync(path.join(dir, 'mlp-ml.f64'), Buffer.concat([g, hv, ritz].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))));
// The bound: the pass's matrix-product kernel alone on one chunk's shape (256 rows, 128 x 128 weights), and tanh.
const kernels = await import('../../dist/src/problems/mlp-kernels.js').catch(() => null);
if (kernels?.rowsTimesWt) {
  const m = 256, d = 128, rng = createRng(3);
  const W = rng.fillNormal(new Float64Array(d * d)), A = rng.fillNormal(new Float64Array(m * d)), Z = new Float64Array(m * d);
  const t = timed(() => { for (let i = 0; i < 20; i++) kernels.rowsTimesWt(W, 0, A, m, d, d, Z, false); }, 7, 3);
  console.log(JSON.stringify({ impl: 'ml', op: 'kernel-mm', shape: [m, d, d], calls: 20, ...t }));
}
// The same product and tanh in WebAssembly SIMD (src/linalg/wasm/gemm.ts), the kernels the passes now run.
const wasm = await import('../../dist/src/linalg/wasm/gemm.js').catch(() => null);
const G = wasm?.createGemmArena(3 * 256 * 128 + 128 * 128 + 3 * count * 256 + 64);
if (G) {
  const m = 256, d = 128, rng = createRng(3);
  const WT = rng.fillNormal(G.alloc(d * d)), A = rng.fillNormal(G.alloc(m * d)), Z = G.alloc(m * d);
  const t = timed(() => { for (let i = 0; i < 20; i++) G.gemm(Z, 0, d, A, 0, d, 1, WT, 0, d, m, d, d, 1, true); }, 7, 3);
  console.log(JSON.stringify({ impl: 'ml-simd', op: 'kernel-mm', shape: [m, d, d], calls: 20, ...t }));
  const src = createRng(4).fillNormal(new Float64Array(count * 256)), z = G.alloc(src.length), d1 = G.alloc(src.length), d2 = G.alloc(src.length);
  const tt = timed(() => { z.set(src); G.tanh(z, d1, d2, 0, z.length, 0); }, 7, 3);
  console.log(JSON.stringify({ impl: 'ml-simd', op: 'kernel-tanh', count: z.length, ...tt }));
}
const th = createRng(4).fillNormal(new Float64Array(count * 256)), thOut = new Float64Array(th.length);
const tTanh = timed(() => { for (let i = 0; i < th.length; i++) thOut[i] = Math.tanh(th[i]); }, 7, 3);
console.log(JSON.stringify({ impl: 'ml', op: 'kernel-tanh', count: th.length, ...tTanh }));
console.log(JSON.stringify({ impl: 'ml', op: 'grad', ...tGrad, loss }));
console.log(JSON.stringify({ impl: 'ml', op: 'hvp', ...tHvp }));
console.log(JSON.stringify({ impl: 'ml-ts', op: 'grad', ...tGradTs }));
console.log(JSON.stringify({ impl: 'ml-ts', op: 'hvp', ...tHvpTs }));
console.log(JSON.stringify({ impl: 'ml', op: 'lanczos', ...tLanczos, steps: res.steps, ritzTop: ritz[ritz.length - 1] }));
