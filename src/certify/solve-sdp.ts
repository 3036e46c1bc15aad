import { ParameterError, checkNumber } from '../errors.js';
import { type BlockMatrix, type SdpProblem, entriesToBlocks, zeroBlocks } from './problem.js';
import { prepareSdpData } from './sdp-data.js';
import { applyA, applyAT, schurComplement } from './sdp-operators.js';
import { blockMul, frob, symmetrize } from './block-ops.js';
import { cholesky, choleskyInverse, choleskySolve } from './cholesky.js';
import { stepToBoundary } from './step-to-boundary.js';
import { minEigenvalueBlocks } from './min-eigenvalue-blocks.js';

export type SdpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'unknown';

export interface SdpOptions {
  /** Stop when relative gap, primal and dual infeasibility are all <= tolerance (default 1e-8). */
  tolerance?: number;
  maxIterations?: number;
  /** Tolerance of the infeasibility / unboundedness certificates (default 1e-8). */
  infeasibilityTolerance?: number;
  /**
   * Called once per iteration with the current iterate; returning true stops the solver early with status
   * 'unknown' and message 'stopped by onIteration' (used by the IQC bisection once the sign of the margin is decided).
   */
  onIteration?: (state: SdpIterate) => boolean;
  /**
   * Fraction of the step to the boundary (default adaptive, 0.9 + 0.05 min(predictor steps)). When the default run
   * ends in a numerical failure it is retried once with 0.7, which is slower but more robust on degenerate problems.
   */
  stepFraction?: number;
}

/** What `onIteration` sees: the dual vector y (live, do not keep), objectives and scaled residuals. */
export interface SdpIterate {
  iteration: number;
  y: Float64Array;
  primalObjective: number;
  dualObjective: number;
  relativeGap: number;
  primalInfeasibility: number;
  dualInfeasibility: number;
}

export interface SdpResult {
  status: SdpStatus;
  /** Primal max C•X (CSDP's "primal objective"). */
  primalObjective: number;
  /** Dual min bᵀy. */
  dualObjective: number;
  X: BlockMatrix;
  y: Float64Array;
  Z: BlockMatrix;
  iterations: number;
  /** |bᵀy − C•X| / (1 + |bᵀy| + |C•X|). */
  relativeGap: number;
  /** ‖A(X) − b‖₂ / (1 + ‖b‖₂). */
  primalInfeasibility: number;
  /** ‖Σ y_k A_k − Z − C‖_F / (1 + ‖C‖_F). */
  dualInfeasibility: number;
  message: string;
}

/**
 * Solve a block-diagonal SDP (max C•X s.t. A(X) = b, X ⪰ 0; dual min bᵀy s.t. Aᵀy − C = Z ⪰ 0) by the infeasible
 * primal–dual interior-point method with the HKM search direction and Mehrotra's predictor–corrector, as in CSDP.
 * Statuses: 'optimal' (gap and infeasibilities <= tolerance); 'infeasible' only with a certificate y, bᵀy = −1,
 * λmin(Aᵀy) >= −tol (returned in `y`); 'unbounded' only with a ray X ⪰ 0, C•X = 1, ‖A(X)‖ <= tol (in `X`);
 * 'unknown' for every numerical failure, returning the most accurate iterate seen (a run that stalls within 1e-4
 * for 15 iterations, or fails numerically, is retried once with step fraction 0.7; the better run is returned).
 * References: Helmberg, Rendl, Vanderbei, Wolkowicz, SIAM J. Optim. 6 (1996); Kojima, Shindoh, Hara, SIAM J.
 * Optim. 7 (1997); Monteiro (1997); Borchers, CSDP (1999); Mehrotra (1992).
 *
 * @example
 * solveSdp(readSdpa('1\n1\n2\n1\n0 1 1 1 1\n1 1 1 1 1\n1 1 2 2 1\n')).primalObjective; // returns 1 (to 1e-8)
 */
export function solveSdp(problem: SdpProblem, options: SdpOptions = {}): SdpResult {
  const first = solveOnce(problem, options);
  if (first.status !== 'unknown' || options.stepFraction !== undefined || !NUMERICAL_FAILURE.test(first.message)) return first;
  const second = solveOnce(problem, { ...options, stepFraction: 0.7 });
  // Both runs failed: return the more accurate one.
  const accuracy = (r: SdpResult) => Math.max(r.relativeGap, r.primalInfeasibility, r.dualInfeasibility);
  const better = second.status !== 'unknown' || !(accuracy(first) < accuracy(second)) ? second : first;
  better.iterations = first.iterations + second.iterations;
  better.message = better === second ? `${second.message} (after a retry with step fraction 0.7: ${first.message})`
    : `${first.message} (a retry with step fraction 0.7 ended less accurate: ${second.message})`;
  return better;
}

const NUMERICAL_FAILURE = /lost positive definiteness|not positive definite|step lengths vanished|non-finite|no progress/;

/**
 * Iterations without a new most accurate iterate after which a run that got within 1e-4 counts as stalled (runs
 * heading for an infeasibility or unboundedness certificate never get that close, and are left to run).
 */
const STALL_ITERATIONS = 15;

function solveOnce(problem: SdpProblem, options: SdpOptions): SdpResult {
  const { tolerance = 1e-8, maxIterations = 100, infeasibilityTolerance = 1e-8, onIteration, stepFraction } = options;
  if (stepFraction !== undefined) checkNumber('stepFraction', stepFraction, { min: 0.1, max: 1, maxExclusive: true });
  checkNumber('tolerance', tolerance, { min: 0, minExclusive: true, max: 1 });
  checkNumber('maxIterations', maxIterations, { min: 1, integer: true });
  validate(problem);
  const { blocks, b } = problem;
  const m = b.length;
  const data = prepareSdpData(problem);
  const C = entriesToBlocks(blocks, problem.C);
  const nTotal = blocks.reduce((s, blk) => s + blk.n, 0);
  const len = (i: number) => (blocks[i].kind === 'sdp' ? blocks[i].n * blocks[i].n : blocks[i].n);
  const nb = blocks.length;
  const alloc = () => zeroBlocks(blocks);
  const bestDX = alloc(), bestDZ = alloc(), bestDy = new Float64Array(b.length);
  const X = alloc(), Z = alloc(), Zinv = alloc(), Fd = alloc(), dX = alloc(), dZ = alloc(), dXp = alloc(), dZp = alloc();
  const Lx = alloc(), Lz = alloc(), G = alloc(), T1 = alloc(), T2 = alloc(), W = alloc();
  const y = new Float64Array(m), dy = new Float64Array(m), dyp = new Float64Array(m), rhs = new Float64Array(m), Ax = new Float64Array(m);
  const O = new Float64Array(m * m), O0 = new Float64Array(m * m), res0 = new Float64Array(m), du = new Float64Array(m);
  const normB = Math.hypot(...b);
  // Initial point of CSDP (Borchers 1999, section 4): X = 10 a I, Z = 10 c I, y = 0.
  let a0 = 0, c0 = data.normC;
  for (let k = 0; k < m; k++) { a0 = Math.max(a0, (1 + Math.abs(b[k])) / (1 + data.normA[k])); c0 = Math.max(c0, data.normA[k]); }
  const xi = 10 * Math.max(1, nTotal * a0), eta = 10 * Math.max(1, (1 + c0) / Math.sqrt(nTotal));
  for (let i = 0; i < nb; i++) {
    const n = blocks[i].n;
    for (let j = 0; j < n; j++) {
      const d = blocks[i].kind === 'sdp' ? j * n + j : j;
      X[i][d] = xi; Z[i][d] = eta;
    }
  }
  const result = (status: SdpStatus, iterations: number, message: string, r: { pobj: number; dobj: number; gap: number; pinf: number; dinf: number }): SdpResult => ({
    status, primalObjective: r.pobj, dualObjective: r.dobj, X, y, Z, iterations,
    relativeGap: r.gap, primalInfeasibility: r.pinf, dualInfeasibility: r.dinf, message,
  });
  // The most accurate iterate so far (max of gap, X•Z and residuals, all relative): a run that fails returns it, as
  // CSDP does, rather than whatever the last step left.
  const bestX = alloc(), bestZ = alloc(), bestY = new Float64Array(m);
  let best = { meas: Infinity, iter: -1, r: { pobj: NaN, dobj: NaN, gap: NaN, pinf: NaN, dinf: NaN } };
  const fail = (iter: number, message: string): SdpResult => {
    if (best.iter < 0 || best.iter === iter) return result('unknown', iter, message, last);
    for (let i = 0; i < nb; i++) { X[i].set(bestX[i]); Z[i].set(bestZ[i]); }
    y.set(bestY);
    return result('unknown', iter, `${message}; returned iterate ${best.iter}, the most accurate`, best.r);
  };
  let stall = 0, accuracy = Infinity;
  let last = { pobj: NaN, dobj: NaN, gap: NaN, pinf: NaN, dinf: NaN };
  for (let iter = 0; iter <= maxIterations; iter++) {
    // Residuals: Fp = b − A(X), Fd = Aᵀy − Z − C.
    applyA(blocks, data, X, Ax);
    let pr = 0;
    for (let k = 0; k < m; k++) pr += (b[k] - Ax[k]) ** 2;
    applyAT(blocks, data, y, Fd);
    let dr = 0, pobj = 0, xz = 0;
    for (let i = 0; i < nb; i++) {
      const f = Fd[i], z = Z[i], c = C[i], L = len(i);
      for (let t = 0; t < L; t++) { f[t] -= z[t] + c[t]; dr += f[t] * f[t]; }
      pobj += frob(c, X[i], L);
      xz += frob(X[i], z, L);
    }
    let dobj = 0;
    for (let k = 0; k < m; k++) dobj += b[k] * y[k];
    const gap = Math.abs(dobj - pobj) / (1 + Math.abs(dobj) + Math.abs(pobj));
    const pinf = Math.sqrt(pr) / (1 + normB), dinf = Math.sqrt(dr) / (1 + data.normC);
    last = { pobj, dobj, gap, pinf, dinf };
    if (![pobj, dobj, pinf, dinf, xz].every(Number.isFinite)) return fail(iter, 'non-finite iterate');
    const xzRel = xz / (1 + Math.abs(dobj) + Math.abs(pobj));
    if (gap <= tolerance && xzRel <= tolerance && pinf <= tolerance && dinf <= tolerance) return result('optimal', iter, 'converged', last);
    const meas = Math.max(gap, xzRel, pinf, dinf);
    accuracy = meas;
    if (meas < best.meas) {
      best = { meas, iter, r: last };
      for (let i = 0; i < nb; i++) { bestX[i].set(X[i]); bestZ[i].set(Z[i]); }
      bestY.set(y);
    } else if (iter - best.iter >= STALL_ITERATIONS && best.meas <= 1e-4 && !onIteration) return fail(iter, `no progress in ${STALL_ITERATIONS} iterations`);
    if (onIteration && onIteration({
      iteration: iter, y, primalObjective: pobj, dualObjective: dobj, relativeGap: gap, primalInfeasibility: pinf, dualInfeasibility: dinf,
    })) return result('unknown', iter, 'stopped by onIteration', last);
    // Infeasibility certificates (checked exactly on the current iterate, never inferred from a failure).
    // (Only while the primal is still infeasible: a converging feasible problem cannot yield such a certificate.)
    if (dobj < 0 && iter > 0 && pinf > tolerance) {
      for (let k = 0; k < m; k++) dy[k] = y[k] / -dobj;
      applyAT(blocks, data, dy, W);
      if (minEigenvalueBlocks(blocks, W) >= -infeasibilityTolerance) {
        y.set(dy);
        return result('infeasible', iter, 'primal infeasible: y with bᵀy = −1 and Aᵀy ⪰ 0 (up to tolerance)', last);
      }
    }
    if (pobj > 0 && iter > 0) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (Ax[k] / pobj) ** 2;
      if (Math.sqrt(s) <= infeasibilityTolerance && xz > 0) {
        for (let i = 0; i < nb; i++) X[i].forEach((v, t, arr) => { arr[t] = v / pobj; });
        return result('unbounded', iter, 'dual infeasible: X ⪰ 0 with C•X = 1 and A(X) = 0 (up to tolerance)', last);
      }
    }
    if (iter === maxIterations) break;
    // Factor X and Z, form Z⁻¹ and the Schur complement.
    for (let i = 0; i < nb; i++) {
      const n = blocks[i].n;
      if (blocks[i].kind === 'diag') { for (let t = 0; t < n; t++) Zinv[i][t] = 1 / Z[i][t]; continue; }
      Lx[i].set(X[i]); Lz[i].set(Z[i]);
      if (!cholesky(Lx[i], n)) return fail(iter, `lost positive definiteness of X (block ${i + 1})`);
      if (!cholesky(Lz[i], n)) return fail(iter, `lost positive definiteness of Z (block ${i + 1})`);
      choleskyInverse(Lz[i], n, Zinv[i], T1[i]);
    }
    schurComplement(blocks, data, X, Zinv, O, G, T1);
    O0.set(O);
    if (!cholesky(O, m)) {
      // One regularisation attempt, then give up honestly.
      schurComplement(blocks, data, X, Zinv, O, G, T1);
      let dmax = 0;
      for (let k = 0; k < m; k++) dmax = Math.max(dmax, O[k * m + k]);
      for (let k = 0; k < m; k++) O[k * m + k] += 1e-13 * dmax;
      O0.set(O);
      if (!cholesky(O, m)) return fail(iter, 'Schur complement not positive definite');
    }
    const mu = xz / nTotal;
    // Predictor (affine scaling) direction, then Mehrotra's corrector with sigma = (mu_aff / mu)^3.
    direction(0, false, dXp, dyp, dZp);
    const ap = Math.min(1, stepToBoundary(blocks, X, Lx, dXp, T1, T2));
    const ad = Math.min(1, stepToBoundary(blocks, Z, Lz, dZp, T1, T2));
    let xzAff = 0;
    for (let i = 0; i < nb; i++) {
      const L = len(i), x = X[i], z = Z[i], ddx = dXp[i], ddz = dZp[i];
      for (let t = 0; t < L; t++) xzAff += (x[t] + ap * ddx[t]) * (z[t] + ad * ddz[t]);
    }
    let sigma = Math.min(1, Math.max(0, xzAff / xz) ** 3);
    // Keep complementarity from running ahead of infeasibility (it would pin X or Z to the boundary and stall
    // the lagging side): while a residual exceeds the relative complementarity, centre more.
    if (Math.max(pinf, dinf) > 10 * xzRel) sigma = Math.max(sigma, 0.5);
    direction(sigma * mu, true, dX, dy, dZ);
    const gamma = stepFraction ?? 0.9 + 0.05 * Math.min(ap, ad);
    const alphaP = Math.min(1, gamma * stepToBoundary(blocks, X, Lx, dX, T1, T2));
    const alphaD = Math.min(1, gamma * stepToBoundary(blocks, Z, Lz, dZ, T1, T2));
    if (!(alphaP > 1e-12) && !(alphaD > 1e-12)) {
      if (++stall >= 3) return fail(iter, 'step lengths vanished');
    } else stall = 0;
    for (let i = 0; i < nb; i++) {
      const L = len(i), x = X[i], z = Z[i], ddx = dX[i], ddz = dZ[i];
      for (let t = 0; t < L; t++) { x[t] += alphaP * ddx[t]; z[t] += alphaD * ddz[t]; }
      if (blocks[i].kind === 'sdp') { symmetrize(x, blocks[i].n); symmetrize(z, blocks[i].n); }
    }
    for (let k = 0; k < m; k++) y[k] += alphaD * dy[k];
  }
  return fail(maxIterations, `iteration limit reached (gap ${last.gap.toExponential(2)}, pinf ${last.pinf.toExponential(2)}, dinf ${last.dinf.toExponential(2)})`);

  /** O dy = r by the Cholesky factor and two steps of iterative refinement against O0 (the Schur matrix is ill-conditioned near the end). */
  function solveSchur(r: Float64Array): void {
    res0.set(r);
    choleskySolve(O, m, r);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < m; i++) {
        let s = res0[i];
        for (let k = 0; k < m; k++) s -= O0[i * m + k] * r[k];
        rhs[i] = s;
      }
      choleskySolve(O, m, rhs);
      for (let i = 0; i < m; i++) r[i] += rhs[i];
    }
  }

  /**
   * HKM direction for target mu (and Mehrotra's second-order term dXp dZp when `corrector`):
   * O dy = A(mu Z⁻¹ − (X Fd + E) Z⁻¹) − b, dZ = Aᵀdy + Fd, dX = sym(mu Z⁻¹ − X − (X dZ + E) Z⁻¹).
   */
  function direction(muT: number, corrector: boolean, ddX: BlockMatrix, ddy: Float64Array, ddZ: BlockMatrix): void {
    for (let i = 0; i < nb; i++) {
      const n = blocks[i].n, x = X[i], zi = Zinv[i], f = Fd[i], w = W[i];
      if (blocks[i].kind === 'diag') {
        for (let t = 0; t < n; t++) w[t] = muT * zi[t] - (x[t] * f[t] + (corrector ? dXp[i][t] * dZp[i][t] : 0)) * zi[t];
        continue;
      }
      blockMul(x, f, n, T1[i]);
      if (corrector) { blockMul(dXp[i], dZp[i], n, T2[i]); for (let t = 0; t < n * n; t++) T1[i][t] += T2[i][t]; }
      blockMul(T1[i], zi, n, T2[i]);
      for (let t = 0; t < n * n; t++) w[t] = muT * zi[t] - T2[i][t];
    }
    applyA(blocks, data, W, rhs);
    for (let k = 0; k < m; k++) ddy[k] = rhs[k] - b[k];
    solveSchur(ddy);
    applyAT(blocks, data, ddy, ddZ);
    for (let i = 0; i < nb; i++) {
      const n = blocks[i].n, L = len(i), x = X[i], zi = Zinv[i], dz = ddZ[i], dx = ddX[i];
      for (let t = 0; t < L; t++) dz[t] += Fd[i][t];
      if (blocks[i].kind === 'diag') {
        for (let t = 0; t < n; t++) dx[t] = muT * zi[t] - x[t] - (x[t] * dz[t] + (corrector ? dXp[i][t] * dZp[i][t] : 0)) * zi[t];
        continue;
      }
      blockMul(x, dz, n, T1[i]);
      if (corrector) { blockMul(dXp[i], dZp[i], n, T2[i]); for (let t = 0; t < n * n; t++) T1[i][t] += T2[i][t]; }
      blockMul(T1[i], zi, n, T2[i]);
      for (let t = 0; t < L; t++) dx[t] = muT * zi[t] - x[t] - T2[i][t];
      symmetrize(dx, n);
    }
    // (The predictor only sets sigma and the step fraction: refining the corrector, the step taken, is enough; and
    // only near the end, where the error matters: earlier it is far below the residual the step removes.)
    if (corrector && accuracy <= 1e-4) refinePrimal(ddX, ddy, ddZ);
  }

  /**
   * Iterative refinement of the Newton system against its primal equation A(dX) = b − A(X), as CSDP does (Borchers,
   * sdp.c: O dy = r refined against the operator itself). Near a degenerate optimum the Schur complement has
   * condition ~1e16 and A(X dZ Z⁻¹), evaluated through dX, differs from O dy by far more than the tolerance: left
   * alone, that drift makes the primal residual grow once the gap is below ~1e-7 (10 of the 210 PEP SDPs stalled).
   * Each pass: e = A(dX) − (b − A(X)), O u = e, dy += u, dZ += Aᵀu, dX −= sym(X Aᵀu Z⁻¹); at most 10 passes,
   * stopping when e is 1e-3 below the tolerance (or the residual) or stops halving; the best pass is kept.
   */
  function refinePrimal(ddX: BlockMatrix, ddy: Float64Array, ddZ: BlockMatrix): void {
    let rp2 = 0;
    for (let k = 0; k < m; k++) rp2 += (b[k] - Ax[k]) ** 2;
    const threshold = 1e-3 * Math.max(tolerance * (1 + normB), Math.sqrt(rp2));
    let best = Infinity, slow = 0;
    for (let pass = 0; ; pass++) {
      applyA(blocks, data, ddX, du);
      let e2 = 0;
      for (let k = 0; k < m; k++) { du[k] -= b[k] - Ax[k]; e2 += du[k] * du[k]; }
      const err = Math.sqrt(e2);
      if (pass === 0 && err <= threshold) return;
      if (!(err < 0.5 * best)) slow++;
      if (err < best) { best = err; copyDirection(ddX, ddy, ddZ, bestDX, bestDy, bestDZ); }
      if (err <= threshold || slow >= 2 || pass >= 10 || !Number.isFinite(err)) {
        if (!(err <= best)) copyDirection(bestDX, bestDy, bestDZ, ddX, ddy, ddZ);
        return;
      }
      choleskySolve(O, m, du); // (this loop is itself the refinement: no inner passes against O0)
      for (let k = 0; k < m; k++) ddy[k] += du[k];
      applyAT(blocks, data, du, W);
      for (let i = 0; i < nb; i++) {
        const n = blocks[i].n, L = len(i), x = X[i], zi = Zinv[i], w = W[i], dz = ddZ[i], dx = ddX[i];
        for (let t = 0; t < L; t++) dz[t] += w[t];
        if (blocks[i].kind === 'diag') { for (let t = 0; t < n; t++) dx[t] -= x[t] * w[t] * zi[t]; continue; }
        blockMul(x, w, n, T1[i]);
        blockMul(T1[i], zi, n, T2[i]);
        for (let t = 0; t < L; t++) dx[t] -= T2[i][t];
        symmetrize(dx, n);
      }
    }
  }

  function copyDirection(sX: BlockMatrix, sy: Float64Array, sZ: BlockMatrix, oX: BlockMatrix, oy: Float64Array, oZ: BlockMatrix): void {
    oy.set(sy);
    for (let i = 0; i < nb; i++) { oX[i].set(sX[i]); oZ[i].set(sZ[i]); }
  }
}

/** Largest magnitude of an SDP data entry (b, C, A_k) that solveSdp accepts. */
export const SDP_MAX_ENTRY = 1e30;

function validate(problem: SdpProblem): void {
  const { blocks, b, A, C } = problem;
  if (!blocks.length) throw new ParameterError('problem.blocks', blocks.length, 'at least one block');
  blocks.forEach((blk, i) => checkNumber(`problem.blocks[${i}].n`, blk.n, { min: 1, integer: true }));
  if (A.length !== b.length) throw new ParameterError('problem.A', A.length, `one constraint matrix per entry of b (${b.length})`);
  if (!b.length) throw new ParameterError('problem.b', 0, 'at least one constraint');
  // Entries beyond 1e30 overflow the interior-point iterates (products of X, Z and the data): a clear error instead.
  const entry = { min: -SDP_MAX_ENTRY, max: SDP_MAX_ENTRY };
  b.forEach((v, k) => checkNumber(`problem.b[${k}]`, v, entry));
  const checkEntries = (es: readonly { block: number; i: number; j: number; v: number }[], name: string) => es.forEach((e, t) => {
    const blk = blocks[e.block];
    if (!blk) throw new ParameterError(`${name}[${t}].block`, e.block, `a block index in [0, ${blocks.length - 1}]`);
    if (!(Number.isInteger(e.i) && Number.isInteger(e.j) && e.i >= 0 && e.j >= e.i && e.j < blk.n)) {
      throw new ParameterError(`${name}[${t}]`, `(${e.i}, ${e.j})`, `0 <= i <= j < ${blk.n}`);
    }
    if (blk.kind === 'diag' && e.i !== e.j) throw new ParameterError(`${name}[${t}]`, `(${e.i}, ${e.j})`, 'i = j in a diagonal block');
    checkNumber(`${name}[${t}].v`, e.v, entry);
  });
  checkEntries(C, 'problem.C');
  A.forEach((es, k) => checkEntries(es, `problem.A[${k}]`));
}
