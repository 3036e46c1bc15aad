import { describe, expect, it } from 'vitest';
import { certifyMethod, certifyRate, iqcQuery, twoTermStateSpace, type IqcKind } from '../../src/certify/index.js';
import { eig2x2 } from '../../src/linalg/index.js';
import { formCharacteristic, linearMethod, worstRateOverInterval } from '../../src/theory/index.js';

/** Rate on quadratics: max over a fine grid of h ∈ [mu, L] of the spectral radius of the two-term iteration matrix. */
function quadraticRate(alpha: number, beta1: number, beta2: number, mu: number, L: number, grid = 4001): number {
  let r = 0;
  for (let k = 0; k < grid; k++) {
    const h = mu + ((L - mu) * k) / (grid - 1);
    // x_{k+1} = (1 + β1 − αh(1 + β2)) x_k − (β1 − αhβ2) x_{k−1}
    const [z1, z2] = eig2x2(1 + beta1 - alpha * h * (1 + beta2), -(beta1 - alpha * h * beta2), 1, 0);
    r = Math.max(r, Math.hypot(z1.re, z1.im), Math.hypot(z2.re, z2.im));
  }
  return r;
}

describe('IQC certification (Lessard, Recht, Packard 2016)', () => {
  it('GD: the certified rate is max(|1 − α mu|, |1 − α L|) to 1e-6 over a grid of alpha and kappa', () => {
    for (const kappa of [2, 10, 100, 1000]) {
      for (const aL of [0.1, 0.5, 1, 2 / (1 + 1 / kappa), 1.5, 1.9]) {
        const mu = 1, L = kappa, alpha = aL / L;
        const expected = Math.max(Math.abs(1 - alpha * mu), Math.abs(1 - alpha * L));
        for (const iqc of ['sector', 'weighted'] as IqcKind[]) {
          const r = certifyRate(twoTermStateSpace(alpha, 0, 0), mu, L, { iqc });
          expect(r.certified).toBe(true);
          expect(Math.abs(r.rate! - expected)).toBeLessThan(1e-6);
        }
      }
    }
  });
  it('GD with alpha L >= 2 is not certified (rate null)', () => {
    const r = certifyRate(twoTermStateSpace(2.2, 0, 0), 0.1, 1);
    expect([r.rate, r.certified, r.bisectionSteps]).toEqual([null, false, 0]);
  });
  it('HB and Nesterov: certified rates are never below the rate on quadratics; sector-only never tighter than weighted', () => {
    const cases: [string, number][] = [];
    for (const kappa of [2, 5, 10, 30, 100]) for (const m of ['hb:tune=polyak', 'nag:tune=standard', 'hb:alpha=0.5,beta=0.3', 'nag:alpha=0.8,beta=0.2']) cases.push([m, kappa]);
    let certifiedCount = 0;
    for (const [spec, kappa] of cases) {
      const mu = 1 / kappa, L = 1;
      const m = certifyMethod(spec, mu, L);
      const t = formCharacteristic(m.stateSpace).twoTerm!;
      const rq = quadraticRate(t.alpha, t.beta1, t.beta2, mu, L);
      // the theory module's exact worst rate over [mu, L] agrees with the grid (a second, independent reference)
      const exact = worstRateOverInterval(linearMethod('two-term', { alpha: t.alpha, beta1: t.beta1, beta2: t.beta2 }), mu, L).rate;
      expect(Math.abs(exact - rq)).toBeLessThan(1e-6);
      const weighted = certifyRate(m.stateSpace, mu, L, { iqc: 'weighted' });
      const sector = certifyRate(m.stateSpace, mu, L, { iqc: 'sector' });
      if (weighted.rate !== null) { certifiedCount++; expect(weighted.rate).toBeGreaterThanOrEqual(rq - 1e-7); }
      if (sector.rate !== null) {
        expect(sector.rate).toBeGreaterThanOrEqual(rq - 1e-7);
        expect(weighted.rate).not.toBeNull();
        expect(sector.rate).toBeGreaterThanOrEqual(weighted.rate! - 1e-6);
      }
      if (kappa === 10) {
        // off-by-one alone uses a subset of the weighted analysis's multipliers
        const obo = certifyRate(m.stateSpace, mu, L, { iqc: 'off-by-one' });
        if (obo.rate !== null) expect(obo.rate).toBeGreaterThanOrEqual(Math.max(rq - 1e-7, weighted.rate! - 1e-6));
      }
    }
    expect(certifiedCount).toBeGreaterThanOrEqual(12);
  });
  it('Nesterov at kappa = 10: the weighted off-by-one IQC certifies 0.751821, the sector IQC alone only 0.967', () => {
    const m = certifyMethod('nag:tune=standard', 1, 10);
    const w = certifyRate(m.stateSpace, 1, 10).rate!;
    const s = certifyRate(m.stateSpace, 1, 10, { iqc: 'sector' }).rate!;
    expect(w).toBeCloseTo(0.751821, 5);
    expect(s).toBeCloseTo(0.967, 3);
  });
  it('triple momentum is certified at its known exact rate 1 − 1/√κ (to 1e-4; the LMI is degenerate at the exact rate)', () => {
    for (const kappa of [4, 25, 100]) {
      const r = certifyRate(certifyMethod('tmm', 1, kappa).stateSpace, 1, kappa, { iqc: 'weighted' });
      expect(r.rate!).toBeGreaterThanOrEqual(1 - 1 / Math.sqrt(kappa) - 1e-7);
      expect(r.rate!).toBeLessThan(1 - 1 / Math.sqrt(kappa) + 1e-4);
    }
  });
  it('a certificate is checked exactly: at the returned rate P ≻ 0 and the LMI is negative definite', () => {
    const m = certifyMethod('nag:tune=standard', 1, 10);
    const r = certifyRate(m.stateSpace, 1, 10);
    const q = iqcQuery(m.stateSpace, 1, 10, r.rate!, 'weighted');
    expect(q.margin).toBeGreaterThan(0);
    expect(q.lambda.every((l) => l >= 0)).toBe(true);
    expect(iqcQuery(m.stateSpace, 1, 10, r.rate! - 1e-5, 'weighted').margin).toBeLessThanOrEqual(0);
  });
  it('the rate is invariant under scaling f -> c f (mu, L, 1/alpha scaled together)', () => {
    const a = certifyRate(certifyMethod('hb:alpha=0.5,beta=0.3', 0.1, 1).stateSpace, 0.1, 1).rate!;
    const b = certifyRate(certifyMethod('hb:alpha=0.05,beta=0.3', 1, 10).stateSpace, 1, 10).rate!;
    expect(Math.abs(a - b)).toBeLessThan(1e-6);
  });
  it('a rho-versus-kappa curve (30 kappas, GD + HB + NAG) is fast; GD rates increase with kappa', () => {
    const kappas = Array.from({ length: 30 }, (_, i) => 10 ** (0.1 + (2.9 * i) / 29));
    const t0 = performance.now();
    const gd: number[] = [];
    let solves = 0;
    for (const kappa of kappas) {
      for (const m of ['gd', 'hb', 'nag']) {
        const r = certifyRate(certifyMethod(`${m}:tune=${m === 'gd' ? 'optimal' : m === 'hb' ? 'polyak' : 'standard'}`, 1, kappa).stateSpace, 1, kappa);
        solves += r.bisectionSteps;
        if (m === 'gd') gd.push(r.rate!);
      }
    }
    const ms = performance.now() - t0;
    console.log(`rho-vs-kappa curve: 90 certifications, ${solves} SDPs in ${ms.toFixed(0)} ms (${(ms / solves).toFixed(3)} ms per SDP)`);
    for (let i = 1; i < gd.length; i++) expect(gd[i]).toBeGreaterThan(gd[i - 1]);
    kappas.forEach((k, i) => expect(Math.abs(gd[i] - (k - 1) / (k + 1))).toBeLessThan(1e-6));
  });
  it('rejects bad parameters naming them', () => {
    const ss = twoTermStateSpace(0.5, 0, 0);
    expect(() => certifyRate(ss, 2, 1)).toThrow(/mu = 2 is invalid: expected a finite number in \(0, 1\)/); // mu < L, as for PEP
    expect(() => certifyRate(ss, 1, 2, { iqc: 'circle' as IqcKind })).toThrow(/iqc = "circle"/);
    expect(() => certifyRate({ A: [[1, 0]], B: [1], C: [1], D: 0 }, 1, 2)).toThrow(/state-space.A\[0\]/);
    expect(() => certifyMethod('two-term:alpha=0.1,beta1=2', 1, 2)).toThrow(/two-term.beta1 = 2/);
    expect(() => certifyMethod('hb:beta=1.2', 1, 2)).toThrow(/hb.beta = 1.2/);
  });
});
