import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import {
  createRng, expm, expmv, matrixPower, jordanStructure, fromRows, matmul, solve, zeros, identity, type DenseMatrix,
} from '../../src/linalg/index.js';
import {
  classifyContinuous2d, classifyDiscrete2d, analyzeLinearSystem, parseMatrix, odeLinearExact, odeRk4, phasePortrait,
  type Classification,
} from '../../src/dynamics/index.js';

function relErr(A: DenseMatrix, B: DenseMatrix): number {
  let num = 0, den = 0;
  for (let i = 0; i < A.data.length; i++) { num = Math.max(num, Math.abs(A.data[i] - B.data[i])); den = Math.max(den, Math.abs(B.data[i])); }
  return num / den;
}

describe('expm (Padé 13 with scaling and squaring)', () => {
  it('matches V exp(D) V^-1 for diagonalisable matrices of every size and norm to 1e-13 relative', () => {
    const rng = createRng(11);
    for (const [n, s] of [[2, 0.01], [3, 0.5], [4, 1], [5, 3], [6, 10], [8, 0.2]] as const) {
      const V = zeros(n, n), D = zeros(n, n), E = zeros(n, n);
      rng.fillNormal(V.data);
      for (let i = 0; i < n; i++) V.data[i * n + i] += 3; // well conditioned
      for (let i = 0; i < n; i++) { const d = s * rng.uniform(-1, 1); D.data[i * n + i] = d; E.data[i * n + i] = Math.exp(d); }
      const Vinv = solve(V, identity(n));
      const A = matmul(matmul(V, D), Vinv);
      const ref = matmul(matmul(V, E), Vinv);
      expect(relErr(expm(A), ref)).toBeLessThan(1e-13);
    }
  });
  it('gives the closed form e^{lambda t} [[1, t, t^2/2], [0, 1, t], [0, 0, 1]] for Jordan blocks', () => {
    for (const [lambda, t] of [[-0.5, 1], [0.3, 4], [-2, 7], [1, 0.01]]) {
      const J = fromRows([[lambda * t, t, 0], [0, lambda * t, t], [0, 0, lambda * t]]);
      const e = Math.exp(lambda * t);
      const ref = fromRows([[e, e * t, (e * t * t) / 2], [0, e, e * t], [0, 0, e]]);
      expect(relErr(expm(J), ref)).toBeLessThan(1e-13);
    }
  });
  it('gives rotations for skew-symmetric generators, exp([[0, -th], [th, 0]]) = [[cos, -sin], [sin, cos]]', () => {
    for (const th of [1e-3, 0.5, Math.PI / 3, 2, 10, 100]) {
      const R = expm(fromRows([[0, -th], [th, 0]]));
      expect(relErr(R, fromRows([[Math.cos(th), -Math.sin(th)], [Math.sin(th), Math.cos(th)]]))).toBeLessThan(1e-13 * Math.max(1, th));
    }
    // A spiral: exp(t [[a, -b], [b, a]]) = e^{a t} R(b t)
    const S = expm(fromRows([[-0.2 * 3, -1.5 * 3], [1.5 * 3, -0.2 * 3]]));
    const e = Math.exp(-0.6), c = Math.cos(4.5), s = Math.sin(4.5);
    expect(relErr(S, fromRows([[e * c, -e * s], [e * s, e * c]]))).toBeLessThan(1e-13);
  });
  it('solves the lecture\'s w\' = -alpha A w exactly, and RK4 converges to it', () => {
    const A = fromRows([[1, 2], [-3, 0.5]]);
    const M = fromRows([[-0.1, -0.2], [0.3, -0.05]]); // -alpha A with alpha = 0.1
    const exact = odeLinearExact(M, [0, 5], [1, -1]).yEnd;
    expect(Array.from(expmv(M, 5, new Float64Array([1, -1])))).toEqual(Array.from(exact));
    const rk = odeRk4((_t, w, out) => { out[0] = -0.1 * (A.data[0] * w[0] + A.data[1] * w[1]); out[1] = -0.1 * (A.data[2] * w[0] + A.data[3] * w[1]); },
      [0, 5], [1, -1], { steps: 200, saveEvery: 0 });
    expect(Math.abs(rk.yEnd[0] - exact[0]) + Math.abs(rk.yEnd[1] - exact[1])).toBeLessThan(1e-9);
  });
  it('refuses non-finite entries and non-square matrices', () => {
    expect(() => expm(fromRows([[1, Infinity], [0, 1]]))).toThrow(/matrix\[0\]\[1\] = Infinity/);
    expect(() => expm(zeros(2, 3))).toThrow(/square/);
  });
});

describe('matrix powers and Jordan structure', () => {
  it('(I - alpha A)^k by squaring matches repeated multiplication, and a Jordan block J^k = [[l^k, k l^(k-1)], [0, l^k]]', () => {
    const J = fromRows([[0.9, 1], [0, 0.9]]);
    const P = matrixPower(J, 37);
    expect(P.data[0]).toBeCloseTo(0.9 ** 37, 14);
    expect(P.data[1] / (37 * 0.9 ** 36)).toBeCloseTo(1, 13);
    let Q = identity(2);
    for (let k = 0; k < 37; k++) Q = matmul(Q, J);
    expect(relErr(P, Q)).toBeLessThan(1e-13);
    expect(() => matrixPower(J, -1)).toThrow(/k = -1/);
  });
  it('finds one eigenvector for a Jordan block (geometric 1 < algebraic 2) and two for a multiple of I', () => {
    expect(jordanStructure(fromRows([[2, 1], [0, 2]]))).toEqual([{ value: { re: 2, im: 0 }, algebraic: 2, geometric: 1, blocks: [2], defective: true }]);
    expect(jordanStructure(fromRows([[2, 0], [0, 2]]))).toEqual([{ value: { re: 2, im: 0 }, algebraic: 2, geometric: 2, blocks: [1, 1], defective: false }]);
  });
  it('recovers blocks [3, 1] of a similarity-transformed 4x4 Jordan matrix, and complex pairs', () => {
    const J = fromRows([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
    const V = fromRows([[2, 1, 0, 0], [0, 1, 1, 0], [1, 0, 1, 0], [0, 0, 1, 1]]);
    const A = matmul(matmul(V, J), solve(V, identity(4)));
    const [s] = jordanStructure(A);
    expect(s.algebraic).toBe(4);
    expect(s.geometric).toBe(2);
    expect(s.blocks).toEqual([3, 1]);
    const rot = jordanStructure(fromRows([[0, -1, 0], [1, 0, 0], [0, 0, 3]]));
    expect(rot.map((e) => [e.value.re, e.value.im, e.geometric])).toEqual([[3, 0, 1], [0, 1, 1], [0, -1, 1]]);
  });
});

/** Classification from the eigenvalues (computed by ml-matrix's EigenvalueDecomposition, independently of eig2x2). */
function fromEigen(a: number, b: number, c: number, d: number, time: 'continuous' | 'discrete'): Classification {
  const e = new EigenvalueDecomposition(new Matrix([[a, b], [c, d]]));
  const [r1, r2] = e.realEigenvalues, [i1] = e.imaginaryEigenvalues;
  if (time === 'continuous') {
    if (i1 !== 0) return { type: 'spiral', stable: r1 < 0 };
    if (r1 * r2 < 0) return { type: 'saddle', stable: false };
    return { type: 'node', stable: r1 < 0 && r2 < 0 };
  }
  if (i1 !== 0) return { type: 'spiral', stable: Math.hypot(r1, i1) < 1 };
  const m1 = Math.abs(r1), m2 = Math.abs(r2);
  if ((m1 < 1) !== (m2 < 1)) return { type: 'saddle', stable: false };
  return { type: 'node', stable: m1 < 1 };
}

describe('classification of 2-D linear systems', () => {
  it('agrees with the eigenvalues on 10^4 random matrices, in continuous and in discrete time', () => {
    const rng = createRng(2024);
    let disagree = 0;
    const seen = new Set<string>();
    for (let k = 0; k < 10000; k++) {
      const m = [rng.normal(), rng.normal(), rng.normal(), rng.normal()].map((v) => 0.8 * v) as [number, number, number, number];
      for (const time of ['continuous', 'discrete'] as const) {
        const got = time === 'continuous' ? classifyContinuous2d(m) : classifyDiscrete2d(m);
        const want = fromEigen(...m, time);
        if (got.type !== want.type || got.stable !== want.stable) disagree++;
        seen.add(`${time}:${got.type}:${got.stable}`);
      }
    }
    expect(disagree).toBe(0);
    expect(seen.size).toBe(10); // every generic (type, stable) combination occurs in both times
  });
  it('names the non-generic cases from exact entries', () => {
    expect(classifyContinuous2d([0, 1, -1, 0])).toEqual({ type: 'center', stable: false });
    expect(classifyContinuous2d([-2, 0, 0, -2])).toEqual({ type: 'star', stable: true });
    expect(classifyContinuous2d([-2, 1, 0, -2])).toEqual({ type: 'degenerate-node', stable: true });
    expect(classifyContinuous2d([1, 1, 0, 1])).toEqual({ type: 'degenerate-node', stable: false });
    expect(classifyContinuous2d([1, 0, 0, 0])).toEqual({ type: 'non-isolated', stable: false });
    expect(classifyDiscrete2d([0.6, -0.8, 0.8, 0.6])).toEqual({ type: 'center', stable: false }); // rotation, det 1
    expect(classifyDiscrete2d([0.5, 0, 0, 0.5])).toEqual({ type: 'star', stable: true });
    expect(classifyDiscrete2d([-0.5, 1, 0, -0.5])).toEqual({ type: 'degenerate-node', stable: true });
    expect(classifyDiscrete2d([1, 0, 0, 0.5])).toEqual({ type: 'non-isolated', stable: false });
    expect(classifyDiscrete2d([2, 0, 0, 0.5])).toEqual({ type: 'saddle', stable: false });
  });
  it('uses the lecture\'s sign: A = [[0, 1], [-1, 0]] is a centre for w\' = -A w and an unstable spiral for w <- (I - A) w', () => {
    const r = analyzeLinearSystem(parseMatrix('0,1;-1,0'));
    expect(r.eigenvalues).toEqual([{ re: 0, im: 1 }, { re: 0, im: -1 }]);
    expect(r.continuous).toEqual({ type: 'center', stable: false });
    expect(r.discrete).toEqual({ type: 'spiral', stable: false });
    // A positive definite A is stable under gradient flow (M = -A) for every alpha, and for GD iff alpha < 2 / lambda_max.
    const A = parseMatrix('2,0;0,1');
    expect(analyzeLinearSystem(A, { alpha: 0.5 }).continuous).toEqual({ type: 'node', stable: true });
    expect(analyzeLinearSystem(A, { alpha: 0.99 }).discrete).toEqual({ type: 'node', stable: true });
    expect(analyzeLinearSystem(A, { alpha: 1.01 }).discrete).toEqual({ type: 'saddle', stable: false });
    // 'plain' reads A itself as the system matrix: w' = A w is then an unstable node.
    expect(analyzeLinearSystem(A, { convention: 'plain' }).continuous).toEqual({ type: 'node', stable: false });
  });
  it('rejects malformed matrices naming the parameter', () => {
    expect(() => parseMatrix('1,2;3')).toThrow(/--matrix = "1,2;3" is invalid: expected rows of equal length/);
    expect(() => parseMatrix('1,x;3,4')).toThrow(/bad entry "x"/);
  });
});

describe('phase portraits', () => {
  it('puts the nullclines of w\' = M w on the lines M_i . w = 0 and samples the field exactly', () => {
    const M = [[-1, 2], [-2, -1]];
    const p = phasePortrait((_t, w, out) => { out[0] = M[0][0] * w[0] + M[0][1] * w[1]; out[1] = M[1][0] * w[0] + M[1][1] * w[1]; },
      { grid: 5, contourGrid: 41, starts: [[1.5, 0]], tspan: [0, 4], samples: 9 });
    for (const [x, y] of p.nullclines.x.flat()) expect(Math.abs(M[0][0] * x + M[0][1] * y)).toBeLessThan(1e-12);
    for (const [x, y] of p.nullclines.y.flat()) expect(Math.abs(M[1][0] * x + M[1][1] * y)).toBeLessThan(1e-12);
    expect(p.nullclines.x.length).toBeGreaterThan(10);
    expect(p.field.u[0]).toBe(M[0][0] * -2 + M[0][1] * -2);
    const tr = p.trajectories[0];
    const exact = odeLinearExact(fromRows(M), Array.from(tr.t), [1.5, 0]);
    for (let k = 0; k < tr.t.length; k++) expect(Math.abs(tr.x[k] - exact.y[2 * k])).toBeLessThan(1e-7);
  });
});
