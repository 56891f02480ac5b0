/**
 * Questions the strategies ask of trial views: is a trial in flight, what is
 * its (usable) value at a rung budget, and which trial a rung promotes.
 */
import type { Direction, TrialView } from './strategy.js';

/** Queued or running: the runner owns it, a strategy must not hand it out again. */
export function isInFlight(trial: TrialView): boolean {
  return trial.state === 'queued' || trial.state === 'running';
}

/** The trial's value at `budget`, or undefined when it has none or it is not finite. */
export function rungValue(trial: TrialView, budget: number): number | undefined {
  const v = trial.rungValues.get(budget);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** What scanning a rung's ranking for a trial to promote finds (topAtBudget). */
export interface RungPick {
  /** Trials with a finite value at the budget: the length of the rung's ranking. */
  ranked: number;
  /** The best-ranked trial `eligible` accepts, when it is among the first `top(ranked)` of the ranking. */
  trial: TrialView | undefined;
}

/**
 * A rung's ranking is the trials with a finite value at `budget`, best first
 * in the study direction, ties broken by the lower trial number; trials
 * without one (failed, diverged, not finished) rank after all of these and
 * are never promoted. This returns ranking.slice(0, top(m)).find(eligible),
 * m the ranking's length, in two linear passes instead of a sort.
 * The first eligible trial of the ranking is the eligible trial that ranks
 * best, and it is within the first k exactly when fewer than k trials rank
 * before it. (ASHA asks this for every rung at every decision: sorting made
 * a study of n trials cost O(n² log n).)
 */
export function topAtBudget(
  trials: readonly TrialView[],
  budget: number,
  direction: Direction,
  top: (ranked: number) => number,
  eligible: (trial: TrialView) => boolean,
): RungPick {
  const sign = direction === 'maximize' ? -1 : 1;
  // Ranks before: a better value, or the same value and a lower number.
  const before = (v: number, n: number, w: number, m: number) => sign * (v - w) < 0 || (v === w && n < m);
  let ranked = 0;
  let best: TrialView | undefined;
  let bestValue = 0;
  for (const t of trials) {
    const v = rungValue(t, budget);
    if (v === undefined) continue;
    ranked++;
    if (eligible(t) && (best === undefined || before(v, t.number, bestValue, best.number))) {
      best = t;
      bestValue = v;
    }
  }
  const k = top(ranked);
  if (best === undefined || k <= 0) return { ranked, trial: undefined };
  let ahead = 0;
  for (const t of trials) {
    const v = rungValue(t, budget);
    if (v !== undefined && before(v, t.number, bestValue, best.number) && ++ahead >= k) return { ranked, trial: undefined };
  }
  return { ranked, trial: best };
}
