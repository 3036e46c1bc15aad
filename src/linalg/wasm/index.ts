export * from './diagonal-steps.js';
export * from './wasm-arena.js';
