// Small dense matrices, row-major on a Float64Array. Enough for 2x2 dynamics, state-space models and SDP blocks.
import { ParameterError } from '../errors.js';

export interface DenseMatrix {
  rows: number;
  cols: number;
  /** Row-major entries: A[i][j] = data[i * cols + j]. */
  data: Float64Array;
}

/** Largest order of a square matrix given to expm, eigenvalues, symmetricEigen and matrixPower: O(n^3) work, 1e9 flops. */
export const MAX_DENSE_ORDER = 1000;

/**
 * Check a square matrix at a library boundary: non-negative integer order n <= MAX_DENSE_ORDER, n x n data (a
 * {rows: 1e6, cols: 1e6} with four numbers is refused) and finite entries. ParameterError naming `parameter` otherwise.
 *
 * @example
 * checkSquare({ rows: 2, cols: 2, data: new Float64Array(3) }); // throws "matrix.data = ... is invalid: expected 4 = rows x cols entries"
 */
export function checkSquare(A: DenseMatrix, parameter = 'matrix', maxOrder = MAX_DENSE_ORDER): void {
  const n = A.rows;
  if (!(Number.isInteger(n) && n >= 0 && A.cols === n)) throw new ParameterError(parameter, `${A.rows}x${A.cols}`, 'a square matrix');
  if (n > maxOrder) throw new ParameterError(parameter, `${n}x${n}`, `a matrix of order at most ${maxOrder}`);
  if (!(A.data instanceof Float64Array) && !Array.isArray(A.data)) throw new ParameterError(`${parameter}.data`, typeof A.data, 'a Float64Array of rows x cols entries');
  if (A.data.length !== n * n) throw new ParameterError(`${parameter}.data`, `${A.data.length} entries`, `${n * n} = rows x cols entries`);
  for (let i = 0; i < A.data.length; i++) {
    // ml-matrix's EigenvalueDecomposition (symmetricEigen) loops forever on NaN/Infinity: refuse them here.
    if (!Number.isFinite(A.data[i])) throw new ParameterError(`${parameter}[${Math.floor(i / n)}][${i % n}]`, A.data[i], 'a finite number');
  }
}

export function zeros(rows: number, cols = rows): DenseMatrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identity(n: number): DenseMatrix {
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I.data[i * n + i] = 1;
  return I;
}

/** Build from nested arrays. @example fromRows([[1, 2], [3, 4]]).data // returns [1, 2, 3, 4] */
export function fromRows(rows: ArrayLike<ArrayLike<number>>): DenseMatrix {
  const m = rows.length, n = m ? rows[0].length : 0;
  const A = zeros(m, n);
  for (let i = 0; i < m; i++) {
    if (rows[i].length !== n) throw new Error(`fromRows: row ${i} has ${rows[i].length} entries, expected ${n}`);
    for (let j = 0; j < n; j++) A.data[i * n + j] = rows[i][j];
  }
  return A;
}

export function toRows(A: DenseMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < A.rows; i++) out.push(Array.from(A.data.subarray(i * A.cols, (i + 1) * A.cols)));
  return out;
}

export const get = (A: DenseMatrix, i: number, j: number): number => A.data[i * A.cols + j];
export const set = (A: DenseMatrix, i: number, j: number, v: number): void => { A.data[i * A.cols + j] = v; };

export function clone(A: DenseMatrix): DenseMatrix {
  return { rows: A.rows, cols: A.cols, data: A.data.slice() };
}

/** out <- A B. */
export function matmul(A: DenseMatrix, B: DenseMatrix, out: DenseMatrix = zeros(A.rows, B.cols)): DenseMatrix {
  if (A.cols !== B.rows) throw new Error(`matmul: ${A.rows}x${A.cols} times ${B.rows}x${B.cols}`);
  const n = A.rows, m = B.cols, p = A.cols;
  const tmp = out === A || out === B ? new Float64Array(n * m) : out.data;
  tmp.fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) {
      const a = A.data[i * p + k];
      if (a === 0) continue;
      for (let j = 0; j < m; j++) tmp[i * m + j] += a * B.data[k * m + j];
    }
  }
  if (tmp !== out.data) out.data.set(tmp);
  return out;
}

/** out <- A x. */
export function matvec(A: DenseMatrix, x: Float64Array, out: Float64Array = new Float64Array(A.rows)): Float64Array {
  return matvecRows(A.data, A.rows, A.cols, x, out);
}

/**
 * out_i = sum_j M_ij x_j for the first `rows` rows of the row-major `data` (`cols` columns, rows `stride` apart, so a
 * block of columns is `data.subarray(firstColumn)` with the full row length as stride): the kernel behind matvec, the
 * dense quadratic's H and H v, Lanczos' Gram-Schmidt dots and the Householder update of randomRotation. Four rows at a time, with four independent sums: a single
 * running sum waits on the adder's latency at every element (timings: docs/bench.md). Each sum still
 * adds j = 0, 1, ... in order, so the result is bitwise the plain row-by-row loop's (tested).
 *
 * @example
 * matvecRows(Float64Array.of(1, 2, 3, 4), 2, 2, Float64Array.of(1, 1), new Float64Array(2)); // returns [3, 7]
 */
export function matvecRows(data: Float64Array, rows: number, cols: number, x: Float64Array, out: Float64Array,
  stride = cols): Float64Array {
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const r0 = i * stride, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < cols; j++) {
      const xj = x[j];
      s0 += data[r0 + j] * xj; s1 += data[r1 + j] * xj; s2 += data[r2 + j] * xj; s3 += data[r3 + j] * xj;
    }
    out[i] = s0; out[i + 1] = s1; out[i + 2] = s2; out[i + 3] = s3;
  }
  for (; i < rows; i++) {
    const row = i * stride;
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[row + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** out <- A^T x. */
export function matvecT(A: DenseMatrix, x: Float64Array, out: Float64Array = new Float64Array(A.cols)): Float64Array {
  const n = A.rows, m = A.cols;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    for (let j = 0; j < m; j++) out[j] += A.data[i * m + j] * xi;
  }
  return out;
}

export function transpose(A: DenseMatrix): DenseMatrix {
  const T = zeros(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j];
  return T;
}

/** a A + b B. */
export function addScaled(a: number, A: DenseMatrix, b: number, B: DenseMatrix): DenseMatrix {
  const C = zeros(A.rows, A.cols);
  for (let i = 0; i < C.data.length; i++) C.data[i] = a * A.data[i] + b * B.data[i];
  return C;
}

/** Max absolute row sum (the induced infinity norm). */
export function normInf(A: DenseMatrix): number {
  let m = 0;
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += Math.abs(A.data[i * A.cols + j]);
    if (s > m) m = s;
  }
  return m;
}

/** 1-norm: max absolute column sum. */
export function norm1(A: DenseMatrix): number {
  let m = 0;
  for (let j = 0; j < A.cols; j++) {
    let s = 0;
    for (let i = 0; i < A.rows; i++) s += Math.abs(A.data[i * A.cols + j]);
    if (s > m) m = s;
  }
  return m;
}

/** Solve A X = B by LU with partial pivoting (A square); throws on a singular matrix. */
export function solve(A: DenseMatrix, B: DenseMatrix): DenseMatrix {
  const n = A.rows;
  if (A.cols !== n || B.rows !== n) throw new Error('solve: dimension mismatch');
  const lu = A.data.slice();
  const X = clone(B);
  const m = B.cols;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) { const v = Math.abs(lu[i * n + k]); if (v > best) { best = v; p = i; } }
    if (best === 0) throw new Error('solve: matrix is singular');
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = lu[k * n + j]; lu[k * n + j] = lu[p * n + j]; lu[p * n + j] = t; }
      for (let j = 0; j < m; j++) { const t = X.data[k * m + j]; X.data[k * m + j] = X.data[p * m + j]; X.data[p * m + j] = t; }
    }
    const piv = lu[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] /= piv);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j] -= f * lu[k * n + j];
      for (let j = 0; j < m; j++) X.data[i * m + j] -= f * X.data[k * m + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = 0; j < m; j++) {
      let s = X.data[i * m + j];
      for (let k = i + 1; k < n; k++) s -= lu[i * n + k] * X.data[k * m + j];
      X.data[i * m + j] = s / lu[i * n + i];
    }
  }
  return X;
}
