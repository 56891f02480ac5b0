import type { ReportData } from './report-data.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { formatParam } from './format-param.js';
import { formatTime } from './format-time.js';
import { bestTrial } from './best-trial.js';
import { stateCounts, TRIAL_STATES } from './state-counts.js';
import { directionArrow } from './objective-label.js';
import type { Objective } from '../search/strategy.js';
import { heldOutScores } from '../tasks/metrics.js';
import { meanMetricsOf } from '../stats/mean-metrics.js';

/**
 * The page header: study name, metric and direction (a multi-objective study's objectives), strategy,
 * seed, times, counts by state and the best trial (a multi-objective study's Pareto front size).
 */
export function renderReportHeader(data: ReportData): string {
  const { study } = data;
  const counts = stateCounts(data.trials);
  const pills = TRIAL_STATES.map(
    (s) => `<span class="pill state-${s}${counts[s] === 0 ? ' zero' : ''}"><b>${counts[s]}</b> ${s}</span>`,
  ).join('');
  const objectives = study.objectives;
  const aim = objectives
    ? `<div><dt>objectives</dt><dd>${objectives.map(objectiveHtml).join(', ')}</dd></div>`
    : `<div><dt>metric</dt><dd>${objectiveHtml(study)}</dd></div>`;
  return `<header class="report-header">
<div class="title">
<div class="kicker">rungs study report</div>
<h1>${escapeHtml(study.name)}</h1>
<dl class="facts">
${aim}
<div><dt>strategy</dt><dd>${escapeHtml(study.strategy)}</dd></div>
<div><dt>seed</dt><dd>${escapeHtml(String(study.seed))}</dd></div>
<div><dt>trials</dt><dd>${data.trials.length}</dd></div>
<div><dt>created</dt><dd>${formatTime(study.createdAt)}</dd></div>
<div><dt>updated</dt><dd>${formatTime(study.updatedAt)}</dd></div>
</dl>
<div class="pills">${pills}</div>
</div>
${objectives ? frontCard(data) : bestCard(data)}
</header>`;
}

/** A metric and its direction: `val_loss <span class="dir">↓ minimize</span>`. */
function objectiveHtml(o: Objective): string {
  return `${escapeHtml(o.metric)} <span class="dir" title="${o.direction}">${directionArrow(o.direction)} ${o.direction}</span>`;
}

function bestCard({ trials, study, ranking }: ReportData): string {
  // A held-out test set's scores (task.test) of the same model(s), which nothing was ranked on.
  const test = (metrics: Readonly<Record<string, number>>, mean: boolean) =>
    heldOutScores(study.metric, metrics).map(([k, v]) => ` · ${escapeHtml(k)}${mean ? ' mean' : ''} ${escapeHtml(formatNumber(v, 6))}`).join('');
  // With repeats the best is a configuration, the mean of its seeds, as `rungs show` and `best` rank it.
  const config = (study.repeats ?? 1) > 1 ? ranking[0] : undefined;
  if (config) {
    const metrics = meanMetricsOf(config.trials, trials);
    return `<div class="best-card"><div class="label">best ${escapeHtml(study.metric)}, mean over ${config.n} seed${config.n === 1 ? '' : 's'}</div>` +
      `<div class="value">${escapeHtml(formatNumber(config.mean, 6))}</div>` +
      `<div class="detail">configuration of trials ${config.trials.map((n) => `#${n}`).join(' ')} · budget ${escapeHtml(formatNumber(config.budget))}${test(metrics, true)}</div>` +
      `<div class="detail params">${paramsSummary(config.params)}</div></div>`;
  }
  const best = bestTrial(trials, study.direction);
  if (best === undefined) return '<div class="best-card empty">No complete trial yet</div>';
  return `<div class="best-card"><div class="label">best ${escapeHtml(study.metric)}</div>` +
        `<div class="value">${escapeHtml(formatNumber(best.value, 6))}</div>` +
        `<div class="detail">trial #${best.number} · budget ${escapeHtml(formatNumber(best.budget))}${test(best.metrics, false)}</div>` +
        `<div class="detail params">${paramsSummary(best.params)}</div></div>`;
}

/** Trial numbers listed in the Pareto front card before "+N more". */
const MAX_FRONT_SHOWN = 12;

/** A multi-objective study has no one best trial: the card gives its Pareto front's size and trials. */
function frontCard(data: ReportData): string {
  const front = data.paretoFront ?? [];
  if (front.length === 0) return '<div class="best-card empty">No complete trial with a value for every objective yet</div>';
  const shown = front.slice(0, MAX_FRONT_SHOWN).map((n) => `#${n}`).join(' ');
  const more = front.length > MAX_FRONT_SHOWN ? ` <span class="more">+${front.length - MAX_FRONT_SHOWN} more</span>` : '';
  return (
    `<div class="best-card"><div class="label">Pareto front</div>` +
    `<div class="value">${front.length} trial${front.length === 1 ? '' : 's'}</div>` +
    `<div class="detail">no other complete trial beats them on every objective</div>` +
    `<div class="detail params">${shown}${more}</div></div>`
  );
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
