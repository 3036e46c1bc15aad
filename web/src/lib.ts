// The one door to the momentum-lab library: the explorer computes only through the public API in src/index.ts,
// the same code the CLI and the tests run.
export * from '../../src/index.js';
