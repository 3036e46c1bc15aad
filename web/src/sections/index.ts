// The sections of the explorer, in lecture order.
import type { Section } from './section.js';
import { s1 } from './s1-dynamics.js';
import { s2 } from './s2-heavy-ball-2d.js';
import { s3 } from './s3-eigendirections.js';
import { s4 } from './s4-spectral-radius.js';

export const sections: Section[] = [s1, s2, s3, s4];
