/** The rung table of a plan: per bracket and rung, trials and the budget each reaches, and epoch totals. */
import type { PlanBracket } from '../search/strategy.js';
import { planTotals } from '../search/plan-totals.js';
import { renderTable } from './render-table.js';

/** `warmStart` undefined: a strategy that never promotes (its totals are the same either way). */
export function renderPlan(plan: PlanBracket[], warmStart = true): string {
  const rows: string[][] = [];
  for (const b of plan) for (const r of b.rungs) rows.push([String(b.bracket), String(r.rung), String(r.trials), String(r.budget)]);
  const table = renderTable(
    [{ header: 'bracket', align: 'right' }, { header: 'rung', align: 'right' }, { header: 'trials', align: 'right' }, { header: 'budget', align: 'right' }],
    rows,
  );
  const warm = planTotals(plan, true).epochs;
  const cold = planTotals(plan, false).epochs;
  const totals =
    warm === cold
      ? `total: ${warm} epochs`
      : `total: ${warm} epochs with warm starts, ${cold} retraining from scratch${warmStart ? '' : ' (warmStart is off)'}`;
  return `${table}\n${totals}`;
}

/** The line under a plan when the study's epoch budget (maxEpochs) cuts it short; null when it does not. */
export function epochBudgetLine(maxEpochs: number | undefined, planEpochs: number): string | null {
  if (maxEpochs === undefined || maxEpochs >= planEpochs) return null;
  return `epoch budget (maxEpochs): ${maxEpochs} of the plan's ${planEpochs} epochs — the run stops handing out jobs there`;
}

/** The line saying which trials start from the study's enqueued points, or '' when it has none (with repeats, each point is a configuration). */
export function enqueueLine(points: number | undefined, repeats = 1): string {
  if (points === undefined || points === 0) return '';
  const trials = points * repeats;
  const which = trials === 1 ? 'trial 0 starts from the point' : `trials 0–${trials - 1} start from the ${points === 1 ? 'point' : `${points} points`}`;
  const each = repeats > 1 ? `, each point a configuration run ${repeats} times` : '';
  return `enqueue: ${which} given (params left out are drawn${each})`;
}
