// The noisy quadratic model (Zhang et al. 2019): exact expected dynamics of every linear method under gradient noise.
export * from './nqm-setup.js';
export * from './nqm-direction.js';
export * from './nqm-model.js';
export * from './nqm-loss.js';
export * from './nqm-tune.js';
export * from './nqm-sample.js';
export * from './nqm-precondition.js';
