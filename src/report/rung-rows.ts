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
  /** Trials stopped on their way to it (TPE's median pruner): pruned between the rung below's budget and this one's. */
  stopped: number;
}

/**
 * The plan's rungs filled in with how many trials of each bracket reached
 * each rung's budget: fillPlan's count, the one `rungs show` prints.
 */
export function rungRows(data: Pick<ReportData, 'plan' | 'trials' | 'study'>): RungRow[] {
  const views = data.trials.map((t) => ({ ...t, target: t.budget, rungValues: new Map(t.rungValues) }));
  // The report's trials carry no job target: a trial stopped below a rung's budget is placed by its budget.
  const below = (bracket: number, rung: number): number => data.plan.find((b) => b.bracket === bracket)?.rungs.find((r) => r.rung === rung - 1)?.budget ?? 0;
  return fillPlan(data.plan, views, data.study.direction).map(({ bracket, rung, budget, planned, reached }) => ({
    bracket,
    rung,
    budget,
    planned,
    reached,
    stopped: data.trials.filter((t) => t.bracket === bracket && t.state === 'pruned' && t.budget < budget && t.budget > below(bracket, rung)).length,
  }));
}
