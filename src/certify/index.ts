export type { SdpProblem, SdpBlock, SdpEntry, BlockMatrix } from './problem.js';
export * from './sdpa.js';
export * from './solve-sdp.js';
export * from './random-sdp.js';
export * from './state-space.js';
export * from './methods.js';
export * from './iqc-lmi.js';
export * from './certify-rate.js';
export * from './quadratic-rate-bound.js';
