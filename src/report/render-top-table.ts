import type { ReportData, ReportRankingRow } from './report-data.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { formatParam } from './format-param.js';
import { paramNames } from '../search/param-names.js';

/** Trial numbers listed in full before the cell is shortened with "…". */
const MAX_TRIALS_SHOWN = 8;

/**
 * The top-`top` configurations of the ranking as an HTML table: rank, one
 * column per param, trials, n, budget, mean, std, 95% CI and a mark for the
 * configurations statistically tied with the best.
 */
export function renderTopTable(data: Pick<ReportData, 'ranking' | 'study'>, top: number): string {
  const rows = [...data.ranking].sort((a, b) => a.rank - b.rank).slice(0, Math.max(0, top));
  if (rows.length === 0) return '<p class="note">No ranked configurations yet.</p>';
  const params = paramNames(rows);
  const head = ['rank', ...params, 'trials', 'n', 'budget', `mean ${data.study.metric}`, 'std', '95% CI', 'tied with best'];
  const numeric = new Set(['rank', 'n', 'budget', `mean ${data.study.metric}`, 'std']);
  const thead = head.map((h) => `<th${numeric.has(h) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => renderRow(r, params)).join('\n');
  const more = data.ranking.length > rows.length ? `<p class="note">Showing ${rows.length} of ${data.ranking.length} configurations.</p>` : '';
  return `<table class="data top"><thead><tr>${thead}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${more}`;
}

function renderRow(r: ReportRankingRow, params: readonly string[]): string {
  const trials =
    r.trials.length > MAX_TRIALS_SHOWN
      ? `${r.trials.slice(0, MAX_TRIALS_SHOWN).map((n) => `#${n}`).join(' ')} …`
      : r.trials.map((n) => `#${n}`).join(' ');
  const ci = r.ci95 === null ? '—' : `[${formatNumber(r.ci95[0])}, ${formatNumber(r.ci95[1])}]`;
  const cells = [
    `<td class="num">${r.rank}</td>`,
    ...params.map((p) => `<td class="param">${escapeHtml(formatParam(r.params[p]))}</td>`),
    `<td class="trials" title="${escapeHtml(r.trials.map((n) => `#${n}`).join(' '))}">${escapeHtml(trials)}</td>`,
    `<td class="num">${r.n}</td>`,
    `<td class="num">${escapeHtml(formatNumber(r.budget))}</td>`,
    `<td class="num strong">${escapeHtml(formatNumber(r.mean))}</td>`,
    `<td class="num">${escapeHtml(formatNumber(r.std))}</td>`,
    `<td class="ci">${escapeHtml(ci)}</td>`,
    `<td>${r.tiedWithBest ? '<span class="badge tied" title="a Welch t-test cannot tell it apart from the best (p ≥ 0.05)">≈ best</span>' : ''}</td>`,
  ];
  return `<tr${r.rank === 1 ? ' class="best"' : ''}>${cells.join('')}</tr>`;
}
