/**
 * Checks a study's `objectives` (a multi-objective study, as Optuna's `directions`): their shape,
 * that they replace `metric` and `direction`, that a task records each metric, and that the
 * strategy can search several objectives (no pruner, no repeats: a pruner and a mean over seeds
 * both rank trials by one value).
 */
import { didYouMean, formatValue, isRecord } from '../format-value.js';
import { testMetricProblem } from '../tasks/metrics.js';
import { MULTI_OBJECTIVE_TYPES, PRUNED_TYPES, type StrategyType } from '../search/strategy-spec.js';

const OBJECTIVE_KEYS = ['metric', 'direction'] as const;

/**
 * Problems with `s.objectives` (none when it is absent). `taskMetrics`: the metrics the study's
 * task records, when it has a sound task (each objective must be one of them).
 */
export function validateObjectives(s: Record<string, unknown>, taskMetrics: readonly string[] | undefined): string[] {
  const list = s.objectives;
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.length === 0) {
    return [`objectives must be a non-empty array of { "metric": …, "direction": "minimize" | "maximize" } (got ${formatValue(list)})`];
  }
  const out: string[] = [];
  for (const k of ['metric', 'direction'] as const) {
    if (s[k] !== undefined) out.push(`${k} cannot be given with objectives (got ${formatValue(s[k])}): the first objective is the study's ${k}`);
  }
  const seen = new Set<string>();
  list.forEach((o, i) => {
    const at = `objectives[${i}]`;
    if (!isRecord(o)) {
      out.push(`${at} must be an object { "metric": …, "direction": … } (got ${formatValue(o)})`);
      return;
    }
    for (const k of Object.keys(o)) {
      if ((OBJECTIVE_KEYS as readonly string[]).includes(k)) continue;
      out.push(`${at}.${k} is not an objective field (${didYouMean(k, OBJECTIVE_KEYS)}allowed: ${OBJECTIVE_KEYS.join(', ')})`);
    }
    if (typeof o.metric !== 'string' || o.metric === '') out.push(`${at}.metric must be a non-empty string (got ${formatValue(o.metric)})`);
    else if (seen.has(o.metric)) out.push(`${at}.metric "${o.metric}" is already an objective: each metric once`);
    else {
      seen.add(o.metric);
      const heldOut = taskMetrics ? testMetricProblem(o.metric, `${at}.metric`) : undefined;
      if (heldOut) out.push(heldOut);
      else if (taskMetrics && !taskMetrics.includes(o.metric)) out.push(`${at}.metric "${o.metric}" is not recorded for this model (${didYouMean(o.metric, taskMetrics)}allowed: ${taskMetrics.join(', ')})`);
    }
    if (o.direction !== undefined && o.direction !== 'minimize' && o.direction !== 'maximize') {
      out.push(`${at}.direction must be "minimize" or "maximize" (got ${formatValue(o.direction)})`);
    }
  });
  if (list.length < 2) {
    // One objective is a single-objective study, whose objective returns a number: say so rather than take the other shapes.
    out.push(`objectives needs two or more metrics (got ${list.length}): for one, give "metric" and "direction" instead`);
    return out;
  }
  const strategy = isRecord(s.strategy) ? s.strategy : undefined;
  const type = strategy?.type;
  if (typeof type === 'string' && !MULTI_OBJECTIVE_TYPES.includes(type as StrategyType)) {
    out.push(
      `strategy.type "${type}" ranks trials by one value and cannot search ${list.length} objectives: use ${MULTI_OBJECTIVE_TYPES.map((t) => `"${t}"`).join(', ')}`,
    );
  }
  // A strategy that takes no pruner at all (nsga2) says so itself.
  if (strategy?.pruner !== undefined && PRUNED_TYPES.includes(type as StrategyType)) {
    out.push(`strategy.pruner cannot be used with ${list.length} objectives: a pruner compares trials on one value (as Optuna, which does not prune multi-objective studies)`);
  }
  if (typeof s.repeats === 'number' && s.repeats > 1) {
    out.push(`repeats cannot be used with ${list.length} objectives (got repeats ${s.repeats}): configurations are ranked by the mean of one value`);
  }
  return out;
}
