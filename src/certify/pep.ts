import { ParameterError, checkNumber } from '../errors.js';
import type { SdpEntry, SdpProblem } from './problem.js';
import { type SdpStatus, solveSdp } from './solve-sdp.js';
import { type StateSpace, checkStateSpace } from './state-space.js';
import type { LinearForm } from '../methods/linear-form.js';
import { symmetricEigen } from '../linalg/eig.js';

export type PepMeasure = 'function-value' | 'distance' | 'gradient-norm';
export const PEP_MEASURES: readonly PepMeasure[] = ['function-value', 'distance', 'gradient-norm'];

/** One point of the worst-case function: position x_i − x*, gradient g_i, value f_i − f*. */
export interface PepPoint { label: string; x: number[]; g: number[]; f: number }

export interface PepResult {
  N: number;
  measure: PepMeasure;
  initial: PepMeasure;
  /**
   * The worst case of the measure at x_N over F(μ, L) with the initial quantity <= 1: the SDP's primal value when
   * the solver reports 'optimal', or when it stopped on a numerical limit with gap and residuals <= 1e-6
   * (then `accuracy` says so); null otherwise (e.g. 'unbounded' when the measure is not bounded by the initial one).
   */
  worstCase: number | null;
  status: SdpStatus;
  /** max(relative gap, primal, dual infeasibility) of the SDP solution. */
  accuracy: number;
  /** Worst-case function data (from the optimal Gram matrix, factored in its rank), x* first. */
  points: PepPoint[];
  /** Multipliers of the interpolation conditions (i, j): the dual variables, i.e. the proof's weights. */
  multipliers: { i: string; j: string; lambda: number }[];
  sdp: SdpProblem;
  solveMs: number;
}

/**
 * Performance estimation (Drori–Teboulle; Taylor, Hendrickx, Glineur 2017) of N steps of the method
 * ξ_{k+1} = A ξ_k + B ∇f(y_k), y_k = C ξ_k (D = 0), started at the method's declared start (LinearForm.start), or
 * for a bare state space at rest (every state component equal to x_0, i.e. x_{−1} = x_0), over F(μ, L): maximise the measure at x_N = ξ_N[0] subject to the initial quantity at x_0 <= 1 and
 * the interpolation conditions f_i ≥ f_j + ⟨g_j, x_i − x_j⟩ + 1/(2(1 − μ/L)) (‖g_i − g_j‖²/L + μ‖x_i − x_j‖²
 * − 2μ/L ⟨g_j − g_i, x_j − x_i⟩) for all pairs, as an SDP in the Gram matrix of (x_0 − x*, g_0, ..., ).
 * Reference: Taylor, Hendrickx, Glineur, Math. Program. 161 (2017), Theorem 4 and section 3.
 *
 * @example
 * pep({ A: [[1]], B: [-1], C: [1], D: 0 }, 0.1, 1, 1).worstCase; // returns 0.81 = (1 − μ/L)², one GD step α = 1/L
 */
export function pep(ss: StateSpace, mu: number, L: number, N: number, { measure = 'distance' as PepMeasure, initial = 'distance' as PepMeasure } = {}): PepResult {
  checkStateSpace(ss);
  checkNumber('L', L, { min: 0, minExclusive: true });
  checkNumber('mu', mu, { min: 0, max: L, maxExclusive: true });
  checkNumber('N', N, { min: 1, max: 100, integer: true });
  if (ss.D !== 0) throw new ParameterError('state-space.D', ss.D, '0 for PEP (explicit methods only)');
  if (!PEP_MEASURES.includes(measure)) throw new ParameterError('measure', measure, PEP_MEASURES.join(' | '));
  if (!PEP_MEASURES.includes(initial)) throw new ParameterError('initial', initial, PEP_MEASURES.join(' | '));
  const t0 = performance.now();
  // Symbolic run: every vector is a coefficient list over the basis (x_0 − x*, g_0, g_1, ...).
  let K = 1;
  const n = ss.A.length;
  const pts: { label: string; x: number[]; g: number[] }[] = [{ label: 'x*', x: [], g: [] }];
  const unit = (k: number) => { const v: number[] = []; v[k] = 1; return v; };
  const axpy = (a: number, x: number[], y: number[]) => { const out = y.slice(); x.forEach((v, i) => { out[i] = (out[i] ?? 0) + a * (v ?? 0); }); return out; };
  const same = (a: number[], b: number[]) => { for (let i = 0; i < Math.max(a.length, b.length); i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 1e-14) return false; return true; };
  const pointAt = (x: number[], label: string): number => {
    const found = pts.findIndex((p) => same(p.x, x));
    if (found >= 0) return found;
    pts.push({ label, x, g: unit(K++) });
    return pts.length - 1;
  };
  // ξ_0 from the method's declared start (LinearForm.start: ξ_0 = start.w x_0 + start.g g_0, e.g. heavy ball's (w, v)
  // starts at (x_0, 0)); a bare state space starts at rest in the two-term sense, every component x_0.
  const start = (ss as Partial<LinearForm>).start;
  let g0: number[] | null = null;
  if (start?.g?.some((c) => c !== 0)) { g0 = unit(K++); pts.push({ label: 'x0', x: unit(0), g: g0 }); }
  let xi: number[][] = Array.from({ length: n }, (_, j) => {
    let v = axpy(start ? start.w[j] ?? 0 : 1, unit(0), []);
    if (g0 && start?.g) v = axpy(start.g[j] ?? 0, g0, v);
    return v;
  });
  for (let k = 0; k < N; k++) {
    let y: number[] = [];
    for (let j = 0; j < n; j++) y = axpy(ss.C[j], xi[j], y);
    const g = unit(K++);
    pts.push({ label: `y${k}`, x: y, g });
    xi = ss.A.map((row, i) => {
      let v: number[] = [];
      row.forEach((a, j) => { v = axpy(a, xi[j], v); });
      return axpy(ss.B[i], g, v);
    });
  }
  const iN = pointAt(xi[0], `x${N}`);
  const i0 = pointAt(unit(0), 'x0');
  const P = pts.length;
  const vec = (v: number[]) => Float64Array.from({ length: K }, (_, i) => v[i] ?? 0);
  const X = pts.map((p) => vec(p.x)), Gr = pts.map((p) => vec(p.g));
  // Gram quadratic forms as K×K dense matrices; F coefficients over points 1..P−1 (f* = 0).
  type Lin = { S: Float64Array; F: Float64Array };
  const lin = (): Lin => ({ S: new Float64Array(K * K), F: new Float64Array(P) });
  const addInner = (l: Lin, c: number, a: Float64Array, b: Float64Array) => {
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) l.S[i * K + j] += 0.5 * c * (a[i] * b[j] + b[i] * a[j]);
  };
  const sub = (a: Float64Array, b: Float64Array) => a.map((v, i) => v - b[i]);
  const quantity = (kind: PepMeasure, at: number): Lin => {
    const l = lin();
    if (kind === 'function-value') l.F[at] = 1;
    else if (kind === 'distance') addInner(l, 1, X[at], X[at]);
    else addInner(l, 1, Gr[at], Gr[at]);
    return l;
  };
  const rows: { l: Lin; rhs: number; label?: [string, string] }[] = [];
  const c = 1 / (2 * (1 - mu / L));
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < P; j++) {
      if (i === j) continue;
      // f_j − f_i + ⟨g_j, x_i − x_j⟩ + c (‖g_i − g_j‖²/L + μ‖x_i − x_j‖² − 2μ/L ⟨g_j − g_i, x_j − x_i⟩) <= 0
      const l = lin();
      l.F[j] += 1; l.F[i] -= 1;
      const dx = sub(X[i], X[j]), dg = sub(Gr[i], Gr[j]);
      addInner(l, 1, Gr[j], dx);
      addInner(l, c / L, dg, dg);
      addInner(l, c * mu, dx, dx);
      addInner(l, -2 * c * mu / L, dg, dx);
      rows.push({ l, rhs: 0, label: [pts[i].label, pts[j].label] });
    }
  }
  rows.push({ l: quantity(initial, i0), rhs: 1 });
  const T = rows.length;
  // X blocks: Gram (K×K) and a diagonal block [f_1 .. f_{P−1}, slack_1 .. slack_T]; f_0 = f* = 0 is dropped.
  const toEntries = (l: Lin, slack: number): SdpEntry[] => {
    const es: SdpEntry[] = [];
    for (let i = 0; i < K; i++) for (let j = i; j < K; j++) if (l.S[i * K + j] !== 0) es.push({ block: 0, i, j, v: l.S[i * K + j] });
    for (let p = 1; p < P; p++) if (l.F[p] !== 0) es.push({ block: 1, i: p - 1, j: p - 1, v: l.F[p] });
    if (slack >= 0) es.push({ block: 1, i: P - 1 + slack, j: P - 1 + slack, v: 1 });
    return es;
  };
  const sdp: SdpProblem = {
    blocks: [{ kind: 'sdp', n: K }, { kind: 'diag', n: P - 1 + T }],
    b: Float64Array.from(rows, (r) => r.rhs),
    A: rows.map((r, t) => toEntries(r.l, t)),
    C: toEntries(quantity(measure, iN), -1),
  };
  const res = solveSdp(sdp);
  const accuracy = Math.max(res.relativeGap, res.primalInfeasibility, res.dualInfeasibility);
  const ok = res.status === 'optimal' || (res.status === 'unknown' && accuracy <= 1e-6);
  // Worst-case function: G = V Λ Vᵀ, coordinates R = V √Λ restricted to the numerically nonzero eigenvalues.
  const points: PepPoint[] = [];
  if (ok) {
    const { values, vectors } = symmetricEigen({ rows: K, cols: K, data: res.X[0] }, 'Gram matrix');
    const lmax = Math.max(...values, 0);
    const keep = [...values.keys()].filter((k) => values[k] > 1e-9 * lmax);
    const coord = (v: Float64Array) => keep.map((k) => { let s = 0; for (let i = 0; i < K; i++) s += v[i] * vectors.data[i * K + k]; return s * Math.sqrt(values[k]); });
    pts.forEach((p, i) => points.push({ label: p.label, x: coord(X[i]), g: coord(Gr[i]), f: i === 0 ? 0 : res.X[1][i - 1] }));
  }
  const multipliers = rows.flatMap((r, t) => (r.label && ok && res.y[t] > 1e-8 ? [{ i: r.label[0], j: r.label[1], lambda: res.y[t] }] : []));
  return {
    N, measure, initial, worstCase: ok ? res.primalObjective : null, status: res.status, accuracy, points, multipliers, sdp,
    solveMs: performance.now() - t0,
  };
}
