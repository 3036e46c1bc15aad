import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain-JS benchmark helpers without type declarations
import { quantile, summarize } from '../../bench/lib/stats.js';
// @ts-expect-error: plain-JS benchmark helpers without type declarations
import { fmtMs, fmtRatio, markdownTable } from '../../bench/lib/format.js';

describe('bench harness', () => {
  it('quantiles interpolate linearly between order statistics (numpy\'s default)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, q1: 2, q3: 4, max: 5, reps: 3 });
  });

  it('formats times and ratios with 3 significant digits', () => {
    expect(fmtMs(9.1234)).toBe('9.12 ms');
    expect(fmtMs(0.0123)).toBe('12.3 µs');
    expect(fmtMs(1234)).toBe('1.23 s');
    expect(fmtRatio(0.4567)).toBe('0.457x');
    expect(fmtRatio(NaN)).toBe('—');
    expect(markdownTable({ header: ['a', 'b'], rows: [['x|y', '1']] })).toBe('| a | b |\n| --- | ---: |\n| x\\|y | 1 |');
  });

  it('npm run bench rejects an unknown option or workload with exit status 2 and lists the workloads', () => {
    const bad = spawnSync(process.execPath, ['bench/run.js', '--only', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--only: unknown workload nope \(allowed: quadratic-step, many-runs, lorenz, mandelbrot, sdp, eigen, nqm, mlp\)/);
    const list = spawnSync(process.execPath, ['bench/run.js', '--list'], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(8);
    expect(list.stdout).toMatch(/^nqm +NQM: tuned steps-to-target curves \(SGD, heavy ball\) vs batch size, 10\^4 directions$/m);
    expect(list.stdout).toMatch(/^mlp +MLP 64-128-128-10 \(tanh, digits, float64\): gradient, Hessian-vector product, 20 Lanczos steps$/m);
  });
});
