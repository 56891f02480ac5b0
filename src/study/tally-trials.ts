/** Counts by state, epochs and time spent, over a study's trials (run summary, `rungs show`). */
import type { TrialState } from '../search/strategy.js';
import type { TrialRow } from '../storage/storage.js';

export interface TrialTally {
  counts: Record<TrialState, number>;
  /** Epochs actually trained by every job. */
  epochsTrained: number;
  /** Time spent in jobs, summed (ms). */
  durationMs: number;
  /** First job start and last job end (ms since epoch), null without any. */
  firstStart: number | null;
  lastEnd: number | null;
}

export function tallyTrials(trials: Iterable<Pick<TrialRow, 'state' | 'epochsTrained' | 'durationMs' | 'startedAt' | 'finishedAt'>>): TrialTally {
  const counts: Record<TrialState, number> = { queued: 0, running: 0, complete: 0, pruned: 0, failed: 0 };
  let epochsTrained = 0;
  let durationMs = 0;
  let firstStart: number | null = null;
  let lastEnd: number | null = null;
  for (const t of trials) {
    counts[t.state]++;
    epochsTrained += t.epochsTrained;
    durationMs += t.durationMs;
    if (t.startedAt !== null && (firstStart === null || t.startedAt < firstStart)) firstStart = t.startedAt;
    if (t.finishedAt !== null && (lastEnd === null || t.finishedAt > lastEnd)) lastEnd = t.finishedAt;
  }
  return { counts, epochsTrained, durationMs, firstStart, lastEnd };
}
