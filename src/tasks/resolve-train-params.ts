/**
 * The hyperparameters one job trains with: defaults, then the task's fixed
 * `optimizer` values, then the trial's search-space values (the space wins).
 */
import { DEFAULT_TRAIN_PARAMS, type TrainParams } from './task-spec.js';
import { isTrainParamName } from './train-param-names.js';
import { validateTrainParams } from './validate-train-params.js';

export interface ResolvedTrainParams {
  hp: TrainParams;
  /** Only the values set explicitly (task.optimizer + search space), e.g. to override an MLP's shape. */
  explicit: Partial<TrainParams>;
  /** Problems with the merged values; empty when hp is usable. */
  issues: string[];
}

/**
 * @param fixed the task's `optimizer` object
 * @param params the trial's params; names that are not TrainParams keys are ignored
 *   (study validation rejects them up front)
 */
export function resolveTrainParams(
  fixed: Partial<TrainParams> | undefined,
  params: Readonly<Record<string, unknown>>,
): ResolvedTrainParams {
  const explicit: Record<string, unknown> = { ...(fixed ?? {}) };
  for (const [k, v] of Object.entries(params)) if (isTrainParamName(k)) explicit[k] = v;
  const merged = { ...DEFAULT_TRAIN_PARAMS, ...explicit };
  const issues = validateTrainParams(merged, 'hyperparameters', true);
  return { hp: merged as TrainParams, explicit: explicit as Partial<TrainParams>, issues };
}
