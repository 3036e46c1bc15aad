import { describe, expect, it } from 'vitest';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.js';
import { createProblem } from '../../src/problems/registry.js';
import { createMethod, heavyBall } from '../../src/methods/index.js';
import { linspace } from '../../src/linalg/index.js';
import type { Optimizer, OptimizerState } from '../../src/methods/optimizer.js';
import type { Problem } from '../../src/problems/problem.js';

/**
 * Growth of V8's heap and of typed-array memory over `steps` steps after a warm-up: the smallest growth over up to
 * `repeats` consecutive windows in which no garbage collection ran (a window whose heap shrank had one, and is
 * skipped: a collection would hide allocation). Compiling the step grows the heap once, and on a loaded machine V8's
 * concurrent compiler may deliver the optimised step late; a step that allocates grows every window. If every window
 * had a collection, the result is Infinity (that much garbage means allocation).
 */
function growth(method: Optimizer, problem: Problem, warmup: number, steps: number, repeats = 3): { heap: number; arrayBuffers: number } {
  const s: OptimizerState = method.init(problem, problem.x0);
  for (let k = 0; k < warmup; k++) method.step(s, problem);
  let heap = Infinity, arrayBuffers = Infinity;
  for (let r = 0; r < repeats && heap > 0; r++) {
    const before = process.memoryUsage();
    for (let k = 0; k < steps; k++) method.step(s, problem);
    const after = process.memoryUsage();
    const dHeap = after.heapUsed - before.heapUsed;
    if (dHeap < 0) continue;
    heap = Math.min(heap, dHeap);
    arrayBuffers = Math.min(arrayBuffers, after.arrayBuffers - before.arrayBuffers);
  }
  expect(Number.isFinite(s.w[0])).toBe(true);
  return { heap, arrayBuffers };
}

describe('steps allocate nothing', () => {
  it('heavy-ball steps on a 10^6-dimensional diagonal quadratic: no heap or ArrayBuffer growth over 100 steps (one 8 MB vector would show)', () => {
    const n = 1_000_000;
    const problem = diagonalQuadratic(linspace(0.01, 1, n));
    const { heap, arrayBuffers } = growth(heavyBall(1, { beta: 0.81 }), problem, 10, 100, 3);
    expect(arrayBuffers).toBeLessThan(1 << 20);
    expect(heap).toBeLessThan(1 << 20);
  });

  const specs = ['gd', 'hb', 'nag', 'nag-aspremont', 'nag-aspremont:schedule=strongly-convex', 'cg', 'nlcg', 'nlcg:linesearch=secant', 'chebyshev', 'aggmo:alpha=0.1',
    'qhm', 'leapfrog', 'pgd', 'torch-sgd:momentum=0.9,nesterov=true,weight_decay=0.01', 'optax-sgd:momentum=0.9,nesterov=true', 'keras-sgd:momentum=0.9,nesterov=true', 'tfjs-momentum:useNesterov=true'];
  // After V8 has optimised the step (100000 warm-up steps; unoptimised code boxes every double it reads from a field,
  // 12 bytes each, which is the engine's allocation, not ours), 20000 steps must not grow the heap. The bound is 128 kB:
  // under a parallel test run V8's own metadata grew nlcg's quietest window by 65.7 kB (3 bytes a step), while one
  // 8-byte allocation per step would be 160 kB and one 16-byte object 320 kB.
  it.each(specs)('%s: 20000 steps on a small quadratic grow the heap by less than 128 kB (one 16-byte object per step would be 320 kB)', (spec) => {
    const problem = createProblem('quadratic:dim=8,kappa=10,wstar=random,seed=1');
    const { heap } = growth(createMethod(spec, problem), problem, 100_000, 20000, 10);
    expect(heap).toBeLessThan(128 * 1024);
  });

  it.each(specs)('%s: a step constructs no typed array (counted by a Float64Array subclass installed as the global)', (spec) => {
    const problem = createProblem('quadratic:dim=8,kappa=10,wstar=random,seed=1');
    const method = createMethod(spec, problem);
    const s = method.init(problem, problem.x0);
    const Original = globalThis.Float64Array;
    let constructed = 0;
    class Counting extends Original {
      constructor(...args: ConstructorParameters<typeof Float64Array>) { super(...args); constructed++; }
    }
    globalThis.Float64Array = Counting as unknown as typeof Float64Array;
    try {
      expect(new Float64Array(1)).toBeInstanceOf(Counting); // the counter is live
      expect(constructed).toBe(1);
      for (let k = 0; k < 100; k++) method.step(s, problem);
    } finally {
      globalThis.Float64Array = Original;
    }
    expect(constructed).toBe(1);
  });
});
