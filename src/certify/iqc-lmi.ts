import type { SdpEntry, SdpProblem } from './problem.js';
import type { StateSpace } from './state-space.js';

/** Which IQCs describe ∇f for f ∈ S(m, L): see `iqcMultipliers`. */
export type IqcKind = 'sector' | 'off-by-one' | 'weighted';

/**
 * The off-by-one family of IQCs (Lessard, Recht, Packard 2016, Lemmas 6, 8 and 10) for u = ∇f(y), f ∈ S(m, L):
 *   ζ_{k+1} = −L y_k + u_k,  z = [L y_k − u_k + τ ζ_k ; u_k − m y_k],  M = [[0, 1], [1, 0]],
 * ρ-hard for every τ ∈ [0, ρ²]. τ = 0 is the sector IQC (Lemma 6: (L y − u)(u − m y) ≥ 0), τ = ρ² the weighted
 * off-by-one IQC (Lemma 10). 'sector' uses τ = 0 only, 'off-by-one' τ = ρ² only, 'weighted' both (two multipliers).
 *
 * @example
 * iqcMultipliers('weighted', 0.9); // returns [0, 0.81]
 */
export function iqcMultipliers(kind: IqcKind, rho: number): number[] {
  return kind === 'sector' ? [0] : kind === 'off-by-one' ? [rho * rho] : [0, rho * rho];
}

/** Dense matrices of the LMI of Theorem 4, as functions of the decision variables (P, λ). */
export interface IqcLmi {
  /** Size of P (algorithm states + IQC state). */
  nP: number;
  /** LMI basis for each P entry (p <= q, row-major upper triangle): [Â B̂]ᵀ E_pq [Â B̂] − ρ² diag(E_pq, 0), size nP+1. */
  basisP: Float64Array[];
  /** [Ĉ_j D̂_j]ᵀ M [Ĉ_j D̂_j] for each multiplier λ_j, size nP+1. */
  basisLambda: Float64Array[];
  pairs: [number, number][];
}

/**
 * Build the LMI of Lessard et al. Theorem 4 for the algorithm G = (A, B, C, D) (normalised so that L = 1) and the
 * chosen IQCs at rate ρ:  [ÂᵀPÂ − ρ²P, ÂᵀPB̂; B̂ᵀPÂ, B̂ᵀPB̂] + Σ_j λ_j [Ĉ_j D̂_j]ᵀ M [Ĉ_j D̂_j] ⪯ 0, P ≻ 0, λ ≥ 0,
 * with Â = [[A, 0], [−L C, 0]], B̂ = [B; 1 − L D], and [Ĉ_j D̂_j] mapping (ξ, ζ, u) to z = [L y − u + τ_j ζ; u − m y]
 * (see `iqcMultipliers`). Example: for GD (A = 1, B = −α, C = 1) with the sector IQC, nP = 1 and the LMI is 2×2.
 */
export function iqcLmi(ss: StateSpace, m: number, L: number, rho: number, kind: IqcKind): IqcLmi {
  const taus = iqcMultipliers(kind, rho);
  const hasState = taus.some((t) => t !== 0);
  const n = ss.A.length, nP = n + (hasState ? 1 : 0), N = nP + 1;
  // [Â B̂] as an nP × (nP+1) matrix.
  const AB = Array.from({ length: nP }, () => new Float64Array(N));
  for (let i = 0; i < n; i++) { for (let j = 0; j < n; j++) AB[i][j] = ss.A[i][j]; AB[i][nP] = ss.B[i]; }
  if (hasState) { for (let j = 0; j < n; j++) AB[n][j] = -L * ss.C[j]; AB[n][nP] = 1 - L * ss.D; }
  const pairs: [number, number][] = [];
  const basisP: Float64Array[] = [];
  for (let p = 0; p < nP; p++) {
    for (let q = p; q < nP; q++) {
      const E = new Float64Array(N * N);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          E[i * N + j] = p === q ? AB[p][i] * AB[p][j] : AB[p][i] * AB[q][j] + AB[q][i] * AB[p][j];
        }
      }
      E[p * N + q] -= rho * rho;
      if (p !== q) E[q * N + p] -= rho * rho;
      basisP.push(E); pairs.push([p, q]);
    }
  }
  const basisLambda = taus.map((tau) => {
    // z1 = [L C, τ] x + (L D − 1) u,  z2 = [−m C, 0] x + (1 − m D) u; z Mz = 2 z1 z2 -> symmetric z1ᵀz2 + z2ᵀz1.
    const z1 = new Float64Array(N), z2 = new Float64Array(N);
    for (let j = 0; j < n; j++) { z1[j] = L * ss.C[j]; z2[j] = -m * ss.C[j]; }
    if (hasState) z1[n] = tau;
    z1[nP] = L * ss.D - 1; z2[nP] = 1 - m * ss.D;
    const Q = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) Q[i * N + j] = z1[i] * z2[j] + z2[i] * z1[j];
    return Q;
  });
  return { nP, basisP, basisLambda, pairs };
}

/**
 * Weight δ of the margin on P (P ⪰ δ s I): small, because the best certificates are often nearly singular P
 * (triple momentum), and a margin on P alone would make s grow only quadratically in ρ − ρ*.
 */
export const IQC_P_MARGIN_WEIGHT = 1e-3;

/**
 * The margin SDP: maximise s subject to LMI(P, λ) + s I ⪯ 0, P ⪰ δ s I, tr P = 1, λ ≥ 0, in CSDP's dual form with
 * y = (P entries except P_00 = 1 − Σ_{p>0} P_pp, λ, s) and objective min −s. It is always strictly feasible
 * (P = I/nP, λ = 0, s = −big) and bounded (s <= 1/(δ nP)), so every query has an optimal value; s* > 0 exactly when
 * ρ is certifiable, and ρ is certified when the margin checked at the returned (P, λ) is positive.
 * The y entries are: pairs[1..] (P_pq, (p, q) != (0, 0)), then λ_j, then s.
 */
export function iqcMarginSdp(lmi: IqcLmi): SdpProblem {
  const { nP, basisP, basisLambda, pairs } = lmi;
  const N = nP + 1, J = basisLambda.length;
  const A: SdpEntry[][] = [];
  const upper = (M: Float64Array, block: number, scale: number, sub?: Float64Array): SdpEntry[] => {
    const es: SdpEntry[] = [];
    for (let i = 0; i < N; i++) {
      for (let j = i; j < N; j++) {
        const v = M[i * N + j] - (sub ? sub[i * N + j] : 0);
        if (v !== 0) es.push({ block, i, j, v: scale * v });
      }
    }
    return es;
  };
  const M00 = basisP[0];
  for (let t = 1; t < pairs.length; t++) {
    const [p, q] = pairs[t];
    const es = upper(basisP[t], 0, -1, p === q ? M00 : undefined);
    es.push({ block: 1, i: p, j: q, v: 1 });
    if (p === q) es.push({ block: 1, i: 0, j: 0, v: -1 });
    A.push(es);
  }
  basisLambda.forEach((Q, j) => { const es = upper(Q, 0, -1); es.push({ block: 2, i: j, j, v: 1 }); A.push(es); });
  const sEntries: SdpEntry[] = [];
  for (let i = 0; i < N; i++) sEntries.push({ block: 0, i, j: i, v: -1 });
  for (let i = 0; i < nP; i++) sEntries.push({ block: 1, i, j: i, v: -IQC_P_MARGIN_WEIGHT });
  A.push(sEntries);
  const b = new Float64Array(A.length);
  b[A.length - 1] = -1;
  // Constant parts (P_00 = 1): Σ y A − C with −C = −LMI(E_00) in block 0 and E_00 in block 1.
  const C = upper(M00, 0, 1);
  C.push({ block: 1, i: 0, j: 0, v: -1 });
  return { blocks: [{ kind: 'sdp', n: N }, { kind: 'sdp', n: nP }, { kind: 'diag', n: J }], b, C, A };
}
