export * from './diagonalSteps.js';
export * from './wasmArena.js';
