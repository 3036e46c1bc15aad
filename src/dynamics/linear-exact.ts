import { type DenseMatrix, checkSquare } from '../linalg/dense.js';
import { expm } from '../linalg/expm.js';
import { ParameterError } from '../errors.js';
import { checkIvp } from './fixed-step.js';
import type { OdeResult } from './ode-result.js';

/**
 * The exact solution of the linear system w' = M w at the given times, w(t) = exp((t - t0) M) w0 (matrix exponential
 * by Padé scaling and squaring); exact up to rounding, so it is the reference for the other integrators.
 * For the lecture's w' = -alpha A w pass M = -alpha A.
 *
 * @example
 * odeLinearExact(fromRows([[0, 1], [-1, 0]]), [0, Math.PI], [1, 0]).yEnd; // returns ≈ [-1, 0]
 */
export function odeLinearExact(M: DenseMatrix, times: ArrayLike<number>, w0: ArrayLike<number>): OdeResult {
  if (times.length < 1) throw new ParameterError('times', '[]', 'at least one time');
  checkIvp([times[0], times[times.length - 1]], w0);
  const n = M.rows;
  if (M.cols !== n || w0.length !== n) throw new ParameterError('w0', w0.length, `a vector of length ${n} for a ${M.rows}x${M.cols} matrix`);
  checkSquare(M, 'M');
  let t = Float64Array.from(times);
  let y = new Float64Array(t.length * n);
  const tM: DenseMatrix = { rows: n, cols: n, data: new Float64Array(n * n) };
  let status: OdeResult['status'] = 'success', message = '';
  for (let k = 0; k < t.length; k++) {
    const s = t[k] - t[0];
    for (let i = 0; i < n * n; i++) tM.data[i] = s * M.data[i];
    let finite = true;
    try {
      const E = expm(tM);
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += E.data[i * n + j] * w0[j];
        y[k * n + i] = acc;
        if (!Number.isFinite(acc)) finite = false;
      }
    } catch (err) {
      if (!(err instanceof ParameterError)) throw err;
      finite = false; // exp((t - t0) M) overflows: the solution left the doubles
    }
    if (!finite) {
      // Divergence is a result (as for the other integrators): the rows before it, status 'diverged'.
      status = 'diverged'; message = `the solution overflows at t = ${t[k]}`;
      t = t.slice(0, Math.max(k, 1)); y = y.slice(0, t.length * n);
      break;
    }
  }
  return {
    t, y, dim: n, tEnd: t[t.length - 1], yEnd: y.slice((t.length - 1) * n),
    stats: { steps: t.length - 1, rejected: 0, nfev: 0 }, status, message,
  };
}
