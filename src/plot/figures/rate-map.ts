import { ParameterError } from '../../errors.js';
import { linspace } from '../../linalg/index.js';
import { linearFormOf, linearMethodNames, methodDefinition } from '../../methods/index.js';
import { parseList } from '../../problems/spectrum.js';
import { parseSpec, type ParamInfo, type Spec } from '../../spec.js';
import { rateMap, rateMapCurves, rateMapOf } from '../../theory/index.js';
import { figureSpec, seriesColor } from '../chart.js';
import type { FigureDef, FigureParams } from '../figure.js';
import { rasterLayers } from '../raster.js';
import { sig } from '../round.js';
import { label, num } from './common.js';

const curveNames: Record<string, string> = {
  stability: 'stability α = 2(1+β)/L',
  criticalDamping: 'μ critically damped: α = (1−√β)²/μ',
  upperRealComplex: 'L turns real-negative: α = (1+√β)²/L',
};
/** Nesterov's curves have other formulas: named by what they are. */
const nagCurveNames: Record<string, string> = {
  stability: 'stability limit',
  criticalDamping: 'μ critically damped',
  upperRealComplex: 'L turns real-negative: α = 1/L',
};

const hbCaption = 'Worst spectral radius $\\max_{h\\in[\\mu, L]}\\rho(h)$ of heavy ball for each $(\\alpha, \\beta)$ (white: divergent, $\\rho \\ge 1$). The best rate sits where the flattest direction $\\mu$ is critically damped and the steepest $L$ is about to turn real-negative: Polyak\'s $\\alpha = 4/(\\sqrt L + \\sqrt\\mu)^2$, $\\beta = ((\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1))^2$ (diamond).';

/** The momentum parameters an axis y defaults to, in order of preference. */
const MOMENTUM_KEYS = ['beta', 'momentum', 'beta1'];
const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', beta1: 'β₁', beta2: 'β₂', nu: 'ν', mu: 'μ', gamma: 'γ', tau: 'τ' };

/**
 * Work cap of the generic path (rateMapOf builds and analyses one linear form per cell): about 15 us per cell for
 * two-state forms and up to 1 ms for higher orders (sampled worst rates), measured on a busy 2-core machine; 5 s of
 * cells leaves room for rendering within `plot`'s ~10 s.
 */
const CELL_BUDGET_US = 5e6;

/** One axis of the map: the parameter, its grid values (ascending) and the extent of its pixels. */
export interface RateMapFigureAxis { key: string; values: Float64Array; extent: [number, number] }

/** The numbers a rate-map figure draws: worst rho over [mu, L], rho[i * x.values.length + j] at (y.values[i], x.values[j]). */
export interface RateMapFigureGrid {
  spec: string;
  method: string;
  x: RateMapFigureAxis;
  y: RateMapFigureAxis;
  /** Rows from the top: row 0 is the largest y. */
  rho: Float64Array;
  /** True when computed by the allocation-free rateMap (gd/hb/nag over alpha, beta), with its curves. */
  fast: boolean;
  exact: boolean;
  mu: number;
  L: number;
}

function numericParams(spec: Spec): ParamInfo[] {
  return methodDefinition(spec.name, 'rate-map.method').params.filter((p) => (p.kind ?? 'number') === 'number' && !Object.hasOwn(spec.params, p.name));
}

/** The method spec of the figure: commas may be written as '/' (inside `rate-map:...` a ',' would end the value). */
function methodSpec(raw: string): { text: string; spec: Spec } {
  const text = raw.replaceAll('/', ',');
  const spec = parseSpec(text, 'rate-map.method');
  const linear = linearMethodNames();
  if (!linear.includes(spec.name)) throw new ParameterError('rate-map.method', raw, `a linear method spec: ${linear.join(', ')}`);
  return { text, spec };
}

/** The axis keys: given, or the learning rate (x) and the momentum parameter (y) among the free numeric parameters. */
function axisKeys(spec: Spec, xRaw: string, yRaw: string): [string, string] {
  const free = numericParams(spec);
  const names = free.map((p) => p.name);
  if (free.length < 2 && (xRaw === 'auto' || yRaw === 'auto')) {
    throw new ParameterError('rate-map.method', spec.name, `a method with two numeric parameters the spec leaves free (${spec.name} has ${names.join(', ') || 'none'}; e.g. hb, nag, qhm, two-term)`);
  }
  const x = xRaw !== 'auto' ? xRaw : (free.find((p) => p.derivedDefault === 'rate') ?? free[0]).name;
  const y = yRaw !== 'auto' ? yRaw
    : (MOMENTUM_KEYS.find((k) => k !== x && names.includes(k)) ?? names.find((k) => k !== x)!);
  for (const [key, which] of [[x, 'x'], [y, 'y']] as const) {
    if (!names.includes(key)) throw new ParameterError(`rate-map.${which}`, key, `a numeric parameter of ${spec.name} the spec leaves free (${names.join(', ')}) or auto`);
  }
  if (x === y) throw new ParameterError('rate-map.y', y, `a parameter other than x = ${x}`);
  return [x, y];
}

/**
 * An axis's values. 'auto': n cell centres over the parameter's default range (a learning rate over (0, 4/L], 4.2/L
 * for heavy ball; a bounded parameter over [min, max]; a half-bounded one over [min, min + 2 default or 1]), so an
 * open end is never hit. 'lo;hi': n values from lo to hi, both included.
 */
function axisValues(info: ParamInfo, raw: string, n: number, which: 'x' | 'y', method: string, L: number): RateMapFigureAxis {
  if (raw === 'auto') {
    let lo: number, hi: number;
    if (info.derivedDefault === 'rate') { lo = 0; hi = (method === 'hb' ? 4.2 : 4) / L; }
    else {
      lo = info.min ?? (info.max !== undefined ? info.max - 2 : -1);
      hi = info.max ?? lo + (typeof info.default === 'number' && info.default > lo ? 2 * (info.default - lo) : 1);
    }
    // Cell centres, as the heavy-ball map always had them: ((j + 0.5) / n) * (hi - lo) + lo.
    const values = Float64Array.from({ length: n }, (_, j) => ((j + 0.5) / n) * (hi - lo) + lo);
    return { key: info.name, values, extent: [lo, hi] };
  }
  const parameter = `rate-map.${which}range`;
  const v = Array.from(parseList(raw, parameter));
  if (v.length !== 2 || !(v[0] < v[1])) throw new ParameterError(parameter, raw, 'auto or lo;hi with lo < hi');
  const values = linspace(v[0], v[1], n);
  const d = (v[1] - v[0]) / (n - 1);
  return { key: info.name, values, extent: [v[0] - d / 2, v[1] + d / 2] };
}

/**
 * The numbers of the rate-map figure for resolved parameters: gd/hb/nag over (alpha, beta) through the fast rateMap,
 * every other case (any linear method, any two of its numeric parameters) through rateMapOf.
 *
 * @example
 * rateMapGrid({ method: 'qhm:alpha=1', x: 'beta', y: 'nu', xrange: '0;0.9', yrange: '0;1', kappa: 100, n: 8 }).rho[7 * 8]; // returns 0.99 (nu = 0: gd, max |1 - h|)
 */
export function rateMapGrid(params: FigureParams): RateMapFigureGrid {
  const kappa = num(params, 'kappa');
  const n = num(params, 'n');
  const L = 1;
  const mu = 1 / kappa;
  const { text, spec } = methodSpec(String(params.method ?? 'hb'));
  const [xKey, yKey] = axisKeys(spec, String(params.x ?? 'auto'), String(params.y ?? 'auto'));
  const infos = methodDefinition(spec.name).params;
  const info = (k: string) => infos.find((p) => p.name === k)!;
  const x = axisValues(info(xKey), String(params.xrange ?? 'auto'), n, 'x', spec.name, L);
  const yAsc = axisValues(info(yKey), String(params.yrange ?? 'auto'), n, 'y', spec.name, L);
  // Row 0 at the top (the largest y): for the cell centres written as hi - ((i + 0.5) / n) (hi - lo), which is the
  // heavy-ball figure's 1 - (i + 0.5) / n bit for bit.
  const [ylo, yhi] = yAsc.extent;
  const yDesc = String(params.yrange ?? 'auto') === 'auto'
    ? Float64Array.from({ length: n }, (_, i) => yhi - ((i + 0.5) / n) * (yhi - ylo))
    : yAsc.values.slice().reverse();
  const y = { key: yKey, values: yDesc, extent: yAsc.extent };
  const method = spec.name;
  const fast = (method === 'hb' || method === 'nag') && Object.keys(spec.params).length === 0 && xKey === 'alpha' && yKey === 'beta';
  if (fast) {
    const map = rateMap(method, x.values, y.values, { mu, L });
    return { spec: text, method, x, y, rho: map.rho, fast, exact: true, mu, L };
  }
  // The generic path: check the work first (one sample form gives the order).
  const order = linearFormOf(text, { mu, L }, 'rate-map.method').form.A.length;
  const perCell = order <= 2 ? 15 : 1000;
  if (n * n * perCell > CELL_BUDGET_US) {
    throw new ParameterError('rate-map.n', n, `at most ${Math.floor(Math.sqrt(CELL_BUDGET_US / perCell))} for ${text} (n² cells of rateMapOf at ~${perCell} us each for a ${order}-state form; about 10 s with rendering)`);
  }
  const map = rateMapOf(text, { key: xKey, values: x.values }, { key: yKey, values: y.values }, { mu, L });
  return { spec: text, method, x, y, rho: map.rho, fast, exact: map.exact, mu, L };
}

function axisTitle(key: string, rate: boolean): string {
  if (key === 'alpha' || rate) return `learning rate ${GREEK[key] ?? key}`;
  if (key === 'beta') return 'momentum β';
  return GREEK[key] ? `${key} (${GREEK[key]})` : key;
}

/**
 * The rate map of a linear method over two of its parameters: the worst spectral radius over [mu, L] on a grid. Heavy
 * ball (the default) and Nesterov over (alpha, beta) come from theory's rateMap with the curves that organise the map
 * (rateMapCurves) and the tuned optimum; any other linear method or pair of parameters from rateMapOf, with the grid's
 * best cell marked.
 */
export const rateMapFigure: FigureDef = {
  name: 'rate-map',
  title: 'Rate map of a linear method over two parameters (default: heavy ball over (α, β))',
  section: 'spectral-radius',
  caption: 'Worst spectral radius $\\max_{h\\in[\\mu, L]}\\rho(h)$ of a linear method on a grid of two of its parameters (white: divergent, $\\rho \\ge 1$), the others fixed by the spec or defaulted. For heavy ball and Nesterov over $(\\alpha, \\beta)$ the curves that organise the map and the tuned optimum are drawn (Polyak\'s point for heavy ball); for other methods or parameters the best grid cell is marked.',
  params: [
    { name: 'kappa', description: 'condition number L/mu (L = 1)', default: 100, min: 1, minExclusive: true, max: 1e8 },
    { name: 'n', description: 'grid points per axis (the generic path caps n: about 577 for two-state forms, 70 for higher orders)', default: 240, kind: 'integer', min: 8, max: 1024 },
    { name: 'method', kind: 'string', default: 'hb', description: 'a linear method spec (gd, hb, nag, aggmo, qhm, leapfrog, two-term, tmm, torch-sgd, optax-sgd, keras-sgd, tfjs-momentum); inside `rate-map:...` write its commas as / (rate-map:method=qhm:alpha=1/beta=0.9,x=nu,...) or pass method=qhm:alpha=1,beta=0.9 as its own argument' },
    { name: 'x', kind: 'string', default: 'auto', description: 'the parameter across: a numeric parameter the method spec leaves free; auto = its learning rate' },
    { name: 'y', kind: 'string', default: 'auto', description: 'the parameter up; auto = its momentum (beta, momentum or beta1), else its next free numeric parameter' },
    { name: 'xrange', kind: 'string', default: 'auto', description: 'lo;hi: n values from lo to hi (both included); auto = n cell centres over (0, 4/L] for a learning rate (4.2/L for heavy ball), [min, max] for a bounded parameter' },
    { name: 'yrange', kind: 'string', default: 'auto', description: 'lo;hi or auto, as xrange' },
  ],
  quick: { n: 64 },
  build(params) {
    const kappa = num(params, 'kappa');
    const n = num(params, 'n');
    const g = rateMapGrid(params);
    const { mu, L } = g;
    const values = g.rho.map((r) => (r < 1 ? r : NaN));
    const layer: Record<string, unknown>[] = [];
    const xTitle = axisTitle(g.x.key, methodDefinition(g.method).params.find((p) => p.name === g.x.key)?.derivedDefault === 'rate');
    const yTitle = axisTitle(g.y.key, false);
    if (g.fast) {
      const method = g.method as 'hb' | 'nag';
      const names = method === 'hb' ? curveNames : nagCurveNames;
      const { curves, optimal } = rateMapCurves(method, Array.from({ length: 201 }, (_, i) => i / 200), { mu, L });
      const floor = Math.max(0, Math.floor(optimal.rate * 20) / 20 - 0.05);
      const amax = g.x.extent[1], amin = g.x.extent[0], [bmin, bmax] = g.y.extent;
      layer.push(...rasterLayers({ width: n, height: n, values }, {
        x: g.x.extent, y: g.y.extent, xTitle, yTitle, scheme: 'viridis', domain: [floor, 1], missing: [255, 255, 255], legendTitle: 'ρ',
      }));
      const rows = [];
      for (const c of curves) {
        for (let i = 0; i < c.betas.length; i++) {
          if (c.alphas[i] <= amax && c.alphas[i] >= amin && c.betas[i] >= bmin && c.betas[i] <= bmax) rows.push({ alpha: sig(c.alphas[i], 5), beta: sig(c.betas[i], 5), curve: names[c.name] });
        }
      }
      const legend = curves.map((c) => names[c.name]);
      layer.push({ data: { values: rows }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x: { field: 'alpha', type: 'quantitative' }, y: { field: 'beta', type: 'quantitative' }, color: seriesColor('curve', 'boundary', legend, ['#d62728', '#ff7f0e', '#2b59c3']), order: { field: 'beta', type: 'quantitative' } } });
      if (optimal.alpha >= amin && optimal.alpha <= amax && optimal.beta >= bmin && optimal.beta <= bmax) {
        layer.push({ data: { values: [{ alpha: optimal.alpha, beta: optimal.beta }] }, mark: { type: 'point', shape: 'diamond', size: 140, filled: true, color: '#fff', stroke: '#000', strokeWidth: 1.2 }, encoding: { x: { field: 'alpha', type: 'quantitative' }, y: { field: 'beta', type: 'quantitative' } } });
      }
      const who = method === 'hb' ? 'heavy ball' : 'Nesterov';
      const caption = method === 'hb' ? hbCaption : 'Worst spectral radius $\\max_{h\\in[\\mu, L]}\\rho(h)$ of Nesterov\'s method for each $(\\alpha, \\beta)$ (white: divergent, $\\rho \\ge 1$), with its stability limit, critical damping of $\\mu$, the real/complex boundary at $L$ and the tuned optimum $\\alpha = 4/(3L + \\mu)$, $\\beta = (\\sqrt{3\\kappa+1} - 2)/(\\sqrt{3\\kappa+1} + 2)$ (diamond).';
      return figureSpec(`Rate map of ${who}, κ = ${label(kappa)}`, caption, {
        width: 380, height: 300, layer, resolve: { scale: { color: 'independent' } },
      }, `μ = ${label(mu)}, L = 1; optimum α = ${label(optimal.alpha)}, β = ${label(optimal.beta)}, ρ = ${label(optimal.rate)}`);
    }
    // The generic path: no curves (rateMapCurves knows gd, hb and nag over (alpha, beta) only); the best cell marked.
    let best = -1;
    for (let k = 0; k < g.rho.length; k++) if (Number.isFinite(g.rho[k]) && (best < 0 || g.rho[k] < g.rho[best])) best = k;
    const nx = g.x.values.length;
    const lo = best >= 0 ? g.rho[best] : 0;
    // The colour scale from just below the best cell to 1 (a map of rates near 1 would otherwise be one colour).
    const floor = Math.max(0, Math.min(0.999, lo - 0.05 * (1 - lo)));
    layer.push(...rasterLayers({ width: n, height: n, values }, {
      x: g.x.extent, y: g.y.extent, xTitle, yTitle, scheme: 'viridis', domain: [floor, 1], missing: [255, 255, 255], legendTitle: 'ρ',
    }));
    const bx = best >= 0 ? g.x.values[best % nx] : NaN, by = best >= 0 ? g.y.values[Math.floor(best / nx)] : NaN;
    if (best >= 0 && g.rho[best] < 1) {
      layer.push({ data: { values: [{ x: bx, y: by }] }, mark: { type: 'point', shape: 'diamond', size: 140, filled: true, color: '#fff', stroke: '#000', strokeWidth: 1.2 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
    }
    const others = methodDefinition(g.method).params.filter((p) => p.name !== g.x.key && p.name !== g.y.key).map((p) => p.name);
    const caption = `Worst spectral radius $\\max_{h\\in[\\mu, L]}\\rho(h)$ of ${g.spec} for each (${g.x.key}, ${g.y.key}) on an ${n} × ${n} grid (rateMapOf; white: divergent, $\\rho \\ge 1$)` +
      `${others.length ? `, ${others.join(', ')} fixed by the spec or at their defaults` : ''}.` +
      `${g.exact ? '' : ' The worst rate over [μ, L] is sampled (a form of order above 2).'}` +
      ' The stability, damping and real/complex curves are drawn only for heavy ball and Nesterov over (α, β); the diamond is the best grid cell.';
    const bestText = best >= 0 && g.rho[best] < 1 ? `best cell ${g.x.key} = ${label(bx)}, ${g.y.key} = ${label(by)}, ρ = ${label(g.rho[best])}` : 'divergent everywhere on the grid';
    return figureSpec(`Rate map of ${g.spec} over (${g.x.key}, ${g.y.key}), κ = ${label(kappa)}`, caption, {
      width: 380, height: 300, layer, resolve: { scale: { color: 'independent' } },
    }, `μ = ${label(mu)}, L = 1; ${bestText}`);
  },
};
