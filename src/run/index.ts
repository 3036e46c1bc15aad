export * from './run.js';
export * from './counting-problem.js';
export * from './trace.js';
export * from './train.js';
