export type { Optimizer, OptimizerState } from './optimizer.js';
