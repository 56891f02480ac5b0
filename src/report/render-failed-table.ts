import type { ReportTrial } from './report-data.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { formatParam } from './format-param.js';

/** Failed trials listed before the table is cut short. */
const MAX_ROWS = 50;

/** The failed trials (number, params, budget reached, error) as an HTML table; '' when none failed. */
export function renderFailedTable(trials: readonly ReportTrial[]): string {
  const failed = trials.filter((t) => t.state === 'failed').sort((a, b) => a.number - b.number);
  if (failed.length === 0) return '';
  const rows = failed
    .slice(0, MAX_ROWS)
    .map((t) => {
      const params = Object.entries(t.params)
        .map(([k, v]) => `${k}=${formatParam(v)}`)
        .join(', ');
      return (
        `<tr><td class="num">#${t.number}</td><td class="param">${escapeHtml(params)}</td>` +
        `<td class="num">${escapeHtml(formatNumber(t.budget))}</td><td class="error">${escapeHtml(t.error ?? 'failed')}</td></tr>`
      );
    })
    .join('\n');
  const more = failed.length > MAX_ROWS ? `<p class="note">Showing ${MAX_ROWS} of ${failed.length} failed trials.</p>` : '';
  return (
    '<table class="data failed"><thead><tr><th class="num">trial</th><th>params</th><th class="num">budget</th><th>error</th></tr></thead>\n' +
    `<tbody>\n${rows}\n</tbody></table>${more}`
  );
}
