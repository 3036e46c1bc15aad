import { describe, expect, it } from 'vitest';
import { createMethod } from '../../src/methods/registry.js';
import { createProblem } from '../../src/problems/registry.js';
import { buildFigure, methodColors, palette } from '../../src/plot/index.js';
import { hessianEigenvalues } from '../../src/spectra/hessian-eigenvalues.js';
import { stabilityEdge } from '../../src/theory/stability-edge.js';
import { rows } from './spec-rows.js';

const TOY = 'mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse';

describe('sharpness figure', () => {
  it('each method\'s dashed line is its edge of stability from its linear form (2/alpha = 5, 2(1 + beta)/alpha = 7.6, NAG 7.6/2.8)', () => {
    const spec = buildFigure('sharpness:methods=gd:alpha=0.4;hb:alpha=0.5/beta=0.9;nag:alpha=0.5/beta=0.9,steps=300,every=50');
    const lines = rows(spec).filter((r) => r.k === undefined).map((r) => r.s as number);
    expect(lines[0]).toBeCloseTo(5, 10);
    expect(lines[1]).toBeCloseTo(7.6, 10);
    expect(lines[2]).toBeCloseTo(7.6 / 2.8, 5);
    const nag = createMethod('nag:alpha=0.5,beta=0.9', createProblem(TOY));
    expect(lines[2]).toBeCloseTo(stabilityEdge(nag.linear!).h!, 5);
  });

  it('the first sharpness is the top Hessian eigenvalue at the seeded start (2.887), and the quick build rises to within 15% of the threshold 10 without passing 1.35 times it', () => {
    const p = createProblem(TOY), top = hessianEigenvalues(p, p.x0, { tol: 1e-10 }).values[0];
    expect(top).toBeCloseTo(2.887005, 5);
    const data = rows(buildFigure('sharpness', { quick: true })).filter((r) => r.s !== undefined && r.k !== undefined);
    for (const name of ['gd:alpha=0.2', 'hb:alpha=0.3,beta=0.5', 'nag:alpha=0.1357,beta=0.9']) {
      const s = data.filter((r) => r.method === name);
      expect(s[0].k).toBe(0);
      expect(Math.abs((s[0].s as number) - top)).toBeLessThan(1e-3); // rounded to 4 digits, Lanczos to 1e-6
      const late = s.filter((r) => (r.k as number) >= 2000).map((r) => r.s as number);
      expect(Math.max(...late)).toBeGreaterThan(8.5);
      expect(Math.max(...s.map((r) => r.s as number))).toBeLessThan(13.5);
    }
  });

  it('a second run of the same method gets its own colour, and a diverging run\'s loss is clipped at 10 times the start (0.2433)', () => {
    const spec = buildFigure('sharpness:methods=gd:alpha=0.4;hb:alpha=0.5/beta=0.9;hb:alpha=0.1/beta=0.9,steps=300,every=50') as unknown as { vconcat: { title: { text: string }; layer: { encoding: { y: { scale: { domain: number[] } }; color?: { scale: { range: string[] } } } }[] }[] };
    const loss = spec.vconcat[3].layer[0].encoding;
    // The second heavy ball: the first palette colour that is no method's colour.
    expect(loss.color!.scale.range).toEqual([methodColors.gd, methodColors.hb, palette.find((c) => !Object.values(methodColors).includes(c))]);
    expect(loss.y.scale.domain[1]).toBeCloseTo(2.433, 10); // the losses are kept to 4 digits
    expect(spec.vconcat[1].title.text).toBe('hb:alpha=0.5,beta=0.9: threshold 7.6, diverged at step 150');
  });

  it('bad input: more than four methods, a bad method spec and work over the cap name the parameter', () => {
    expect(() => buildFigure('sharpness:methods=gd;gd;gd;gd;gd')).toThrow(/sharpness\.methods .* one to four method specs/);
    expect(() => buildFigure('sharpness:methods=nope:alpha=1')).toThrow(/^sharpness\.methods = "nope" is invalid: expected one of gd, hb, nag/);
    expect(() => buildFigure('sharpness:steps=20000,hidden=400')).toThrow(/sharpness\.steps x methods x hidden\/100 = 240000 is invalid: expected at most 60000/);
    expect(() => buildFigure('sharpness:steps=20000,every=5,methods=gd:alpha=0.2')).toThrow(/sharpness\.every/);
  });
});

describe('hessian-density figure', () => {
  it('marks the top-3 Hessian eigenvalues at the seeded start (2.887, 1.547, 0.0592) and its density integrates to 1', () => {
    const spec = buildFigure('hessian-density');
    const all = rows(spec), marks = all.filter((r) => r.text !== undefined || (r.density === undefined && r.t !== undefined));
    const values = [...new Set(marks.map((r) => r.t as number))];
    expect(values[0]).toBeCloseTo(2.887005, 4); // kept to 6 significant digits
    expect(values[1]).toBeCloseTo(1.546745, 4);
    expect(values[2]).toBeCloseTo(0.0591684, 6);
    const curve = all.filter((r) => r.density !== undefined);
    const half = curve.slice(0, curve.length / 2); // the area layer; the line layer repeats it
    let integral = 0;
    for (let i = 1; i < half.length; i++) integral += 0.5 * ((half[i].density as number) + (half[i - 1].density as number)) * ((half[i].t as number) - (half[i - 1].t as number));
    expect(integral).toBeGreaterThan(0.98);
    expect(integral).toBeLessThan(1.02);
  });

  it('after 6000 steps of gd:alpha=0.2 the top eigenvalue has risen from 2.89 to near 2/alpha = 10 (within 15%)', () => {
    const marks = rows(buildFigure('hessian-density:train=gd:alpha=0.2,steps=6000,runs=1,iter=40')).filter((r) => r.text !== undefined);
    expect(Math.abs((marks[0].t as number) / 10 - 1)).toBeLessThan(0.15);
  });

  it('bad input: train without steps, a diverging method and work over the cap name the parameter', () => {
    expect(() => buildFigure('hessian-density:train=toString,steps=5')).toThrow(/^hessian-density\.train = "toString" is invalid/);
    expect(() => buildFigure('hessian-density:train=gd:alpha=0.2')).toThrow(/hessian-density\.steps = 0 is invalid/);
    expect(() => buildFigure('hessian-density:train=gd:alpha=50,steps=500')).toThrow(/hessian-density\.train .* diverged at step/);
    expect(() => buildFigure('hessian-density:data=digits,hidden=400,runs=20,iter=400')).toThrow(/hessian-density\.work .* at most 40000/);
  });
});
