import { describe, expect, it } from 'vitest';
import { validateStudy } from '../../src/study/validate-study.js';
import { normalizeStudy } from '../../src/study/normalize-study.js';
import type { StudySpec } from '../../src/study/study-spec.js';

const base = {
  name: 'mo',
  task: { dataset: 'iris', model: { type: 'mlp', hidden: [4] } },
  space: { lr: { type: 'float', low: 0.001, high: 1, log: true }, hiddenUnits: { type: 'int', low: 2, high: 32 } },
  strategy: { type: 'random', trials: 4 },
};

describe('objectives', () => {
  it('accepts two or more task metrics with random and grid search, and normalises them', () => {
    const spec = { ...base, objectives: [{ metric: 'val_loss' }, { metric: 'model_size' }, { metric: 'val_accuracy' }] };
    expect(validateStudy(spec)).toEqual([]);
    expect(validateStudy({ ...spec, strategy: { type: 'grid' }, space: { hiddenUnits: { type: 'int', low: 2, high: 4 } } })).toEqual([]);
    const n = normalizeStudy(spec as StudySpec, '/tmp');
    expect([n.metric, n.direction]).toEqual(['val_loss', 'minimize']);
    // Directions default as `direction` does: accuracy is maximised.
    expect(n.objectives).toEqual([
      { metric: 'val_loss', direction: 'minimize' },
      { metric: 'model_size', direction: 'minimize' },
      { metric: 'val_accuracy', direction: 'maximize' },
    ]);
    // One objective is refused: a single-objective study says metric and direction, and its objective returns a number.
    expect(validateStudy({ ...base, objectives: [{ metric: 'val_accuracy' }] })).toEqual([
      'objectives needs two or more metrics (got 1): for one, give "metric" and "direction" instead',
    ]);
  });

  it('names each problem: shape, fields, duplicates, metrics the task does not record, metric and direction given too', () => {
    expect(validateStudy({ ...base, objectives: [] })).toEqual([
      'objectives must be a non-empty array of { "metric": …, "direction": "minimize" | "maximize" } (got [])',
    ]);
    expect(
      validateStudy({
        ...base,
        metric: 'val_loss',
        direction: 'minimize',
        objectives: [{ metric: 'val_loss', directon: 'maximize' }, 'x', { metric: 'val_loss' }, { metric: 'val_auc', direction: 'up' }, { metric: '' }],
      }),
    ).toEqual([
      'metric cannot be given with objectives (got "val_loss"): the first objective is the study\'s metric',
      'direction cannot be given with objectives (got "minimize"): the first objective is the study\'s direction',
      'objectives[0].directon is not an objective field (did you mean "direction"? allowed: metric, direction)',
      'objectives[1] must be an object { "metric": …, "direction": … } (got "x")',
      'objectives[2].metric "val_loss" is already an objective: each metric once',
      'objectives[3].metric "val_auc" is not recorded for this model (allowed: train_loss, val_loss, val_mse, val_rmse, val_mae, val_r2, model_size, val_log_loss, val_accuracy)',
      'objectives[3].direction must be "minimize" or "maximize" (got "up")',
      'objectives[4].metric must be a non-empty string (got "")',
    ]);
  });

  it('refuses a test_* objective of a task (the held-out rows), but not a user objective\'s own metric of that name', () => {
    const objectives = [{ metric: 'val_loss' }, { metric: 'test_loss' }];
    expect(validateStudy({ ...base, task: { ...(base.task as object), test: 0.2 }, objectives })).toEqual([
      'objectives[1].metric "test_loss" is scored on the held-out test rows (task.test), which nothing may be ranked on, or they would test nothing: rank on "val_loss" and read "test_loss" beside it',
    ]);
    expect(validateStudy({ name: 'mo', objective: './f.mjs', objectives: [{ metric: 'test_error' }, { metric: 'latency_ms' }], space: base.space, strategy: base.strategy })).toEqual([]);
  });

  it('refuses strategies that rank by one value, pruners and repeats', () => {
    const objectives = [{ metric: 'val_loss' }, { metric: 'model_size' }];
    expect(validateStudy({ ...base, objectives, strategy: { type: 'cmaes', trials: 10 } })).toEqual([
      'strategy.type "cmaes" ranks trials by one value and cannot search 2 objectives: use "grid", "random", "tpe", "nsga2"',
    ]);
    // TPE splits trials by Pareto fronts (Optuna 3.1's multi-objective TPESampler): every option of it applies but the pruner.
    expect(validateStudy({ ...base, objectives, strategy: { type: 'tpe', trials: 10, startupTrials: 4, maxConcurrent: 2, eiCandidates: 8, multivariate: true } })).toEqual([]);
    expect(validateStudy({ ...base, objectives, strategy: { type: 'tpe', trials: 10, pruner: { type: 'patience', patience: 2 } } })).toEqual([
      'strategy.pruner cannot be used with 2 objectives: a pruner compares trials on one value (as Optuna, which does not prune multi-objective studies)',
    ]);
    expect(validateStudy({ ...base, objectives, strategy: { type: 'asha', trials: 9, minBudget: 1, maxBudget: 9 } })[0]).toMatch(/^strategy\.type "asha" ranks trials by one value/);
    expect(validateStudy({ ...base, objectives, strategy: { type: 'random', trials: 10, pruner: { type: 'median' } } })).toEqual([
      'strategy.pruner cannot be used with 2 objectives: a pruner compares trials on one value (as Optuna, which does not prune multi-objective studies)',
    ]);
    expect(validateStudy({ ...base, objectives, repeats: 3 })).toEqual([
      'repeats cannot be used with 2 objectives (got repeats 3): configurations are ranked by the mean of one value',
    ]);
  });

  it('an objective module names its own metrics, unchecked until it returns', () => {
    expect(validateStudy({ name: 'mo', objective: './f.mjs', objectives: [{ metric: 'error' }, { metric: 'latency_ms' }], space: base.space, strategy: base.strategy })).toEqual([]);
  });
});
