/**
 * The "best:" lines of `rungs run`'s summary and `rungs show`. With repeats,
 * the best is a configuration (the mean of its seeds, as `rungs best` ranks
 * it), not the luckiest single trial.
 */
import type { Objective } from '../search/strategy.js';
import { objectivesLabel } from './objectives-label.js';
import { renderTrials } from './render-trials.js';
import type { TrialRow } from '../storage/storage.js';
import type { ConfigStats } from '../stats/rank-configs.js';
import { fmtNum, fmtParam } from './render-table.js';
import { heldOutScores } from '../tasks/metrics.js';

export function renderBest(metric: string, best: TrialRow | null, bestConfig?: ConfigStats, configMetrics: Readonly<Record<string, number>> = {}): string[] {
  const params = (p: TrialRow['params']) => `  ${Object.entries(p).map(([k, v]) => `${k}=${fmtParam(v)}`).join('  ')}`;
  // With a held-out test set (task.test): its scores of the same model(s), which nothing was ranked on.
  const test = (m: Readonly<Record<string, number>>, mean: boolean) => heldOutScores(metric, m).map(([k, v]) => `  ${k}${mean ? ' mean' : ''} ${fmtNum(v)}`).join('');
  if (bestConfig) {
    return [
      `best: configuration of trials ${bestConfig.trials.join(', ')}  ${metric} mean ${fmtNum(bestConfig.mean)} over ${bestConfig.n} seed${bestConfig.n === 1 ? '' : 's'}${test(configMetrics, true)}  budget ${bestConfig.budget}`,
      params(bestConfig.params),
    ];
  }
  if (!best) return [];
  return [`best: trial ${best.number}  ${metric} ${fmtNum(best.value)}${test(best.metrics, false)}  budget ${best.budget}`, params(best.params)];
}

/**
 * `rungs best`'s line under its table with a held-out test set (task.test): the best's test scores, for
 * reporting (no other trial's are listed: they are not a ranking to choose from). Empty without test scores.
 */
export function heldOutLine(metric: string, who: string, metrics: Readonly<Record<string, number>>): string[] {
  const scores = heldOutScores(metric, metrics);
  return scores.length ? [`held-out test rows (task.test), ${who}: ${scores.map(([k, v]) => `${k} ${fmtNum(v)}`).join('  ')}`] : [];
}

/**
 * A multi-objective study's Pareto front in a few lines: its size and objectives, then a table of
 * at most `limit` of its trials (the rest named, for `rungs best`).
 */
export function renderFront(objectives: readonly Objective[], front: TrialRow[], limit = 10): string[] {
  if (front.length === 0) return [];
  const shown = front.slice(0, limit);
  const more = front.length - shown.length;
  return [
    `Pareto front: ${front.length} trial${front.length === 1 ? '' : 's'} no other beats on every objective (${objectivesLabel(objectives)})`,
    renderTrials(shown, objectives.map((o) => o.metric), false),
    ...(more > 0 ? [`… and ${more} more (rungs best lists them all)`] : []),
  ];
}
