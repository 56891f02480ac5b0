import type { TrialState } from '../search/strategy.js';
import type { ReportTrial } from './report-data.js';

/** All trial states, in lifecycle order. */
export const TRIAL_STATES: readonly TrialState[] = ['complete', 'pruned', 'failed', 'running', 'queued'];

/** How many trials are in each state (every state present, zero when none). */
export function stateCounts(trials: ReadonlyArray<Pick<ReportTrial, 'state'>>): Record<TrialState, number> {
  const counts: Record<TrialState, number> = { complete: 0, pruned: 0, failed: 0, running: 0, queued: 0 };
  for (const t of trials) counts[t.state] += 1;
  return counts;
}
