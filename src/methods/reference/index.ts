export * from './oracle.js';
export * from './momentum.js';
export * from './cg.js';
export * from './adapters.js';
export * from './reference-iterates.js';
