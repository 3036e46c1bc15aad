import type { DenseMatrix } from './dense.js';
import { checkSquare, identity, matmul, norm1, solve, zeros } from './dense.js';
import { ParameterError } from '../errors.js';

// Padé coefficients b_0..b_m of the [m/m] approximant of exp (Higham 2005, Table 2.3 and eq. (2.1)).
const PADE: Record<number, readonly number[]> = {
  3: [120, 60, 12, 1],
  5: [30240, 15120, 3360, 420, 30, 1],
  7: [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1],
  9: [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1],
  13: [64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
    10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1],
};
// theta_m: largest 1-norm for which the [m/m] Padé approximant is accurate to unit roundoff (Higham 2005, Table 2.3).
const THETA: readonly [number, number][] = [[3, 1.495585217958292e-2], [5, 2.539398330063230e-1],
  [7, 9.504178996162932e-1], [9, 2.097847961257068], [13, 5.371920351148152]];

/** c1 X + c2 Y + c3 Z + c4 I (Z may be null), a fresh matrix. */
function comb(n: number, c: number[], M: (DenseMatrix | null)[]): DenseMatrix {
  const R = zeros(n, n);
  for (let k = 0; k < M.length; k++) {
    const X = M[k];
    if (X === null || c[k] === 0) continue;
    for (let i = 0; i < n * n; i++) R.data[i] += c[k] * X.data[i];
  }
  const cI = c[M.length] ?? 0;
  for (let i = 0; i < n; i++) R.data[i * n + i] += cI;
  return R;
}

/**
 * Matrix exponential exp(A) by scaling and squaring with a [m/m] Padé approximant, m in {3,5,7,9,13}
 * chosen from ||A||_1 (Higham, "The scaling and squaring method for the matrix exponential revisited", SIMAX 2005,
 * Algorithm 2.3). Written here because ml-matrix has no expm.
 *
 * @example
 * expm(fromRows([[0, -Math.PI], [Math.PI, 0]])).data; // returns [-1, 0, 0, -1] (to ~1e-15): a half turn
 */
export function expm(A: DenseMatrix, parameter = 'matrix'): DenseMatrix {
  checkSquare(A, parameter);
  const n = A.rows;
  if (n === 0) return zeros(0, 0);
  // The scaling step squares 2^s times, s = log2(||A||_1 / 5.37): a 1-norm of Infinity (entries near 1e308) would
  // never end. Past 1e100 no exponential is both finite and accurate.
  const nrm = norm1(A);
  if (!(nrm <= 1e100)) throw new ParameterError(parameter, `a matrix with 1-norm ${nrm}`, 'a matrix with 1-norm <= 1e100');
  const E = expmChecked(A);
  // e^800 overflows: a non-finite exponential is bad input (the matrix is too large), never a returned Infinity.
  for (let i = 0; i < E.data.length; i++) {
    if (!Number.isFinite(E.data[i])) throw new ParameterError(parameter, `a matrix with 1-norm ${norm1(A)}`, 'a matrix whose exponential is finite (entries of exp(A) overflow double precision past about e^709)');
  }
  return E;
}

/** expm after the checks. */
function expmChecked(A: DenseMatrix): DenseMatrix {
  const n = A.rows;
  const nrm = norm1(A);
  for (const [m, theta] of THETA.slice(0, 4)) {
    if (nrm <= theta) return padeLow(A, m);
  }
  // Padé 13 with scaling A <- A / 2^s, s = ceil(log2(||A||_1 / theta_13)).
  const s = Math.max(0, Math.ceil(Math.log2(nrm / THETA[4][1])));
  const As = zeros(n, n);
  const sc = 2 ** -s;
  for (let i = 0; i < n * n; i++) As.data[i] = A.data[i] * sc;
  const b = PADE[13];
  const A2 = matmul(As, As), A4 = matmul(A2, A2), A6 = matmul(A4, A2);
  // U = A [A6 (b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I]
  const U1 = matmul(A6, comb(n, [b[13], b[11], b[9]], [A6, A4, A2]));
  const U2 = comb(n, [1, b[7], b[5], b[3], b[1]], [U1, A6, A4, A2]);
  const U = matmul(As, U2);
  // V = A6 (b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I
  const V1 = matmul(A6, comb(n, [b[12], b[10], b[8]], [A6, A4, A2]));
  const V = comb(n, [1, b[6], b[4], b[2], b[0]], [V1, A6, A4, A2]);
  let R = padeSolve(U, V);
  for (let k = 0; k < s; k++) R = matmul(R, R);
  return R;
}

/** [m/m] Padé approximant for m <= 9 (no scaling needed below theta_m). */
function padeLow(A: DenseMatrix, m: number): DenseMatrix {
  const n = A.rows;
  const b = PADE[m];
  // Even powers A^0, A^2, ..., A^(m-1).
  const pows: DenseMatrix[] = [identity(n)];
  const A2 = matmul(A, A);
  for (let k = 1; 2 * k <= m - 1; k++) pows.push(k === 1 ? A2 : matmul(pows[k - 1], A2));
  const Uin = zeros(n, n), V = zeros(n, n);
  for (let k = 0; k < pows.length; k++) {
    for (let i = 0; i < n * n; i++) {
      Uin.data[i] += b[2 * k + 1] * pows[k].data[i];
      V.data[i] += b[2 * k] * pows[k].data[i];
    }
  }
  return padeSolve(matmul(A, Uin), V);
}

/** r_m = (V - U)^{-1} (V + U). */
function padeSolve(U: DenseMatrix, V: DenseMatrix): DenseMatrix {
  const n = U.rows;
  const P = zeros(n, n), Q = zeros(n, n);
  for (let i = 0; i < n * n; i++) { P.data[i] = V.data[i] + U.data[i]; Q.data[i] = V.data[i] - U.data[i]; }
  return solve(Q, P);
}

/**
 * exp(t M) w0, the exact solution of the linear ODE w' = M w (for the lecture's w' = -alpha A w, pass M = -alpha A).
 *
 * @example
 * expmv(fromRows([[0, 1], [-1, 0]]), Math.PI / 2, new Float64Array([1, 0])); // returns ≈ [0, -1]
 */
export function expmv(M: DenseMatrix, t: number, w0: Float64Array, out: Float64Array = new Float64Array(M.rows)): Float64Array {
  checkSquare(M, 'M');
  if (!Number.isFinite(t)) throw new ParameterError('t', t, 'a finite number');
  if (w0.length !== M.rows) throw new ParameterError('w0', w0, `a vector of ${M.rows} entries`);
  const tM = zeros(M.rows, M.cols);
  for (let i = 0; i < tM.data.length; i++) tM.data[i] = t * M.data[i];
  const E = expm(tM);
  const n = M.rows;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += E.data[i * n + j] * w0[j];
    out[i] = s;
  }
  return out;
}

/**
 * A^k for an integer k >= 0 by repeated squaring (the discrete-time solution w_k = (I - alpha A)^k w_0).
 *
 * @example
 * matrixPower(fromRows([[1, 1], [0, 1]]), 5).data; // returns [1, 5, 0, 1]
 */
export function matrixPower(A: DenseMatrix, k: number, parameter = 'k'): DenseMatrix {
  if (!Number.isInteger(k) || k < 0) throw new ParameterError(parameter, k, 'an integer >= 0');
  checkSquare(A, 'matrix');
  let result = identity(A.rows);
  let base = A;
  let e = k;
  while (e > 0) {
    if (e & 1) result = matmul(result, base);
    e = Math.floor(e / 2);
    if (e > 0) base = matmul(base, base);
  }
  return result;
}
