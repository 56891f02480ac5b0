import type { ReportData } from './report-data.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';

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

/** The rung table (bracket, rung, budget, planned trials, trials that reached it) as HTML. */
export function renderRungTable(data: Pick<ReportData, 'plan' | 'trials'>): string {
  const rows = rungRows(data);
  if (rows.length === 0) return '<p class="note">No rung plan recorded.</p>';
  const body = rows
    .map((r) => {
      const share = r.planned > 0 ? Math.min(1, r.reached / r.planned) : 0;
      return (
        `<tr><td class="num">${r.bracket}</td><td class="num">${r.rung}</td><td class="num">${escapeHtml(formatNumber(r.budget))}</td>` +
        `<td class="num">${r.planned}</td><td class="num">${r.reached}</td>` +
        `<td><div class="meter" title="${r.reached} of ${r.planned}"><span style="width:${(share * 100).toFixed(1)}%"></span></div></td></tr>`
      );
    })
    .join('\n');
  return (
    '<table class="data rungs"><thead><tr><th>bracket</th><th>rung</th><th>budget</th><th>planned</th><th>reached</th><th></th></tr></thead>\n' +
    `<tbody>\n${body}\n</tbody></table>`
  );
}
