import type { ReportData } from './report-data.js';

/** One row of the rung table: the plan's rung and how many trials got there. */
export interface RungRow {
  bracket: number;
  rung: number;
  budget: number;
  planned: number;
  /** Trials of the bracket whose completed budget is at least the rung's budget. */
  reached: number;
}

/**
 * The plan's rungs filled in with how many trials of each bracket reached
 * each rung's budget.
 */
export function rungRows(data: Pick<ReportData, 'plan' | 'trials'>): RungRow[] {
  return data.plan.flatMap((b) =>
    b.rungs.map((r) => ({
      bracket: b.bracket,
      rung: r.rung,
      budget: r.budget,
      planned: r.trials,
      reached: data.trials.filter((t) => t.bracket === b.bracket && t.budget >= r.budget).length,
    })),
  );
}
