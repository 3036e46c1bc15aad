import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/problems/index.js';
// @ts-expect-error: plain-JS benchmark workload without type declarations
import { mlpFlops } from '../../bench/workloads/mlp.js';

describe('bench mlp workload', () => {
  it('counts the parameters of the 64-128-128-10 MLP as the problem does', () => {
    const p = createProblem('mlp:data=digits,hidden=128;128,act=tanh,loss=xent');
    expect(mlpFlops([64, 128, 128, 10], 1797).dim).toBe(p.dim);
  });

  it('a gradient is the forward products, the weight gradients and the deltas above the first layer (2 flops per multiply-add)', () => {
    const f = mlpFlops([64, 128, 128, 10], 1797);
    const first = 64 * 128, rest = 128 * 128 + 128 * 10;
    expect(f.forward).toBe(2 * 1797 * (first + rest));
    expect(f.grad).toBe(2 * 1797 * (2 * first + 3 * rest));
    expect(f.hvp).toBe(2 * 1797 * (3 * first + 8 * rest));
    // 20 H v plus two Gram-Schmidt passes over 1..20 basis vectors.
    expect(f.lanczos).toBe(20 * f.hvp + 2 * 4 * f.dim * 210);
  });
});
