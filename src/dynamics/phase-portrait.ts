import { checkNumber } from '../errors.js';
import type { VectorField } from './vector-field.js';
import { odeDopri5 } from './dopri5.js';

export interface PhasePortraitOptions {
  /** Window [xmin, xmax] x [ymin, ymax] (default [-2, 2]^2). */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Grid points per axis for the arrows (default 15) and for the nullcline contours (default 101). */
  grid?: number;
  contourGrid?: number;
  /** Starting points of trajectories, and their time span (default [0, 10]) and samples per trajectory (default 200). */
  starts?: [number, number][];
  tspan?: [number, number];
  samples?: number;
}

/** A line segment [[x0, y0], [x1, y1]] of a nullcline. */
export type Segment = [[number, number], [number, number]];

export interface PhasePortrait {
  /** Arrow grid: positions and the field (u, v) = f(x, y) there. */
  field: { x: Float64Array; y: Float64Array; u: Float64Array; v: Float64Array };
  /** Nullclines: segments where x' = 0 and where y' = 0 (marching squares on the contour grid). */
  nullclines: { x: Segment[]; y: Segment[] };
  trajectories: { t: Float64Array; x: Float64Array; y: Float64Array; status: string }[];
}

/**
 * Data for a phase portrait of a planar field (x, y)' = f(x, y): a grid of field vectors, the nullclines
 * x' = 0 and y' = 0 by marching squares (Lorensen & Cline 1987, in 2-D), and trajectories by DOPRI5.
 *
 * @example
 * phasePortrait(hopfField(1, 1), { starts: [[0.1, 0]] }).trajectories[0]; // spirals out to the circle r = 1
 */
export function phasePortrait(f: VectorField, options: PhasePortraitOptions = {}): PhasePortrait {
  const { xRange = [-2, 2], yRange = [-2, 2], starts = [], tspan = [0, 10] } = options;
  const grid = checkNumber('grid', options.grid ?? 15, { min: 2, max: 1000, integer: true });
  const cgrid = checkNumber('contourGrid', options.contourGrid ?? 101, { min: 2, max: 4000, integer: true });
  const samples = checkNumber('samples', options.samples ?? 200, { min: 2, max: 1e6, integer: true });
  for (const [name, r] of [['xRange', xRange], ['yRange', yRange]] as const) {
    checkNumber(`${name}[0]`, r[0]); checkNumber(`${name}[1]`, r[1], { min: r[0], minExclusive: true });
  }
  const p = new Float64Array(2), out = new Float64Array(2);
  const N = grid * grid;
  const field = { x: new Float64Array(N), y: new Float64Array(N), u: new Float64Array(N), v: new Float64Array(N) };
  for (let i = 0; i < grid; i++) for (let j = 0; j < grid; j++) {
    const k = i * grid + j;
    p[0] = xRange[0] + ((xRange[1] - xRange[0]) * j) / (grid - 1);
    p[1] = yRange[0] + ((yRange[1] - yRange[0]) * i) / (grid - 1);
    f(0, p, out);
    field.x[k] = p[0]; field.y[k] = p[1]; field.u[k] = out[0]; field.v[k] = out[1];
  }
  const U = new Float64Array(cgrid * cgrid), V = new Float64Array(cgrid * cgrid);
  const xs = new Float64Array(cgrid), ys = new Float64Array(cgrid);
  for (let j = 0; j < cgrid; j++) xs[j] = xRange[0] + ((xRange[1] - xRange[0]) * j) / (cgrid - 1);
  for (let i = 0; i < cgrid; i++) ys[i] = yRange[0] + ((yRange[1] - yRange[0]) * i) / (cgrid - 1);
  for (let i = 0; i < cgrid; i++) for (let j = 0; j < cgrid; j++) {
    p[0] = xs[j]; p[1] = ys[i];
    f(0, p, out);
    U[i * cgrid + j] = out[0]; V[i * cgrid + j] = out[1];
  }
  const trajectories = starts.map(([x0, y0]) => {
    const tEval = new Float64Array(samples);
    for (let k = 0; k < samples; k++) tEval[k] = tspan[0] + ((tspan[1] - tspan[0]) * k) / (samples - 1);
    const r = odeDopri5(f, tspan, [x0, y0], { tEval, rtol: 1e-8, atol: 1e-10, maxSteps: 1e5 });
    const m = r.t.length;
    const x = new Float64Array(m), y = new Float64Array(m);
    for (let k = 0; k < m; k++) { x[k] = r.y[2 * k]; y[k] = r.y[2 * k + 1]; }
    return { t: r.t, x, y, status: r.status };
  });
  return { field, nullclines: { x: zeroContour(U, xs, ys), y: zeroContour(V, xs, ys) }, trajectories };
}

/** Segments of the zero level set of F (row i = ys[i], column j = xs[j]) by marching squares with linear interpolation. */
export function zeroContour(F: Float64Array, xs: Float64Array, ys: Float64Array): Segment[] {
  const nx = xs.length, ny = ys.length;
  const segs: Segment[] = [];
  const pts: [number, number][] = [];
  const edge = (xa: number, ya: number, fa: number, xb: number, yb: number, fb: number) => {
    if ((fa < 0) === (fb < 0)) return;
    const s = fa / (fa - fb);
    pts.push([xa + s * (xb - xa), ya + s * (yb - ya)]);
  };
  for (let i = 0; i + 1 < ny; i++) for (let j = 0; j + 1 < nx; j++) {
    const f00 = F[i * nx + j], f01 = F[i * nx + j + 1], f10 = F[(i + 1) * nx + j], f11 = F[(i + 1) * nx + j + 1];
    pts.length = 0;
    edge(xs[j], ys[i], f00, xs[j + 1], ys[i], f01);
    edge(xs[j + 1], ys[i], f01, xs[j + 1], ys[i + 1], f11);
    edge(xs[j + 1], ys[i + 1], f11, xs[j], ys[i + 1], f10);
    edge(xs[j], ys[i + 1], f10, xs[j], ys[i], f00);
    if (pts.length === 2) segs.push([pts[0], pts[1]]);
    else if (pts.length === 4) { segs.push([pts[0], pts[1]]); segs.push([pts[2], pts[3]]); }
  }
  return segs;
}
