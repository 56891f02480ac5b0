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
  /**
   * Time some trial was under way (ms): the union of the trials' spans from their first job's start to
   * their last job's end. Unlike lastEnd − firstStart, it leaves out the time between two runs of a study.
   */
  activeMs: number;
}

export function tallyTrials(trials: Iterable<Pick<TrialRow, 'state' | 'epochsTrained' | 'durationMs' | 'startedAt' | 'finishedAt'>>): TrialTally {
  const counts: Record<TrialState, number> = { queued: 0, running: 0, complete: 0, pruned: 0, failed: 0 };
  let epochsTrained = 0;
  let durationMs = 0;
  let firstStart: number | null = null;
  let lastEnd: number | null = null;
  const spans: [number, number][] = [];
  for (const t of trials) {
    counts[t.state]++;
    epochsTrained += t.epochsTrained;
    durationMs += t.durationMs;
    if (t.startedAt !== null && (firstStart === null || t.startedAt < firstStart)) firstStart = t.startedAt;
    if (t.finishedAt !== null && (lastEnd === null || t.finishedAt > lastEnd)) lastEnd = t.finishedAt;
    if (t.startedAt !== null && t.finishedAt !== null && t.finishedAt > t.startedAt) spans.push([t.startedAt, t.finishedAt]);
  }
  return { counts, epochsTrained, durationMs, firstStart, lastEnd, activeMs: unionLength(spans) };
}

/** The length of the union of intervals [from, to). */
export function unionLength(spans: [number, number][]): number {
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}
