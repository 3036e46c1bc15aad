export * from './tridiagonal-eigen.js';
export * from './lanczos.js';
export * from './hessian-eigenvalues.js';
export * from './hutchinson.js';
export * from './spectral-density.js';
