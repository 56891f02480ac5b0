import type { ReportData, ReportTrial } from './report-data.js';

/** The trials of a multi-objective report's Pareto front, in the front's order (by the first objective); none without one. */
export function frontTrials(data: Pick<ReportData, 'trials' | 'paretoFront'>): ReportTrial[] {
  const byNumber = new Map(data.trials.map((t) => [t.number, t]));
  return (data.paretoFront ?? []).flatMap((n) => byNumber.get(n) ?? []);
}
