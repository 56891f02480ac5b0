// bench:pruners' objective for maximized studies: 1 − the loss of curve-objective.mjs.
export { maximize as default } from './curve-objective.mjs';
