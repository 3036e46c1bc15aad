export type { SdpProblem, SdpBlock, SdpEntry, BlockMatrix } from './problem.js';
export * from './sdpa.js';
export * from './solve-sdp.js';
export * from './random-sdp.js';
