/**
 * Questions the strategies ask of trial views: is a trial in flight, and what
 * is its (usable) value at a rung budget. Which trial a rung promotes is
 * rung-rankings.ts's.
 */
import type { TrialView } from './strategy.js';

/** Queued or running: the runner owns it, a strategy must not hand it out again. */
export function isInFlight(trial: TrialView): boolean {
  return trial.state === 'queued' || trial.state === 'running';
}

/** The trial's value at `budget`, or undefined when it has none or it is not finite. */
export function rungValue(trial: TrialView, budget: number): number | undefined {
  const v = trial.rungValues.get(budget);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}
