// The limit-cycle panel's computation for one planar field: phase portrait (flows from five starts, nullclines, arrow
// grid), the Euler iterates with step alpha, and the limit cycle from a Poincaré section, as chart rows. Pure: it runs
// on the page for the built-in systems and in field.worker.ts (under a time budget) for a typed field.
import { phasePortrait, limitCycle, odeEuler, type VectorField } from '../lib.js';
import { thin, density } from '../ui/decimate.js';

type Row = Record<string, number | string>;

export interface CyclesData {
  flows: Row[];
  /** Every sample of every flow (the CSV; `flows` holds the thinned drawing points). */
  flowsFull: Row[];
  ncl: Row[];
  dots: Row[];
  arrows: Row[];
  lc: { period: number | null; amplitude: number | null; converged: boolean; message: string; returns: number };
}

const STARTS: [number, number][] = [[0.1, 0.1], [3, 3], [-3, -2], [2.5, -3], [-0.5, 3.2]];

/** Chart rows for the field `f` on [-4, 4]^2 and the Euler iteration with step `step`. */
export function cyclesData(f: VectorField, step: number): CyclesData {
  const pp = phasePortrait(f, { xRange: [-4, 4], yRange: [-4, 4], grid: 15, starts: STARTS, tspan: [0, 20], samples: 500, contourGrid: 81 });
  const flows: Row[] = [], flowsFull: Row[] = [];
  pp.trajectories.forEach((tr, j) => {
    for (let i = 0; i < tr.x.length; i++) flowsFull.push({ series: `flow ${j}`, i, x: tr.x[i], y: tr.y[i] });
    for (const i of thin(tr.x.length, (i) => tr.x[i], (i) => tr.y[i], density(-4, 4, 800), density(-4, 4, 800))) {
      if (Math.abs(tr.x[i]) < 6 && Math.abs(tr.y[i]) < 6) flows.push({ series: `flow ${j}`, i, x: tr.x[i], y: tr.y[i] });
    }
  });
  const ncl: Row[] = [];
  pp.nullclines.x.forEach((sg, i) => { ncl.push({ kind: "x' = 0", seg: `x${i}`, x: sg[0][0], y: sg[0][1] }, { kind: "x' = 0", seg: `x${i}`, x: sg[1][0], y: sg[1][1] }); });
  pp.nullclines.y.forEach((sg, i) => { ncl.push({ kind: "y' = 0", seg: `y${i}`, x: sg[0][0], y: sg[0][1] }, { kind: "y' = 0", seg: `y${i}`, x: sg[1][0], y: sg[1][1] }); });
  const dots: Row[] = [];
  const eu = odeEuler(f, [0, 60 * step], [3, 3], { h: step });
  for (let k = 0; k < eu.t.length; k++) { const x = eu.y[2 * k], y = eu.y[2 * k + 1]; if (Math.abs(x) < 6 && Math.abs(y) < 6) dots.push({ k, x, y }); }
  const arrows: Row[] = [];
  for (let i = 0; i < pp.field.x.length; i++) {
    const u = pp.field.u[i], v = pp.field.v[i];
    if (Number.isFinite(u) && Number.isFinite(v)) arrows.push({ x: pp.field.x[i], y: pp.field.y[i], angle: 90 - (Math.atan2(v, u) * 180) / Math.PI });
  }
  const lc = limitCycle(f, [2, 0.5], { transient: 40, maxTime: 200, tol: 1e-6 });
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return { flows, flowsFull, ncl, dots, arrows, lc: { period: finite(lc.period), amplitude: finite(lc.amplitude), converged: lc.converged && finite(lc.period) !== null, message: lc.message, returns: lc.returns } };
}
