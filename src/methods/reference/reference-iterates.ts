import { plainOracle, type PlainOracle } from './oracle.js';
import type { Problem } from '../../problems/problem.js';
import { refAggmo, refChebyshev, refGd, refHb, refLeapfrog, refNag, refNagAspremont, refPgd, refQhm, refTwoTerm } from './momentum.js';
import { refCg, refNlcg } from './cg.js';
import { refKerasSgd, refOptaxSgd, refTfjsMomentum, refTorchSgd } from './adapters.js';

type Ref = (o: PlainOracle, w0: number[], steps: number, p: Readonly<Record<string, number | string | boolean>>) => number[][];

const REFERENCES: Readonly<Record<string, Ref>> = {
  gd: refGd, hb: refHb, nag: refNag, 'nag-aspremont': refNagAspremont, cg: refCg, nlcg: refNlcg, chebyshev: refChebyshev,
  aggmo: refAggmo, qhm: refQhm, leapfrog: refLeapfrog, 'two-term': refTwoTerm, tmm: refTwoTerm, pgd: refPgd, 'torch-sgd': refTorchSgd, 'optax-sgd': refOptaxSgd, 'keras-sgd': refKerasSgd, 'tfjs-momentum': refTfjsMomentum,
};

/**
 * The iterates w^(1..steps) of method `name` with resolved parameters `params` (an Optimizer's `params`), computed by
 * its plain-loop reference implementation.
 *
 * @example
 * referenceIterates('gd', { alpha: 0.5 }, problem, [1], 2); // on J = 1/2 w^2 returns [[0.5], [0.25]]
 */
export function referenceIterates(
  name: string, params: Readonly<Record<string, number | string | boolean>>, problem: Problem, w0: ArrayLike<number>, steps: number,
): number[][] {
  const ref = REFERENCES[name];
  if (!ref) throw new RangeError(`no reference implementation for method ${name}`);
  return ref(plainOracle(problem), Array.from(w0), steps, params);
}
