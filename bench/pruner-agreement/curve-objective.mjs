// The objective of bench:pruners (run.mjs): a synthetic learning curve per trial, a pure function
// of the trial's params (curveOf), reported step by step until ctx.shouldPrune(). run.mjs calls
// curveOf on the stored params to get every trial's full curve for the Optuna replay, so the
// values Optuna sees are the very numbers the objective reported (and would have reported).
//
// A curve (a loss, minimized; curve-objective-max.mjs reports 1 − loss, maximized): exponential
// decay from 1 toward the trial's floor at the trial's speed, rising again after step `turn`
// (overfitting, when turn < the budget), plus Gaussian noise of a trial-specific size from a
// seeded generator (rungs' Rng). `quirk` ∈ [0, 1) picks a few odd trials:
//   < 0.06        throws at a step in 2 … budget − 1 (the trial fails, after reporting the steps before)
//   0.06 … 0.16   NaN at one or two steps in the middle
//   0.16 … 0.20   NaN at the first 1 … 5 steps (best value so far NaN: a pruner prunes it on sight)
//   (0.11 … 0.16: one NaN step; 0.06 … 0.11: two, or one when both draws pick the same step)
//   0.20 … 0.22   NaN at the last step (returns NaN: failed, diverged, unless pruned before)
//   0.22 … 0.30   values rounded to 0.01 (ties with other trials and plateaus within the curve)
//   0.30 … 0.33   flat: every value the same
import { Rng, TrialPruned } from '../../dist/index.js';

/** { values (steps 1 … budget, NaN allowed), failAt (the step it throws at, before reporting it; null: never) }. */
export function curveOf(params, budget) {
  const rng = new Rng(params.noiseSeed);
  const { floor, speed, turn, overfit, noise, quirk } = params;
  const values = [];
  for (let s = 1; s <= budget; s++) {
    const rise = s > turn ? overfit * (s - turn) : 0;
    values.push(floor + (1 - floor) * Math.exp(-speed * s) + rise + noise * rng.normal());
  }
  let failAt = null;
  const at = (k) => 1 + rng.int(k); // 1 … k
  if (quirk < 0.06) failAt = 1 + at(budget - 2);
  else if (quirk < 0.16) {
    values[2 + at(budget - 5)] = Number.NaN;
    if (quirk < 0.11) values[2 + at(budget - 5)] = Number.NaN;
  } else if (quirk < 0.2) values.fill(Number.NaN, 0, at(5));
  else if (quirk < 0.22) values[budget - 1] = Number.NaN;
  else if (quirk < 0.3) for (let i = 0; i < budget; i++) values[i] = Math.round(values[i] * 100) / 100;
  else if (quirk < 0.33) values.fill(Math.round(values[0] * 100) / 100);
  return { values, failAt };
}

/** Reports `transform`ed curve values until shouldPrune: TrialPruned before the budget, the last value at it. */
async function play(params, ctx, transform) {
  const { values, failAt } = curveOf(params, ctx.budget);
  for (let step = 1; step <= ctx.budget; step++) {
    if (step === failAt) throw new Error(`planned failure at step ${step}`);
    const value = transform(values[step - 1]);
    ctx.report(step, value);
    if (ctx.shouldPrune()) {
      if (step < ctx.budget) throw new TrialPruned();
      return value;
    }
  }
  throw new Error('unreachable: shouldPrune() is true at the budget');
}

export const lossOf = (v) => v;
export const scoreOf = (v) => 1 - v;

export default (params, ctx) => play(params, ctx, lossOf);
export const maximize = (params, ctx) => play(params, ctx, scoreOf);
