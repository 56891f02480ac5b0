/**
 * What a plan costs. With warm starts a promoted trial continues from its
 * checkpoint and trains only r_{i+1} − r_i more epochs; without, it retrains
 * r_{i+1} epochs from scratch. A plan of PBT generations (rungs with
 * `replaced`) always continues from checkpoints, a member's own or the copy a
 * replacement starts from, so `warmStart` does not change its cost; its
 * replacements are trials too.
 *
 * @example
 * // SHA, 27 candidates, η 3, budgets 1 → 9: 27@1, 9@3, 3@9
 * planTotals(plan, true)  // { epochs: 63, trials: 27, jobs: 39 }  (27·1 + 9·2 + 3·6)
 * planTotals(plan, false) // { epochs: 81, trials: 27, jobs: 39 }  (27·1 + 9·3 + 3·9)
 * // PBT, population 8, interval 3, maxBudget 15, quantile 0.25: 5 generations of 8, 2 replaced after each but the last
 * planTotals(plan)        // { epochs: 120, trials: 16, jobs: 40 }  (8·15; 8 + 4·2; 5·8)
 */
import type { PlanBracket } from './strategy.js';

export interface PlanTotals {
  /** Epochs trained over all jobs. */
  epochs: number;
  /** Trials created (the rung-0 counts, and PBT's replacements). */
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
    const warm = warmStart || isGenerations([bracket]);
    rungs.forEach((rung, i) => {
      const previous = i > 0 ? rungs[i - 1]!.budget : 0;
      epochs += rung.trials * (warm ? rung.budget - previous : rung.budget);
      jobs += rung.trials;
      if (i === 0) trials += rung.trials;
      trials += rung.replaced ?? 0;
    });
  }
  return { epochs, trials, jobs };
}

/** Whether a plan's rungs are PBT generations (which say how many members each replaces). */
export function isGenerations(plan: readonly PlanBracket[]): boolean {
  return plan.some((b) => b.rungs.some((r) => r.replaced !== undefined));
}
