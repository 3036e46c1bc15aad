import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { odeDopri5, lorenzField, vanDerPolField, type VectorField } from '../../src/dynamics/index.js';

// Work–precision study of odeDopri5's step-size controller (beta, safety) on standard non-stiff problems, against
// SciPy: end points from DOP853 at 1e-13 and SciPy RK45's (nfev, error) per tolerance, from the committed generator
// scripts/fixtures/dopri5_work_precision.py (test/fixtures/dynamics/work-precision.json).

interface Rk45Point { tol: number; nfev: number; steps: number; err: number }
interface HairerPoint { tol: number; nfev: number; yEnd: number[]; err: number }
interface RefProblem { name: string; tspan: [number, number]; y0: number[]; yRef: number[]; refErr: number; rk45: Rk45Point[]; hairer: HairerPoint[] }
const wp: { tols: number[]; problems: RefProblem[]; lorenzEnsemble: { tol: number; starts: number[][]; rk45Nfev: number[]; hairerNfev: number[] } } =
  JSON.parse(readFileSync(new URL('../fixtures/dynamics/work-precision.json', import.meta.url), 'utf8'));

const MU = 0.012277471;
const arenstorf: VectorField = (_t, u, out) => {
  const mu1 = 1 - MU;
  const d1 = ((u[0] + MU) ** 2 + u[1] ** 2) ** 1.5, d2 = ((u[0] - mu1) ** 2 + u[1] ** 2) ** 1.5;
  out[0] = u[2]; out[1] = u[3];
  out[2] = u[0] + 2 * u[3] - (mu1 * (u[0] + MU)) / d1 - (MU * (u[0] - mu1)) / d2;
  out[3] = u[1] - 2 * u[2] - (mu1 * u[1]) / d1 - (MU * u[1]) / d2;
};
const kepler: VectorField = (_t, u, out) => {
  const r3 = (u[0] * u[0] + u[1] * u[1]) ** 1.5;
  out[0] = u[2]; out[1] = u[3]; out[2] = -u[0] / r3; out[3] = -u[1] / r3;
};
const brusselator: VectorField = (_t, u, out) => {
  out[0] = 1 + u[0] * u[0] * u[1] - 4 * u[0]; out[1] = 3 * u[0] - u[0] * u[0] * u[1];
};
const FIELDS: Record<string, VectorField> = {
  lorenz20: lorenzField(10, 28, 8 / 3), lorenz100: lorenzField(10, 28, 8 / 3), arenstorf,
  vanderpol: vanDerPolField(1), kepler, brusselator,
};

/** odeDopri5's nfev (default controller) on Lorenz [0, 100] from each start of the fixture's ensemble, computed once. */
let ensembleNfev: number[] | undefined;
const lorenzEnsembleNfev = (): number[] => (ensembleNfev ??= wp.lorenzEnsemble.starts.map((y0) =>
  odeDopri5(FIELDS.lorenz100, [0, 100], y0, { rtol: wp.lorenzEnsemble.tol, atol: wp.lorenzEnsemble.tol, saveSteps: false }).stats.nfev));

/** The error norm of the fixture (mixed absolute/relative, as rtol = atol). */
const mixedErr = (y: ArrayLike<number>, yRef: number[]) => Math.max(...yRef.map((r, i) => Math.abs(y[i] - r) / (1 + Math.abs(r))));

interface Point { nfev: number; err: number; rejected: number }
function sweep(beta?: number, safety?: number): Point[][] {
  return wp.problems.map((p) => wp.tols.map((tol) => {
    const r = odeDopri5(FIELDS[p.name], p.tspan, p.y0, { rtol: tol, atol: tol, saveSteps: false, beta, safety });
    return { nfev: r.stats.nfev, err: mixedErr(r.yEnd, p.yRef), rejected: r.stats.rejected };
  }));
}

/** Points whose error is resolved by the reference (>= 100 x its own error) and in the asymptotic range (<= 1e-3). */
const resolved = (p: RefProblem, pts: Point[]) => pts.filter((q) => q.err >= 100 * p.refErr && q.err <= 1e-3);

/** Least-squares fit log nfev = a + b log err. */
function fit(pts: Point[]): [number, number] {
  const X = pts.map((q) => Math.log(q.err)), Y = pts.map((q) => Math.log(q.nfev));
  const mx = X.reduce((s, v) => s + v, 0) / X.length, my = Y.reduce((s, v) => s + v, 0) / Y.length;
  let num = 0, den = 0;
  for (let i = 0; i < X.length; i++) { num += (X[i] - mx) * (Y[i] - my); den += (X[i] - mx) ** 2; }
  const b = num / den;
  return [my - b * mx, b];
}

/**
 * Geometric-mean nfev ratio of `a` over `b` (1) at equal tolerance, over all problems and tolerances, and (2) at equal
 * achieved error: per problem (Lorenz over [0, 100] excluded: chaotic, its reference is O(1) wrong), the fitted
 * work-precision line of `a` evaluated at `b`'s resolved errors, over `b`'s measured nfev.
 */
function compare(a: Point[][], b: Point[][]): { atTol: number; atErr: number; errAtTol: number } {
  let sTol = 0, nTol = 0, sErr = 0, nErr = 0, sE = 0, nE = 0;
  wp.problems.forEach((p, j) => {
    a[j].forEach((q, i) => { sTol += Math.log(q.nfev / b[j][i].nfev); nTol++; });
    if (p.name === 'lorenz100') return;
    const ra = resolved(p, a[j]), rb = resolved(p, b[j]);
    a[j].forEach((q, i) => { if (ra.includes(q) && rb.includes(b[j][i])) { sE += Math.log(q.err / b[j][i].err); nE++; } });
    const [c0, c1] = fit(ra);
    for (const q of rb) { sErr += c0 + c1 * Math.log(q.err) - Math.log(q.nfev); nErr++; }
  });
  return { atTol: Math.exp(sTol / nTol), atErr: Math.exp(sErr / nErr), errAtTol: Math.exp(sE / nE) };
}

const FULL = process.env.DOPRI5_WP_FULL === '1';
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

// Hairer's own Fortran DOPRI5 (dopri5.f as shipped inside SciPy, scipy.integrate.ode 'dopri5' with its defaults beta
// 0.04, safety 0.9), run by the fixture generator on the same problems and tolerances.
describe('odeDopri5 against Hairer\'s dopri5.f itself', () => {
  const pairs = wp.problems.filter((p) => p.name !== 'lorenz100').flatMap((p) => p.hairer.map((h) => ({ p, h })));
  it(`takes exactly the same number of evaluations on all ${pairs.length} (problem, tolerance) pairs and ends at the same point`, () => {
    const worst: Record<string, number> = {};
    for (const { p, h } of pairs) {
      const r = odeDopri5(FIELDS[p.name], p.tspan, p.y0, { rtol: h.tol, atol: h.tol, saveSteps: false });
      expect(r.stats.nfev, `${p.name} at ${h.tol}`).toBe(h.nfev);
      const d = mixedErr(r.yEnd, h.yEnd);
      worst[p.name] = Math.max(worst[p.name] ?? 0, d);
    }
    // Same steps, different rounding (operation order of the stages): ulp-level differences, which Lorenz (Lyapunov
    // exponent 0.9: ~e^18 over [0, 20]) and the Arenstorf orbit (two close approaches to the moon) amplify. Measured
    // 5.9e-11 (Lorenz), 6.5e-10 (Arenstorf), <= 8.4e-14 the rest.
    console.log('odeDopri5 vs dopri5.f, largest end-point difference per problem:', JSON.stringify(worst));
    expect(pairs.length).toBe(40);
    for (const name of ['vanderpol', 'kepler', 'brusselator']) expect(worst[name]).toBeLessThan(1e-12);
    expect(worst.arenstorf).toBeLessThan(5e-9); // measured 6.5e-10
    expect(worst.lorenz20).toBeLessThan(1e-8);
  });

  it('Lorenz [0, 100] at 1e-9: dopri5.f needs as many evaluations as odeDopri5 (chaotic paths aside), and more than SciPy RK45', () => {
    const e = wp.lorenzEnsemble;
    const ours = lorenzEnsembleNfev();
    // Measured means: odeDopri5 98961, dopri5.f 99599, SciPy RK45 95779; at (1, 1, 1): 98534, 100292, 94460.
    expect(Math.abs(mean(ours) / mean(e.hairerNfev) - 1)).toBeLessThan(0.015);
    expect(mean(e.hairerNfev) / mean(e.rk45Nfev)).toBeGreaterThan(1.02);
    expect(e.hairerNfev[0]).toBeGreaterThan(e.rk45Nfev[0]);
  });
});

// The table of docs/dynamics.md (DOPRI5 section) is this study over the full grid safety 0.9..0.97 x beta 0..0.08;
// the tests run the default, SciPy and the grid's strongest alternatives (each sweep is 48 solves, ~0.3 s).
describe('DOPRI5 step-size controller: work–precision against alternatives and SciPy RK45', () => {
  const dflt = sweep();
  const scipy = wp.problems.map((p) => p.rk45.map((q) => ({ nfev: q.nfev, err: q.err, rejected: 0 })));

  it('the default is Hairer\'s (beta = 0.04, safety = 0.9); the achieved error is proportional to the tolerance', () => {
    const l = wp.problems.findIndex((p) => p.name === 'lorenz20');
    const h = odeDopri5(FIELDS.lorenz20, [0, 20], [1, 1, 1], { rtol: 1e-9, atol: 1e-9, saveSteps: false, beta: 0.04, safety: 0.9 });
    expect(h.stats.nfev).toBe(dflt[l][5].nfev);
    wp.problems.forEach((p, j) => {
      if (p.name.startsWith('lorenz')) return; // chaotic: global error grows like e^(0.9 t) whatever the tolerance
      // Least-squares slope of log tol against log err over the resolved points (err <= 1e-3, >= 100 x reference error).
      const pts = dflt[j].map((q, i) => ({ nfev: wp.tols[i], err: q.err, rejected: 0 })).filter((q) => q.err >= 100 * p.refErr && q.err <= 1e-3);
      const expo = 1 / fit(pts)[1]; // err ~ tol^expo; measured 0.83 (Arenstorf), 1.12, 1.13, 1.02
      expect(pts.length).toBeGreaterThanOrEqual(4);
      expect(Math.abs(expo - 1)).toBeLessThan(0.25);
    });
  });

  it('against SciPy RK45: fewer evaluations at equal achieved error; within 2% at equal tolerance, with smaller errors', () => {
    const c = compare(scipy, dflt); // SciPy over ours
    expect(c.atErr).toBeGreaterThan(1.01); // measured 1.025
    expect(c.atTol).toBeGreaterThan(0.98); // measured 0.990
    expect(c.atTol).toBeLessThan(1);
    expect(c.errAtTol).toBeGreaterThan(1.15); // measured 1.29: SciPy's errors are larger at the same tolerance
  });

  it('at tight tolerances (no rejections) the gap to SciPy is the controllers\' steady-state error level: SciPy/ours nfev = (0.9^5 / 0.9^(1/0.13))^(1/5) = 0.945 and error ratio 1.33', () => {
    // Steady state of h_new = h safe err^-(0.2 - 0.75 beta) err_old^beta: err = safe^(1/(0.2 - 1.75 beta)), i.e. 0.9^5 = 0.590
    // for SciPy (beta = 0) and 0.9^(1/0.13) = 0.445 for Hairer's PI; with err ~ h^5 ~ nfev^-5 the nfev ratio is (0.445/0.590)^(1/5).
    const errRatio = 0.9 ** 5 / 0.9 ** (1 / 0.13), nfevRatio = errRatio ** -0.2;
    expect(errRatio).toBeCloseTo(1.328, 3);
    let sN = 0, nN = 0, sE = 0, nE = 0;
    wp.problems.forEach((p, j) => {
      for (const i of [6, 7]) { // tol = 1e-10, 1e-11
        expect(6 * dflt[j][i].rejected).toBeLessThan(0.01 * dflt[j][i].nfev); // under 1% of the steps rejected
        sN += Math.log(p.rk45[i].nfev / dflt[j][i].nfev); nN++;
        if (p.name !== 'lorenz100') { sE += Math.log(p.rk45[i].err / dflt[j][i].err); nE++; }
      }
    });
    expect(Math.abs(Math.exp(sN / nN) / nfevRatio - 1)).toBeLessThan(0.01); // measured 0.948
    expect(Math.abs(Math.exp(sE / nE) / errRatio - 1)).toBeLessThan(0.1); // measured 1.34
  });

  // The strongest alternatives of the full grid (safety 0.9..0.97 x beta 0..0.08, 30 controllers, ~10 s: run it with
  // DOPRI5_WP_FULL=1, which also prints the table of docs/dynamics.md) on each measure.
  const grid = FULL
    ? [0.9, 0.92, 0.94, 0.95, 0.96, 0.97].flatMap((safety) => [0, 0.02, 0.04, 0.06, 0.08].map((beta) => [beta, safety]))
    : [[0, 0.9], [0.06, 0.9], [0.08, 0.92], [0.04, 0.95]];
  it(`no alternative controller (${grid.length} of the grid) beats the default by more than 2% on both measures or by 3% on either; the cheaper ones at equal tolerance have larger errors`, () => {
    const rows = ['| safety \\ beta | ' + [0, 0.02, 0.04, 0.06, 0.08].join(' | ') + ' |', '|---|---|---|---|---|---|'];
    let row: string[] = [];
    for (const [beta, safety] of grid) {
      const s = sweep(beta, safety), c = compare(s, dflt);
      if (FULL) {
        const rej = s.reduce((acc, pp) => acc + pp.reduce((x, q) => x + q.rejected, 0), 0);
        row.push(`${c.atTol.toFixed(3)} / ${c.atErr.toFixed(3)} / ${c.errAtTol.toFixed(2)} / ${rej} / ${s[1][5].nfev}`);
        if (row.length === 5) { rows.push(`| ${safety} | ${row.join(' | ')} |`); row = []; }
      }
      expect(c.atTol < 1 && c.atErr < 0.98, `beta ${beta}, safety ${safety}: ${JSON.stringify(c)}`).toBe(false);
      if (c.atTol < 1) expect(c.errAtTol).toBeGreaterThan(1.2);
      expect(Math.min(c.atTol, c.atErr)).toBeGreaterThan(0.97);
    }
    if (FULL) console.log(rows.join('\n'));
  });

  it('Lorenz [0, 100] at 1e-9: the default needs 1-6% more evaluations than SciPy RK45 over 11 nearby starts (the controller, not the chaotic path); beta = 0 matches SciPy within 1.5%', () => {
    const e = wp.lorenzEnsemble;
    const run = (y0: number[], beta?: number) =>
      odeDopri5(FIELDS.lorenz100, [0, 100], y0, { rtol: e.tol, atol: e.tol, saveSteps: false, beta }).stats.nfev;
    const ours = lorenzEnsembleNfev(), iCtl = e.starts.map((y0) => run(y0, 0));
    const ratio = mean(ours) / mean(e.rk45Nfev); // measured 98961 / 95779 = 1.033
    expect(ratio).toBeGreaterThan(1.01);
    expect(ratio).toBeLessThan(1.06);
    expect(Math.abs(mean(iCtl) / mean(e.rk45Nfev) - 1)).toBeLessThan(0.015); // measured 1.004
    // The acceptance case (1, 1, 1) (k = 0): 98534 vs SciPy 94460, +4.3% (99128 with the earlier pow form of the controller: rounding moves the chaotic path); that start is SciPy's luckiest but one.
    expect(ours[0] / e.rk45Nfev[0]).toBeGreaterThan(1);
    expect(ours[0] / e.rk45Nfev[0]).toBeLessThan(1.06);
    expect([...e.rk45Nfev].sort((x, y) => x - y).indexOf(e.rk45Nfev[0])).toBe(1);
  });
});
