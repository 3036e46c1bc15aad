import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSdpCertificate, randomSdp, readSdpa, solveSdp, writeSdpa } from '../../src/certify/index.js';

// Reference values: scripts/fixtures/sdpa-fixtures.mjs ran /usr/bin/csdp on every file and recomputed CSDP's
// objectives in full precision from its solution file. Agreement is measured as SDP solvers do (CSDP, DIMACS):
// |ours − csdp| / (1 + |csdp|).
const dir = join(__dirname, '..', 'fixtures', 'sdpa');
const refs = JSON.parse(readFileSync(join(dir, 'references.json'), 'utf8')) as Record<string, { csdpReturnCode: number; primal?: number; dual?: number }>;
const CSDP = '/usr/bin/csdp';

describe('agreement with CSDP on the committed SDPA set', () => {
  it('the set has random SDPs up to 30x30 with up to 200 constraints, IQC and PEP problems', () => {
    const names = Object.keys(refs);
    expect(names.filter((n) => n.startsWith('random')).length).toBe(10);
    expect(names.filter((n) => n.startsWith('iqc')).length).toBe(5);
    expect(names.filter((n) => n.startsWith('pep')).length).toBe(5);
    expect(readdirSync(dir).filter((f) => f.endsWith('.dat-s')).length).toBe(names.length);
    const p = readSdpa(readFileSync(join(dir, 'random-08.dat-s'), 'utf8'));
    expect([p.blocks[0].n, p.b.length]).toEqual([30, 200]);
  });
  for (const [name, ref] of Object.entries(refs)) {
    it(`${name}: ${ref.csdpReturnCode === 0 ? 'optimal value within 1e-6 of CSDP' : `CSDP code ${ref.csdpReturnCode}`}`, () => {
      const p = readSdpa(readFileSync(join(dir, `${name}.dat-s`), 'utf8'));
      const r = solveSdp(p);
      if (ref.csdpReturnCode === 1) { expect(r.status).toBe('infeasible'); return; }
      if (name.startsWith('unbounded')) { expect(r.status).toBe('unbounded'); return; }
      expect(ref.csdpReturnCode).toBe(0);
      expect(r.status).toBe('optimal');
      for (const v of [r.primalObjective, r.dualObjective]) {
        expect(Math.abs(v - ref.dual!) / (1 + Math.abs(ref.dual!))).toBeLessThan(1e-6);
        expect(Math.abs(v - ref.primal!) / (1 + Math.abs(ref.primal!))).toBeLessThan(1e-6);
      }
      const c = checkSdpCertificate(p, r);
      expect(c.minEigX).toBeGreaterThanOrEqual(0);
      expect(c.minEigZ).toBeGreaterThan(-1e-7);
    });
  }
});

describe.skipIf(!existsSync(CSDP))('live comparison with the csdp binary', () => {
  it('fresh random SDPs solve to CSDP\'s printed optimal values (8 significant digits)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'certify-csdp-'));
    for (const [sizes, m, seed] of [[[7, -3], 9, 41], [[12, 5], 25, 42]] as [number[], number, number][]) {
      const p = randomSdp(sizes, m, { seed, density: 0.3 });
      const file = join(tmp, `p${seed}.dat-s`);
      writeFileSync(file, writeSdpa(p));
      const out = execFileSync(CSDP, [file], { encoding: 'utf8' });
      const pobj = Number(/Primal objective value: (\S+)/.exec(out)![1]);
      const r = solveSdp(p);
      expect(r.status).toBe('optimal');
      expect(Math.abs(r.primalObjective - pobj) / (1 + Math.abs(pobj))).toBeLessThan(1e-6);
    }
  });
});
