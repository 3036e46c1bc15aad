import { type MlpActivation, activate } from './mlp-activation.js';
import { type GemmArena, createGemmArena } from '../linalg/wasm/gemm.js';
import { addGW, addGtA, rowsTimesWt } from './mlp-kernels.js';

/** The losses of an MLP: softmax cross-entropy on class labels, or the squared error 1/2 ||f - y||^2. */
export const MLP_LOSSES = ['xent', 'mse'] as const;
export type MlpLoss = (typeof MLP_LOSSES)[number];

/** Examples for an MLP: inputs X (count x inputs, row-major), class labels (xent, accuracy) and/or targets Y (mse). */
export interface MlpData {
  readonly X: Float64Array;
  readonly count: number;
  readonly inputs: number;
  /** Class of each example in [0, classes), for classification data. */
  readonly labels?: Int32Array;
  readonly classes?: number;
  /** Targets (count x outputs, row-major) for the squared error; one-hot labels for classification data. */
  readonly Y?: Float64Array;
  readonly outputs: number;
}

/** The exact loss, gradient and Hessian-vector product of an MLP over all examples (S = null) or a subset S. */
export interface MlpKernel {
  value(w: Float64Array, S: Uint32Array | null): number;
  valueAndGrad(w: Float64Array, out: Float64Array, S: Uint32Array | null): number;
  hvp(w: Float64Array, v: Float64Array, out: Float64Array, S: Uint32Array | null): Float64Array;
  /** Fraction of the examples whose largest output is their label (classification data). */
  accuracy(w: Float64Array, S: Uint32Array | null): number;
}

/** Rows per chunk are at most this many units (rows x sum of layer widths) per buffer: 8 MB, whatever the data size. */
const CHUNK_UNITS = 2 ** 20;

/** Options of mlpKernel. */
export interface MlpKernelOptions {
  /**
   * Run the products in WebAssembly SIMD (gemm.ts) where the runtime has it and a layer product din x dout reaches
   * MLP_SIMD_MIN_PRODUCT (default true); false forces the TypeScript loops of mlp-kernels.ts, the reference.
   */
  simd?: boolean;
}

/** Networks whose largest layer product din x dout is below this run the TypeScript loops (the copies would dominate). */
export const MLP_SIMD_MIN_PRODUCT = 256;

/**
 * The MLP f(x) = W_L s(... s(W_1 x + b_1) ...) + b_L with J(theta) = 1/|S| sum_{i in S} l(f(x_i), y_i) + lambda/2 ||theta||^2
 * over theta = (W_1, b_1, ..., W_L, b_L) flat, each W_l out x in row-major (PyTorch's nn.Linear order).
 * The gradient is reverse mode; the Hessian-vector product is Pearlmutter's R-operator (1994), R{.} = d/dr (.)(theta + r v)
 * at r = 0 pushed forward through the forward pass and then through the backward pass (forward over reverse), exact in
 * float64. It is written by hand because no npm library gives dependable float64 second derivatives (tf.js has no
 * float64 and fails on second derivatives through tanh; jax-js computes transcendentals in f32 on wasm).
 * Examples are processed in chunks with buffers allocated once (the R-operator's on its first call): no allocation per
 * call. The products (and tanh) run in WebAssembly SIMD (src/linalg/wasm/gemm.ts) when the runtime has it, else in the
 * blocked loops of mlp-kernels.ts, the reference (options.simd false forces them).
 *
 * @example
 * const k = mlpKernel([1, 1], 'identity', 'mse', 0, { X: Float64Array.of(2), Y: Float64Array.of(1), count: 1, inputs: 1, outputs: 1 });
 * k.valueAndGrad(Float64Array.of(1, 0), new Float64Array(2), null); // returns 0.5 (1/2 (1*2 + 0 - 1)^2), gradient [2, 1]
 */
export function mlpKernel(
  sizes: readonly number[], act: MlpActivation, loss: MlpLoss, lambda: number, data: MlpData, options: MlpKernelOptions = {},
): MlpKernel {
  const L = sizes.length - 1, K = sizes[L], d0 = sizes[0];
  const { X, labels, Y } = data;
  const wOff: number[] = [], bOff: number[] = [];
  let dim = 0, units = 0;
  for (let l = 1; l <= L; l++) { wOff.push(dim); dim += sizes[l] * sizes[l - 1]; bOff.push(dim); dim += sizes[l]; }
  for (const s of sizes) units += s;
  const C = Math.max(1, Math.min(data.count, 256, Math.floor(CHUNK_UNITS / units)));
  let maxProduct = 0;
  for (let l = 1; l <= L; l++) maxProduct = Math.max(maxProduct, sizes[l - 1] * sizes[l]);
  // With SIMD every buffer lives in one WebAssembly memory (this kernel's own, collected with it), and so do copies of
  // w, v (and their per-layer transposes W_l^T, the forward product's B) and of the gradient being summed.
  const G: GemmArena | null = (options.simd ?? true) && maxProduct >= MLP_SIMD_MIN_PRODUCT
    ? createGemmArena(7 * C * units + 5 * dim) : null;
  const alloc = (n: number): Float64Array => (G === null ? new Float64Array(n) : G.alloc(n));
  const buffers = () => sizes.map((s) => alloc(C * s));
  const A = buffers(), D1 = buffers(), D2 = buffers(), Delta = buffers();
  let RZ: Float64Array[] = [], RA: Float64Array[] = [], RDelta: Float64Array[] = [];
  const wS = G === null ? null : alloc(dim), vS = G === null ? null : alloc(dim), outS = G === null ? null : alloc(dim);
  const wT = G === null ? null : alloc(dim), vT = G === null ? null : alloc(dim);
  if (G !== null) { RZ = buffers(); RA = buffers(); RDelta = buffers(); }

  /** x's layer matrices transposed into xT (W_l^T, din x dout, at the same offsets), for the forward product. */
  function transpose(x: Float64Array, xT: Float64Array): void {
    for (let l = 1; l <= L; l++) {
      const din = sizes[l - 1], dout = sizes[l], wo = wOff[l - 1];
      for (let o = 0; o < dout; o++) for (let k = 0; k < din; k++) xT[wo + k * dout + o] = x[wo + o * din + k];
    }
  }

  /** Z (+)= A W_l^T over m rows (rowsTimesWt; wasm from W_l^T in xT). */
  function mulWt(x: Float64Array, xT: Float64Array | null, l: number, Ain: Float64Array, m: number, Z: Float64Array, add: boolean): void {
    const din = sizes[l - 1], dout = sizes[l], wo = wOff[l - 1];
    if (G !== null && xT !== null) G.gemm(Z, 0, dout, Ain, 0, din, 1, xT, wo, dout, m, din, dout, 1, !add);
    else rowsTimesWt(x, wo, Ain, m, din, dout, Z, add);
  }
  /** out[W_l] += c Gd^T A over m rows (addGtA). */
  function addOuter(Gd: Float64Array, Ain: Float64Array, l: number, m: number, c: number, out: Float64Array): void {
    const din = sizes[l - 1], dout = sizes[l], wo = wOff[l - 1];
    if (G !== null) G.gemm(out, wo, din, Gd, 0, 1, dout, Ain, 0, din, dout, m, din, c, false);
    else addGtA(Gd, Ain, m, din, dout, c, out, wo);
  }
  /** P (+)= Gd W_l over m rows (addGW; `add` false overwrites P). */
  function mulW(Gd: Float64Array, x: Float64Array, l: number, m: number, P: Float64Array, add: boolean): void {
    const din = sizes[l - 1], dout = sizes[l], wo = wOff[l - 1];
    if (G !== null) { G.gemm(P, 0, din, Gd, 0, dout, 1, x, wo, din, m, dout, din, 1, !add); return; }
    if (!add) P.fill(0, 0, m * din);
    addGW(Gd, x, wo, m, din, dout, P);
  }

  /** Forward pass over the chunk's m rows in A[0]; with level 2 also R{z_l} and R{a_l} along v. */
  function forward(w: Float64Array, v: Float64Array | null, m: number, level: number): void {
    for (let l = 1; l <= L; l++) {
      const dout = sizes[l], Ain = A[l - 1], Aout = A[l], bo = bOff[l - 1];
      mulWt(w, wT, l, Ain, m, Aout, false);
      for (let t = 0; t < m; t++) for (let o = 0; o < dout; o++) Aout[t * dout + o] += w[bo + o];
      if (level === 2) {
        // R{z_l} = V_l a_{l-1} + W_l R{a_{l-1}} + c_l, with R{a_0} = 0.
        const Rz = RZ[l];
        mulWt(v!, vT, l, Ain, m, Rz, false);
        if (l > 1) mulWt(w, wT, l, RA[l - 1], m, Rz, true);
        for (let t = 0; t < m; t++) for (let o = 0; o < dout; o++) Rz[t * dout + o] += v![bo + o];
      }
      if (l < L) {
        if (G !== null && act === 'tanh') G.tanh(Aout, D1[l], D2[l], 0, m * dout, level); // a few ulp from Math.tanh
        else activate(act, Aout, D1[l], D2[l], 0, m * dout, level);
        if (level === 2) { const Ra = RA[l], Rz = RZ[l], g1 = D1[l]; for (let j = 0; j < m * dout; j++) Ra[j] = g1[j] * Rz[j]; }
      }
    }
  }

  /** The chunk's loss sum; with level >= 1 also delta_L = dl/df per row, with level 2 R{delta_L}. */
  function outputLoss(S: Uint32Array | null, c0: number, m: number, level: number): number {
    const f = A[L], dl = Delta[L], Rf = level === 2 ? RZ[L] : f, Rdl = level === 2 ? RDelta[L] : f;
    let sum = 0;
    for (let t = 0; t < m; t++) {
      const i = S === null ? c0 + t : S[c0 + t], r = t * K;
      if (loss === 'xent') {
        const y = labels![i];
        let mx = -Infinity, z = 0;
        for (let o = 0; o < K; o++) mx = Math.max(mx, f[r + o]);
        for (let o = 0; o < K; o++) z += Math.exp(f[r + o] - mx);
        sum += mx + Math.log(z) - f[r + y];
        if (level === 0) continue;
        for (let o = 0; o < K; o++) dl[r + o] = Math.exp(f[r + o] - mx) / z; // p = softmax(f)
        if (level === 2) {
          // R{p} = p (R{f} - p . R{f}): the softmax Jacobian diag(p) - p p^T applied to R{f}.
          let pr = 0;
          for (let o = 0; o < K; o++) pr += dl[r + o] * Rf[r + o];
          for (let o = 0; o < K; o++) Rdl[r + o] = dl[r + o] * (Rf[r + o] - pr);
        }
        dl[r + y] -= 1;
      } else {
        for (let o = 0; o < K; o++) {
          const e = f[r + o] - Y![i * K + o];
          sum += 0.5 * e * e;
          if (level > 0) dl[r + o] = e;
          if (level === 2) Rdl[r + o] = Rf[r + o];
        }
      }
    }
    return sum;
  }

  /** Backward pass: out += (1/N) dJ/dtheta (level 1) or (1/N) R{dJ/dtheta} = (1/N) H v (level 2). */
  function backward(w: Float64Array, v: Float64Array | null, out: Float64Array, m: number, inv: number, level: number): void {
    for (let l = L; l >= 1; l--) {
      const din = sizes[l - 1], dout = sizes[l], Ain = A[l - 1], dl = Delta[l], bo = bOff[l - 1];
      // grad W_l = delta_l a_{l-1}^T, grad b_l = delta_l; R{grad W_l} = R{delta_l} a_{l-1}^T + delta_l R{a_{l-1}}^T, R{grad b_l} = R{delta_l}.
      const Gl = level === 2 ? RDelta[l] : dl;
      for (let t = 0; t < m; t++) for (let o = 0; o < dout; o++) out[bo + o] += inv * Gl[t * dout + o];
      addOuter(Gl, Ain, l, m, inv, out);
      if (level === 2 && l > 1) addOuter(dl, RA[l - 1], l, m, inv, out);
      if (l === 1) break;
      // delta_{l-1} = s'(z) . W_l^T delta_l; R{delta_{l-1}} = s''(z) R{z} . W_l^T delta_l + s'(z) . (V_l^T delta_l + W_l^T R{delta_l}).
      const dp = Delta[l - 1], g1 = D1[l - 1], g2 = D2[l - 1];
      mulW(dl, w, l, m, dp, false);
      if (level === 2) {
        const Rdp = RDelta[l - 1], Rz = RZ[l - 1];
        mulW(Gl, w, l, m, Rdp, false);
        mulW(dl, v!, l, m, Rdp, true);
        for (let j = 0; j < m * din; j++) Rdp[j] = g2[j] * Rz[j] * dp[j] + g1[j] * Rdp[j];
      }
      for (let j = 0; j < m * din; j++) dp[j] *= g1[j];
    }
  }

  /** Loss over S (level 0), and the gradient (level 1) or H v (level 2) into out. */
  function pass(w0: Float64Array, v0: Float64Array | null, out0: Float64Array | null, S: Uint32Array | null, level: number): number {
    if (level === 2 && RZ.length === 0) { RZ = buffers(); RA = buffers(); RDelta = buffers(); }
    const N = S === null ? data.count : S.length, inv = 1 / N, A0 = A[0];
    // With SIMD the pass reads arena copies of w and v and sums the gradient in the arena, copied to out0 at the end.
    const w = enter(w0, wS, wT), v = v0 === null ? null : enter(v0, vS, vT), out = out0 === null || outS === null ? out0 : outS;
    if (out !== null) out.fill(0, 0, dim);
    let sum = 0;
    for (let c0 = 0; c0 < N; c0 += C) {
      const m = Math.min(C, N - c0);
      for (let t = 0; t < m; t++) {
        const i = S === null ? c0 + t : S[c0 + t];
        for (let k = 0; k < d0; k++) A0[t * d0 + k] = X[i * d0 + k];
      }
      forward(w, v, m, level);
      sum += outputLoss(S, c0, m, level);
      if (level > 0) backward(w, v, out!, m, inv, level);
    }
    if (out0 !== null && out !== null && out !== out0) out0.set(out.subarray(0, dim));
    let ww = 0;
    for (let j = 0; j < dim; j++) ww += w[j] * w[j];
    if (level === 1) for (let j = 0; j < dim; j++) out0![j] += lambda * w[j];
    if (level === 2) for (let j = 0; j < dim; j++) out0![j] += lambda * v![j];
    return sum * inv + 0.5 * lambda * ww;
  }

  /** x itself without SIMD; else its copy in xS, with the layer transposes in xT. */
  function enter(x: Float64Array, xS: Float64Array | null, xT: Float64Array | null): Float64Array {
    if (xS === null || xT === null) return x;
    xS.set(x.subarray(0, dim));
    transpose(xS, xT);
    return xS;
  }

  function accuracy(w0: Float64Array, S: Uint32Array | null): number {
    const w = enter(w0, wS, wT);
    const N = S === null ? data.count : S.length, A0 = A[0], f = A[L];
    let right = 0;
    for (let c0 = 0; c0 < N; c0 += C) {
      const m = Math.min(C, N - c0);
      for (let t = 0; t < m; t++) {
        const i = S === null ? c0 + t : S[c0 + t];
        for (let k = 0; k < d0; k++) A0[t * d0 + k] = X[i * d0 + k];
      }
      forward(w, null, m, 0);
      for (let t = 0; t < m; t++) {
        let best = 0;
        for (let o = 1; o < K; o++) if (f[t * K + o] > f[t * K + best]) best = o;
        if (best === labels![S === null ? c0 + t : S[c0 + t]]) right++;
      }
    }
    return right / N;
  }

  return {
    value: (w, S) => pass(w, null, null, S, 0),
    valueAndGrad: (w, out, S) => pass(w, null, out, S, 1),
    hvp: (w, v, out, S) => { pass(w, v, out, S, 2); return out; },
    accuracy,
  };
}
