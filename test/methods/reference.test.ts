import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/problems/registry.js';
import { createMethod, methods } from '../../src/methods/registry.js';
import { referenceIterates } from '../../src/methods/reference/index.js';
import { iterates, maxDeviation } from './helpers.js';

// Every method (and every option that changes its code path) on a dense rotated quadratic with a random minimiser,
// and a set on Rosenbrock, compared with the plain-loop reference over 50 steps.
const QUADRATIC = 'quadratic:dim=20,kappa=100,structure=dense,wstar=random,seed=3';
const onQuadratic = [
  'gd:alpha=1.5', 'gd:tune=optimal', 'hb:alpha=1,beta=0.8', 'hb:tune=polyak', 'nag:tune=standard', 'nag:alpha=0.7,beta=0.95',
  'nag-aspremont', 'nag-aspremont:schedule=strongly-convex', 'nag-aspremont:schedule=constant,alpha=1,tau=0.2,gamma=4',
  'cg', 'nlcg:variant=fr', 'nlcg:variant=pr', 'nlcg:variant=pr,linesearch=secant', 'nlcg:variant=fr,linesearch=secant,restart=5',
  'chebyshev', 'chebyshev:mu=0.02,L=1.2', 'aggmo:alpha=0.1', 'qhm:alpha=1,beta=0.9,nu=0.7', 'leapfrog:alpha=1,beta=0.8', 'leapfrog:alpha=0.5,beta=1', 'two-term:alpha=0.8,beta1=0.6,beta2=0.3', 'tmm',
  'pgd', 'pgd:precond=identity,alpha=0.5', 'pgd:precond=2', 'torch-sgd:lr=1,momentum=0.8,dampening=0.3',
  'torch-sgd:lr=0.5,momentum=0.9,nesterov=true,weight_decay=0.01', 'torch-sgd:lr=1', 'optax-sgd:learning_rate=1,momentum=0.8',
  'optax-sgd:learning_rate=0.5,momentum=0.9,nesterov=true', 'keras-sgd:learning_rate=1,momentum=0.8',
  'keras-sgd:learning_rate=0.5,momentum=0.9,nesterov=true', 'keras-sgd:learning_rate=1',
  'tfjs-momentum:learningRate=1,momentum=0.8', 'tfjs-momentum:learningRate=0.5,momentum=0.9,useNesterov=true',
];
const onRosenbrock = [
  'gd:alpha=0.001', 'hb:alpha=0.001,beta=0.9', 'nag:alpha=0.001,beta=0.9', 'nag-aspremont:L=1000', 'nag-aspremont:schedule=strongly-convex,mu=0.4,L=2500',
  'nlcg', 'nlcg:variant=fr', 'cg', 'chebyshev:mu=0.4,L=2500', 'aggmo:alpha=0.0002', 'qhm:alpha=0.001,beta=0.9', 'leapfrog:alpha=0.001,beta=0.9', 'two-term:alpha=0.001,beta1=0.9,beta2=0.5', 'tmm:mu=0.4,L=2500',
  'pgd', 'torch-sgd:lr=0.001,momentum=0.9,dampening=0.5', 'optax-sgd:learning_rate=0.001,momentum=0.9,nesterov=true', 'keras-sgd:learning_rate=0.001,momentum=0.9',
  'tfjs-momentum:learningRate=0.001,momentum=0.9,useNesterov=true',
];

describe('every method matches its plain-loop reference to 1e-12 over 50 steps', () => {
  it('each list covers every method of the registry', () => {
    const names = new Set(methods().map((m) => m.name));
    expect(names.size).toBe(17);
    expect(new Set(onQuadratic.map((s) => s.split(':')[0]))).toEqual(names);
    expect(new Set(onRosenbrock.map((s) => s.split(':')[0]))).toEqual(names);
  });
  for (const [problemSpec, list] of [[QUADRATIC, onQuadratic], ['rosenbrock', onRosenbrock]] as const) {
    for (const spec of list) {
      it(`${spec} on ${problemSpec.split(':')[0]}`, () => {
        const problem = createProblem(problemSpec);
        const method = createMethod(spec, problem);
        const fast = iterates(method, problem, 50).ws;
        const ref = referenceIterates(method.name, method.params, problem, problem.x0, 50);
        expect(fast.every((w) => w.every(Number.isFinite))).toBe(true);
        expect(maxDeviation(fast, ref)).toBeLessThanOrEqual(1e-12);
        // and the run actually moved: the last iterate differs from the start
        expect(maxDeviation([fast[49]], [problem.x0])).toBeGreaterThan(1e-3);
      });
    }
  }
});
