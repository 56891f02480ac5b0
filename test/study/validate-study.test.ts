import { describe, expect, it } from 'vitest';
import { validateStudy } from '../../src/study/validate-study.js';

const ok = {
  name: 'ok',
  task: { dataset: 'iris', model: 'softmax' },
  space: { lr: { type: 'float', low: 0.001, high: 1, log: true } },
  strategy: { type: 'random', trials: 2 },
};

describe('validateStudy', () => {
  it('accepts a valid study', () => {
    expect(validateStudy(ok)).toEqual([]);
  });

  it('lists every problem at once, each with its path, rule and value', () => {
    const issues = validateStudy({
      ...ok,
      name: '',
      seed: -1,
      direction: 'down',
      threads: 0,
      extra: true,
      seeed: 3,
      space: { lr: { type: 'float', low: 0, high: 1, log: true }, momentun: { type: 'float', low: 0, high: 1 } },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'extra is not a study field (allowed: $schema, name, description, seed, direction, metric, objectives, task, objective, budget, space, strategy, enqueue, threads, maxTrials, maxEpochs, repeats)',
        'seeed is not a study field (did you mean "seed"? allowed: $schema, name, description, seed, direction, metric, objectives, task, objective, budget, space, strategy, enqueue, threads, maxTrials, maxEpochs, repeats)',
        expect.stringMatching(/^name must be 1-100 characters/),
        'seed must be an integer in [0, 4294967295] (got -1)',
        'direction must be "minimize" or "maximize" (got "down")',
        'threads must be an integer in [1, 256] (got 0)',
        'space.lr.low must be > 0 when log is true (got 0)',
        expect.stringMatching(/^space\.momentun is not a hyperparameter of the built-in task \(did you mean "momentum"\? known: /),
      ]),
    );
  });

  it('bounds threads: each is an isolate, and millions of them abort the process before anything is said', () => {
    expect(validateStudy({ ...ok, threads: 1e9 })).toEqual(['threads must be an integer in [1, 256] (got 1000000000)']);
    expect(validateStudy({ ...ok, threads: 256 })).toEqual([]);
  });

  it("refuses a space that gives values the built-in training rejects, before anything is stored", () => {
    expect(validateStudy({ ...ok, space: { lr: { type: 'float', low: -1, high: 1 } } })).toEqual(['space.lr.low: lr must be a finite number > 0 (got -1)']);
    // An objective module takes whatever it likes: the task's rules do not apply.
    const { task: _t, ...noTask } = ok;
    expect(validateStudy({ ...noTask, objective: './o.js', space: { lr: { type: 'float', low: -1, high: 1 } } })).toEqual([]);
  });

  it("refuses a task.epochs a halving strategy would not train to (its maxBudget decides)", () => {
    const halving = { type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9 };
    expect(validateStudy({ ...ok, task: { ...ok.task, epochs: 100 }, strategy: halving })).toEqual([
      'task.epochs is the budget of grid, random, TPE, CMA-ES, GP and NSGA-II search (got 100); "successive-halving" trains each trial up to strategy.maxBudget (9): remove task.epochs or make it 9',
    ]);
    expect(validateStudy({ ...ok, task: { ...ok.task, epochs: 9 }, strategy: halving })).toEqual([]);
    expect(validateStudy({ ...ok, task: { ...ok.task, epochs: 100 }, strategy: { type: 'random', trials: 3 } })).toEqual([]);
    // An objective's budget likewise.
    const { task: _t, ...noTask } = ok;
    expect(validateStudy({ ...noTask, objective: './o.js', budget: 5, strategy: halving })).toEqual([
      'budget is the budget of grid, random, TPE, CMA-ES, GP and NSGA-II search (got 5); "successive-halving" trains each trial up to strategy.maxBudget (9): remove budget or make it 9',
    ]);
  });

  it('refuses what a PBT replacement of a built-in task cannot change, a task.epochs PBT would not train to, and several objectives', () => {
    const mlp = {
      name: 'pbt',
      task: { dataset: 'iris', model: { type: 'mlp', hidden: [8] }, epochs: 10 },
      space: {
        lr: { type: 'float', low: 0.001, high: 1, log: true },
        hiddenUnits: { type: 'int', low: 4, high: 16 },
        optimizer: { type: 'categorical', choices: ['adam', 'sgd'] },
      },
      strategy: { type: 'pbt', population: 4, interval: 3, maxBudget: 12, mutate: ['lr', 'hiddenUnits', 'optimizer'] },
    };
    expect(validateStudy(mlp)).toEqual([
      'task.epochs is the budget of grid, random, TPE, CMA-ES, GP and NSGA-II search (got 10); "pbt" trains each trial up to strategy.maxBudget (12): remove task.epochs or make it 12',
      'strategy.mutate[1] "hiddenUnits" cannot change in a built-in task: it shapes the model, and a replacement continues from its donor\'s checkpoint; leave it out of mutate (a replacement copies it from its donor)',
      'strategy.mutate[2] "optimizer" cannot change in a built-in task: it picks the optimizer, whose state (momentum, Adam\'s moments) a replacement takes over from its donor, and a replacement continues from its donor\'s checkpoint; leave it out of mutate (a replacement copies it from its donor)',
    ]);
    // enqueue starts members of the first generation only: the trials after it are copies.
    const points = { ...mlp, task: { ...mlp.task, epochs: 12 }, strategy: { ...mlp.strategy, population: 2, quantile: 0.5, mutate: ['lr'] } };
    expect(validateStudy({ ...points, enqueue: [{ lr: 0.1 }, { lr: 0.2 }] })).toEqual([]);
    expect(validateStudy({ ...points, enqueue: [{ lr: 0.1 }, { lr: 0.2 }, { lr: 0.3 }] })).toEqual([
      "enqueue has 3 points, more than the 2 members of PBT's first generation (the trials after it are copies of members)",
    ]);
    expect(validateStudy({ ...points, repeats: 2, enqueue: [{ lr: 0.1 }, { lr: 0.2 }, { lr: 0.3 }] })).toEqual([
      "enqueue has 3 points, more than the 2 configurations of PBT's first generation (each run 2 times)",
    ]);
    // Left out of mutate, they are drawn once per member and copied by its replacements.
    expect(validateStudy({ ...mlp, task: { ...mlp.task, epochs: 12 }, strategy: { ...mlp.strategy, mutate: ['lr'] } })).toEqual([]);
    const objectives = [{ metric: 'val_loss' }, { metric: 'model_size' }];
    expect(validateStudy({ ...mlp, task: { ...mlp.task, epochs: undefined }, objectives, strategy: { ...mlp.strategy, mutate: ['lr'] } })).toEqual([
      expect.stringContaining('strategy.type "pbt" ranks trials by one value and cannot search 2 objectives'),
    ]);
  });

  it("reports the strategy's problems next to the space's", () => {
    const issues = validateStudy({
      ...ok,
      space: { lr: { type: 'float', low: 0.1, high: 1, lgo: true } },
      strategy: { type: 'hyperband', reductionFactor: 1, minBudget: 1, maxBudget: 9 },
    });
    expect(issues).toEqual([expect.stringMatching(/^space\.lr has unknown key "lgo"/), 'strategy.reductionFactor must be a number >= 2 (got 1)']);
  });

  it('needs exactly one of task and objective', () => {
    const { task: _t, ...noTask } = ok;
    expect(validateStudy(noTask)).toContain('a study needs a task (built-in training) or an objective (a module path)');
    expect(validateStudy({ ...ok, objective: './o.js' })).toContain('task and objective cannot both be given: choose one');
    expect(validateStudy({ ...noTask, objective: './o.py' })[0]).toMatch(/objective must be a path to a \.js, \.mjs, \.ts or \.mts module/);
  });

  it('refuses a metric the model does not record, naming those it does', () => {
    expect(validateStudy({ ...ok, metric: 'val_r2' })).toEqual([
      'metric "val_r2" is not recorded for this model (allowed: train_loss, val_loss, val_log_loss, val_accuracy, model_size)',
    ]);
    expect(validateStudy({ ...ok, metric: 'val_accuracy' })).toEqual([]);
    expect(validateStudy({ ...ok, metric: 'val_acuracy' })).toEqual([
      'metric "val_acuracy" is not recorded for this model (did you mean "val_accuracy"? allowed: train_loss, val_loss, val_log_loss, val_accuracy, model_size)',
    ]);
    expect(validateStudy({ ...ok, task: { dataset: 'iris', model: 'linear' }, metric: 'val_r2' })).toEqual([]);
  });

  it('refuses to rank on the held-out test rows, naming the validation metric to rank on instead', () => {
    const task = { dataset: 'iris', model: 'softmax', test: 0.2 };
    expect(validateStudy({ ...ok, task, metric: 'test_accuracy', direction: 'maximize' })).toEqual([
      'metric "test_accuracy" is scored on the held-out test rows (task.test), which nothing may be ranked on, or they would test nothing: rank on "val_accuracy" and read "test_accuracy" beside it',
    ]);
    expect(validateStudy({ ...ok, task })).toEqual([]);
  });

  it('checks the strategy against the space', () => {
    expect(validateStudy({ ...ok, strategy: { type: 'grid' } }).join('\n')).toMatch(/space\.lr.*values.*points/);
    expect(validateStudy({ ...ok, strategy: { type: 'successive-halving', candidates: 9, minBudget: 9, maxBudget: 3 } }).join('\n')).toMatch(/minBudget/);
  });

  it('takes candidates "exhaust" with a maxEpochs that holds one candidate, and counts enqueued points against what it comes to', () => {
    const exhaust = { type: 'successive-halving', candidates: 'exhaust', minBudget: 1, maxBudget: 9 };
    // 1 candidate: 1 + 2 + 6 = 9 epochs; 14 fit in 30 (14 + 4·2 + 1·6 = 28; 15 would train 15 + 5·2 + 1·6 = 31).
    expect(validateStudy({ ...ok, strategy: exhaust, maxEpochs: 9 })).toEqual([]);
    expect(validateStudy({ ...ok, strategy: exhaust })).toEqual([
      'strategy.candidates "exhaust" takes the most candidates whose plan fits in the study\'s maxEpochs, and the study has no maxEpochs: add one (the epochs the plan may train) or give candidates a number',
    ]);
    expect(validateStudy({ ...ok, strategy: exhaust, maxEpochs: 8 })).toEqual([
      'maxEpochs (8) is less than the plan of a single candidate (9 epochs), so strategy.candidates "exhaust" finds none: raise maxEpochs to at least 9, or lower strategy.maxBudget',
    ]);
    const points = (n: number) => Array.from({ length: n }, () => ({ lr: 0.01 }));
    expect(validateStudy({ ...ok, strategy: exhaust, maxEpochs: 30, enqueue: points(14) })).toEqual([]);
    expect(validateStudy({ ...ok, strategy: exhaust, maxEpochs: 30, enqueue: points(15) })).toEqual(['enqueue has 15 points, more than the 14 trials the strategy starts']);
    expect(validateStudy({ ...ok, strategy: { ...exhaust, candidates: 'all' }, maxEpochs: 30 })).toEqual(['strategy.candidates must be an integer >= 1 or "exhaust" (got "all")']);
    expect(validateStudy({ ...ok, strategy: { ...exhaust, candidates: undefined } })).toEqual([
      'strategy.candidates is required (an integer >= 1, or "exhaust": the most candidates whose plan fits in the study\'s maxEpochs)',
    ]);
  });


  it('takes successive halving\'s minBudget "exhaust" with a number of candidates, and nowhere else', () => {
    const sha = { type: 'successive-halving', candidates: 36, minBudget: 'exhaust', maxBudget: 81 };
    expect(validateStudy({ ...ok, strategy: sha })).toEqual([]);
    expect(validateStudy({ ...ok, strategy: { ...sha, candidates: 'exhaust' }, maxEpochs: 500 })).toEqual([
      'strategy.minBudget "exhaust" halves a number of candidates, and candidates "exhaust" costs a plan from a number minBudget: give one of them a number (scikit-learn refuses min_resources and n_candidates both "exhaust" too)',
    ]);
    expect(validateStudy({ ...ok, strategy: { ...sha, minBudget: 'max' } })).toEqual([
      'strategy.minBudget must be an integer >= 1 or "exhaust" (the largest from which the candidates halve to fewer than η by maxBudget) (got "max")',
    ]);
    // Hyperband's and ASHA's minBudget fixes their ladder (and Hyperband's brackets): a number only.
    expect(validateStudy({ ...ok, strategy: { type: 'hyperband', minBudget: 'exhaust', maxBudget: 27 } })).toEqual(['strategy.minBudget must be an integer >= 1 (got "exhaust")']);
    expect(validateStudy({ ...ok, strategy: { type: 'asha', trials: 9, minBudget: 'exhaust', maxBudget: 27 } })).toEqual(['strategy.minBudget must be an integer >= 1 (got "exhaust")']);
  });
});

describe('validateStudy: a pruner', () => {
  it('refuses the pruner with repeats, which would leave it idle', () => {
    const issues = validateStudy({
      name: 'p',
      objective: './o.mjs',
      budget: 10,
      space: { x: { type: 'float', low: 0, high: 1 } },
      strategy: { type: 'tpe', trials: 20, pruner: { type: 'median' } },
      repeats: 2,
    });
    expect(issues).toEqual([
      'strategy.pruner cannot be combined with repeats (got repeats 2): a pruner stops a trial on its own learning curve, and a configuration with repeats has one per seed; use repeats 1 with the pruner',
    ]);
  });
});

describe('validateStudy: a pruner that could never stop a trial', () => {
  const study = (pruner: Record<string, unknown>, epochs = 20) => ({
    name: 'p',
    task: { dataset: 'iris', model: 'softmax', epochs },
    space: { lr: { type: 'float', low: 0.001, high: 1, log: true } },
    strategy: { type: 'tpe', trials: 20, pruner },
  });

  it('refuses startupTrials at or past the trials, warmupSteps at or past the budget, and a missing type', () => {
    expect(validateStudy(study({ type: 'median', startupTrials: 20 }))).toEqual([
      'strategy.pruner.startupTrials must be below strategy.trials (20) for the pruner to stop any trial (got 20)',
    ]);
    expect(validateStudy(study({ type: 'median', warmupSteps: 50 }, 20))).toEqual([
      'strategy.pruner.warmupSteps must be below the budget (20 epochs) for the pruner to stop any trial (got 50)',
    ]);
    expect(validateStudy(study({ startupTrials: 3 }))).toEqual(['strategy.pruner.type is required: one of "median", "percentile", "patience"']);
    expect(validateStudy(study({ type: 'median', startupTrials: 5, warmupSteps: 3 }))).toEqual([]);
  });

  it('refuses a patience the budget leaves no room for (it needs patience + 2 values, and the last epoch is never pruned)', () => {
    expect(validateStudy(study({ type: 'patience', patience: 3 }, 5))).toEqual([
      'strategy.pruner.patience must be at most 2 (the budget, 5 epochs, minus 3) for the pruner to stop any trial (got 3)',
    ]);
    expect(validateStudy(study({ type: 'patience', patience: 2 }, 5))).toEqual([]);
  });

  it('refuses a startupTrials the last trial\'s history cannot hold: trial n compares itself with trials 0 … n − maxConcurrent', () => {
    const random = (pruner: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ ...study({}), strategy: { type: 'random', trials: 8, pruner, ...more } });
    expect(validateStudy(random({ type: 'median' }))).toEqual([
      'strategy.pruner.startupTrials must be at most 4 (strategy.trials, 8, minus strategy.maxConcurrent (by default), 4) for the pruner to stop any trial: trial n compares itself with the complete trials among 0 … n − 4 (its default 5)',
    ]);
    expect(validateStudy(random({ type: 'median' }, { maxConcurrent: 3 }))).toEqual([]);
    expect(validateStudy(random({ type: 'patience', patience: 2, wrapped: { type: 'percentile', percentile: 30, startupTrials: 3 } }, { maxConcurrent: 6 }))).toEqual([
      'strategy.pruner.wrapped.startupTrials must be at most 2 (strategy.trials, 8, minus strategy.maxConcurrent, 6) for the pruner to stop any trial: trial n compares itself with the complete trials among 0 … n − 6 (got 3)',
    ]);
    expect(validateStudy(study({ type: 'median', startupTrials: 0 }))).toEqual([]);
    expect(validateStudy({ ...study({ type: 'median', startupTrials: 0 }), strategy: { type: 'tpe', trials: 20, maxConcurrent: 20, pruner: { type: 'median', startupTrials: 0 } } })).toEqual([
      'strategy.pruner can never stop a trial: trial n compares itself with trials 0 … n − maxConcurrent, and with strategy.maxConcurrent 20 none of strategy.trials (20) has any; lower maxConcurrent below 20',
    ]);
  });

  it('refuses a budget with no epoch to prune: the last is never pruned, and patience needs patience + 2 values before it', () => {
    const objective = { name: 'p', objective: './o.mjs', space: { x: { type: 'float', low: 0, high: 1 } }, strategy: { type: 'random', trials: 20, pruner: { type: 'median' } } };
    expect(validateStudy(objective)).toEqual([
      'strategy.pruner can never stop a trial within a budget of 1 epoch: the last epoch is never pruned, so it needs a budget of at least 2 (task.epochs, or budget for an objective)',
    ]);
    expect(validateStudy({ ...objective, budget: 2 })).toEqual([]);
    expect(validateStudy(study({ type: 'patience', patience: 0, wrapped: { type: 'median' } }, 2))).toEqual([
      'strategy.pruner (patience) can never stop a trial within a budget of 2 epochs: it needs patience + 2 values before the last epoch, which is never pruned, so a budget of at least 3 (task.epochs, or budget for an objective)',
    ]);
    expect(validateStudy(study({ type: 'patience', patience: 0 }, 3))).toEqual([]);
  });

  it('checks grid and random search\'s pruner against their own trials and the task\'s epochs', () => {
    const random = { ...study({}), strategy: { type: 'random', trials: 6, pruner: { type: 'percentile', percentile: 30, startupTrials: 6 } } };
    expect(validateStudy(random)).toEqual(['strategy.pruner.startupTrials must be below strategy.trials (6) for the pruner to stop any trial (got 6)']);
    const grid = { ...study({}), space: { lr: { type: 'float', low: 0.001, high: 1, log: true, points: 10 } }, strategy: { type: 'grid', pruner: { type: 'median', warmupSteps: 20 } } };
    expect(validateStudy(grid)).toEqual(['strategy.pruner.warmupSteps must be below the budget (20 epochs) for the pruner to stop any trial (got 20)']);
  });

  it('checks the pruner against the study\'s budget with enqueue too (counting the trials built the strategy with budget 1)', () => {
    const enqueue = [{ lr: 0.01 }];
    expect(validateStudy({ ...study({ type: 'median', warmupSteps: 4 }), enqueue })).toEqual([]);
    expect(validateStudy({ ...study({ type: 'patience', patience: 2 }), enqueue })).toEqual([]);
    const objective = { name: 'o', objective: './o.mjs', budget: 20, space: study({}).space, enqueue };
    expect(validateStudy({ ...objective, strategy: { type: 'random', trials: 10, pruner: { type: 'median', warmupSteps: 4 } } })).toEqual([]);
    expect(validateStudy({ ...study({ type: 'median', warmupSteps: 20 }), enqueue })).toEqual([
      'strategy.pruner.warmupSteps must be below the budget (20 epochs) for the pruner to stop any trial (got 20)',
    ]);
  });
});
