import type { ReportData } from './report-data.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { formatParam } from './format-param.js';
import { formatTime } from './format-time.js';
import { bestTrial } from './best-trial.js';
import { stateCounts, TRIAL_STATES } from './state-counts.js';

/** The page header: study name, metric and direction, strategy, seed, times, counts by state and the best trial. */
export function renderReportHeader(data: ReportData): string {
  const { study } = data;
  const counts = stateCounts(data.trials);
  const arrow = study.direction === 'minimize' ? '↓' : '↑';
  const pills = TRIAL_STATES.map(
    (s) => `<span class="pill state-${s}${counts[s] === 0 ? ' zero' : ''}"><b>${counts[s]}</b> ${s}</span>`,
  ).join('');
  const best = bestTrial(data.trials, study.direction);
  const bestHtml =
    best === undefined
      ? '<div class="best-card empty">No complete trial yet</div>'
      : `<div class="best-card"><div class="label">best ${escapeHtml(study.metric)}</div>` +
        `<div class="value">${escapeHtml(formatNumber(best.value, 6))}</div>` +
        `<div class="detail">trial #${best.number} · budget ${escapeHtml(formatNumber(best.budget))}</div>` +
        `<div class="detail params">${paramsSummary(best.params)}</div></div>`;
  return `<header class="report-header">
<div class="title">
<div class="kicker">rungs study report</div>
<h1>${escapeHtml(study.name)}</h1>
<dl class="facts">
<div><dt>metric</dt><dd>${escapeHtml(study.metric)} <span class="dir" title="${study.direction}">${arrow} ${study.direction}</span></dd></div>
<div><dt>strategy</dt><dd>${escapeHtml(study.strategy)}</dd></div>
<div><dt>seed</dt><dd>${escapeHtml(String(study.seed))}</dd></div>
<div><dt>trials</dt><dd>${data.trials.length}</dd></div>
<div><dt>created</dt><dd>${formatTime(study.createdAt)}</dd></div>
<div><dt>updated</dt><dd>${formatTime(study.updatedAt)}</dd></div>
</dl>
<div class="pills">${pills}</div>
</div>
${bestHtml}
</header>`;
}

/** Params listed in the best-trial card before "+N more". */
const MAX_PARAMS_SHOWN = 8;

function paramsSummary(params: Record<string, unknown>): string {
  const entries = Object.entries(params);
  const shown = entries
    .slice(0, MAX_PARAMS_SHOWN)
    .map(([k, v]) => `<span><i>${escapeHtml(k)}</i>=${escapeHtml(formatParam(v))}</span>`)
    .join(' ');
  return entries.length > MAX_PARAMS_SHOWN ? `${shown} <span class="more">+${entries.length - MAX_PARAMS_SHOWN} more</span>` : shown;
}
