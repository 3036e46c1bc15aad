import type { FigureDef } from '../figure.js';
import { energyDecayFigure } from './energy-decay.js';
import { hbEigendirections } from './hb-eigendirections.js';
import { hbVsNesterov } from './hb-vs-nesterov.js';
import { leapfrogFigure } from './leapfrog.js';
import { phaseSpace } from './phase-space.js';
import { rateMapFigure } from './rate-map.js';
import { spectralRadius } from './spectral-radius.js';

/** The figures in lecture order (one file per figure in this folder). */
export const allFigures: readonly FigureDef[] = [
  hbEigendirections, phaseSpace, energyDecayFigure, spectralRadius, rateMapFigure, leapfrogFigure, hbVsNesterov,
];
