import { checkNumber } from '../errors.js';
import { certifyRate, type CertifiedRate } from './certify-rate.js';
import { certifyMethod } from './methods.js';
// The function itself is the problem `lessard-counterexample` (src/problems): one definition for run, plot and certify.
import { lessardCounterexampleGradient as lessardGradient } from '../problems/lessard-counterexample.js';

export interface HeavyBallCounterexample {
  /** Polyak's tuning for mu = 1, L = 25: alpha = 4/(√L + √μ)² = 1/9, beta = ((√κ − 1)/(√κ + 1))² = 4/9. */
  alpha: number;
  beta: number;
  /** Simulation from x_{−1} = x_0: the 3-cycle (the last three iterates, in time order) if one is reached. */
  x0: number;
  steps: number;
  cycle: number[] | null;
  /** max |x_k − x_{k−3}| over the last 30 steps (0 up to rounding on a 3-cycle). */
  cycleResidual: number;
  /** |x_N − x*| at the end (x* = 0): far from 0 on the cycle. */
  finalDistance: number;
  /** Rate on the quadratics of S(1, 25): max spectral radius, = √β = 2/3 < 1. */
  quadraticRate: number;
  /** IQC certification (weighted off-by-one + sector): no ρ < 1 is certified. */
  iqc: CertifiedRate;
}

/**
 * Heavy ball with Polyak's quadratic tuning is not globally convergent on S(1, 25): simulate
 * x_{k+1} = x_k − α f'(x_k) + β (x_k − x_{k−1}) on `lessardGradient` from x_{−1} = x_0 and detect the 3-cycle,
 * and run the IQC analysis, which certifies no ρ < 1 (Lessard, Recht, Packard 2016, section 4.6, Figure 7).
 *
 * @example
 * heavyBallCounterexample().cycle; // returns the points -1.8024, 0.6465, 2.1159 (in the order visited)
 */
export function heavyBallCounterexample({ x0 = 3.3, steps = 1000 } = {}): HeavyBallCounterexample {
  checkNumber('x0', x0);
  checkNumber('steps', steps, { min: 30, max: 1e7, integer: true });
  const mu = 1, L = 25;
  const { params, stateSpace } = certifyMethod('hb:tune=polyak', mu, L);
  const alpha = params.alpha as number, beta = params.beta as number;
  let prev = x0, x = x0;
  const tail = new Float64Array(33);
  for (let k = 0; k < steps; k++) {
    const next = x - alpha * lessardGradient(x) + beta * (x - prev);
    prev = x; x = next;
    tail.copyWithin(0, 1); tail[32] = x;
  }
  let residual = 0, spread = 0;
  for (let k = 3; k < 33; k++) { residual = Math.max(residual, Math.abs(tail[k] - tail[k - 3])); spread = Math.max(spread, Math.abs(tail[k] - tail[k - 1])); }
  const isCycle = Number.isFinite(residual) && residual < 1e-9 && spread > 1e-3;
  const cycle = isCycle ? [tail[30], tail[31], tail[32]] : null;
  const sb = Math.sqrt(beta);
  return {
    alpha, beta, x0, steps, cycle, cycleResidual: residual, finalDistance: Math.abs(x),
    quadraticRate: sb, iqc: certifyRate(stateSpace, mu, L, { iqc: 'weighted' }),
  };
}
