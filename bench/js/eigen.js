// Workload 6, momentum-lab side: (a) eigenvalues of M random 2x2 matrices by the closed form eig2x2 and by the general
// solver (ml-matrix's EigenvalueDecomposition, Hessenberg + shifted QR, which eigenvalues() uses above 2x2);
// (b) eigenvalues() of one 200x200 non-symmetric random matrix. The matrices come from createRng(seed) and are also
// written to FILE (float64, row-major: M 2x2 matrices, then the 200x200 one) for the numpy peer.
// Usage: node bench/js/eigen.js M N REPS FILE
import { writeFileSync } from 'node:fs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { createRng, eig2x2, eigenvalues, eigenvaluesHqr } from '../../dist/src/linalg/index.js';

const M = Number(process.argv[2] ?? 1e5), N = Number(process.argv[3] ?? 200), reps = Number(process.argv[4] ?? 5), file = process.argv[5];
const rng = createRng(8);
const small = new Float64Array(4 * M);
for (let i = 0; i < small.length; i++) small[i] = rng.normal();
const big = new Float64Array(N * N);
for (let i = 0; i < big.length; i++) big[i] = rng.normal();
if (file) writeFileSync(file, Buffer.concat([Buffer.from(small.buffer), Buffer.from(big.buffer)]));

function timed(fn, r = reps) {
  fn();
  const t = [];
  for (let k = 0; k < r; k++) { const t0 = performance.now(); fn(); t.push(performance.now() - t0); }
  return t;
}

// (a) 2x2: keep the spectral radius of each, so the work is not optimised away and can be compared.
const rhoClosed = new Float64Array(M), rhoGeneral = new Float64Array(M);
const tClosed = timed(() => {
  for (let m = 0; m < M; m++) {
    const [l1, l2] = eig2x2(small[4 * m], small[4 * m + 1], small[4 * m + 2], small[4 * m + 3]);
    rhoClosed[m] = Math.max(Math.hypot(l1.re, l1.im), Math.hypot(l2.re, l2.im));
  }
});
const A = new Matrix(2, 2);
const tGeneral = timed(() => {
  for (let m = 0; m < M; m++) {
    A.set(0, 0, small[4 * m]); A.set(0, 1, small[4 * m + 1]); A.set(1, 0, small[4 * m + 2]); A.set(1, 1, small[4 * m + 3]);
    const e = new EigenvalueDecomposition(A, { assumeSymmetric: false });
    const re = e.realEigenvalues, im = e.imaginaryEigenvalues;
    rhoGeneral[m] = Math.max(Math.hypot(re[0], im[0]), Math.hypot(re[1], im[1]));
  }
}, Math.max(1, Math.ceil(reps / 2)));
let maxRel = 0;
for (let m = 0; m < M; m++) maxRel = Math.max(maxRel, Math.abs(rhoClosed[m] - rhoGeneral[m]) / rhoClosed[m]);
let sum = 0;
for (let m = 0; m < M; m++) sum += rhoClosed[m];
console.log(JSON.stringify({ impl: 'ml-eig2x2', case: '2x2', times_ms: tClosed, count: M, rhoSum: sum }));
console.log(JSON.stringify({ impl: 'ml-matrix-evd', case: '2x2', times_ms: tGeneral, count: M, maxRelDiffVsClosed: maxRel }));

// (b) 200x200.
const D = { rows: N, cols: N, data: big };
let ev;
const tBig = timed(() => { ev = eigenvalues(D); });
console.log(JSON.stringify({ impl: 'ml-eigenvalues', case: 'nxn', times_ms: tBig, n: N, values: ev.map((z) => [z.re, z.im]) }));
if (eigenvaluesHqr) {
  const tHqr = timed(() => { ev = eigenvaluesHqr(D); });
  console.log(JSON.stringify({ impl: 'ml-hqr', case: 'nxn', times_ms: tHqr, n: N, values: ev.map((z) => [z.re, z.im]) }));
}
