/**
 * A PBT study's generations as `rungs show` tells them (pbt-history.ts),
 * by trial number. With repeats the strategy ranked and forked
 * configurations, so they are replayed on configurations, each named by its
 * first trial.
 */
import { pbtBoundaries, pbtReplaced } from '../search/pbt-generations.js';
import { pbtHistory, type PbtGeneration } from '../search/pbt-history.js';
import type { TrialView } from '../search/strategy.js';
import { strategyWithDefaults } from '../search/strategy-defaults.js';
import { configurationViews } from '../search/with-repeats.js';
import type { NormalizedStudy } from './study-spec.js';

/** Undefined for a study of another strategy. */
export function studyGenerations(def: NormalizedStudy, trials: readonly TrialView[]): PbtGeneration[] | undefined {
  if (def.strategy.type !== 'pbt') return undefined;
  const full = strategyWithDefaults(def.strategy);
  const k = def.repeats ?? 1;
  const shape = { population: full.population, boundaries: pbtBoundaries(full.interval, full.maxBudget), replaced: pbtReplaced(full.population, full.quantile), burnIn: full.burnIn, direction: def.direction };
  if (k === 1) return pbtHistory(trials, shape);
  const first = (c: number) => c * k;
  return pbtHistory(configurationViews(trials, k), shape).map((g) => ({
    ...g,
    members: g.members.map(first),
    best: g.best && { ...g.best, number: first(g.best.number) },
    replaced: g.replaced.map((r) => ({ number: first(r.number), by: first(r.by), copyOf: first(r.copyOf) })),
  }));
}
