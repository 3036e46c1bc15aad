import type { Check } from '../check.js';
import { certificationChecks } from './certification.js';
import { energyChecks } from './energy.js';
import { errataChecks } from './errata.js';
import { generalDynamicsChecks } from './general-dynamics.js';
import { gradientDescentChecks } from './gradient-descent.js';
import { heavyBallChecks } from './heavy-ball.js';
import { limitsChecks } from './limits.js';
import { nesterovChecks } from './nesterov.js';
import { networksChecks } from './networks.js';
import { nonlinearChecks } from './nonlinear.js';
import { nqmChecks } from './nqm.js';
import { spectralChecks } from './spectral.js';

/** Every check of the report, in lecture order (errata last; they are shown in their own section). */
export const allChecks: readonly Check[] = [
  ...gradientDescentChecks, ...generalDynamicsChecks, ...nonlinearChecks, ...heavyBallChecks, ...energyChecks,
  ...spectralChecks, ...nesterovChecks, ...limitsChecks, ...certificationChecks, ...nqmChecks, ...networksChecks,
  ...errataChecks,
];
