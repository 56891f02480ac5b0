/**
 * A plan filled in with what happened: per bracket and rung, how many trials
 * reached the rung's budget, the best value there, and who was promoted from
 * it (with the value that promoted them). `rungs show` and the report use it.
 */
import type { Direction, PlanBracket, TrialView } from './strategy.js';

export interface FilledRung {
  bracket: number;
  rung: number;
  budget: number;
  planned: number;
  /** Trials with a value at this budget. */
  reached: number;
  /** Trials that failed on their way to this budget. */
  failed: number;
  /** Trials stopped on their way to this budget (a pruner): pruned between the rung below's budget and this one's. */
  stopped: number;
  best: { number: number; value: number } | null;
  /** Trials that went on to a higher budget, with their value at this one, best first. */
  promoted: { number: number; value: number }[];
}

export function fillPlan(plan: readonly PlanBracket[], trials: readonly TrialView[], direction: Direction): FilledRung[] {
  const better = (a: number, b: number) => (direction === 'minimize' ? a - b : b - a);
  const out: FilledRung[] = [];
  for (const b of plan) {
    const inBracket = trials.filter((t) => t && t.bracket === b.bracket);
    for (const r of b.rungs) {
      const at = inBracket
        .filter((t) => t.rungValues.has(r.budget))
        .map((t) => ({ number: t.number, value: t.rungValues.get(r.budget)!, budget: t.budget, target: t.target }));
      at.sort((x, y) => better(x.value, y.value) || x.number - y.number);
      const failed = inBracket.filter((t) => t.state === 'failed' && t.target === r.budget && !t.rungValues.has(r.budget)).length;
      // Placed by budget alone (between the rung below's and this one's), so views without job targets (the report's) count alike.
      const below = b.rungs.find((x) => x.rung === r.rung - 1)?.budget ?? 0;
      const stopped = inBracket.filter((t) => t.state === 'pruned' && t.budget < r.budget && t.budget > below).length;
      out.push({
        bracket: b.bracket,
        rung: r.rung,
        budget: r.budget,
        planned: r.trials,
        reached: at.length,
        failed,
        stopped,
        best: at[0] ? { number: at[0].number, value: at[0].value } : null,
        promoted: at.filter((t) => t.budget > r.budget || t.target > r.budget).map(({ number, value }) => ({ number, value })),
      });
    }
  }
  return out;
}
