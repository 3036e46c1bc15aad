import { linearFormOf } from '../methods/registry.js';
import type { LinearForm } from '../methods/linear-form.js';

/** A method resolved for certification over F(mu, L): its resolved parameters and its linear form. */
export interface CertifyMethod {
  name: string;
  params: Readonly<Record<string, number | string | boolean>>;
  stateSpace: LinearForm;
}

/**
 * Resolve a method spec for F(mu, L) through the method's own definition (the same spec, defaults and tuning rules as
 * `run`: a learning rate defaults to 1/L, `tune=RULE` uses mu and L, e.g. `hb:tune=polyak`); any linear method is
 * accepted (gd, hb, nag, qhm, aggmo, leapfrog, two-term, tmm, the library adapters, nag-aspremont:schedule=constant).
 *
 * @example
 * certifyMethod('nag:tune=standard', 1, 4).params.beta; // returns 1/3
 */
export function certifyMethod(spec: string, mu: number, L: number): CertifyMethod {
  const { method, form } = linearFormOf(spec, { name: 'certify', mu, L }, '--method');
  return { name: method.name, params: method.params, stateSpace: form };
}
