import type { ReportTrial } from './report-data.js';

/**
 * The trials that have a value to plot: not failed, with a finite value, in
 * trial-number order. Failed trials are never plotted as values.
 */
export function valuedTrials(trials: readonly ReportTrial[]): Array<ReportTrial & { value: number }> {
  return trials
    .filter((t): t is ReportTrial & { value: number } => t.state !== 'failed' && t.value !== null && Number.isFinite(t.value))
    .sort((a, b) => a.number - b.number);
}
