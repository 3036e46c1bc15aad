import type { MethodDefinition } from './definition.js';
import { gradientDescentDefinition } from './gradient-descent.js';
import { heavyBallDefinition } from './heavy-ball.js';
import { nesterovDefinition } from './nesterov.js';
import { nesterovAspremontDefinition } from './nesterov-aspremont.js';
import { conjugateGradientDefinition } from './conjugate-gradient.js';
import { nonlinearCGDefinition } from './nonlinear-cg.js';
import { chebyshevIterationDefinition } from './chebyshev-iteration.js';
import { aggregatedMomentumDefinition } from './aggregated-momentum.js';
import { quasiHyperbolicMomentumDefinition } from './quasi-hyperbolic-momentum.js';
import { leapfrogMomentumDefinition } from './leapfrog-momentum.js';
import { twoTermDefinition } from './two-term.js';
import { tripleMomentumDefinition } from './triple-momentum.js';
import { preconditionedGDDefinition } from './preconditioned-gd.js';
import { torchSGDDefinition } from './torch-sgd.js';
import { optaxSGDDefinition } from './optax-sgd.js';
import { kerasSGDDefinition } from './keras-sgd.js';
import { tfjsMomentumDefinition } from './tfjs-momentum.js';

/** Every method, in the order `methods` lists them; each definition lives in its own file. */
export const METHODS: readonly MethodDefinition[] = [
  gradientDescentDefinition, heavyBallDefinition, nesterovDefinition, nesterovAspremontDefinition, conjugateGradientDefinition,
  nonlinearCGDefinition, chebyshevIterationDefinition, aggregatedMomentumDefinition, quasiHyperbolicMomentumDefinition,
  leapfrogMomentumDefinition, twoTermDefinition, tripleMomentumDefinition, preconditionedGDDefinition, torchSGDDefinition,
  optaxSGDDefinition, kerasSGDDefinition, tfjsMomentumDefinition,
];
