// The trivial objective of the framework-overhead benchmark: a few arithmetic
// operations, so that what is timed is rungs itself (strategy → pool → worker
// → SQLite), not the objective. optuna_reference.py computes the same function.
export default function objective(params) {
  const dx = params.x - 0.3;
  const dy = params.y + 1;
  return dx * dx + dy * dy;
}
