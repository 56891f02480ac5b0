/**
 * The "best:" lines of `rungs run`'s summary and `rungs show`. With repeats,
 * the best is a configuration (the mean of its seeds, as `rungs best` ranks
 * it), not the luckiest single trial.
 */
import type { TrialRow } from '../storage/storage.js';
import type { ConfigStats } from '../stats/rank-configs.js';
import { fmtNum, fmtParam } from './render-table.js';

export function renderBest(metric: string, best: TrialRow | null, bestConfig?: ConfigStats): string[] {
  const params = (p: TrialRow['params']) => `  ${Object.entries(p).map(([k, v]) => `${k}=${fmtParam(v)}`).join('  ')}`;
  if (bestConfig) {
    return [
      `best: configuration of trials ${bestConfig.trials.join(', ')}  ${metric} mean ${fmtNum(bestConfig.mean)} over ${bestConfig.n} seed${bestConfig.n === 1 ? '' : 's'}  budget ${bestConfig.budget}`,
      params(bestConfig.params),
    ];
  }
  return best ? [`best: trial ${best.number}  ${metric} ${fmtNum(best.value)}  budget ${best.budget}`, params(best.params)] : [];
}
