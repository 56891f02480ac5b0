import { describe, expect, it } from 'vitest';
import { resolveTrainParams } from '../../src/tasks/resolve-train-params.js';
import { resolveModelSpec } from '../../src/tasks/resolve-model-spec.js';
import { DEFAULT_TRAIN_PARAMS } from '../../src/tasks/task-spec.js';

describe('resolveTrainParams', () => {
  it('defaults < task.optimizer < search space; other names ignored', () => {
    const r = resolveTrainParams({ lr: 0.1, optimizer: 'sgd' }, { lr: 0.2, seedOfMine: 3 });
    expect(r.hp).toEqual({ ...DEFAULT_TRAIN_PARAMS, lr: 0.2, optimizer: 'sgd' });
    expect(r.explicit).toEqual({ lr: 0.2, optimizer: 'sgd' });
    expect(r.issues).toEqual([]);
  });

  it('reports bad merged values', () => {
    expect(resolveTrainParams(undefined, { optimizer: 'adamax' }).issues).toEqual([
      'hyperparameters.optimizer must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw (got "adamax")',
    ]);
  });
});

describe('resolveModelSpec', () => {
  const mlp = { type: 'mlp' as const, hidden: [64, 32], activation: 'relu' as const };
  it('leaves non-MLP models and an MLP without explicit shape values alone', () => {
    expect(resolveModelSpec('linear', { hiddenUnits: 8 })).toBe('linear');
    expect(resolveModelSpec(mlp, {})).toEqual(mlp);
  });
  it('hiddenLayers × hiddenUnits, units only, layers only, activation', () => {
    expect(resolveModelSpec(mlp, { hiddenLayers: 3, hiddenUnits: 8 })).toEqual({ type: 'mlp', hidden: [8, 8, 8], activation: 'relu' });
    expect(resolveModelSpec(mlp, { hiddenUnits: 8 })).toEqual({ type: 'mlp', hidden: [8, 8], activation: 'relu' });
    expect(resolveModelSpec(mlp, { hiddenLayers: 3 })).toEqual({ type: 'mlp', hidden: [64, 32, 32], activation: 'relu' });
    expect(resolveModelSpec(mlp, { hiddenLayers: 1 })).toEqual({ type: 'mlp', hidden: [64], activation: 'relu' });
    expect(resolveModelSpec(mlp, { activation: 'tanh' })).toEqual({ ...mlp, activation: 'tanh' });
  });
});
