import { describe, expect, it } from 'vitest';
import { createOptimizer, OPTIMIZER_NAMES } from '../../src/optimizers/create-optimizer.js';
import { DEFAULT_TRAIN_PARAMS, type OptimizerName, type TrainParams } from '../../src/tasks/task-spec.js';
import { Sgd } from '../../src/optimizers/sgd.js';
import { Momentum } from '../../src/optimizers/momentum.js';
import { Nesterov } from '../../src/optimizers/nesterov.js';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { Rmsprop } from '../../src/optimizers/rmsprop.js';
import { Adam } from '../../src/optimizers/adam.js';
import { AdamW } from '../../src/optimizers/adamw.js';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import { ValidationError } from '../../src/errors.js';
import { sameBits } from './optimizer-contract.js';

function hp(over: Partial<TrainParams>): TrainParams {
  return { ...DEFAULT_TRAIN_PARAMS, ...over };
}

/** Three steps from the same start, for comparing two optimizers. */
function run(opt: Optimizer): Float64Array {
  const p = new Float64Array([1, -2, 0.5]);
  const gs = [
    [0.5, -1, 2],
    [1, 1, -1],
    [-0.3, 0.2, 0.1],
  ];
  for (const g of gs) opt.step(p, new Float64Array(g), 0.05);
  return p;
}

describe('createOptimizer', () => {
  it('lists the seven rules', () => {
    expect([...OPTIMIZER_NAMES]).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw']);
  });

  it('picks the class by hp.optimizer', () => {
    const classes: Record<OptimizerName, new (n: number) => Optimizer> = {
      sgd: Sgd,
      momentum: Momentum,
      nesterov: Nesterov,
      adagrad: Adagrad,
      rmsprop: Rmsprop,
      adam: Adam,
      adamw: AdamW,
    };
    for (const name of OPTIMIZER_NAMES) {
      const opt = createOptimizer(3, hp({ optimizer: name }));
      expect(opt).toBeInstanceOf(classes[name]);
      expect(opt.name).toBe(name);
    }
  });

  it('reads each rule’s hyperparameters (same trajectory as the class built by hand)', () => {
    const over = {
      momentum: 0.5,
      beta1: 0.8,
      beta2: 0.99,
      epsilon: 1e-3,
      rho: 0.7,
      weightDecay: 0.02,
      lr: 123, // ignored: lr is passed to step()
    };
    const pairs: [OptimizerName, Optimizer][] = [
      ['sgd', new Sgd(3, { weightDecay: 0.02 })],
      ['momentum', new Momentum(3, { momentum: 0.5, weightDecay: 0.02 })],
      ['nesterov', new Nesterov(3, { momentum: 0.5, weightDecay: 0.02 })],
      ['adagrad', new Adagrad(3, { epsilon: 1e-3, weightDecay: 0.02 })],
      ['rmsprop', new Rmsprop(3, { rho: 0.7, epsilon: 1e-3, weightDecay: 0.02 })],
      ['adam', new Adam(3, { beta1: 0.8, beta2: 0.99, epsilon: 1e-3, weightDecay: 0.02 })],
      ['adamw', new AdamW(3, { beta1: 0.8, beta2: 0.99, epsilon: 1e-3, weightDecay: 0.02 })],
    ];
    for (const [name, byHand] of pairs) {
      const made = createOptimizer(3, hp({ ...over, optimizer: name }));
      expect(sameBits(run(made), run(byHand))).toBe(true);
      // and the defaults give something else (so the values were really read)
      const defaults = createOptimizer(3, hp({ optimizer: name }));
      expect(sameBits(run(defaults), run(byHand))).toBe(false);
    }
  });

  it('passes amsgrad to adam and adamw', () => {
    expect((createOptimizer(2, hp({ optimizer: 'adam', amsgrad: true })) as Adam).amsgrad).toBe(true);
    expect((createOptimizer(2, hp({ optimizer: 'adamw', amsgrad: true })) as AdamW).amsgrad).toBe(true);
    expect((createOptimizer(2, hp({ optimizer: 'adam' })) as Adam).amsgrad).toBe(false);
  });

  it('an unknown name throws ValidationError naming the value and the allowed list', () => {
    const bad = hp({ optimizer: 'lbfgs' as never });
    expect(() => createOptimizer(2, bad)).toThrow(ValidationError);
    expect(() => createOptimizer(2, bad)).toThrow(
      'optimizer = "lbfgs" is not one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw',
    );
  });

  it('out-of-range hyperparameters of the chosen rule throw ValidationError', () => {
    expect(() => createOptimizer(2, hp({ optimizer: 'momentum', momentum: 1.5 }))).toThrow(
      'momentum optimizer: momentum = 1.5 is not in [0, 1)',
    );
    // a value the chosen rule does not read is not its business
    expect(() => createOptimizer(2, hp({ optimizer: 'sgd', momentum: 1.5 }))).not.toThrow();
  });
});
