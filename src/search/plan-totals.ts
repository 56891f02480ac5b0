/**
 * What a plan costs. With warm starts a promoted trial continues from its
 * checkpoint and trains only r_{i+1} − r_i more epochs; without, it retrains
 * r_{i+1} epochs from scratch.
 *
 * @example
 * // SHA, 27 candidates, η 3, budgets 1 → 9: 27@1, 9@3, 3@9
 * planTotals(plan, true)  // { epochs: 63, trials: 27, jobs: 39 }  (27·1 + 9·2 + 3·6)
 * planTotals(plan, false) // { epochs: 81, trials: 27, jobs: 39 }  (27·1 + 9·3 + 3·9)
 */
import type { PlanBracket } from './strategy.js';

export interface PlanTotals {
  /** Epochs trained over all jobs. */
  epochs: number;
  /** Trials created (the rung-0 counts). */
  trials: number;
  /** Jobs run (one per trial per rung). */
  jobs: number;
}

/** `warmStart` undefined (a strategy that never promotes, whose plans have one rung per trial) counts as true. */
export function planTotals(plan: readonly PlanBracket[], warmStart = true): PlanTotals {
  let epochs = 0;
  let trials = 0;
  let jobs = 0;
  for (const bracket of plan) {
    const rungs = [...bracket.rungs].sort((a, b) => a.rung - b.rung);
    rungs.forEach((rung, i) => {
      const previous = i > 0 ? rungs[i - 1]!.budget : 0;
      epochs += rung.trials * (warmStart ? rung.budget - previous : rung.budget);
      jobs += rung.trials;
      if (i === 0) trials += rung.trials;
    });
  }
  return { epochs, trials, jobs };
}
