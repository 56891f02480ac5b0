/**
 * Checks hyperparameter values by name: the task's fixed `optimizer` object,
 * a search-space point, or the merged values a job will train with. Returns
 * one message per problem naming the path, the rule and the value.
 */
import type { TrainParams } from './task-spec.js';
import { ACTIVATIONS, TASK_OPTIMIZER_NAMES, TASK_SCHEDULE_NAMES, TRAIN_PARAM_NAMES, isTrainParamName } from './train-param-names.js';
import { didYouMean, formatValue, isRecord } from '../format-value.js';

/** A check of one value (a problem, or null), and what kind of value it takes, so a search-space declaration can be matched to it. */
export type TrainParamRule = ((v: unknown) => string | null) & { readonly takes: 'number' | 'integer' | 'choice' };
type Rule = TrainParamRule;

const rule = (takes: Rule['takes'], check: (v: unknown) => string | null): Rule => Object.assign(check, { takes });
const num = (test: (v: number) => boolean, text: string): Rule =>
  rule('number', (v) => (typeof v === 'number' && Number.isFinite(v) && test(v) ? null : `must be ${text}`));
const int = (min: number): Rule =>
  rule('integer', (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? null : `must be an integer ≥ ${min}`));
const oneOf = (allowed: readonly string[]): Rule =>
  rule('choice', (v) => (typeof v === 'string' && allowed.includes(v) ? null : `must be one of ${allowed.join(', ')}`));
const unit = num((v) => v >= 0 && v < 1, 'a number in [0, 1)');

const RULES: Record<keyof TrainParams, Rule> = {
  optimizer: oneOf(TASK_OPTIMIZER_NAMES),
  lr: num((v) => v > 0, 'a finite number > 0'),
  batchSize: int(0),
  momentum: unit,
  beta1: unit,
  beta2: unit,
  epsilon: num((v) => v > 0, 'a finite number > 0'),
  rho: unit,
  amsgrad: rule('choice', (v) => (typeof v === 'boolean' ? null : 'must be true or false')),
  weightDecay: num((v) => v >= 0, 'a finite number ≥ 0'),
  clipNorm: num((v) => v >= 0, 'a finite number ≥ 0 (0 = no clipping)'),
  schedule: oneOf(TASK_SCHEDULE_NAMES),
  warmup: int(0),
  gamma: num((v) => v > 0, 'a finite number > 0'),
  stepSize: int(1),
  hiddenLayers: int(1),
  hiddenUnits: int(1),
  activation: oneOf(ACTIVATIONS),
};

/** The rule of a built-in training hyperparameter. */
export function trainParamRule(name: keyof TrainParams): TrainParamRule {
  return RULES[name];
}

/**
 * @param values an object of hyperparameters (all optional)
 * @param path prefix for messages, e.g. "task.optimizer"
 * @param allowUnknown when true, names that are not TrainParams keys are skipped instead of reported
 * @example validateTrainParams({ lr: -1 }, 'task.optimizer') // ['task.optimizer.lr must be a finite number > 0 (got -1)']
 */
export function validateTrainParams(values: unknown, path: string, allowUnknown = false): string[] {
  if (!isRecord(values)) return [`${path} must be an object of hyperparameters (got ${formatValue(values)})`];
  const out: string[] = [];
  for (const [name, v] of Object.entries(values)) {
    if (!isTrainParamName(name)) {
      if (!allowUnknown) out.push(`${path}.${name} is not a training hyperparameter (${didYouMean(name, TRAIN_PARAM_NAMES)}known: ${TRAIN_PARAM_NAMES.join(', ')})`);
      continue;
    }
    const problem = RULES[name](v);
    if (problem) out.push(`${path}.${name} ${problem} (got ${formatValue(v)})`);
  }
  return out;
}
