export * from './run.js';
export * from './counting-oracle.js';
export * from './trace.js';
