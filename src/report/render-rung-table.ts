import type { ReportData } from './report-data.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { rungRows } from './rung-rows.js';

/** The rung table (bracket, rung, budget, planned trials, trials that reached it, and those a pruner stopped on the way) as HTML. */
export function renderRungTable(data: Pick<ReportData, 'plan' | 'trials' | 'study'>): string {
  const rows = rungRows(data);
  if (rows.length === 0) return '<p class="note">No rung plan recorded.</p>';
  const body = rows
    .map((r) => {
      const share = r.planned > 0 ? Math.min(1, r.reached / r.planned) : 0;
      return (
        `<tr><td class="num">${r.bracket}</td><td class="num">${r.rung}</td><td class="num">${escapeHtml(formatNumber(r.budget))}</td>` +
        `<td class="num">${r.planned}</td><td class="num">${r.reached}${r.stopped > 0 ? ` <span class="note" title="stopped early by the pruner">+${r.stopped} stopped</span>` : ''}</td>` +
        `<td><div class="meter" title="${r.reached} of ${r.planned}"><span style="width:${(share * 100).toFixed(1)}%"></span></div></td></tr>`
      );
    })
    .join('\n');
  return (
    '<table class="data rungs"><thead><tr><th class="num">bracket</th><th class="num">rung</th><th class="num">budget</th><th class="num">planned</th><th class="num">reached</th><th></th></tr></thead>\n' +
    `<tbody>\n${body}\n</tbody></table>`
  );
}
