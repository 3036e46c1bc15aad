export * from './figure.js';
export * from './theme.js';
export * from './log-axis.js';
export * from './round.js';
export * from './png.js';
export * from './raster.js';
export * from './chart.js';
export * from './figures.js';
