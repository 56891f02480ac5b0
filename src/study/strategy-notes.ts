/**
 * Notes on a study's strategy that are not errors but waste its trials, printed
 * with the space's notes by `plan` and `run`:
 *
 *   strategy.trials (8) is at most a CMA-ES generation (popsize 8): …
 */
import { cmaPopsize } from '../search/cma-params.js';
import type { NormalizedStudy } from './study-spec.js';

export function strategyNotes(study: Pick<NormalizedStudy, 'space' | 'strategy'>): string[] {
  const s = study.strategy;
  if (s.type !== 'cmaes') return [];
  const lambda = cmaPopsize(s.popsize, study.space);
  if (s.trials > lambda) return [];
  return [
    `strategy.trials (${s.trials}) is at most a CMA-ES generation (popsize ${lambda}): a generation learns only from those before it, so every trial is drawn from the starting distribution; give it several generations (trials ${10 * lambda} is ten) or use "random"`,
  ];
}
