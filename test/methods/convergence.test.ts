import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/problems/registry.js';
import { createMethod } from '../../src/methods/registry.js';
import { dist2 } from '../../src/linalg/index.js';
import type { Problem } from '../../src/problems/problem.js';

/** Steps until ||w - w*|| <= tol ||w0 - w*|| (or `max` + 1 if never), and whether every iterate stayed finite. */
function stepsToTolerance(problemSpec: string, methodSpec: string, tol: number, max: number): number {
  const problem: Problem = createProblem(problemSpec);
  const method = createMethod(methodSpec, problem);
  const state = method.init(problem, problem.x0);
  const ws = problem.minimizer!;
  const e0 = dist2(problem.x0, ws);
  for (let k = 0; k <= max; k++) {
    const e = dist2(state.w, ws);
    if (!Number.isFinite(e)) return Infinity;
    if (e <= tol * e0) return k;
    method.step(state, problem);
  }
  return max + 1;
}

// The kappa = 100, dim = 100 quadratic (linear spectrum on [0.01, 1], x0 = ones, w* = 0): every method reaches
// ||w - w*|| <= 1e-6 ||w0 - w*|| within its budget. Budgets are ~1.3x the measured counts (in the comment), and the
// rate-based ones follow theory: gd with alpha = 1/L needs ln(1e6)/-ln(1 - 1/kappa) = 1375 steps at worst.
const QUADRATIC = 'quadratic:dim=100,kappa=100';
const quadraticBudgets: [string, number][] = [
  ['gd', 1500], // 1146
  ['gd:tune=optimal', 800], // 593
  ['hb', 330], // 257 (alpha = 1/L, beta = 0.9)
  ['hb:tune=polyak', 110], // 83
  ['hb:tune=lecture', 180], // 136
  ['nag', 260], // 199
  ['nag:tune=standard', 180], // 135
  ['nag:tune=optimal', 150], // 116
  ['nag-aspremont', 750], // 571 (convex schedule: does not use mu)
  ['nag-aspremont:schedule=strongly-convex', 190], // 146
  ['nag-aspremont:schedule=constant', 180], // 135 (= nag:tune=standard)
  ['cg', 60], // 47
  ['nlcg:variant=fr', 60], // 47
  ['nlcg:variant=pr', 60], // 47
  ['nlcg:variant=pr,linesearch=secant', 85], // 64
  ['chebyshev', 95], // 71
  ['aggmo', 570], // 436
  ['qhm:beta=0.9', 1400], // 1072
  ['leapfrog', 330], // 257 (= hb)
  ['leapfrog:beta=0.81', 180], // 136
  ['pgd', 1], // 1: Jacobi on a diagonal quadratic is Newton's method
  ['pgd:precond=identity', 1500], // 1146 (= gd)
  ['torch-sgd:momentum=0.9', 330], // 257 (= hb)
  ['optax-sgd:momentum=0.9', 330], // 257
  ['keras-sgd:momentum=0.9', 330], // 257
  ['keras-sgd:momentum=0.9,nesterov=true', 260], // 198
  ['tfjs-momentum', 330], // 257 (momentum 0.9: = hb)
];

// Rosenbrock (a = 1, b = 100, from (-1.2, 1)): every method except linear CG (a quadratic method: its recurrence
// assumes a constant Hessian, and it does not converge here) reaches ||w - w*|| <= 1e-6 ||w0 - w*||.
const rosenbrockBudgets: [string, number][] = [
  ['gd:alpha=0.001', 42000], // 32400
  ['hb:alpha=0.001,beta=0.9', 4000], // 3051
  ['nag:alpha=0.001,beta=0.9', 4000], // 3098
  ['nag-aspremont:L=1000', 7800], // 5961
  ['nag-aspremont:schedule=constant,alpha=0.001,tau=0.1,gamma=0.01', 4000], // 3098 (= nag with beta = 1 - tau)
  ['nlcg', 35], // 24 (Polak–Ribière+, secant line search)
  ['nlcg:variant=fr', 110], // 84
  ['chebyshev:mu=0.4,L=2500', 900], // 687
  ['aggmo:alpha=0.0002', 3000], // 2288
  ['qhm:alpha=0.001,beta=0.9', 42000], // 32312
  ['leapfrog:alpha=0.001,beta=0.9', 4000], // 3051
  ['pgd', 19000], // 14722 (Jacobi from the Hessian at x0, alpha = 1)
  ['torch-sgd:lr=0.001,momentum=0.9', 4000],
  ['optax-sgd:learning_rate=0.001,momentum=0.9', 4000],
  ['keras-sgd:learning_rate=0.001,momentum=0.9', 4000],
  ['tfjs-momentum:learningRate=0.001', 4000],
];

describe('every method converges on the kappa=100, dim=100 quadratic', () => {
  it.each(quadraticBudgets)('%s reaches 1e-6 relative error within %i steps', (spec, budget) => {
    expect(stepsToTolerance(QUADRATIC, spec, 1e-6, budget)).toBeLessThanOrEqual(budget);
  });
  it('and the budgets are not loose: gd with alpha = 1/L needs more than 1000 steps, hb tuned by Polyak more than 60', () => {
    expect(stepsToTolerance(QUADRATIC, 'gd', 1e-6, 1000)).toBe(1001);
    expect(stepsToTolerance(QUADRATIC, 'hb:tune=polyak', 1e-6, 60)).toBe(61);
  });
});

describe('methods converge on Rosenbrock where they should', () => {
  it.each(rosenbrockBudgets)('%s reaches 1e-6 relative error within %i steps', (spec, budget) => {
    expect(stepsToTolerance('rosenbrock', spec, 1e-6, budget)).toBeLessThanOrEqual(budget);
  });
  it('linear CG, a quadratic method, does not converge on Rosenbrock (error still > 0.1 ||w0 - w*|| after 2000 steps)', () => {
    expect(stepsToTolerance('rosenbrock', 'cg', 0.1, 2000)).toBe(2001);
  });
});
