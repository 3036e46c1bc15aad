import { ParameterError } from '../errors.js';
import { type ParamInfo, parseSpec, resolveParams } from '../spec.js';
import { type StateSpace, twoTermStateSpace } from './state-space.js';

/** A built-in method resolved to its coefficients in two-term form (α, β1, β2) and its state-space form. */
export interface CertifyMethod {
  name: string;
  alpha: number;
  beta1: number;
  beta2: number;
  stateSpace: StateSpace;
}

const positive = { min: 0, minExclusive: true } as const;
const momentum = { min: 0, max: 1, maxExclusive: true } as const;

/** Parameters of the built-in methods of `certify` (defaults derived from mu and L, see `certifyMethod`). */
export const certifyMethodParams: Record<string, ParamInfo[]> = {
  gd: [{ name: 'alpha', description: 'step size (default 2/(L+mu))', ...positive }],
  hb: [{ name: 'alpha', description: 'step size (default Polyak 4/(sqrt L + sqrt mu)^2)', ...positive },
    { name: 'beta', description: 'momentum (default ((sqrt kappa - 1)/(sqrt kappa + 1))^2)', ...momentum }],
  nag: [{ name: 'alpha', description: 'step size (default 1/L)', ...positive },
    { name: 'beta', description: 'momentum (default (sqrt kappa - 1)/(sqrt kappa + 1))', ...momentum }],
  tmm: [],
  'two-term': [{ name: 'alpha', description: 'step size (required)', ...positive },
    { name: 'beta1', description: 'momentum of the iterate (required)', min: -1, max: 1 },
    { name: 'beta2', description: 'extrapolation of the gradient point (required)', min: -1, max: 2 }],
};

/**
 * Resolve a method spec (`gd`, `hb`, `nag`, `tmm`, `two-term:alpha=..,beta1=..,beta2=..`) for F(mu, L).
 * Defaults: gd α = 2/(L+μ); hb Polyak's tuning α = 4/(√L+√μ)², β = ((√κ−1)/(√κ+1))²; nag α = 1/L,
 * β = (√κ−1)/(√κ+1); tmm the triple momentum method of Van Scoy, Freeman, Lynch (2018): ρ = 1 − 1/√κ,
 * α = (1+ρ)/L, β1 = ρ²/(2−ρ), β2 = ρ²/((1+ρ)(2−ρ)).
 *
 * @example
 * certifyMethod('nag', 1, 4).beta1; // returns 1/3
 */
export function certifyMethod(spec: string, mu: number, L: number): CertifyMethod {
  const parsed = parseSpec(spec, '--method');
  const infos = certifyMethodParams[parsed.name];
  if (!infos) throw new ParameterError('--method', spec, `one of ${Object.keys(certifyMethodParams).join(' | ')}`);
  const p = resolveParams(parsed, infos) as Record<string, number | undefined>;
  const kappa = L / mu, sk = Math.sqrt(kappa);
  const needsKappa = parsed.name === 'tmm' || (parsed.name === 'hb' && (p.alpha === undefined || p.beta === undefined))
    || (parsed.name === 'nag' && p.beta === undefined);
  if (needsKappa && !(mu > 0)) throw new ParameterError('--mu', mu, `a number > 0 for the default tuning of ${parsed.name} (or give its parameters)`);
  let alpha: number, beta1: number, beta2: number;
  switch (parsed.name) {
    case 'gd': alpha = p.alpha ?? 2 / (L + mu); beta1 = 0; beta2 = 0; break;
    case 'hb': alpha = p.alpha ?? 4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2; beta1 = p.beta ?? ((sk - 1) / (sk + 1)) ** 2; beta2 = 0; break;
    case 'nag': alpha = p.alpha ?? 1 / L; beta1 = beta2 = p.beta ?? (sk - 1) / (sk + 1); break;
    case 'tmm': {
      const rho = 1 - 1 / sk;
      alpha = (1 + rho) / L; beta1 = rho * rho / (2 - rho); beta2 = rho * rho / ((1 + rho) * (2 - rho));
      break;
    }
    default: {
      for (const key of ['alpha', 'beta1', 'beta2']) if (p[key] === undefined) throw new ParameterError(`two-term.${key}`, undefined, 'a number (two-term needs alpha, beta1 and beta2)');
      alpha = p.alpha!; beta1 = p.beta1!; beta2 = p.beta2!;
    }
  }
  return { name: parsed.name, alpha, beta1, beta2, stateSpace: twoTermStateSpace(alpha, beta1, beta2) };
}
