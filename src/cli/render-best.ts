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
import { testTwin } from '../tasks/metrics.js';

export function renderBest(metric: string, best: TrialRow | null, bestConfig?: ConfigStats): string[] {
  const params = (p: TrialRow['params']) => `  ${Object.entries(p).map(([k, v]) => `${k}=${fmtParam(v)}`).join('  ')}`;
  if (bestConfig) {
    return [
      `best: configuration of trials ${bestConfig.trials.join(', ')}  ${metric} mean ${fmtNum(bestConfig.mean)} over ${bestConfig.n} seed${bestConfig.n === 1 ? '' : 's'}  budget ${bestConfig.budget}`,
      params(bestConfig.params),
    ];
  }
  if (!best) return [];
  // With a held-out test set (task.test), its score of the same model, which nothing was ranked on.
  const twin = testTwin(metric, [best]);
  const test = twin ? `  ${twin} ${fmtNum(best.metrics[twin]!)}` : '';
  return [`best: trial ${best.number}  ${metric} ${fmtNum(best.value)}${test}  budget ${best.budget}`, params(best.params)];
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
