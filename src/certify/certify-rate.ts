import { checkNumber, ParameterError } from '../errors.js';
import { type IqcKind, type IqcLmi, iqcLmi, iqcMarginSdp } from './iqc-lmi.js';
import { solveSdp } from './solve-sdp.js';
import { type StateSpace, checkStateSpace } from './state-space.js';
import { jacobiEigenvalues } from './jacobi-eigenvalues.js';
import { quadraticRateBound } from './quadratic-rate-bound.js';

export interface IqcQuery {
  /** Checked margin min(λmin(P), −λmax(LMI)) at the solver's (P, λ) with λ clipped to >= 0; certified iff > 0. */
  margin: number;
  /** The solver's optimal s (before the check). */
  s: number;
  status: string;
  P: number[][];
  lambda: number[];
}

/**
 * Solve the margin SDP of Lessard et al. Theorem 4 at a fixed ρ and check the certificate exactly: the returned
 * (P, λ) certifies ‖ξ_k − ξ*‖ <= √cond(P) ρ^k ‖ξ_0 − ξ*‖ for every f ∈ S(μ, L) iff `margin` > 0.
 * The problem is first scaled to L = 1 (B ← L B, D ← L D, μ ← μ/L), which leaves rates unchanged.
 *
 * @example
 * iqcQuery({ A: [[1]], B: [-0.5], C: [1], D: 0 }, 1, 1.5, 0.6, 'sector').margin > 0; // returns true (GD rate 0.5)
 */
export function iqcQuery(ss: StateSpace, mu: number, L: number, rho: number, kind: IqcKind = 'weighted'): IqcQuery {
  const scaled: StateSpace = { A: ss.A, B: ss.B.map((v) => v * L), C: ss.C, D: ss.D * L };
  const lmi = iqcLmi(scaled, mu / L, 1, rho, kind);
  const sdp = iqcMarginSdp(lmi);
  const sIndex = sdp.b.length - 1;
  let early: { margin: number; P: number[][]; lambda: number[] } | null = null;
  const res = solveSdp(sdp, {
    tolerance: 1e-9,
    maxIterations: 80,
    // Stop as soon as the sign is decided: a dual iterate with a checked positive margin is a certificate
    // already; a nearly feasible primal with −C•X < 0 bounds s* below zero (then ρ is not certifiable).
    onIteration: (it) => {
      if (it.y[sIndex] > 0) {
        const c = checkMargin(lmi, it.y);
        if (c.margin > 0) { early = c; return true; }
      }
      return it.primalInfeasibility < 1e-7 && it.dualInfeasibility < 1e-7 && -it.primalObjective < 0
        && Math.abs(it.primalObjective - it.dualObjective) < 0.1 * Math.abs(it.primalObjective);
    },
  });
  const c = early ?? checkMargin(lmi, res.y);
  return { ...c, s: res.y[sIndex], status: res.status };
}

/** Exact check of a margin-SDP dual vector y: rebuild P (with P_00 = 1 − Σ P_pp) and λ ≥ 0, return the margin. */
function checkMargin(lmi: IqcLmi, y: Float64Array): { margin: number; P: number[][]; lambda: number[] } {
  const { nP, pairs, basisP, basisLambda } = lmi;
  const N = nP + 1;
  const P = Array.from({ length: nP }, () => new Array<number>(nP).fill(0));
  const M = new Float64Array(N * N);
  // P_00 = 1 − Σ_{p>0} P_pp (the trace normalisation eliminated from the SDP).
  let p00 = 1;
  pairs.forEach(([p, q], t) => { if (t > 0 && p === q) p00 -= y[t - 1]; });
  pairs.forEach(([p, q], t) => {
    const v = t === 0 ? p00 : y[t - 1];
    P[p][q] = v; P[q][p] = v;
    for (let i = 0; i < N * N; i++) M[i] += v * basisP[t][i];
  });
  const lambda = basisLambda.map((Q, j) => {
    const l = Math.max(0, y[pairs.length - 1 + j]);
    for (let i = 0; i < N * N; i++) M[i] += l * Q[i];
    return l;
  });
  const Pflat = Float64Array.from(P.flat());
  const finite = M.every(Number.isFinite) && Pflat.every(Number.isFinite);
  const lmaxLmi = finite ? jacobiEigenvalues(M, N)[N - 1] : NaN;
  const lminP = finite ? jacobiEigenvalues(Pflat, nP)[0] : NaN;
  const margin = finite ? Math.min(lminP, -lmaxLmi) : -Infinity;
  return { margin, P, lambda };
}

export interface CertifiedRate {
  /** Smallest certified ρ (to `tolerance`), or null when no ρ < 1 is certified. */
  rate: number | null;
  certified: boolean;
  bisectionSteps: number;
  /** Lower end of the bisection: the largest spectral radius on the quadratics h y²/2, h ∈ {μ, L}. */
  lowerBound: number;
  solveMs: number;
}

/**
 * The smallest ρ certified by the IQC analysis of Lessard, Recht, Packard (2016), by bisection on ρ ∈ [ρ_q, 1] to
 * `tolerance` (default 1e-7), where ρ_q = max spectral radius of the algorithm on f = μ y²/2 and f = L y²/2 (no
 * smaller ρ can hold for those functions, so the search starts there). The ends are probed first (ρ_q + tolerance,
 * then 1 − tolerance), which settles GD (rate = ρ_q) and uncertifiable methods in one or two SDPs.
 * `rate` is the upper end of the final bracket: always a certified ρ. `bisectionSteps` counts the SDPs solved.
 *
 * @example
 * certifyRate({ A: [[1]], B: [-0.5], C: [1], D: 0 }, 1, 1.5).rate; // returns 0.5 (to 1e-7): GD, max|1 − αh|
 */
export function certifyRate(ss: StateSpace, mu: number, L: number, { iqc = 'weighted' as IqcKind, tolerance = 1e-7 } = {}): CertifiedRate {
  checkStateSpace(ss);
  checkNumber('L', L, { min: 0, minExclusive: true });
  checkNumber('mu', mu, { min: 0, minExclusive: true, max: L, maxExclusive: true });
  checkNumber('tolerance', tolerance, { min: 1e-12, max: 0.1 });
  if (!['sector', 'off-by-one', 'weighted'].includes(iqc)) throw new ParameterError('iqc', iqc, 'sector | off-by-one | weighted');
  const t0 = performance.now();
  const lowerBound = quadraticRateBound(ss, mu, L);
  let lo = Math.min(lowerBound, 1) - 1e-12, hi = 1, steps = 0, found = false;
  const certifies = (rho: number): boolean => { steps++; return iqcQuery(ss, mu, L, rho, iqc).margin > 0; };
  if (lowerBound < 1) {
    // Two end probes first: just above the lower bound (GD's rate is attained there, so one SDP settles it) and
    // just below 1 (if even that fails, no ρ < 1 is certified); then plain bisection on what is left.
    const low = Math.min(lowerBound + tolerance, 1 - tolerance);
    if (certifies(low)) { hi = low; found = true; lo = hi; } else if (!certifies(1 - tolerance)) { lo = hi; } else { lo = low; hi = 1 - tolerance; found = true; }
    while (hi - lo > tolerance) {
      const mid = 0.5 * (lo + hi);
      if (certifies(mid)) { hi = mid; found = true; } else lo = mid;
    }
  }
  return { rate: found ? hi : null, certified: found, bisectionSteps: steps, lowerBound, solveMs: performance.now() - t0 };
}
