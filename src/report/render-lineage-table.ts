import type { LineageSegment } from '../stats/lineage.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { formatParam } from './format-param.js';

/**
 * A lineage (stats/lineage.ts) as an HTML table, oldest segment first: the epochs it covers, its
 * trial, what it started as (`copy of #8 at epoch 12`, or the first generation), the params the
 * fork changed (`lr 0.0084 → 0.0101`; every param for the first segment) and the study metric at
 * the end of the segment. The last row is the trial itself.
 */
export function renderLineageTable(segments: readonly LineageSegment[], metric: string): string {
  if (segments.length === 0) return '<p class="note">No lineage.</p>';
  const head = `<tr><th class="num">epochs</th><th class="num">trial</th><th>started as</th><th>changed params</th><th class="num">${escapeHtml(metric)} at end</th></tr>`;
  const rows = segments.map((s, i) => {
    const before = segments[i - 1];
    const origin = before ? `copy of #${before.number} at epoch ${s.from}` : 'first generation';
    const changed = s.changed.length === 0 ? '— (same params)' : s.changed.map((k) => changeText(k, before?.params[k], s.params[k], before !== undefined)).join(', ');
    return (
      `<tr${i === segments.length - 1 ? ' class="own"' : ''}><td class="num">${s.from}–${s.to}</td><td class="num">#${s.number}</td>` +
      `<td>${escapeHtml(origin)}</td><td class="param">${escapeHtml(changed)}</td><td class="num strong">${escapeHtml(formatNumber(s.value))}</td></tr>`
    );
  });
  return `<table class="data lineage"><thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** `lr 0.0084 → 0.0101`, or `lr 0.0084` for the first segment. */
function changeText(name: string, from: unknown, to: unknown, forked: boolean): string {
  return forked ? `${name} ${formatParam(from)} → ${formatParam(to)}` : `${name} ${formatParam(to)}`;
}
