import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildFigure, figures, findFigure } from '../../src/plot/index.js';
import { renderSvg } from '../../cli/render.js';
import { rateMapGrid } from '../../src/plot/figures/rate-map.js';
import { rows } from './spec-rows.js';

/** Snapshot form of an SVG: embedded PNGs replaced by their SHA-256, geometry rounded to 0.1 px. */
function normalise(svg: string): string {
  return svg
    .replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/g, (url) => `png-sha256:${createHash('sha256').update(url).digest('hex').slice(0, 16)}`)
    .replace(/\s(d|transform|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g, (_m, name: string, value: string) =>
      ` ${name}="${value.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10 || 0))}"`)
    .replace(/></g, '>\n<');
}


describe('every figure', () => {
  it('the list covers the lecture\'s figures', () => {
    expect(figures.map((f) => f.name)).toEqual([
      'linear-systems', 'limit-cycle', 'lorenz', 'logistic', 'bifurcation', 'mandelbrot', 'hb-eigendirections', 'phase-space',
      'energy-decay', 'spectral-radius', 'rate-map', 'leapfrog', 'hb-vs-nesterov', 'convergence-vs-kappa', 'nesterov-worst',
      'iqc-rates', 'counterexample', 'nqm-batch-size', 'nqm-loss', 'sharpness', 'hessian-density',
    ]);
  });

  for (const def of figures) {
    it(`${def.name}: byte-stable SVG (rendered twice), no NaN, matches its snapshot`, async () => {
      const a = await renderSvg(buildFigure(def.name, { quick: true }));
      const b = await renderSvg(buildFigure(def.name, { quick: true }));
      expect(a).toBe(b);
      const snapshot = normalise(a);
      expect(snapshot).not.toMatch(/NaN|undefined|Infinity/);
      await expect(snapshot).toMatchFileSnapshot(`__snapshots__/${def.name}.svg`);
    });
  }
});

describe('figure data are the library\'s numbers', () => {
  it('hb-eigendirections: every direction overdamped at beta = 0.9 and underdamped at 0.999 (T = 0.00263 and 2.5e-7)', () => {
    const names = (beta: number) => [...new Set(rows(buildFigure(`hb-eigendirections:beta=${beta}`)).map((r) => r.direction).filter(Boolean))];
    expect(names(0.9)).toEqual(['h = 5×10⁻⁴ (overdamped)', 'h = 0.001 (overdamped)', 'h = 0.002 (overdamped)']);
    expect(names(0.999)).toEqual(['h = 5×10⁻⁴ (underdamped)', 'h = 0.001 (underdamped)', 'h = 0.002 (underdamped)']);
  });

  it('hb-eigendirections: w_1 = (1 - alpha h) w_0 + beta v_0 after one step (hand-derived: 1 - 0.002 = 0.998)', () => {
    const r = rows(buildFigure('hb-eigendirections:hs=0.002,steps=10')).filter((x) => x.k === 1 && x.direction);
    expect(r[0].w).toBeCloseTo(0.998, 12);
  });

  it('hb-eigendirections: the simulated run (dots) lies on the closed form (lines), to the 5 digits kept', () => {
    const seen = new Map<string, number[]>();
    for (const r of rows(buildFigure('hb-eigendirections:beta=0.999'))) {
      if (r.direction === undefined) continue;
      const key = `${r.direction}@${r.k}`;
      seen.set(key, [...(seen.get(key) ?? []), r.w as number]);
    }
    const pairs = [...seen.values()].filter((v) => v.length === 2);
    expect(pairs.length).toBeGreaterThanOrEqual(3 * 25);
    for (const [a, b] of pairs) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1e-3, Math.abs(a)));
  });

  it('spectral-radius: rho = sqrt(beta) above T (beta = 0.81: 0.9) and 1 - alpha h at beta = 0', () => {
    const r = rows(buildFigure('spectral-radius'));
    const at = (series: string, h: number) => r.filter((x) => x.series === series && Math.abs((x.h as number) - h) / h < 0.02);
    for (const x of at('β = 0.81', 0.5)) expect(x.rho).toBeCloseTo(0.9, 5);
    for (const x of at('β = 0', 0.5)) expect(x.rho).toBeCloseTo(1 - (x.h as number), 5);
    const T = r.filter((x) => x.T !== undefined && x.series === 'β = 0.81');
    expect(T[0].T).toBeCloseTo(0.01, 10); // (1 - 0.9)^2 / 1
  });

  it('rate-map: the optimum is Polyak\'s (kappa = 100: alpha = 4/1.1^2 = 3.306, beta = (9/11)^2 = 0.669, rho = 9/11)', () => {
    const opt = rows(buildFigure('rate-map', { quick: true })).find((x) => x.alpha !== undefined && x.curve === undefined)!;
    expect(opt.alpha).toBeCloseTo(4 / 1.21, 10);
    expect(opt.beta).toBeCloseTo(81 / 121, 10);
  });

  it('rate-map: no (alpha, beta) cell beats Polyak, and the cell on his point has rho = 9/11 (kappa = 100)', () => {
    const a = 4 / 1.21, b = 81 / 121, d = 0.05;
    const g = rateMapGrid({ method: 'hb', x: 'auto', y: 'auto', xrange: `${a - d};${a + d}`, yrange: `${b - d};${b + d}`, kappa: 100, n: 9 });
    expect(g.fast).toBe(true);
    expect(g.x.values[4]).toBeCloseTo(a, 12);
    expect(g.y.values[4]).toBeCloseTo(b, 12);
    expect(Math.abs(g.rho[4 * 9 + 4] - 9 / 11)).toBeLessThan(1e-6);
    expect(Math.min(...g.rho)).toBeGreaterThan(9 / 11 - 1e-9);
    // The generic path (a spec with a fixed key goes through rateMapOf) gives the same numbers, to rounding: not bit
    // for bit everywhere (at alpha = 3.2557851239669424, beta = 0.6444214876033058 they differ by 8e-16).
    const generic = rateMapGrid({ method: 'hb:tune=none', x: 'auto', y: 'auto', xrange: `${a - d};${a + d}`, yrange: `${b - d};${b + d}`, kappa: 100, n: 9 });
    expect(generic.fast).toBe(false);
    generic.rho.forEach((r, k) => expect(Math.abs(r - g.rho[k])).toBeLessThanOrEqual(1e-14 * g.rho[k]));
  });

  it('rate-map of qhm: the nu = 0 row is gradient descent, max(|1 - alpha mu|, |1 - alpha L|), for any beta', () => {
    const g = rateMapGrid({ method: 'qhm:alpha=1', x: 'beta', y: 'nu', xrange: '0;0.99', yrange: '0;1', kappa: 100, n: 12 });
    expect(g.fast).toBe(false);
    expect(g.y.values[11]).toBe(0); // rows from the top: the last row is nu = 0
    for (let j = 0; j < 12; j++) expect(g.rho[11 * 12 + j]).toBeCloseTo(0.99, 12);
    const h = rateMapGrid({ method: 'qhm:beta=0.5', x: 'alpha', y: 'nu', xrange: '0.1;3', yrange: '0;1', kappa: 100, n: 10 });
    h.x.values.forEach((alpha, j) => expect(h.rho[9 * 10 + j]).toBeCloseTo(Math.max(Math.abs(1 - alpha / 100), Math.abs(1 - alpha)), 12));
  });

  it('rate-map: defaults, the / separator inside the figure spec, the work cap and bad axes', () => {
    const g = rateMapGrid({ method: 'qhm', x: 'auto', y: 'auto', xrange: 'auto', yrange: 'auto', kappa: 100, n: 8 });
    expect([g.x.key, g.y.key, g.x.extent, g.y.extent]).toEqual(['alpha', 'beta', [0, 4], [0, 1]]);
    const spec = buildFigure('rate-map:method=torch-sgd:dampening=0.1/weight_decay=0,n=16') as { title: { text: string } };
    expect(spec.title.text).toBe('Rate map of torch-sgd:dampening=0.1,weight_decay=0 over (lr, momentum), κ = 100');
    expect(() => buildFigure('rate-map:method=qhm,n=1024')).toThrow(/rate-map\.n = 1024 is invalid: expected at most 577/);
    expect(() => buildFigure('rate-map:method=gd')).toThrow(/rate-map\.method = "gd" is invalid: expected a method with two numeric parameters/);
    expect(() => buildFigure('rate-map:method=qhm,x=nu,y=nu')).toThrow(/rate-map\.y = "nu" is invalid/);
    expect(() => buildFigure('rate-map:method=qhm:alpha=1,x=alpha')).toThrow(/rate-map\.x = "alpha" is invalid/);
    expect(() => buildFigure('rate-map:method=cg')).toThrow(/rate-map\.method/);
  });

  it('leapfrog: the shadow Hamiltonian stays at its initial value, the naive energy does not', () => {
    const r = rows(buildFigure('leapfrog'));
    const shadow = r.filter((x) => x.series === 'shadow Hamiltonian').map((x) => x.E as number);
    const naive = r.filter((x) => String(x.series).startsWith('naive')).map((x) => x.E as number);
    expect(Math.max(...shadow.map((e) => Math.abs(e - 1)))).toBeLessThan(1e-9);
    expect(Math.max(...naive) - Math.min(...naive)).toBeGreaterThan(0.1);
  });

  it('nesterov-worst: conjugate gradient sits on the Krylov bound 1/(2(k+1))', () => {
    const r = rows(buildFigure('nesterov-worst', { quick: true })).filter((x) => String(x.series) === 'conjugate gradient');
    for (const x of r) expect(x.loss as number).toBeCloseTo(1 / (2 * ((x.k as number) + 1)), 5);
  });

  it('counterexample: heavy ball from 3.3 ends on the 3-cycle -1.8024, 0.6465, 2.1159 (Lessard et al. Fig. 7)', () => {
    const cycle = [...new Set(rows(buildFigure('counterexample')).filter((x) => x.J !== undefined && x.k !== undefined).map((x) => x.x as number))].sort((a, b) => a - b);
    expect(cycle).toHaveLength(3);
    expect(cycle[0]).toBeCloseTo(-1.8024, 3);
    expect(cycle[1]).toBeCloseTo(0.6465, 3);
    expect(cycle[2]).toBeCloseTo(2.1159, 3);
  });

  it('bad parameters are rejected with the parameter named', () => {
    expect(() => buildFigure('hb-eigendirections:beta=1.5')).toThrow(/hb-eigendirections\.beta = 1\.5 is invalid/);
    expect(() => buildFigure('no-such-figure')).toThrow(/figure = "no-such-figure" is invalid: expected one of linear-systems/);
    expect(() => buildFigure('phase-space:hs=0.1;x')).toThrow(/phase-space\.hs/);
    expect(findFigure('mandelbrot').quick).toEqual({ width: 240, maxIter: 200 });
  });
});
