// The trivial objective of bench:overhead's ASHA section: objective.mjs's value plus 1/step,
// reported at every step up to the job's budget, so that what is timed is rungs' ASHA path
// (decisions, promotions, learning curves in SQLite), not the objective. optuna_reference.py
// --asha reports the same values.
export default function objective(params, ctx) {
  const dx = params.x - 0.3;
  const dy = params.y + 1;
  const base = dx * dx + dy * dy;
  let value = base + 1;
  for (let step = ctx.fromBudget + 1; step <= ctx.budget; step++) {
    value = base + 1 / step;
    ctx.report(step, value);
  }
  return value;
}
