// "Did you mean ...?": an unknown name (method, problem, figure, dynamics system, tuning rule, spec key or choice)
// gets the closest valid one appended to its one-line error, but only when it is close; far-off names get none.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from '../../src/suggest.js';
import { createProblem } from '../../src/problems/registry.js';
import { cli } from './spawn-cli.js';

describe('suggest (library)', () => {
  it('edit distance counts swaps of neighbours as one edit', () => {
    expect(editDistance('quadratic', 'quadratic')).toBe(0);
    expect(editDistance('quadratc', 'quadratic')).toBe(1);
    expect(editDistance('qaudratic', 'quadratic')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests only close names', () => {
    expect(closestName('quadratc', ['quadratic', 'rosenbrock'])).toBe('quadratic');
    expect(closestName('Quadratic', ['quadratic'])).toBe('quadratic');
    expect(closestName('hbb', ['gd', 'hb', 'nag'])).toBe('hb');
    expect(closestName('xyz', ['quadratic', 'rosenbrock'])).toBeUndefined();
    expect(closestName('zz', ['gd', 'hb'])).toBeUndefined(); // 2 edits of a 2-letter name is everything
    expect(closestName('quadratic', ['quadratic'])).toBeUndefined();
    expect(closestName(undefined, ['quadratic'])).toBeUndefined();
    expect(closestName('a'.repeat(10_000), ['a'])).toBeUndefined();
    expect(didYouMean('rosenbrok', ['quadratic', 'rosenbrock'])).toBe(' (did you mean rosenbrock?)');
    expect(didYouMean('nothing-like-it', ['quadratic'])).toBe('');
  });
  it('prototype keys are still unknown, with no suggestion of them', () => {
    expect(() => createProblem('constructor')).toThrow(/^problem = "constructor" is invalid: expected one of quadratic/);
    expect(() => createProblem('quadratic:constructor=1')).toThrow(/quadratic\.constructor = "1" is invalid: expected one of the keys/);
    expect(() => createProblem('quadratic:__proto__=1')).toThrow(/is invalid/);
  });
  it('a library error carries the suggestion', () => {
    expect(() => createProblem('quadratc')).toThrow(/\(did you mean quadratic\?\)$/);
    expect(() => createProblem('quadratic:dmi=3')).toThrow(/^quadratic\.dmi = "3" is invalid: expected one of the keys .* \(did you mean dim\?\)$/);
  });
});

const cases: [string[], string][] = [
  [['run', '--problem', 'quadratc', '--method', 'hb'], 'problem = "quadratc" is invalid: expected one of quadratic, '],
  [['run', '--problem', 'quadratic', '--method', 'hbb'], 'method = "hbb" is invalid'],
  [['run', '--problem', 'quadratic:dimm=3', '--method', 'hb'], 'quadratic.dimm = "3" is invalid'],
  [['run', '--problem', 'quadratic', '--method', 'hb:tune=polyek'], 'hb.tune = "polyek" is invalid'],
  [['plot', 'spectral-radus', '--out', join(tmpdir(), 'ml-suggest.svg')], 'figure = "spectral-radus" is invalid'],
  [['dynamics', 'lorenzz'], 'dynamics SYSTEM = "lorenzz" is invalid'],
  [['tune', '--method', 'hb', '--mu', '0.1', '--L', '1', '--rule', 'polak'], '--rule = "polak" is invalid'],
  [['methods', 'nga'], 'method = "nga" is invalid'],
  [['problems', 'rosenbrok'], 'problem = "rosenbrok" is invalid'],
];
const expected = ['quadratic', 'hb', 'dim', 'polyak', 'spectral-radius', 'lorenz', 'polyak', 'nag', 'rosenbrock'];

describe('suggest (command line)', () => {
  cases.forEach(([args, start], i) => {
    it.concurrent(`momentum-lab ${args.join(' ')} suggests ${expected[i]}`, () => {
      const r = cli(...args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(start);
      expect(lines[0].endsWith(`(did you mean ${expected[i]}?)`)).toBe(true);
    });
  });
  it.concurrent('far-off names get no suggestion', () => {
    for (const args of [['run', '--problem', 'xyzzy', '--method', 'hb'], ['run', '--problem', 'quadratic', '--method', 'zzzz'], ['plot', 'nothing-like-it', '--out', join(tmpdir(), 'ml-suggest.svg')], ['problems', 'constructor']]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/is invalid: expected/);
      expect(r.stderr).not.toContain('did you mean');
    }
  });
});
