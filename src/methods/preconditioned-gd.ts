import { ParameterError } from '../errors.js';
import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, parseNumberList } from './definition.js';

/** Preconditioned GD state: iterate w, gradient g, and the diagonal preconditioner P (fixed at init). */
export interface PreconditionedGDState extends OptimizerState {
  g: Float64Array;
  P: Float64Array;
}

/**
 * Gradient descent with a diagonal preconditioner P ("preconditioning = GD in another coordinate system", Lecture 9 slide 3).
 *
 * w^(k+1) = w^(k) - alpha P grad J(w^(k)),  P = diag(p_1..p_D) given, or Jacobi's P = diag(H(w^(0)))^-1.
 * Jacobi's diagonal is read from dim Hessian-vector products with the unit vectors at init (so it needs the problem's
 * hvp). On a diagonal quadratic Jacobi with alpha = 1 is Newton's method: one step lands on w*.
 *
 * @example
 * // H = diag(1, 100), Jacobi, alpha = 1: w1 = w*
 * const pgd = preconditionedGD(1, 'jacobi');
 */
export function preconditionedGD(alpha: number, precond: 'jacobi' | 'identity' | Float64Array): Optimizer<PreconditionedGDState> {
  return {
    name: 'pgd',
    params: { alpha, precond: typeof precond === 'string' ? precond : Array.from(precond).join(';') },
    init(problem: Problem, w0: Float64Array): PreconditionedGDState {
      const n = w0.length;
      const w = Float64Array.from(w0);
      const P = new Float64Array(n);
      if (precond === 'identity') P.fill(1);
      else if (precond === 'jacobi') jacobi(problem, w, P);
      else if (precond.length === 1) P.fill(precond[0]);
      else if (precond.length === n) P.set(precond);
      else throw new ParameterError('pgd.precond', Array.from(precond), `1 or ${n} positive numbers (the problem's dimension)`);
      return { k: 0, w, g: new Float64Array(n), P };
    },
    step(state: PreconditionedGDState, problem: Problem): void {
      const { w, g, P } = state;
      problem.grad(w, g);
      for (let i = 0, n = w.length; i < n; i++) w[i] -= alpha * P[i] * g[i];
      state.k++;
    },
  };
}

/** P <- 1 / diag(H(w)), from hvp with unit vectors; entries with h_ii <= 0 get P = 1 (no scaling). */
function jacobi(problem: Problem, w: Float64Array, P: Float64Array): void {
  if (!problem.hvp) throw new ParameterError('pgd.precond', 'jacobi', `identity or a list of numbers: problem ${problem.name} has no Hessian-vector product`);
  const n = w.length;
  const e = new Float64Array(n);
  const He = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    e[i] = 1;
    problem.hvp(w, e, He);
    e[i] = 0;
    P[i] = He[i] > 0 ? 1 / He[i] : 1;
  }
}

export const preconditionedGDDefinition: MethodDefinition = {
  name: 'pgd', description: 'gradient descent with a diagonal preconditioner', equation: 'w <- w - alpha P grad J(w)',
  params: [{ name: 'alpha', default: 1, min: 0, minExclusive: true, description: 'step (> 0); 1 makes Jacobi exact on diagonal quadratics' },
    { name: 'precond', kind: 'string', description: "jacobi (1/diag H at w0, via hvp), identity, or a ';'-separated list of positive numbers; default jacobi when the problem has hvp" }],
  linear: false,
  build: (p, context) => {
    const text = (p.precond as string | undefined) ?? (context?.hvp ? 'jacobi' : 'identity');
    const P = text === 'jacobi' || text === 'identity' ? text : Float64Array.from(parseNumberList('pgd.precond', text, (x) => x > 0, 'numbers > 0, or jacobi | identity'));
    return preconditionedGD(p.alpha as number, P);
  },
};
