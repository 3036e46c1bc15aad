// The sections of the explorer, in reading order: momentum first (section 2's heavy ball is the hero), then the rest of
// the lecture, then general dynamics (s1) as its own chapter. Ids and URL keys are the lecture's and never change.
import type { Section } from './section.js';
import { s1 } from './s1-dynamics.js';
import { s2 } from './s2-heavy-ball-2d.js';
import { s3 } from './s3-eigendirections.js';
import { s4 } from './s4-spectral-radius.js';
import { s5 } from './s5-energy.js';
import { s6 } from './s6-nesterov.js';
import { s7 } from './s7-speed-limits.js';
import { s8 } from './s8-certify.js';
import { s9 } from './s9-noise.js';
import { s10 } from './s10-network.js';

export const sections: Section[] = [s2, s3, s4, s5, s6, s7, s8, s9, s10, s1];

/** Sections that open a chapter of their own: the chapter heading shown above them (and in the table of contents). */
export const chapters: Record<string, string> = { s2: 'Part I · Momentum', s1: 'Part II · Beyond optimisation: general dynamics' };
