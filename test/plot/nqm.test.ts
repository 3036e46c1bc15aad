import { describe, expect, it } from 'vitest';
import { buildFigure } from '../../src/plot/index.js';
import { nqmBatchCurve, nqmCriticalBatch, nqmExpectedLoss, nqmLowerBound, nqmSetup } from '../../src/theory/nqm.js';
import { rows } from './spec-rows.js';


describe('NQM figures plot the library\'s numbers', () => {
  it('nqm-batch-size: the tuned curves of nqmBatchCurve, the lower bound, the critical batch rule where nqmCriticalBatch finds one', () => {
    const spec = buildFigure('nqm-batch-size:dim=500,bmax=8,nag=false');
    const data = rows(spec);
    const setup = nqmSetup({ dim: 500 });
    const batches = Array.from({ length: 9 }, (_, i) => 2 ** i);
    const sgd = nqmBatchCurve('gd', setup, batches, 0.01);
    const sgdRows = data.filter((r) => /^SGD( \(|$)/.test(String(r.series)) && r.steps !== undefined);
    expect(sgdRows.map((r) => r.steps)).toEqual(sgd.map((r) => r.steps));
    const lb = data.filter((r) => r.series === 'lower bound D/(2CB)');
    expect(lb.length).toBeGreaterThan(0);
    for (const r of lb) expect(r.steps).toBeCloseTo(nqmLowerBound(setup, r.batch as number, 0.01).notebook, 9);
    const crit = nqmCriticalBatch(sgd).interpolated;
    expect(data.filter((r) => r.steps === undefined && typeof r.batch === 'number').map((r) => r.batch)).toEqual(crit === null ? [] : [crit]);
  });

  it('nqm-batch-size: the preconditioned-SGD curve is nqmBatchCurve with { precondition: p }; precondition=0 leaves it out', () => {
    const setup = nqmSetup({ dim: 300 });
    const batches = Array.from({ length: 9 }, (_, i) => 2 ** i);
    const pre = nqmBatchCurve('gd', setup, batches, 0.01, { precondition: 0.5 });
    const data = rows(buildFigure('nqm-batch-size:dim=300,bmax=8,nag=false'));
    const preRows = data.filter((r) => String(r.series).startsWith('SGD, P = H^−0.5') && r.steps !== undefined);
    expect(preRows.map((r) => r.steps)).toEqual(pre.map((r) => r.steps));
    // It needs fewer steps than plain SGD at every batch size here.
    const plain = nqmBatchCurve('gd', setup, batches, 0.01);
    pre.forEach((r, i) => expect(r.steps!, `B=${r.batch}`).toBeLessThan(plain[i].steps!));
    const none = rows(buildFigure('nqm-batch-size:dim=300,bmax=8,nag=false,precondition=0'));
    expect(none.some((r) => String(r.series).includes('P = H'))).toBe(false);
  });

  it('nqm-loss: total = deterministic + noise from nqmExpectedLoss, and a sampled run that starts near the initial loss', () => {
    const spec = buildFigure('nqm-loss:dim=100,steps=200,batch=8');
    const data = rows(spec);
    const exact = nqmExpectedLoss('hb:alpha=0.05,beta=0.9', nqmSetup({ dim: 100 }), 8, [200]);
    const last = data.filter((r) => r.k === 200);
    expect(last.find((r) => r.series === 'expected loss')!.loss).toBeCloseTo(exact[0].loss, 5);
    expect(last.find((r) => r.series === 'deterministic part')!.loss).toBeCloseTo(exact[0].deterministic, 5);
    expect(last.find((r) => r.series === 'noise part')!.loss).toBeCloseTo(exact[0].noise, 5);
    const sampled = data.filter((r) => String(r.series).startsWith('sampled run'));
    expect(sampled.length).toBeGreaterThan(100);
    expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity/);
  });
});
