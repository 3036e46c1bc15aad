import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { createProblem } from '../../src/problems/registry.js';
import { tuneMethod } from '../../src/theory/tuning.js';
import { createMethod, methods } from '../../src/methods/index.js';
import type { ParamInfo } from '../../src/spec.js';

const inRange = (p: ParamInfo, v: number): boolean =>
  (p.min === undefined || (p.minExclusive ? v > p.min : v >= p.min)) && (p.max === undefined || (p.maxExclusive ? v < p.max : v <= p.max));

describe('methods()', () => {
  it('lists the 17 methods of the spec language, each with an equation and described parameters', () => {
    const list = methods();
    expect(list.map((m) => m.name)).toEqual(['gd', 'hb', 'nag', 'nag-aspremont', 'cg', 'nlcg', 'chebyshev', 'aggmo', 'qhm', 'leapfrog', 'two-term', 'tmm', 'pgd', 'torch-sgd', 'optax-sgd', 'keras-sgd', 'tfjs-momentum']);
    for (const m of list) {
      expect(m.equation.length).toBeGreaterThan(10);
      for (const p of m.params) expect(p.description.length).toBeGreaterThan(5);
    }
  });
  it('every numeric default lies in its own valid range, and every string default is one of its choices', () => {
    let checked = 0;
    for (const m of methods()) {
      for (const p of m.params) {
        if (typeof p.default === 'number') { expect(inRange(p, p.default), `${m.name}.${p.name}`).toBe(true); checked++; }
        if (typeof p.default === 'string' && p.choices) { expect(p.choices).toContain(p.default); checked++; }
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
  it('hb lists alpha > 0 and beta in [0, 1] with default 0.9 (one range everywhere)', () => {
    const hb = methods().find((m) => m.name === 'hb')!;
    expect(hb.params.find((p) => p.name === 'alpha')).toMatchObject({ min: 0, minExclusive: true });
    expect(hb.params.find((p) => p.name === 'beta')).toMatchObject({ default: 0.9, min: 0, max: 1, maxExclusive: false });
  });
});

describe('createMethod validates its spec', () => {
  const bad: [string, string][] = [
    ['hb:beta=1.5', 'hb.beta = 1.5 is invalid: expected a finite number in [0, 1]'],
    ['hb:alpha=0', 'hb.alpha = 0 is invalid: expected a finite number > 0'],
    ['hb:alpha=abc', 'hb.alpha = "abc" is invalid: expected a finite number > 0'],
    ['hb:gamma=1', 'hb.gamma = "1" is invalid: expected one of the keys alpha, beta, tune'],
    ['adam', 'method = "adam" is invalid: expected one of gd, hb, nag, nag-aspremont, cg, nlcg, chebyshev, aggmo, qhm, leapfrog, two-term, tmm, pgd, torch-sgd, optax-sgd, keras-sgd, tfjs-momentum'],
    ['hb:tune=fast', 'hb.tune = "fast" is invalid: expected one of none | polyak | lecture'],
    ['hb:tune=polyak', 'hb.tune = "polyak" is invalid: expected a rule whose mu > 0 and L > mu are known, but no problem is given (give the parameters explicitly)'],
    ['chebyshev', 'chebyshev.L is missing: expected a number > 0 (the problem does not know L)'],
    ['chebyshev:L=1', 'chebyshev.mu is missing: expected a number > 0 (the problem does not know mu)'],
    ['leapfrog:beta=1.01', 'leapfrog.beta = 1.01 is invalid: expected a finite number in [0, 1]'],
    ['qhm:nu=2', 'qhm.nu = 2 is invalid: expected a finite number in [0, 1]'],
    ['aggmo:betas=0;1.2', 'aggmo.betas = "0;1.2" is invalid: expected a \';\'-separated list of at most 64 numbers in [0, 1), e.g. 0;0.9;0.99'],
    ['chebyshev:mu=2,L=1', 'chebyshev.mu = 2 is invalid: expected a number in (0, L) with L = 1'],
    ['nag-aspremont:schedule=constant,alpha=1', 'nag-aspremont.tau = "default" is invalid: expected a rule whose mu > 0 and L > mu are known, but no problem is given (give the parameters explicitly)'],
    ['nag-aspremont:tau=0.5', 'nag-aspremont.tau = 0.5 is invalid: expected no value unless schedule=constant (schedule=convex sets it)'],
    ['nag-aspremont', 'nag-aspremont.L is missing: expected a number > 0 (the problem does not know L)'],
    ['nlcg:variant=hs', 'nlcg.variant = "hs" is invalid: expected one of fr | pr'],
    ['torch-sgd:momentum=0.9,dampening=0.1,nesterov=true', 'torch-sgd.nesterov = true is invalid: expected nesterov=false unless momentum > 0 and dampening = 0 (as PyTorch requires)'],
    ['keras-sgd:momentum=1.5', 'keras-sgd.momentum = 1.5 is invalid: expected a finite number in [0, 1]'],
    ['pgd:precond=1;-2', 'pgd.precond = "1;-2" is invalid: expected a \';\'-separated list of at most 64 numbers > 0, or jacobi | identity'],
  ];
  it.each(bad)('%s throws ParameterError "%s"', (spec, message) => {
    expect(() => createMethod(spec)).toThrow(ParameterError);
    expect(() => createMethod(spec)).toThrow(message);
  });
  it('tuning rules need the problem to know mu and L: on Rosenbrock hb:tune=polyak is refused', () => {
    expect(() => createMethod('hb:tune=polyak', createProblem('rosenbrock'))).toThrow('hb.tune = "polyak" is invalid: expected a rule whose mu > 0 and L > mu are known, but problem rosenbrock has mu=undefined, L=undefined (give the parameters explicitly)');
  });
  it('a preconditioner list of the wrong length is refused when the problem is known', () => {
    const problem = createProblem('quadratic:dim=3');
    const m = createMethod('pgd:precond=1;2', problem);
    expect(() => m.init(problem, problem.x0)).toThrow('pgd.precond = [1, 2] is invalid: expected 1 or 3 positive numbers');
  });
});

describe('createMethod defaults and tuning rules', () => {
  const problem = createProblem('quadratic:dim=10,kappa=100,L=2'); // mu = 0.02, L = 2
  it('alpha defaults to 1/L when the problem knows L, else 0.001', () => {
    expect(createMethod('hb', problem).params).toEqual({ alpha: 0.5, beta: 0.9 });
    expect(createMethod('gd').params).toEqual({ alpha: 0.001 });
    expect(createMethod('torch-sgd', problem).params.lr).toBe(0.5);
  });
  const rules: [string, 'gd' | 'hb' | 'nag', string][] = [
    ['gd:tune=standard', 'gd', 'standard'], ['gd:tune=optimal', 'gd', 'optimal'], ['hb:tune=lecture', 'hb', 'lecture'],
    ['hb:tune=polyak', 'hb', 'polyak'], ['nag:tune=standard', 'nag', 'standard'], ['nag:tune=optimal', 'nag', 'optimal'],
  ];
  it.each(rules)('%s gives the parameters of src/theory tuneMethod', (spec, name, rule) => {
    const m = createMethod(spec, problem);
    const t = tuneMethod(name, 0.02, 2, rule as 'standard');
    expect(m.params.alpha).toBeCloseTo(t.alpha!, 14);
    if (name !== 'gd') expect(m.params.beta).toBeCloseTo(t.beta!, 14);
  });
  it('hb:tune=polyak is alpha = 4/(sqrt L + sqrt mu)^2, beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2 = (9/11)^2 at kappa = 100', () => {
    const m = createMethod('hb:tune=polyak', problem);
    expect(m.params.alpha).toBeCloseTo(4 / (Math.sqrt(2) + Math.sqrt(0.02)) ** 2, 15);
    expect(m.params.beta).toBeCloseTo((9 / 11) ** 2, 15);
  });
  it('explicit values override the tuning rule', () => {
    expect(createMethod('hb:tune=polyak,beta=0.5', problem).params.beta).toBe(0.5);
    expect(createMethod('hb:tune=polyak,alpha=0.1', problem).params).toEqual({ alpha: 0.1, beta: expect.closeTo((9 / 11) ** 2, 15) });
  });
  it("nag-aspremont's constant schedule defaults to nag's standard tuning: tau = 2 sqrt q/(1 + sqrt q), gamma = alpha/tau", () => {
    const p = createMethod('nag-aspremont:schedule=constant', problem).params;
    const sq = Math.sqrt(0.01);
    expect(p.alpha).toBe(0.5);
    expect(p.tau).toBeCloseTo((2 * sq) / (1 + sq), 15);
    expect(p.gamma).toBeCloseTo(0.5 / ((2 * sq) / (1 + sq)), 13);
  });
  it('chebyshev and nlcg take mu, L and the line search from the problem', () => {
    expect(createMethod('chebyshev', problem).params).toEqual({ mu: expect.closeTo(0.02, 15), L: 2 });
    expect(createMethod('nlcg', problem).params.linesearch).toBe('exact');
    expect(createMethod('nlcg', createProblem('rosenbrock')).params.linesearch).toBe('secant');
  });
});
