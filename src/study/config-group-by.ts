/**
 * What makes trials one configuration when a study's trials are ranked (rankConfigs): identical params, except in
 * PBT, where two members with the same params carry different weights (each a lineage of its own), so a
 * configuration is a trial and its repeats (trials c·k … c·k + k − 1).
 */
import type { RankConfigsOptions, RankInput } from '../stats/rank-configs.js';
import type { NormalizedStudy } from './study-spec.js';

export function configGroupBy(def: Pick<NormalizedStudy, 'strategy' | 'repeats'>): RankConfigsOptions['groupBy'] {
  if (def.strategy.type !== 'pbt') return undefined;
  const k = def.repeats ?? 1;
  return (t: RankInput) => `#${Math.floor(t.number / k)}`;
}
