export * from './rng.js';
export * from './vector.js';
export * from './complex.js';
export * from './dense.js';
export * from './eig2.js';
export * from './eig.js';
export * from './rotation.js';
export * from './wasm/index.js';
