import type { ReportData } from './report-data.js';
import type { Objective } from '../search/strategy.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { formatParam } from './format-param.js';
import { paramNames } from '../search/param-names.js';
import { frontTrials } from './front-trials.js';
import { objectiveLabel } from './objective-label.js';

/**
 * A multi-objective study's Pareto front as an HTML table, in its place of the top configurations:
 * trial, one column per objective (its metric and direction), one per param; the whole front, in
 * its order (by the first objective, best first). Cutting it at a top-k would keep one end of the
 * trade-off and hide the other.
 */
export function renderFrontTable(data: Pick<ReportData, 'trials' | 'paretoFront'>, objectives: readonly Objective[]): string {
  const rows = frontTrials(data);
  if (rows.length === 0) return '<p class="note">No complete trial with a value for every objective yet.</p>';
  const params = paramNames(rows);
  const thead = [
    '<th class="num">trial</th>',
    ...objectives.map((o) => `<th class="num">${escapeHtml(objectiveLabel(o))}</th>`),
    ...params.map((p) => `<th>${escapeHtml(p)}</th>`),
  ].join('');
  const body = rows
    .map((t) => {
      const cells = [
        `<td class="num">#${t.number}</td>`,
        ...objectives.map((o) => `<td class="num strong">${escapeHtml(formatNumber(t.metrics[o.metric]))}</td>`),
        ...params.map((p) => `<td class="param">${escapeHtml(formatParam(t.params[p]))}</td>`),
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table class="data front"><thead><tr>${thead}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}
