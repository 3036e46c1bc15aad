import { type MlpActivation, activate } from './mlp-activation.js';
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

/**
 * The MLP f(x) = W_L s(... s(W_1 x + b_1) ...) + b_L with J(theta) = 1/|S| sum_{i in S} l(f(x_i), y_i) + lambda/2 ||theta||^2
 * over theta = (W_1, b_1, ..., W_L, b_L) flat, each W_l out x in row-major (PyTorch's nn.Linear order).
 * The gradient is reverse mode; the Hessian-vector product is Pearlmutter's R-operator (1994), R{.} = d/dr (.)(theta + r v)
 * at r = 0 pushed forward through the forward pass and then through the backward pass (forward over reverse), exact in
 * float64. It is written by hand because no npm library gives dependable float64 second derivatives (tf.js has no
 * float64 and fails on second derivatives through tanh; jax-js computes transcendentals in f32 on wasm).
 * Examples are processed in chunks with buffers allocated once (the R-operator's on its first call): no allocation per
 * call; the products are the blocked loops of mlp-kernels.ts.
 *
 * @example
 * const k = mlpKernel([1, 1], 'identity', 'mse', 0, { X: Float64Array.of(2), Y: Float64Array.of(1), count: 1, inputs: 1, outputs: 1 });
 * k.valueAndGrad(Float64Array.of(1, 0), new Float64Array(2), null); // returns 0.5 (1/2 (1*2 + 0 - 1)^2), gradient [2, 1]
 */
export function mlpKernel(sizes: readonly number[], act: MlpActivation, loss: MlpLoss, lambda: number, data: MlpData): MlpKernel {
  const L = sizes.length - 1, K = sizes[L], d0 = sizes[0];
  const { X, labels, Y } = data;
  const wOff: number[] = [], bOff: number[] = [];
  let dim = 0, units = 0;
  for (let l = 1; l <= L; l++) { wOff.push(dim); dim += sizes[l] * sizes[l - 1]; bOff.push(dim); dim += sizes[l]; }
  for (const s of sizes) units += s;
  const C = Math.max(1, Math.min(data.count, 256, Math.floor(CHUNK_UNITS / units)));
  const buffers = () => sizes.map((s) => new Float64Array(C * s));
  const A = buffers(), D1 = buffers(), D2 = buffers(), Delta = buffers();
  let RZ: Float64Array[] = [], RA: Float64Array[] = [], RDelta: Float64Array[] = [];

  /** Forward pass over the chunk's m rows in A[0]; with level 2 also R{z_l} and R{a_l} along v. */
  function forward(w: Float64Array, v: Float64Array | null, m: number, level: number): void {
    for (let l = 1; l <= L; l++) {
      const din = sizes[l - 1], dout = sizes[l], Ain = A[l - 1], Aout = A[l], wo = wOff[l - 1], bo = bOff[l - 1];
      rowsTimesWt(w, wo, Ain, m, din, dout, Aout, false);
      for (let t = 0; t < m; t++) for (let o = 0; o < dout; o++) Aout[t * dout + o] += w[bo + o];
      if (level === 2) {
        // R{z_l} = V_l a_{l-1} + W_l R{a_{l-1}} + c_l, with R{a_0} = 0.
        const Rz = RZ[l];
        rowsTimesWt(v!, wo, Ain, m, din, dout, Rz, false);
        if (l > 1) rowsTimesWt(w, wo, RA[l - 1], m, din, dout, Rz, true);
        for (let t = 0; t < m; t++) for (let o = 0; o < dout; o++) Rz[t * dout + o] += v![bo + o];
      }
      if (l < L) {
        activate(act, Aout, D1[l], D2[l], 0, m * dout, level);
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
      const din = sizes[l - 1], dout = sizes[l], Ain = A[l - 1], dl = Delta[l], wo = wOff[l - 1], bo = bOff[l - 1];
      // grad W_l = delta_l a_{l-1}^T, grad b_l = delta_l; R{grad W_l} = R{delta_l} a_{l-1}^T + delta_l R{a_{l-1}}^T, R{grad b_l} = R{delta_l}.
      const G = level === 2 ? RDelta[l] : dl;
      for (let t = 0; t < m; t++) for (let o = 0; o < dout; o++) out[bo + o] += inv * G[t * dout + o];
      addGtA(G, Ain, m, din, dout, inv, out, wo);
      if (level === 2 && l > 1) addGtA(dl, RA[l - 1], m, din, dout, inv, out, wo);
      if (l === 1) break;
      // delta_{l-1} = s'(z) . W_l^T delta_l; R{delta_{l-1}} = s''(z) R{z} . W_l^T delta_l + s'(z) . (V_l^T delta_l + W_l^T R{delta_l}).
      const dp = Delta[l - 1], g1 = D1[l - 1], g2 = D2[l - 1];
      dp.fill(0, 0, m * din);
      addGW(dl, w, wo, m, din, dout, dp);
      if (level === 2) {
        const Rdp = RDelta[l - 1], Rz = RZ[l - 1];
        Rdp.fill(0, 0, m * din);
        addGW(G, w, wo, m, din, dout, Rdp);
        addGW(dl, v!, wo, m, din, dout, Rdp);
        for (let j = 0; j < m * din; j++) Rdp[j] = g2[j] * Rz[j] * dp[j] + g1[j] * Rdp[j];
      }
      for (let j = 0; j < m * din; j++) dp[j] *= g1[j];
    }
  }

  /** Loss over S (level 0), and the gradient (level 1) or H v (level 2) into out. */
  function pass(w: Float64Array, v: Float64Array | null, out: Float64Array | null, S: Uint32Array | null, level: number): number {
    if (level === 2 && RZ.length === 0) { RZ = buffers(); RA = buffers(); RDelta = buffers(); }
    const N = S === null ? data.count : S.length, inv = 1 / N, A0 = A[0];
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
    let ww = 0;
    for (let j = 0; j < dim; j++) ww += w[j] * w[j];
    if (level === 1) for (let j = 0; j < dim; j++) out![j] += lambda * w[j];
    if (level === 2) for (let j = 0; j < dim; j++) out![j] += lambda * v![j];
    return sum * inv + 0.5 * lambda * ww;
  }

  function accuracy(w: Float64Array, S: Uint32Array | null): number {
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
