// Listings fit 100 columns (DESIGN.md "Command line contract"; issue 16 point 4): descriptions, choices and
// parameter lists wrap with a hanging indent instead of running off an 80-100 column terminal.
import { describe, expect, it } from 'vitest';
import { cli } from './spawn-cli.js';

const listings = [['plot', '--list'], ['problems'], ['problems', 'quadratic'], ['problems', 'mlp'], ['methods'], ['methods', 'hb'], ['methods', 'chebyshev'], ['methods', 'torch-sgd']];

describe('listings fit 100 columns', () => {
  for (const args of listings) {
    it.concurrent(`momentum-lab ${args.join(' ')}`, () => {
      const r = cli(...args);
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(3);
      const longest = lines.reduce((a, l) => (l.length > a.length ? l : a), '');
      expect(longest.length, longest).toBeLessThanOrEqual(100);
    });
  }
  it.concurrent('plot --list still names every figure with its parameters', () => {
    const r = cli('plot', '--list');
    expect(r.stdout).toMatch(/^mandelbrot +The Mandelbrot set \(section nonlinear-dynamics\)\n +width=700 maxIter=500 /m);
    expect(r.stdout).toMatch(/^spectral-radius /m);
  });
  it.concurrent('problems quadratic wraps a long list of choices inside its column', () => {
    const r = cli('problems', 'quadratic');
    expect(r.stdout).toMatch(/^spectrum +linear +linear \| geometric \|/m);
  });
});
