/** The strategy a normalised study runs: its search algorithm, fanned out over repeats when it has them. */
import { createStrategy } from '../search/create-strategy.js';
import type { Strategy } from '../search/strategy.js';
import { WithRepeats } from '../search/with-repeats.js';
import type { NormalizedStudy } from './study-spec.js';

export function strategyFor(study: NormalizedStudy): Strategy {
  const enqueued = study.enqueue ?? [];
  const inner = createStrategy(study.strategy, study.space, {
    seed: study.seed,
    direction: study.direction,
    budget: study.budget,
    ...(study.objectives ? { objectives: study.objectives } : {}),
    ...(enqueued.length > 0 ? { enqueued } : {}),
  });

  const repeats = study.repeats ?? 1;
  return repeats > 1 ? new WithRepeats(inner, repeats) : inner;
}
