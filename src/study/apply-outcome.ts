/**
 * The trial as storage holds it after finishJob(outcome), computed without
 * reading it back (the run loop's hot path). test/study/apply-outcome.test.ts
 * checks it against a real store.
 */
import type { JobOutcome, TrialRow } from '../storage/storage.js';

export function applyOutcome(trial: TrialRow, o: JobOutcome, finishedAt: number): TrialRow {
  const rungValues = new Map(trial.rungValues);
  if (o.state !== 'failed' && o.value !== null) rungValues.set(o.budget, o.value);
  return {
    ...trial,
    state: o.state,
    budget: o.budget,
    value: o.value,
    metrics: { ...o.metrics },
    rungValues,
    epochsTrained: trial.epochsTrained + o.epochsTrained,
    durationMs: trial.durationMs + o.durationMs,
    error: o.error ?? null,
    finishedAt,
    owner: null,
    heartbeatAt: null,
  };
}
