import type { ReportData } from './report-data.js';
import { fillPlan } from '../search/fill-plan.js';

/** One row of the rung table: the plan's rung and how many trials got there. */
export interface RungRow {
  bracket: number;
  rung: number;
  budget: number;
  planned: number;
  /** Trials of the bracket with a value at the rung's budget. */
  reached: number;
  /** Trials stopped on their way to it (a pruner): pruned between the rung below's budget and this one's. */
  stopped: number;
}

/**
 * The plan's rungs filled in with how many trials of each bracket reached
 * each rung's budget: fillPlan's count, the one `rungs show` prints.
 */
export function rungRows(data: Pick<ReportData, 'plan' | 'trials' | 'study'>): RungRow[] {
  const views = data.trials.map((t) => ({ ...t, target: t.budget, rungValues: new Map(t.rungValues) }));
  return fillPlan(data.plan, views, data.study.direction).map(({ bracket, rung, budget, planned, reached, stopped }) => ({ bracket, rung, budget, planned, reached, stopped }));
}
