import type { FigureDef } from '../figure.js';
import { bifurcationFigure } from './bifurcation.js';
import { convergenceVsKappa } from './convergence-vs-kappa.js';
import { counterexampleFigure } from './counterexample.js';
import { energyDecayFigure } from './energy-decay.js';
import { hbEigendirections } from './hb-eigendirections.js';
import { hbVsNesterov } from './hb-vs-nesterov.js';
import { hessianDensityFigure } from './hessian-density.js';
import { iqcRates } from './iqc-rates.js';
import { leapfrogFigure } from './leapfrog.js';
import { limitCycleFigure } from './limit-cycle.js';
import { linearSystems } from './linear-systems.js';
import { logisticFigure } from './logistic.js';
import { lorenzFigure } from './lorenz.js';
import { mandelbrotFigure } from './mandelbrot.js';
import { nesterovWorstFigure } from './nesterov-worst.js';
import { nqmBatchSize } from './nqm-batch-size.js';
import { nqmLoss } from './nqm-loss.js';
import { phaseSpace } from './phase-space.js';
import { rateMapFigure } from './rate-map.js';
import { sharpnessFigure } from './sharpness.js';
import { spectralRadius } from './spectral-radius.js';

/** The figures in lecture order (one file per figure in this folder). */
export const allFigures: readonly FigureDef[] = [
  linearSystems, limitCycleFigure, lorenzFigure, logisticFigure, bifurcationFigure, mandelbrotFigure,
  hbEigendirections, phaseSpace, energyDecayFigure, spectralRadius, rateMapFigure, leapfrogFigure, hbVsNesterov,
  convergenceVsKappa, nesterovWorstFigure, iqcRates, counterexampleFigure, nqmBatchSize, nqmLoss,
  sharpnessFigure, hessianDensityFigure,
];
