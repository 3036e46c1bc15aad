// The state-space types live with the methods that declare them (src/methods/linear-form.ts).
export { type StateSpace, checkStateSpace } from '../methods/linear-form.js';
export { twoTermStateSpace } from '../methods/two-term.js';
