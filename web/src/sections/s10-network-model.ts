// Section 10's state and the library specs it implies: the network (data set, width, activation, init seed), the
// method (gd, hb, nag at (alpha, beta)), the recording schedule, and the method's threshold from its linear form.
import { num, choice, flag } from '../state/fields.js';
import { linearFormOf, stabilityEdge } from '../lib.js';

export const shape = {
  method: choice(['gd', 'hb', 'nag'] as const, 'gd'),
  alpha: num(1e-3, 10, 0.2),
  beta: num(0, 0.99, 0.9),
  data: choice(['chebyshev3', 'iris', 'digits'] as const, 'chebyshev3'),
  hidden: num(2, 128, 100, { int: true }),
  act: choice(['tanh', 'softplus', 'relu'] as const, 'tanh'),
  /** Steps of the run. */
  steps: num(100, 20000, 6000, { int: true }),
  /** Sharpness every K steps. */
  every: num(1, 200, 20, { int: true }),
  /** Seed of the initial weights. */
  seed: num(0, 1e6, 1, { int: true }),
  /** Training on (a link with run=1 trains on load). */
  run: flag(false),
};
export type S10 = {
  method: 'gd' | 'hb' | 'nag'; alpha: number; beta: number; data: 'chebyshev3' | 'iris' | 'digits'; hidden: number;
  act: 'tanh' | 'softplus' | 'relu'; steps: number; every: number; seed: number; run: boolean;
};

export const NAMES: Record<S10['method'], string> = { gd: 'GD', hb: 'Heavy ball', nag: 'Nesterov' };
/** Each method's edge of stability as a formula (the number comes from its linear form). */
export const THRESHOLD_TEXT: Record<S10['method'], string> = { gd: '2/α', hb: '2(1+β)/α', nag: '(2+2β)/(α(1+2β))' };
export const DATA_LABELS: Record<S10['data'], string> = { chebyshev3: 'Cohen et al.’s toy', iris: 'iris', digits: 'digits 8×8' };

/** The library's problem spec of a state: MSE on the regression toy, cross-entropy on the classifiers. */
export function problemSpec(s: S10): string {
  return `mlp:data=${s.data},hidden=${s.hidden},act=${s.act},loss=${s.data === 'chebyshev3' ? 'mse' : 'xent'},seed=${s.seed}`;
}

export function methodSpec(s: S10): string {
  return s.method === 'gd' ? `gd:alpha=${s.alpha}` : `${s.method}:alpha=${s.alpha},beta=${s.beta}`;
}

/** The method's edge of stability h* from its linear form (stabilityEdge: 2/alpha for GD, ...). */
export function threshold(s: S10): number | null {
  return stabilityEdge(linearFormOf(methodSpec(s)).form).h;
}

/** The recording schedule: the loss about 1500 times per run, the density ten times. */
export function schedule(s: S10): { steps: number; recordEvery: number; sharpnessEvery: number; densityEvery: number } {
  const steps = Math.round(s.steps);
  return { steps, recordEvery: Math.max(1, Math.floor(steps / 1500)), sharpnessEvery: Math.round(s.every), densityEvery: Math.max(10, Math.round(steps / 10)) };
}

/** Seed of Lanczos' start vector: the CLI's default --seed, so that `momentum-lab train` reproduces the page. */
export const LANCZOS_SEED = 1;
