import { checkNumber, ParameterError } from '../errors.js';
import { isDecimal } from '../parse-number.js';
import type { Complex } from '../linalg/complex.js';
import { type DenseMatrix, checkSquare, zeros } from '../linalg/dense.js';
import { eigenvalues } from '../linalg/eig.js';
import { type JordanEigenvalue, jordanStructure } from '../linalg/jordan.js';
import { type Classification, classifyContinuous2d, classifyDiscrete2d } from './classify-2d.js';

/**
 * The lecture's linear dynamics for a (not necessarily symmetric) matrix A and step alpha:
 * continuous w' = -alpha A w (system matrix M = -alpha A) and discrete w_k = (I - alpha A)^k w_0 (B = I - alpha A).
 * `convention: 'plain'` instead reads A as the system matrix itself: w' = A w and w_{k+1} = A w_k.
 */
export interface LinearSystemOptions {
  alpha?: number;
  convention?: 'lecture' | 'plain';
}

/** The continuous-time and discrete-time system matrices M and B of A under a convention. */
export function linearSystemMatrices(A: DenseMatrix, { alpha = 1, convention = 'lecture' }: LinearSystemOptions = {}): { M: DenseMatrix; B: DenseMatrix } {
  checkNumber('alpha', alpha, { min: 0, minExclusive: true });
  if (A.rows !== A.cols) throw new ParameterError('matrix', `${A.rows}x${A.cols}`, 'a square matrix');
  const n = A.rows;
  const M = zeros(n, n), B = zeros(n, n);
  for (let i = 0; i < n * n; i++) {
    M.data[i] = convention === 'plain' ? A.data[i] : -alpha * A.data[i];
    B.data[i] = convention === 'plain' ? A.data[i] : -alpha * A.data[i];
  }
  if (convention !== 'plain') for (let i = 0; i < n; i++) B.data[i * n + i] += 1;
  return { M, B };
}

export interface LinearAnalysis {
  /** Eigenvalues of A (not of M or B), sorted by descending modulus. */
  eigenvalues: Complex[];
  jordan: JordanEigenvalue[];
  /** Classification of w' = M w (2x2 only; null otherwise). */
  continuous: Classification | null;
  /** Classification of w_{k+1} = B w_k (2x2 only; null otherwise). */
  discrete: Classification | null;
  M: DenseMatrix;
  B: DenseMatrix;
}

/**
 * Eigenvalues, Jordan structure and the continuous- and discrete-time classification of the lecture's linear system.
 * With the lecture's sign, A = [[0, 1], [-1, 0]] and alpha = 1 give a centre in continuous time
 * (M = -A is a rotation generator) and an unstable spiral in discrete time (B = I - A has det 2).
 *
 * @example
 * analyzeLinearSystem(fromRows([[0, 1], [-1, 0]])).discrete; // returns { type: 'spiral', stable: false }
 */
export function analyzeLinearSystem(A: DenseMatrix, options: LinearSystemOptions = {}): LinearAnalysis {
  checkSquare(A, 'A');
  const { M, B } = linearSystemMatrices(A, options);
  for (const x of [...M.data, ...B.data]) {
    if (!Number.isFinite(x) || Math.abs(x) > 1e150) throw new ParameterError('alpha', options.alpha ?? 1, 'a step whose system matrices -alpha A and I - alpha A stay within 1e150 in magnitude');
  }
  const is2 = A.rows === 2;
  return {
    eigenvalues: eigenvalues(A),
    jordan: jordanStructure(A),
    continuous: is2 ? classifyContinuous2d(M) : null,
    discrete: is2 ? classifyDiscrete2d(B) : null,
    M,
    B,
  };
}

/**
 * Parse a matrix written row by row, "a,b;c,d" (rows separated by ';', entries by ',').
 *
 * @example
 * parseMatrix('1,2;3,4').data; // returns [1, 2, 3, 4]
 */
export function parseMatrix(text: string, parameter = '--matrix'): DenseMatrix {
  const rows = text.split(';').map((r) => r.split(',').map((s) => s.trim()));
  const n = rows[0].length;
  for (const r of rows) {
    if (r.length !== n) throw new ParameterError(parameter, text, `rows of equal length, "a,b;c,d" (row lengths ${rows.map((q) => q.length).join(', ')})`);
    for (const s of r) if (!isDecimal(s) || !Number.isFinite(Number(s))) throw new ParameterError(parameter, text, `finite numbers, "a,b;c,d" (bad entry ${JSON.stringify(s)})`);
  }
  const A = zeros(rows.length, n);
  rows.forEach((r, i) => r.forEach((s, j) => { A.data[i * n + j] = Number(s); }));
  return A;
}
