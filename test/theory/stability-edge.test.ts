import { describe, expect, it } from 'vitest';
import { createMethod, linearMethodNames } from '../../src/methods/registry.js';
import { formRate } from '../../src/theory/linear-form-analysis.js';
import { stabilityEdge } from '../../src/theory/stability-edge.js';

const formOf = (spec: string) => createMethod(spec, { mu: 0.01, L: 1 }).linear!;

describe('the edge of stability from the linear form', () => {
  it.each([
    ['gd:alpha=0.5', 2 / 0.5],
    ['hb:alpha=0.5,beta=0.9', (2 * 1.9) / 0.5],
    ['nag:alpha=0.5,beta=0.9', (2 + 2 * 0.9) / (0.5 * (1 + 2 * 0.9))],
  ])('%s: the closed forms of Cohen et al. (2 / alpha, 2 (1 + beta) / alpha, (2 + 2 beta) / (alpha (1 + 2 beta)))', (spec, want) => {
    const edge = stabilityEdge(formOf(spec));
    expect(edge.method).toBe('closed form');
    expect(edge.h!).toBeCloseTo(want, 12);
    // The numeric scan finds the same point (to the bisection's last double, within 1e-12 relative).
    const numeric = stabilityEdge(formOf(spec), undefined, { numeric: true });
    expect(numeric.method).toBe('bisection');
    expect(Math.abs(numeric.h! / want - 1)).toBeLessThan(1e-12);
  });

  it('every linear method at its defaults: rho < 1 just below the edge and rho >= 1 at it (or a stated reason)', () => {
    for (const name of linearMethodNames()) {
      const form = formOf(name), edge = stabilityEdge(form);
      if (edge.h === null) { expect(edge.reason, name).toBeTruthy(); continue; }
      expect(formRate(form, edge.h * (1 - 1e-6)), name).toBeLessThan(1);
      expect(formRate(form, edge.h * (1 + 1e-6)), name).toBeGreaterThanOrEqual(1 - 1e-12);
      // Every curvature below the edge contracts (a coarse check of the "first crossing" definition).
      for (let t = 1; t <= 50; t++) expect(formRate(form, (edge.h * t) / 51), `${name} at ${t}/51 of the edge`).toBeLessThan(1);
    }
  });

  it('aggmo (three betas, four states) has no closed form: bisection, and the edge moves with alpha as 1 / alpha', () => {
    const a = stabilityEdge(formOf('aggmo:alpha=0.1,betas=0;0.9;0.99')), b = stabilityEdge(formOf('aggmo:alpha=0.2,betas=0;0.9;0.99'));
    expect(a.method).toBe('bisection');
    expect(Math.abs(a.h! / b.h! - 2)).toBeLessThan(1e-9);
  });

  it('a marginal method (hb with beta = 1) has no edge: not stable near h = 0', () => {
    const edge = stabilityEdge(formOf('hb:alpha=0.5,beta=1'), undefined, { numeric: true });
    expect(edge.h).toBeNull();
    expect(edge.reason).toBe('not stable near h = 0');
  });
});
