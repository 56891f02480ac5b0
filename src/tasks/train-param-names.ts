/**
 * The names (and allowed values) of the built-in training hyperparameters,
 * so study validation can check search-space names without a TrainParams
 * value in hand. The Record types make the compiler flag any drift from
 * TrainParams / OptimizerName / ScheduleName.
 */
import { OPTIMIZER_NAMES } from '../optimizers/create-optimizer.js';
import { SCHEDULE_NAMES } from '../optimizers/lr-schedule.js';
import type { Activation, OptimizerName, ScheduleName, TrainParams } from './task-spec.js';

const KEYS: Record<keyof TrainParams, true> = {
  optimizer: true,
  lr: true,
  batchSize: true,
  momentum: true,
  beta1: true,
  beta2: true,
  epsilon: true,
  rho: true,
  amsgrad: true,
  weightDecay: true,
  clipNorm: true,
  schedule: true,
  warmup: true,
  gamma: true,
  stepSize: true,
  hiddenLayers: true,
  hiddenUnits: true,
  activation: true,
};

/** Every key of TrainParams, i.e. every hyperparameter a search space may name for a built-in task. */
export const TRAIN_PARAM_NAMES: readonly (keyof TrainParams)[] = Object.keys(KEYS) as (keyof TrainParams)[];

/** Optimizer names a task accepts: every rule the optimizer core has. */
export const TASK_OPTIMIZER_NAMES: readonly OptimizerName[] = OPTIMIZER_NAMES;

/** Learning-rate schedule names a task accepts. */
export const TASK_SCHEDULE_NAMES: readonly ScheduleName[] = SCHEDULE_NAMES;

export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh'];

export function isTrainParamName(name: string): name is keyof TrainParams {
  return Object.prototype.hasOwnProperty.call(KEYS, name);
}
