import type { Optimizer } from './optimizer.js';
import { type MethodDefinition, curvatureParam, requireMuL } from './definition.js';
import { type TwoTermState, twoTerm } from './two-term.js';

/**
 * The triple momentum method's coefficients (Van Scoy, Freeman, Lynch 2018) for F(mu, L): rho = 1 - 1/sqrt kappa,
 * alpha = (1 + rho)/L, beta1 = rho^2/(2 - rho), beta2 = rho^2/((1 + rho)(2 - rho)); its certified rate is rho.
 *
 * @example
 * tripleMomentumCoefficients(0.25, 1).rho; // returns 0.5
 */
export function tripleMomentumCoefficients(mu: number, L: number): { rho: number; alpha: number; beta1: number; beta2: number } {
  const rho = 1 - 1 / Math.sqrt(L / mu);
  return { rho, alpha: (1 + rho) / L, beta1: (rho * rho) / (2 - rho), beta2: (rho * rho) / ((1 + rho) * (2 - rho)) };
}

/**
 * The triple momentum method as the two-term method with its tuned coefficients (the output point is the iterate w).
 *
 * @example
 * tripleMomentum(0.25, 1).params.rho; // returns 0.5
 */
export function tripleMomentum(mu: number, L: number): Optimizer<TwoTermState> {
  const { mu: m, L: l } = requireMuL('tmm', undefined, mu, L);
  const c = tripleMomentumCoefficients(m, l);
  return twoTerm(c.alpha, c.beta1, c.beta2, 'tmm', { mu: m, L: l, ...c });
}

export const tripleMomentumDefinition: MethodDefinition = {
  name: 'tmm', description: 'triple momentum method (Van Scoy, Freeman & Lynch 2018): the fastest certified rate 1 - 1/sqrt kappa',
  equation: 'two-term with rho = 1 - 1/sqrt kappa, alpha = (1 + rho)/L, beta1 = rho^2/(2 - rho), beta2 = rho^2/((1 + rho)(2 - rho))',
  params: [curvatureParam('mu'), curvatureParam('L')], linear: true,
  tuning: [{
    name: 'vsfl', description: 'rho = 1 - 1/sqrt kappa (the method is its own tuning; certified rate rho)',
    params: (mu, L) => ({ mu, L }), rate: (mu, L) => 1 - 1 / Math.sqrt(L / mu),
  }],
  build: (p, context) => {
    const { mu, L } = requireMuL('tmm', context, p.mu as number | undefined, p.L as number | undefined);
    return tripleMomentum(mu, L);
  },
};
