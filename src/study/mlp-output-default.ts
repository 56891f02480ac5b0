/**
 * The output an MLP of a study's task takes when its spec leaves `output` out: softmax for a classification target,
 * linear for a regression one (createModel's rule), which depends on the data. A resume compares the model with it
 * filled in, so a file that spells it out at that default runs the same study.
 */
import type { NormalizedStudy } from './study-spec.js';
import { studyDataCache } from './study-data-cache.js';

/** undefined: no task, a model that is not an MLP, or data that does not load (the preflight names that). */
export function mlpOutputDefault(study: NormalizedStudy): 'softmax' | 'linear' | undefined {
  const model = study.task?.model;
  if (typeof model !== 'object' || model === null || model.type !== 'mlp') return undefined;
  try {
    return studyDataCache.dataset(study.task!.dataset, study.baseDir, study.seed).kind === 'regression' ? 'linear' : 'softmax';
  } catch {
    return undefined;
  }
}
