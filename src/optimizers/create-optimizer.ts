/**
 * Builds the update rule named by hp.optimizer for a parameter vector of
 * `size` elements, reading the hyperparameters that rule uses:
 *
 *   sgd                 weightDecay (L2)
 *   momentum, nesterov  momentum, weightDecay (L2)
 *   adagrad             epsilon, weightDecay (L2)
 *   rmsprop             rho, epsilon, weightDecay (L2)
 *   adam                beta1, beta2, epsilon, amsgrad, weightDecay (L2)
 *   adamw               beta1, beta2, epsilon, amsgrad, weightDecay (decoupled)
 *
 * lr is not bound here: it is passed to each step() (after the schedule).
 * An unknown name, or a value out of range, throws ValidationError.
 */
import type { OptimizerName, TrainParams } from '../tasks/task-spec.js';
import type { Optimizer } from './optimizer.js';
import { ValidationError } from '../errors.js';
import { Sgd } from './sgd.js';
import { Momentum } from './momentum.js';
import { Nesterov } from './nesterov.js';
import { Adagrad } from './adagrad.js';
import { Rmsprop } from './rmsprop.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';

const OPTIMIZERS: Record<OptimizerName, true> = {
  sgd: true,
  momentum: true,
  nesterov: true,
  adagrad: true,
  rmsprop: true,
  adam: true,
  adamw: true,
};

/** Every optimizer name createOptimizer() understands. */
export const OPTIMIZER_NAMES: readonly OptimizerName[] = Object.keys(OPTIMIZERS) as OptimizerName[];

/** The hyperparameters only some rules read, and which rules read each (the table above). */
export const RULE_SPECIFIC_PARAMS: Readonly<Partial<Record<keyof TrainParams, readonly OptimizerName[]>>> = {
  momentum: ['momentum', 'nesterov'],
  rho: ['rmsprop'],
  epsilon: ['adagrad', 'rmsprop', 'adam', 'adamw'],
  beta1: ['adam', 'adamw'],
  beta2: ['adam', 'adamw'],
  amsgrad: ['adam', 'adamw'],
};

/**
 * `alloc` gives the arrays every rule keeps its state in (zeros; default new Float64Array): a model's, where its SIMD kernels can
 * update them (Model.allocState, vector-kernels.ts). SGD has none: its kernel runs when the params and gradient are there.
 */
export function createOptimizer(size: number, hp: TrainParams, alloc?: (n: number) => Float64Array): Optimizer {
  const name = hp.optimizer;
  switch (name) {
    case 'sgd':
      return new Sgd(size, { weightDecay: hp.weightDecay });
    case 'momentum':
      return new Momentum(size, { momentum: hp.momentum, weightDecay: hp.weightDecay, ...(alloc ? { alloc } : {}) });
    case 'nesterov':
      return new Nesterov(size, { momentum: hp.momentum, weightDecay: hp.weightDecay, ...(alloc ? { alloc } : {}) });
    case 'adagrad':
      return new Adagrad(size, { epsilon: hp.epsilon, weightDecay: hp.weightDecay, ...(alloc ? { alloc } : {}) });
    case 'rmsprop':
      return new Rmsprop(size, { rho: hp.rho, epsilon: hp.epsilon, weightDecay: hp.weightDecay, ...(alloc ? { alloc } : {}) });
    case 'adam':
      return new Adam(size, {
        beta1: hp.beta1,
        beta2: hp.beta2,
        epsilon: hp.epsilon,
        amsgrad: hp.amsgrad,
        weightDecay: hp.weightDecay,
        ...(alloc ? { alloc } : {}),
      });
    case 'adamw':
      return new AdamW(size, {
        beta1: hp.beta1,
        beta2: hp.beta2,
        epsilon: hp.epsilon,
        amsgrad: hp.amsgrad,
        weightDecay: hp.weightDecay,
        ...(alloc ? { alloc } : {}),
      });
    default:
      throw new ValidationError([
        `optimizer = ${JSON.stringify(name as unknown)} is not one of ${OPTIMIZER_NAMES.join(', ')}`,
      ]);
  }
}
