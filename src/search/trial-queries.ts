/**
 * Questions the strategies ask of trial views: is a trial in flight, what is
 * its (usable) value at a rung budget, and the ranking of trials at a budget.
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

/**
 * The trials that have a finite value at `budget`, best first in the study
 * direction, ties broken by trial number (lower first). Trials without a
 * value there (failed, diverged, not yet finished) are left out: they rank
 * after all of these and are never promoted.
 */
export function rankAtBudget(trials: readonly TrialView[], budget: number, direction: Direction): TrialView[] {
  const scored: { trial: TrialView; value: number }[] = [];
  for (const trial of trials) {
    const value = rungValue(trial, budget);
    if (value !== undefined) scored.push({ trial, value });
  }
  const sign = direction === 'maximize' ? -1 : 1;
  scored.sort((a, b) => sign * (a.value - b.value) || a.trial.number - b.trial.number);
  return scored.map((s) => s.trial);
}
