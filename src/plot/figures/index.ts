import type { FigureDef } from '../figure.js';

/** The figures in lecture order (one file per figure in this folder). */
export const allFigures: readonly FigureDef[] = [];
