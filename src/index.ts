// The public API of momentum-lab: the library that the CLI and the web explorer both use.
export * from './errors.js';
export * from './spec.js';
export * from './parse-number.js';
export * from './linalg/index.js';
export * from './problems/index.js';
export * from './methods/index.js';
export * from './run/index.js';
export * from './theory/index.js';
export * from './dynamics/index.js';
export * from './certify/index.js';
export * from './plot/index.js';
export * from './spectra/index.js';
