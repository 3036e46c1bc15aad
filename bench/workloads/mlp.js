// Workload 8: gradient, Hessian-vector product and 20 Lanczos steps of a 64-128-128-10 tanh MLP on the 1797 digits
// (float64, full-batch mean cross-entropy), momentum-lab's reverse mode and R-operator vs PyTorch's autograd and
// double backward (1 and 2 threads) on the same weights, interleaved in rounds.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR } from '../lib/cbuild.js';
import { PYTHON } from '../lib/peers.js';
import { runJsonLines } from '../lib/proc.js';
import { summarize } from '../lib/stats.js';
import { fmtMs, fmtNum, fmtRatio } from '../lib/format.js';

export const name = 'mlp';
export const title = 'MLP 64-128-128-10 (tanh, digits, float64): gradient, Hessian-vector product, 20 Lanczos steps';

const SIZES = [64, 128, 128, 10];
const STEPS = 20;
const LABEL = {
  ml: 'momentum-lab (reverse mode; R-operator for H v; lanczos())',
  'ml-ts': 'momentum-lab, TypeScript reference loops (simd: false)',
  'torch-1t': 'PyTorch autograd, 1 thread (double backward for H v)',
  'torch-2t': 'PyTorch autograd, 2 threads (double backward for H v)',
};
const OP_LABEL = {
  grad: 'gradient',
  hvp: 'H v',
  lanczos: `${STEPS} Lanczos steps`,
  'lanczos-fresh': `${STEPS} Lanczos steps, fresh double backward per step`,
};

/**
 * Nominal flops of the R-operator's matrix products for N examples (2 per multiply-add): the gradient is the forward
 * products plus the weight gradients plus the back-propagated deltas (none into the inputs); H v adds R{z} (V a and
 * W R{a}), the second weight-gradient term and three more back-propagations per layer above the first.
 */
export function mlpFlops(sizes, N, steps = STEPS) {
  const prods = sizes.slice(1).map((dout, l) => sizes[l] * dout);
  const first = prods[0], rest = prods.slice(1).reduce((a, b) => a + b, 0), dim = prods.reduce((a, b, l) => a + b + sizes[l + 1], 0);
  const grad = 2 * N * (2 * first + 3 * rest), hvp = 2 * N * (3 * first + 8 * rest);
  // Lanczos: one H v per step, plus two Gram-Schmidt passes over the j + 1 basis vectors (4 flops per entry and vector).
  let reorth = 0;
  for (let j = 0; j < steps; j++) reorth += 2 * (j + 1) * 4 * dim;
  return { dim, forward: 2 * N * (first + rest), grad, hvp, lanczos: steps * hvp + reorth };
}

/** The commit measured, and whether the MLP and spectra sources differ from it (others may be editing them). */
function sourceState() {
  const git = (...a) => spawnSync('git', a, { cwd: path.dirname(BENCH_DIR), encoding: 'utf8' }).stdout ?? '';
  const dirty = git('status', '--porcelain', '--', 'src/problems', 'src/spectra', 'src/linalg').split('\n').filter((l) => l.trim());
  return { commit: git('rev-parse', '--short', 'HEAD').trim() || null, uncommitted: dirty.map((l) => l.slice(3)) };
}

/** /proc/cpuinfo's text, or '' off Linux. */
function readCpuinfo() {
  try { return readFileSync('/proc/cpuinfo', 'utf8'); } catch { return ''; }
}

function readF64(file) {
  const b = readFileSync(file);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
}

/** ||a - b|| / ||b|| (2-norm) and max_i |a_i - b_i| / max_i |b_i|. */
function relDiff(a, b) {
  let d2 = 0, b2 = 0, dm = 0, bm = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    d2 += d * d; b2 += b[i] * b[i]; dm = Math.max(dm, Math.abs(d)); bm = Math.max(bm, Math.abs(b[i]));
  }
  return { norm: Math.sqrt(d2 / b2), max: dm / bm };
}

export async function run({ quick, peers, log }) {
  const N = quick ? 200 : 1797, rounds = quick ? 1 : 3;
  const mlReps = quick ? [4, 3, 1] : [5, 3, 1], torchReps = { 1: quick ? [6, 4, 1] : [10, 6, 1], 2: quick ? [3, 2, 1] : [10, 6, 1] };
  const dir = path.join(BENCH_DIR, 'build');
  const threads = peers.torch ? [1, 2] : [];
  const lines = [];
  const outputs = {};
  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1}/${rounds}: momentum-lab`);
    lines.push(...runJsonLines(process.execPath, [path.join(BENCH_DIR, 'js', 'mlp.js'), String(N), ...mlReps.map(String), String(STEPS), dir]));
    outputs.ml = readF64(path.join(dir, 'mlp-ml.f64')).slice();
    for (const T of threads) {
      log(`  torch, ${T} thread${T > 1 ? 's' : ''}`);
      const env = { OMP_NUM_THREADS: String(T), OPENBLAS_NUM_THREADS: String(T), MKL_NUM_THREADS: String(T) };
      lines.push(...runJsonLines(PYTHON, [path.join(BENCH_DIR, 'py', 'mlp_torch.py'), dir, String(T), ...torchReps[T].map(String), T === 1 ? '1' : '0'], { env }));
      outputs[`torch-${T}t`] = readF64(path.join(dir, `mlp-torch-${T}t.f64`)).slice();
    }
  }
  // Merge the rounds: all times of one (impl, op) together.
  const byKey = new Map();
  for (const l of lines) {
    const key = `${l.impl}|${l.op}`;
    const e = byKey.get(key) ?? { impl: l.impl, op: l.op, times: [], cpu: [], extra: {} };
    e.times.push(...l.times_ms);
    e.cpu.push(...l.cpu_ms);
    for (const k of ['loss', 'ritzTop', 'ritzMaxDiffVsKept', 'steps']) if (l[k] !== undefined) e.extra[k] = l[k];
    byKey.set(key, e);
  }
  const flops = mlpFlops(SIZES, N);
  const opFlops = { grad: flops.grad, hvp: flops.hvp, lanczos: flops.lanczos, 'lanczos-fresh': flops.lanczos };
  const rows = [...byKey.values()].filter((e) => !e.op.startsWith('kernel-')).map((e) => {
    const s = summarize(e.times), c = summarize(e.cpu);
    return { impl: e.impl, op: e.op, label: LABEL[e.impl] ?? e.impl, ...s, cpuMedian: c.median, times_ms: e.times, cpu_ms: e.cpu,
      flops: opFlops[e.op], gflopsWall: opFlops[e.op] / (s.median * 1e6), gflopsCpu: opFlops[e.op] / (c.median * 1e6), ...e.extra };
  });
  const row = (impl, op) => rows.find((x) => x.impl === impl && x.op === op);
  const mlRow = (op) => row('ml', op === 'lanczos-fresh' ? 'lanczos' : op);

  const table = {
    caption: `${SIZES.join('-')} tanh MLP, softmax cross-entropy (mean over ${N} digits), float64, ${flops.dim} parameters, at the same weights; nominal work (the R-operator's matrix products, 2 flops per multiply-add): gradient ${fmtNum(flops.grad / 1e6)} Mflop (forward ${fmtNum(flops.forward / 1e6)}), H v ${fmtNum(flops.hvp / 1e6)} Mflop, ${STEPS} Lanczos steps ${fmtNum(flops.lanczos / 1e9)} Gflop`,
    header: ['implementation', 'operation', 'median', 'IQR', 'reps', 'CPU time', 'GFLOP/s (wall)', 'GFLOP/s (CPU)', 'ML / this', 'ML / this (CPU)'],
    rows: ['grad', 'hvp', 'lanczos', 'lanczos-fresh'].flatMap((op) => rows.filter((r) => r.op === op).map((r) => {
      const ml = mlRow(op);
      return [r.label, OP_LABEL[op], fmtMs(r.median), `${fmtMs(r.q1)}–${fmtMs(r.q3)}`, String(r.reps), fmtMs(r.cpuMedian), fmtNum(r.gflopsWall), fmtNum(r.gflopsCpu),
        r === ml ? '1' : fmtRatio(ml.median / r.median), r === ml ? '1' : fmtRatio(ml.cpuMedian / r.cpuMedian)];
    })),
  };

  // The bound: the matrix product and tanh alone, per call (CPU time: the fairer measure on the shared machine).
  const tanhRows = [...byKey.values()].filter((e) => e.op === 'kernel-tanh').map((e) => ({
    impl: e.impl, ...summarize(e.times), cpuMedian: summarize(e.cpu).median, count: lines.find((x) => x.impl === e.impl && x.op === e.op).count,
  }));
  // The products of different shapes share an (impl, op) key: group them by shape.
  const mmRows = lines.filter((l) => l.op === 'kernel-mm').reduce((acc, l) => {
    const k = `${l.impl}|${l.shape.join('x')}`;
    const e = acc.get(k) ?? { impl: l.impl, shape: l.shape, calls: l.calls, times: [], cpu: [] };
    e.times.push(...l.times_ms); e.cpu.push(...l.cpu_ms); acc.set(k, e);
    return acc;
  }, new Map());
  const kernelTable = {
    caption: 'What bounds the passes: one matrix product Z = A W^T (rows x 128 times 128 x 128, float64) and tanh, alone, per call (ratios per row of A and per element, on CPU time)',
    header: ['implementation', 'operation', 'CPU time per call', 'wall per call', 'GFLOP/s (CPU)', 'ML / this (CPU)'],
    rows: [],
  };
  const mlMm = mmRows.get('ml|256x128x128');
  for (const e of mmRows.values()) {
    const cpu = summarize(e.cpu).median / e.calls, wall = summarize(e.times).median / e.calls, fl = 2 * e.shape[0] * e.shape[1] * e.shape[2];
    const perRow = mlMm ? (summarize(mlMm.cpu).median / mlMm.calls / mlMm.shape[0]) / (cpu / e.shape[0]) : null;
    const who = { ml: 'momentum-lab rowsTimesWt (src/problems/mlp-kernels.ts), scalar JS', 'ml-simd': 'momentum-lab gemm (src/linalg/wasm/gemm.ts), WebAssembly SIMD f64x2' };
    kernelTable.rows.push([who[e.impl] ?? `PyTorch, ${e.impl.slice(6, -1)} thread${e.impl.endsWith('2t') ? 's' : ''}: torch.mm (OpenBLAS dgemm)`, `${e.shape[0]} x ${e.shape[1]} times ${e.shape[1]} x ${e.shape[2]}`,
      fmtMs(cpu), fmtMs(wall), fmtNum(fl / (cpu * 1e6)), e === mlMm ? '1' : fmtRatio(perRow)]);
  }
  const mlTanh = tanhRows.find((r) => r.impl === 'ml');
  for (const r of tanhRows) {
    const who = { ml: 'momentum-lab Math.tanh in a loop', 'ml-simd': 'momentum-lab tanh in WebAssembly SIMD (gemm.ts, incl. a copy-in)' };
    kernelTable.rows.push([who[r.impl] ?? `PyTorch, ${r.impl.slice(6, -1)} thread${r.impl.endsWith('2t') ? 's' : ''}: torch.tanh`, `tanh of ${r.count} doubles`, fmtMs(r.cpuMedian), fmtMs(r.median),
      `${fmtNum((r.cpuMedian * 1e6) / r.count)} ns each`, r === mlTanh ? '1' : fmtRatio((mlTanh.cpuMedian / mlTanh.count) / (r.cpuMedian / r.count))]);
  }

  const notes = [], goals = [];
  const check = {};
  const n = flops.dim, ml = outputs.ml;
  for (const T of threads) {
    const t = outputs[`torch-${T}t`];
    check[`torch-${T}t`] = {
      grad: relDiff(ml.subarray(0, n), t.subarray(0, n)),
      hvp: relDiff(ml.subarray(n, 2 * n), t.subarray(n, 2 * n)),
      ritz: relDiff(ml.subarray(2 * n), t.subarray(2 * n)),
      loss: Math.abs(row('ml', 'grad').loss - row(`torch-${T}t`, 'grad').loss) / Math.abs(row(`torch-${T}t`, 'grad').loss),
    };
  }
  const c1 = check['torch-1t'];
  if (c1) {
    const worst = Math.max(...Object.values(check).flatMap((c) => [c.grad.norm, c.hvp.norm, c.grad.max, c.hvp.max]));
    const ritzWorst = Math.max(...Object.values(check).map((c) => c.ritz.max));
    const ok = worst <= 1e-10 && ritzWorst <= 1e-10;
    const ritz = ml.subarray(2 * n);
    notes.push(`${ok ? 'Cross-check' : 'CHECK FAILED'}: against PyTorch (1 thread) the gradient differs by ${fmtNum(c1.grad.norm, 2)} (2-norm, relative; ${fmtNum(c1.grad.max, 2)} largest entry relative to the largest), H v by ${fmtNum(c1.hvp.norm, 2)} (${fmtNum(c1.hvp.max, 2)}), the loss by ${fmtNum(c1.loss, 2)}; the ${STEPS} Ritz values from the same start vector by at most ${fmtNum(c1.ritz.max, 2)} of the largest (momentum-lab: top ${ritz[ritz.length - 1].toPrecision(12)}, bottom ${ritz[0].toPrecision(6)}); 2 threads: gradient ${fmtNum(check['torch-2t']?.grad.norm, 2)}, H v ${fmtNum(check['torch-2t']?.hvp.norm, 2)}, Ritz ${fmtNum(check['torch-2t']?.ritz.max, 2)}. Tolerance 1e-10.`);
    const fr = row('torch-1t', 'lanczos-fresh');
    if (fr) notes.push(fr.ritzMaxDiffVsKept === 0 ? 'PyTorch\'s two Lanczos variants (graph kept, fresh double backward) give the same Ritz values, bit for bit.' : `PyTorch's two Lanczos variants give Ritz values within ${fmtNum(fr.ritzMaxDiffVsKept, 2)} of each other.`);
    for (const op of ['grad', 'hvp']) {
      const m = row('ml', op), t = row('torch-1t', op);
      goals.push({ goal: `${OP_LABEL[op]} at most 1.0x PyTorch with 1 thread`, met: m.median <= t.median,
        detail: `wall ${fmtRatio(m.median / t.median)} (${fmtMs(m.median)} vs ${fmtMs(t.median)}), CPU time ${fmtRatio(m.cpuMedian / t.cpuMedian)}; 2 threads: wall ${fmtRatio(m.median / row('torch-2t', op)?.median)}` });
    }
  }
  notes.push(`The nominal flop counts are those of momentum-lab's R-operator (per layer of s = in x out weights: gradient 2 products of N x s multiply-adds at the first layer, 3 above; H v 3 and 8); PyTorch's double backward does about the same products (its second backward differentiates the first), so the GFLOP/s of both sides are on the same count.`);
  const rate = (e) => (e ? (2 * e.shape[0] * e.shape[1] * e.shape[2]) / (summarize(e.cpu).median / e.calls * 1e6) : null);
  const mmRate = rate(mlMm), simdRate = rate(mmRows.get('ml-simd|256x128x128')), blasRate = rate(mmRows.get('torch-1t|256x128x128'));
  const simdTanh = tanhRows.find((r) => r.impl === 'ml-simd'), torchTanh = tanhRows.find((r) => r.impl === 'torch-1t');
  const nsEach = (r) => (r ? `${fmtNum((r.cpuMedian * 1e6) / r.count)} ns` : 'n/a');
  // The peaks from the CPU's name and clock: f64x2 multiply + add issue 2 + 2 per cycle (8 flops); AVX-512 FMA on two
  // ports is 32 flops per cycle on Intel, 16 on AMD Zen 4 (512-bit operations on 256-bit units).
  const cpu = os.cpus()[0] ?? { model: 'unknown', speed: 0 }, amd = /AMD/i.test(cpu.model);
  const ghz = (cpu.speed || Number(/cpu MHz\s*:\s*([\d.]+)/.exec(readCpuinfo())?.[1] ?? 2600)) / 1e3; // KVM reports speed 0
  const blasPerCycle = amd ? 16 : 32;
  const mlG = row('ml', 'grad'), mlH = row('ml', 'hvp'), tsG = row('ml-ts', 'grad'), tsH = row('ml-ts', 'hvp');
  notes.push(`What bounds each side (CPU: ${cpu.model}, ${fmtNum(ghz, 3)} GHz nominal): momentum-lab's three products run in one WebAssembly SIMD kernel (src/linalg/wasm/gemm.ts: f64x2, 4 x 4 tiles with 8 accumulators, each loaded number used 2-4 times), ${simdRate ? `${fmtNum(simdRate)} GFLOP/s of CPU alone on the 256 x 128 x 128 shape` : 'not measured'} against ${mmRate ? fmtNum(mmRate) : 'n/a'} for the scalar TypeScript loop; SIMD128 has no fused multiply-add (relaxed SIMD is behind a flag in Node 20), so a multiply-add is an f64x2.mul and an f64x2.add: at most 2 + 2 per cycle, 8 flops per cycle, ${fmtNum(8 * ghz)} GFLOP/s at the nominal clock${simdRate ? ` (the kernel reaches ${fmtNum((100 * simdRate) / (8 * ghz), 2)}% of it; boost clocks raise the real peak)` : ''}. tanh runs in SIMD too (${nsEach(simdTanh)} each, Math.tanh ${nsEach(mlTanh)}, torch ${nsEach(torchTanh)}). The passes run at ${fmtNum(mlG.gflopsCpu)} (gradient) and ${fmtNum(mlH.gflopsCpu)} GFLOP/s (H v) of CPU time${tsG && tsH ? ` (the TypeScript reference: ${fmtNum(tsG.gflopsCpu)} and ${fmtNum(tsH.gflopsCpu)}, so SIMD made them ${fmtRatio(tsG.cpuMedian / mlG.cpuMedian)} and ${fmtRatio(tsH.cpuMedian / mlH.cpuMedian)} faster)` : ''}; the rest of the time is the element-wise passes in TypeScript (biases, the R-operator's products of vectors, the softmax) and the copies into the arena. PyTorch calls OpenBLAS dgemm, AVX-512 with FMA: 8 doubles per vector, ${blasPerCycle} flops per cycle, ${fmtNum(blasPerCycle * ghz)} GFLOP/s peak at the nominal clock${blasRate ? ` (torch.mm measured ${fmtNum(blasRate)} above)` : ''}, ${fmtRatio(blasPerCycle / 8)} the f64x2 ceiling. Neither side is memory-bound (an N x 128 activation is ${fmtNum((N * 128 * 8) / 1e6, 2)} MB, the 256-row chunks 0.26 MB): both are bound by arithmetic throughput, at 2 lanes without FMA against 8 lanes with FMA. The machine is shared (see the load average): wall times include waiting for a CPU, so the CPU-time columns are the fairer ratio; all of it is noisy.`);
  notes.push('PyTorch\'s rows "20 Lanczos steps" keep the gradient\'s graph across the steps (PyHessian\'s way: one forward and backward with create_graph, then one second backward per step); the "fresh double backward" row recomputes the whole H v each step, which is what momentum-lab\'s lanczos() does (one R-operator pass, forward and backward, per step).');
  notes.push('PyTorch\'s thread count is set with torch.set_num_threads and OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = T (Debian\'s torch calls the system OpenBLAS, which set_num_threads does not reach); on this 2-core machine shared with other jobs the 2-thread rows wait for a second core that is rarely free.');
  const src = sourceState();
  notes.push(`Measured at commit ${src.commit}${src.uncommitted.length ? ` with uncommitted changes to ${src.uncommitted.join(', ')} (built into dist/ as they were)` : ''}.`);
  if (quick) notes.push(`--quick: the first ${N} digits and one round; the full run uses all 1797 and three rounds.`);
  return { measures: 'Wall time (and this process\'s CPU time) of one full-batch gradient, one Hessian-vector product and 20 Lanczos steps with full reorthogonalisation.', N, sizes: SIZES, flops, check, source: src, rows, tables: [table, kernelTable], kernels: { mm: [...mmRows.values()], tanh: tanhRows }, goals, notes };
}
