import { describe, expect, it } from 'vitest';
import { readSdpa, writeSdpa, randomSdp, solveSdp } from '../../src/certify/index.js';
import { ParameterError } from '../../src/errors.js';

const tiny = `" max x11 s.t. x11 + x22 = 1 (2x2 block) and an LP block
* second comment style
1 =m
2
{2, -1}
1.0
0 1 1 1 1.0
1 1 1 1 1.0
1 1 2 2 1.0
1 2 1 1 1.0
`;

describe('SDPA sparse format', () => {
  it('reads comments, braces, commas, block sizes, b and entries (1-based, diagonal blocks negative)', () => {
    const p = readSdpa(tiny.replace('1 =m', '1'));
    expect(p.blocks).toEqual([{ kind: 'sdp', n: 2 }, { kind: 'diag', n: 1 }]);
    expect(Array.from(p.b)).toEqual([1]);
    expect(p.C).toEqual([{ block: 0, i: 0, j: 0, v: 1 }]);
    expect(p.A[0]).toEqual([{ block: 0, i: 0, j: 0, v: 1 }, { block: 0, i: 1, j: 1, v: 1 }, { block: 1, i: 0, j: 0, v: 1 }]);
  });
  it('stores a lower-triangle entry as its upper-triangle partner', () => {
    const p = readSdpa('1\n1\n2\n0\n1 1 2 1 3.5\n');
    expect(p.A[0]).toEqual([{ block: 0, i: 0, j: 1, v: 3.5 }]);
  });
  it('write then read is the identity on a random problem (full double precision)', () => {
    const p = randomSdp([4, -3, 2], 6, { seed: 9 });
    const q = readSdpa(writeSdpa(p, 'round trip'));
    expect(q.blocks).toEqual(p.blocks);
    expect(Array.from(q.b)).toEqual(Array.from(p.b));
    expect(q.C).toEqual(p.C);
    expect(q.A).toEqual(p.A);
  });
  it('a problem read from text solves to its hand-derived value (max x11 with x11 + x22 + x3 = 1: 1)', () => {
    const r = solveSdp(readSdpa(tiny.replace('1 =m', '1')));
    expect(r.status).toBe('optimal');
    expect(r.primalObjective).toBeCloseTo(1, 7);
    expect(r.dualObjective).toBeCloseTo(1, 7);
  });
  it('names the line and the expected value on bad input', () => {
    expect(() => readSdpa('1\n1\n2\n1\n1 1 3 1 1\n')).toThrow(/SDPA line 5 = 3 is invalid: expected an integer in \[1, 2\] for a row index/);
    expect(() => readSdpa('1\n1\n0\n')).toThrow(ParameterError);
    expect(() => readSdpa('2\n1\n2\n1\n')).toThrow(/truncated/);
    expect(() => readSdpa('1\n1\n-2\n1\n1 1 1 2 1\n')).toThrow(/i = j in diagonal block 1/);
    expect(() => readSdpa('1\n1\n2\nabc\n')).toThrow(/"abc" is invalid: expected a finite decimal number/);
  });
});
