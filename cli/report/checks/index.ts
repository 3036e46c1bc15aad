import type { Check } from '../check.js';

/** Every check of the report, in lecture order. */
export const allChecks: readonly Check[] = [];
