import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineStudy, float, openStorage, runStudy, StudyMismatchError, type RunEvent } from '../../src/index.js';
import type { StrategySpec } from '../../src/search/strategy-spec.js';
import { definitionDifferences, openStudy, raisedTrials } from '../../src/study/open-study.js';
import { normalizeStudy } from '../../src/study/normalize-study.js';
import { mlpOutputDefault } from '../../src/study/mlp-output-default.js';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import { tempDir } from '../helpers/run-cli.js';
import type { NormalizedStudy } from '../../src/study/study-spec.js';

const study = (strategy: StrategySpec): NormalizedStudy =>
  ({ name: 's', seed: 1, metric: 'value', direction: 'minimize', space: { x: { type: 'float', low: 0, high: 1 } }, strategy }) as unknown as NormalizedStudy;

describe('definitionDifferences', () => {
  it('takes a strategy option spelled out at its default as the same search', () => {
    expect(definitionDifferences(study({ type: 'tpe', trials: 12 }), study({ type: 'tpe', trials: 12, startupTrials: 10, maxConcurrent: 4, eiCandidates: 24, multivariate: false }))).toEqual([]);
    expect(
      definitionDifferences(
        study({ type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9 }),
        study({ type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9, reductionFactor: 3, sampler: 'random', warmStart: true }),
      ),
    ).toEqual([]);
    expect(definitionDifferences(study({ type: 'asha', trials: 9, minBudget: 1, maxBudget: 9 }), study({ type: 'asha', trials: 9, minBudget: 1, maxBudget: 9, brackets: 1, sampler: 'random' }))).toEqual([]);
    expect(
      definitionDifferences(study({ type: 'tpe', trials: 12, pruner: { type: 'median' } }), study({ type: 'tpe', trials: 12, pruner: { type: 'median', startupTrials: 5, warmupSteps: 0, minTrials: 1 } })),
    ).toEqual([]);
    expect(
      definitionDifferences(
        study({ type: 'random', trials: 12, pruner: { type: 'patience', patience: 2, wrapped: { type: 'median' } } }),
        study({ type: 'random', trials: 12, maxConcurrent: 4, pruner: { type: 'patience', patience: 2, minDelta: 0, wrapped: { type: 'median', startupTrials: 5 } } }),
      ),
    ).toEqual([]);
    expect(definitionDifferences(study({ type: 'grid' }), study({ type: 'grid', pruner: { type: 'median' }, maxConcurrent: 3 }))).toHaveLength(2);
  });

  it('takes a halving strategy with minBudget left out as minBudget 1, stored and compared so, and names another', () => {
    const here = path.resolve('.');
    const given = (strategy: StrategySpec): NormalizedStudy => normalizeStudy({ ...study(strategy), task: undefined } as never, here);
    for (const [without, withOne] of [
      [{ type: 'asha', trials: 9, maxBudget: 9 }, { type: 'asha', trials: 9, minBudget: 1, maxBudget: 9 }],
      [{ type: 'hyperband', maxBudget: 27 }, { type: 'hyperband', minBudget: 1, maxBudget: 27 }],
      [{ type: 'successive-halving', candidates: 9, maxBudget: 9 }, { type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9 }],
    ] as Array<[StrategySpec, StrategySpec]>) {
      expect(given(without).strategy).toEqual(withOne);
      expect(definitionDifferences(given(without), given(withOne))).toEqual([]);
      expect(definitionDifferences(study(without), study(withOne))).toEqual([]);
      expect(definitionDifferences(given(without), given({ ...withOne, minBudget: 3 } as StrategySpec))).toHaveLength(1);
    }
    // "exhaust" still works its number out, and candidates "exhaust" starts from the default.
    expect(given({ type: 'successive-halving', candidates: 36, minBudget: 'exhaust', maxBudget: 81 }).strategy).toMatchObject({ minBudget: 3 });
    const many = normalizeStudy({ ...study({ type: 'successive-halving', candidates: 'exhaust', maxBudget: 27 }), task: undefined, maxEpochs: 360 } as never, here);
    expect(many.strategy).toMatchObject({ candidates: 125, minBudget: 1 });
    // Strategies other than the halving ones get no minBudget.
    expect(given({ type: 'random', trials: 3 }).strategy).toEqual({ type: 'random', trials: 3 });
  });

  it('names a change of objectives: a direction, one added, the order (a resume would mix trials ranked differently)', () => {
    const mo = (objectives: Array<{ metric: string; direction: 'minimize' | 'maximize' }>): NormalizedStudy =>
      ({ ...study({ type: 'nsga2', trials: 12 }), metric: objectives[0]!.metric, direction: objectives[0]!.direction, objectives }) as NormalizedStudy;
    const f1 = { metric: 'f1', direction: 'minimize' } as const;
    const up = { metric: 'score', direction: 'maximize' } as const;
    // Was: [] (only metric and direction, the first objective's, were compared).
    expect(definitionDifferences(mo([f1, up]), mo([f1, { ...up, direction: 'minimize' }]))).toEqual(['objectives[1].direction changed from "maximize" to "minimize"']);
    expect(definitionDifferences(mo([f1, up]), mo([f1, up, { metric: 'size', direction: 'minimize' }]))).toEqual([
      'objectives changed from [{"metric":"f1","direction":"minimize"},{"metric":"score","direction":"maximize"}] to [{"metric":"f1","direction":"minimize"},{"metric":"score","direction":"maximize"},{"metric":"size","direction":"minimize"}]',
    ]);
    expect(definitionDifferences(mo([f1, up]), mo([f1, up]))).toEqual([]);
  });

  it("takes cmaes spelling out its default popsize (4 + ⌊3 ln d⌋, from the space) and sigma0 as the same search, and names a change", () => {
    // One param searched: λ = 4. Was: "strategy.popsize changed from (absent) to 4".
    expect(definitionDifferences(study({ type: 'cmaes', trials: 12 }), study({ type: 'cmaes', trials: 12, popsize: 4, sigma0: 1 / 6 }))).toEqual([]);
    expect(definitionDifferences(study({ type: 'cmaes', trials: 12 }), study({ type: 'cmaes', trials: 12, popsize: 6 }))).toEqual(['strategy.popsize changed from 4 to 6']);
    expect(raisedTrials(study({ type: 'cmaes', trials: 12, popsize: 4 }), study({ type: 'cmaes', trials: 20 }))).toEqual({ from: 12, to: 20 });
  });

  it("takes nsga2 spelling out its defaults (mutationProb 1 / the params searched, from the space) as the same search, and names a change", () => {
    const full = { type: 'nsga2', trials: 100, popsize: 50, crossoverProb: 0.9, swappingProb: 0.5, mutationProb: 1 } as const;
    expect(definitionDifferences(study({ type: 'nsga2', trials: 100 }), study(full))).toEqual([]);
    expect(definitionDifferences(study({ type: 'nsga2', trials: 100 }), study({ ...full, mutationProb: 0.5, popsize: 20 }))).toEqual([
      'strategy.mutationProb changed from 1 to 0.5',
      'strategy.popsize changed from 50 to 20',
    ]);
    expect(raisedTrials(study({ type: 'nsga2', trials: 100 }), study({ type: 'nsga2', trials: 200 }))).toEqual({ from: 100, to: 200 });
  });

  it('takes pbt spelling out its defaults, or mutate in another order, as the same search, and names a change', () => {
    const pbt = { type: 'pbt', population: 8, interval: 2, maxBudget: 8, mutate: ['x', 'y'] } as const;
    const full = { ...pbt, mutate: ['y', 'x'], quantile: 0.25, resampleProbability: 0.25, perturbationFactors: [1.2, 0.8], burnIn: 0 };
    expect(definitionDifferences(study({ ...pbt, mutate: [...pbt.mutate] }), study(full))).toEqual([]);
    expect(definitionDifferences(study({ ...pbt, mutate: [...pbt.mutate] }), study({ ...full, mutate: ['x'], burnIn: 4 }))).toEqual([
      'strategy.burnIn changed from 0 to 4',
      'strategy.mutate changed from ["x","y"] to ["x"]',
    ]);
  });

  it('takes random search spelling out sampler "random" as the same search, and names a change to "sobol"', () => {
    expect(definitionDifferences(study({ type: 'random', trials: 12 }), study({ type: 'random', trials: 12, sampler: 'random' }))).toEqual([]);
    expect(definitionDifferences(study({ type: 'random', trials: 12, pruner: { type: 'median' } }), study({ sampler: 'random', type: 'random', trials: 12, pruner: { type: 'median' } }))).toEqual([]);
    expect(definitionDifferences(study({ type: 'random', trials: 12 }), study({ type: 'random', trials: 12, sampler: 'sobol' }))).toEqual(['strategy.sampler changed from "random" to "sobol"']);
  });

  it("takes ASHA's TPE sampler options spelled out at their defaults as the same search, and names a change", () => {
    const asha = { type: 'asha', trials: 9, minBudget: 1, maxBudget: 9, sampler: 'tpe' } as const;
    expect(definitionDifferences(study(asha), study({ ...asha, startupTrials: 10, eiCandidates: 24, multivariate: false }))).toEqual([]);
    expect(definitionDifferences(study(asha), study({ ...asha, startupTrials: 4, multivariate: true }))).toEqual([
      'strategy.multivariate changed from false to true',
      'strategy.startupTrials changed from 10 to 4',
    ]);
    // From random to TPE draws: the sampler changes, and the TPE options appear at their defaults.
    expect(definitionDifferences(study({ ...asha, sampler: 'random' }), study(asha))).toEqual([
      'strategy.eiCandidates changed from (absent) to 24',
      'strategy.multivariate changed from (absent) to false',
      'strategy.sampler changed from "random" to "tpe"',
      'strategy.startupTrials changed from (absent) to 10',
    ]);
  });

  it('takes adding, removing or changing the pruner as a change', () => {
    expect(definitionDifferences(study({ type: 'tpe', trials: 12 }), study({ type: 'tpe', trials: 12, pruner: { type: 'median' } }))).toEqual([
      'strategy.pruner changed from (absent) to {"type":"median","startupTrials":5,"warmupSteps":0,"minTrials":1}',
    ]);
    expect(definitionDifferences(study({ type: 'random', trials: 12 }), study({ type: 'random', trials: 12, pruner: { type: 'patience', patience: 2 } }))).toEqual([
      'strategy.pruner changed from (absent) to {"type":"patience","minDelta":0,"patience":2}',
    ]);
    expect(
      definitionDifferences(
        study({ type: 'random', trials: 12, pruner: { type: 'patience', patience: 2, wrapped: { type: 'median' } } }),
        study({ type: 'random', trials: 12, pruner: { type: 'patience', patience: 2, wrapped: { type: 'percentile', percentile: 50 } } }),
      ),
    ).toEqual([
      'strategy.pruner.wrapped changed from {"type":"median","startupTrials":5,"warmupSteps":0,"minTrials":1} to {"type":"percentile","startupTrials":5,"warmupSteps":0,"minTrials":1,"percentile":50}',
    ]);
    // A pruner of another type: the whole of it, not eight fields the two types do not share.
    expect(definitionDifferences(study({ type: 'random', trials: 12, pruner: { type: 'median' } }), study({ type: 'random', trials: 12, pruner: { type: 'patience', patience: 2 } }))).toEqual([
      'strategy.maxConcurrent changed from 4 to (absent)',
      'strategy.pruner changed from {"type":"median","startupTrials":5,"warmupSteps":0,"minTrials":1} to {"type":"patience","minDelta":0,"patience":2}',
    ]);
    expect(definitionDifferences(study({ type: 'tpe', trials: 12, pruner: { type: 'median' } }), study({ type: 'tpe', trials: 12, pruner: { type: 'median', warmupSteps: 2 } }))).toEqual([
      'strategy.pruner.warmupSteps changed from 0 to 2',
    ]);
  });

  it('names an option changed from its default, with the default as the old value', () => {
    expect(definitionDifferences(study({ type: 'tpe', trials: 12 }), study({ type: 'tpe', trials: 12, maxConcurrent: 2 }))).toEqual([
      'strategy.maxConcurrent changed from 4 to 2',
    ]);
    expect(definitionDifferences(study({ type: 'hyperband', minBudget: 1, maxBudget: 9 }), study({ type: 'hyperband', minBudget: 1, maxBudget: 9, reductionFactor: 2 }))).toEqual([
      'strategy.reductionFactor changed from 3 to 2',
    ]);
    expect(definitionDifferences(study({ type: 'random', trials: 5 }), study({ type: 'tpe', trials: 5 }))).toContain('strategy.type changed from "random" to "tpe"');
  });

  it('takes a task spelling out its split defaults (validation 0.2; testSeed 0 with test) as the same study, and names a change from them', () => {
    const withTask = (task: Record<string, unknown>): NormalizedStudy => ({ ...study({ type: 'random', trials: 4 }), task: { dataset: 'iris', model: 'softmax', ...task } }) as NormalizedStudy;
    expect(definitionDifferences(withTask({}), withTask({ validation: 0.2 }))).toEqual([]);
    expect(definitionDifferences(withTask({ test: 0.2 }), withTask({ test: 0.2, testSeed: 0, validation: 0.2 }))).toEqual([]);
    expect(definitionDifferences(withTask({ test: 0.2 }), withTask({ test: 0.2, testSeed: 3 }))).toEqual(['task.testSeed changed from 0 to 3']);
    expect(definitionDifferences(withTask({}), withTask({ validation: 0.25 }))).toEqual(['task.validation changed from 0.2 to 0.25']);
    // Folds replace the validation split: no validation default is filled beside them.
    expect(definitionDifferences(withTask({ folds: 3 }), withTask({ folds: 3 }))).toEqual([]);
    expect(definitionDifferences(withTask({}), withTask({ folds: 3 }))).toEqual(['task.folds changed from (absent) to 3', 'task.validation changed from 0.2 to (absent)']);
    // A test fraction added is a change (other rows train), and so is its seed's default with it.
    expect(definitionDifferences(withTask({}), withTask({ test: 0.2 }))).toEqual(['task.test changed from (absent) to 0.2', 'task.testSeed changed from (absent) to 0']);
  });
});

describe('definitionDifferences: the task and space at their defaults', () => {
  const withTask = (task: Record<string, unknown>, strategy: StrategySpec = { type: 'random', trials: 4 }): NormalizedStudy =>
    ({ ...study(strategy), task: { dataset: 'iris', model: 'softmax', ...task } }) as NormalizedStudy;

  it('takes task.epochs spelled out at 20 as the same study, and names a change of it once', () => {
    expect(definitionDifferences(withTask({}), withTask({ epochs: 20 }))).toEqual([]);
    expect(definitionDifferences(withTask({}), withTask({ epochs: 30 }))).toEqual(['task.epochs changed from 20 to 30']);
  });

  it("takes a halving strategy's task.epochs left out or equal to maxBudget as the same study (it trains to maxBudget)", () => {
    const sha: StrategySpec = { type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9 };
    const before = { ...withTask({}, sha), budget: 20 } as NormalizedStudy;
    const after = { ...withTask({ epochs: 9 }, sha), budget: 9 } as NormalizedStudy;
    expect(definitionDifferences(before, after)).toEqual([]);
    expect(definitionDifferences(before, { ...after, strategy: { ...sha, maxBudget: 27 } } as NormalizedStudy)).toEqual(['strategy.maxBudget changed from 9 to 27']);
  });

  it("takes a model, fixed hyperparameters and a dataset spelled out at their defaults as the same study", () => {
    expect(definitionDifferences(withTask({ model: 'softmax' }), withTask({ model: { type: 'softmax' } }))).toEqual([]);
    const mlp = { type: 'mlp', hidden: [16] };
    expect(definitionDifferences(withTask({ model: mlp }), withTask({ model: { ...mlp, activation: 'relu' } }))).toEqual([]);
    expect(definitionDifferences(withTask({ model: mlp }), withTask({ model: { ...mlp, activation: 'tanh' } }))).toEqual(['task.model.activation changed from "relu" to "tanh"']);
    expect(definitionDifferences(withTask({}), withTask({ optimizer: { optimizer: 'adam', lr: 0.01, beta2: 0.999 } }))).toEqual([]);
    expect(definitionDifferences(withTask({ optimizer: { lr: 0.05 } }), withTask({ optimizer: { lr: 0.05, batchSize: 32 } }))).toEqual([]);
    expect(definitionDifferences(withTask({}), withTask({ optimizer: { lr: 0.05 } }))).toEqual(['task.optimizer changed from (absent) to {"lr":0.05}']);
    // The MLP's shape given as a fixed value overrides the model's, even at the trainer's default of 64 units.
    expect(definitionDifferences(withTask({ model: mlp }), withTask({ model: mlp, optimizer: { hiddenUnits: 64 } }))).toEqual(['task.optimizer changed from (absent) to {"hiddenUnits":64}']);
    const spirals = { synthetic: 'spirals', samples: 500 };
    expect(definitionDifferences(withTask({ dataset: spirals }), withTask({ dataset: { ...spirals, classes: 3, noise: 0.2, seed: 1 } }))).toEqual([]);
    // Spirals are 2-D whatever `features` says; another seed of their own draws other rows.
    expect(definitionDifferences(withTask({ dataset: spirals }), withTask({ dataset: { ...spirals, features: 7 } }))).toEqual([]);
    expect(definitionDifferences(withTask({ dataset: spirals }), withTask({ dataset: { ...spirals, seed: 2 } }))).toEqual(['task.dataset.seed changed from (absent) to 2']);
    expect(definitionDifferences(withTask({ dataset: { csv: 'd.csv' } }), withTask({ dataset: { csv: 'd.csv', target: 'target' } }))).toEqual([]);
  });

  it("takes an MLP's output spelled out at its data's default (softmax for classes, linear for a regression) as the same study", () => {
    const mlp = { type: 'mlp', hidden: [16] };
    const classes = withTask({ model: mlp });
    expect(mlpOutputDefault(classes)).toBe('softmax');
    expect(definitionDifferences(classes, withTask({ model: { ...mlp, output: 'softmax' } }), { mlpOutput: 'softmax' })).toEqual([]);
    expect(definitionDifferences(classes, withTask({ model: { ...mlp, output: 'linear' } }), { mlpOutput: 'softmax' })).toEqual(['task.model.output changed from "softmax" to "linear"']);
    // Without the data's default (a caller that did not work it out), as written.
    expect(definitionDifferences(classes, withTask({ model: { ...mlp, output: 'softmax' } }))).toEqual(['task.model.output changed from (absent) to "softmax"']);
    const regression = withTask({ model: mlp, dataset: { synthetic: 'regression', samples: 50, features: 3 } });
    expect(mlpOutputDefault(regression)).toBe('linear');
    expect(mlpOutputDefault(withTask({}))).toBeUndefined();
    expect(mlpOutputDefault(withTask({ model: mlp, dataset: { csv: 'no-such-file.csv' } }))).toBeUndefined();
  });

  it("resumes a study whose file now spells out its MLP's output at the default, through runStudy and a real store", async () => {
    const db = openSqliteStorage(path.join(tempDir(), 'output.db'));
    const define = (model: Record<string, unknown>) =>
      defineStudy({ name: 'mlp-output', seed: 3, task: { dataset: 'iris', model: model as never, epochs: 2 }, space: { lr: float(0.01, 0.5, { log: true }) }, strategy: { type: 'random', trials: 2 } });
    await runStudy(define({ type: 'mlp', hidden: [4] }), { storage: db, threads: 1 });
    const summary = await runStudy(define({ type: 'mlp', hidden: [4], output: 'softmax' }), { storage: db, threads: 1, existing: 'resume' });
    expect(summary.counts.complete).toBe(2);
    await expect(runStudy(define({ type: 'mlp', hidden: [4], output: 'linear' }), { storage: db, threads: 1, existing: 'resume' })).rejects.toThrow('task.model.output changed from "softmax" to "linear"');
    await db.close();
  });

  it("names a change of the study seed once with synthetic data seeded by it", () => {
    const spirals = withTask({ dataset: { synthetic: 'spirals' } });
    expect(definitionDifferences(spirals, { ...spirals, seed: 2 })).toEqual(['seed changed from 1 to 2']);
  });

  it("takes a param spelled out with log false or an int's step 1 as the same search", () => {
    const space = (x: Record<string, unknown>): NormalizedStudy => ({ ...study({ type: 'random', trials: 4 }), space: { x } }) as unknown as NormalizedStudy;
    expect(definitionDifferences(space({ type: 'float', low: 0, high: 1 }), space({ type: 'float', low: 0, high: 1, log: false }))).toEqual([]);
    expect(definitionDifferences(space({ type: 'int', low: 1, high: 9 }), space({ type: 'int', low: 1, high: 9, step: 1, log: false }))).toEqual([]);
    expect(definitionDifferences(space({ type: 'int', low: 1, high: 9 }), space({ type: 'int', low: 1, high: 9, log: true }))).toEqual(['space.x.log changed from (absent) to true']);
  });
});

describe('raisedTrials', () => {
  it('accepts a change of strategy.trials alone, for random, TPE and ASHA', () => {
    expect(raisedTrials(study({ type: 'random', trials: 5 }), study({ type: 'random', trials: 9 }))).toEqual({ from: 5, to: 9 });
    expect(raisedTrials(study({ type: 'tpe', trials: 30 }), study({ type: 'tpe', trials: 20, startupTrials: 10 }))).toEqual({ from: 30, to: 20 });
    expect(raisedTrials(study({ type: 'asha', trials: 9, minBudget: 1, maxBudget: 9 }), study({ type: 'asha', trials: 27, minBudget: 1, maxBudget: 9 }))).toEqual({ from: 9, to: 27 });
  });

  it('refuses it with any other change, and for strategies whose plan is fixed by their size', () => {
    expect(raisedTrials(study({ type: 'tpe', trials: 30 }), study({ type: 'tpe', trials: 40, maxConcurrent: 2 }))).toBeUndefined();
    expect(raisedTrials(study({ type: 'random', trials: 5 }), { ...study({ type: 'random', trials: 9 }), seed: 2 })).toBeUndefined();
    expect(raisedTrials(study({ type: 'random', trials: 5 }), study({ type: 'tpe', trials: 9 }))).toBeUndefined();
    expect(
      raisedTrials(study({ type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9 }), study({ type: 'successive-halving', candidates: 27, minBudget: 1, maxBudget: 9 })),
    ).toBeUndefined();
    expect(raisedTrials(study({ type: 'random', trials: 5 }), study({ type: 'random', trials: 5 }))).toBeUndefined();
  });
});

describe('resuming with more trials (real SQLite)', () => {
  const define = (trials: number, repeats = 1, name = 'more') =>
    defineStudy({
      name,
      seed: 4,
      repeats,
      space: { x: float(-2, 2), y: float(1e-3, 1, { log: true }) },
      strategy: { type: 'tpe', trials, startupTrials: 4, maxConcurrent: 2 },
      objective: (p) => (p.x - 0.5) ** 2 + Math.log10(p.y) ** 2,
    });
  const trialsOf = async (db: string, name: string) => {
    const store = openStorage(db);
    try {
      return (await store.trials(name)).map((t) => ({ number: t.number, params: t.params, value: t.value }));
    } finally {
      await store.close();
    }
  };

  it('goes on to the new count, with the trials an uninterrupted run of that count has, and stores the new definition', async () => {
    const db = path.join(tempDir(), 'more.db');
    await runStudy(define(12), { storage: db });
    const events: RunEvent[] = [];
    const summary = await runStudy(define(20), { storage: db, existing: 'resume', onEvent: (e) => events.push(e) });
    expect(summary.counts.complete).toBe(20);
    const plan = events.find((e) => e.type === 'plan');
    expect(plan).toMatchObject({ resumed: true, trialsChanged: { from: 12, to: 20 } });
    await runStudy(define(20, 1, 'straight'), { storage: db });
    expect(await trialsOf(db, 'more')).toEqual(await trialsOf(db, 'straight'));
    // The stored definition is the new one: resuming with 20 again is no change.
    const again: RunEvent[] = [];
    await runStudy(define(20), { storage: db, existing: 'resume', onEvent: (e) => again.push(e) });
    expect(again.find((e) => e.type === 'plan')).not.toHaveProperty('trialsChanged');
  });

  it('refuses fewer trials, and changes nothing', async () => {
    const db = path.join(tempDir(), 'fewer.db');
    await runStudy(define(6, 2), { storage: db, maxTrials: 4 });
    await expect(runStudy(define(5, 2), { storage: db, existing: 'resume' })).rejects.toThrow(
      'study "more" cannot be resumed with a different definition: strategy.trials changed from 6 to 5: strategy.trials can only be raised on a resume',
    );
    await expect(runStudy(define(5, 2), { storage: db, existing: 'resume' })).rejects.toBeInstanceOf(StudyMismatchError);
    const store = openStorage(db);
    try {
      expect(((await store.study('more')).definition as { strategy: { trials: number } }).strategy.trials).toBe(6);
    } finally {
      await store.close();
    }
  });

  it('keeps the larger count when two runs raise it at once, and refuses the other', async () => {
    const db = path.join(tempDir(), 'race.db');
    await runStudy(define(4), { storage: db });
    const results = await Promise.allSettled([runStudy(define(9), { storage: db, existing: 'resume' }), runStudy(define(7), { storage: db, existing: 'resume' })]);
    const store = openStorage(db);
    try {
      expect(((await store.study('more')).definition as { strategy: { trials: number } }).strategy.trials).toBe(9);
    } finally {
      await store.close();
    }
    expect(results[0]!.status).toBe('fulfilled');
    // The run of 7 either raised first (and the 9 raised again) or found 9 stored and was refused.
    if (results[1]!.status === 'rejected') expect(String(results[1]!.reason)).toMatch(/changed from 9 to 7: strategy.trials can only be raised/);
  });
});

describe('definitionDifferences on conditions', () => {
  const withWhen = (when: unknown): NormalizedStudy =>
    ({
      ...study({ type: 'random', trials: 5 }),
      space: { o: { type: 'categorical', choices: ['a', 'b', 'c'] }, x: { type: 'float', low: 0, high: 1, when } },
    }) as unknown as NormalizedStudy;

  it('takes a value and the list of it, or a reordered list, as one condition', () => {
    expect(definitionDifferences(withWhen({ o: 'a' }), withWhen({ o: ['a'] }))).toEqual([]);
    expect(definitionDifferences(withWhen({ o: ['a', 'b'] }), withWhen({ o: ['b', 'a'] }))).toEqual([]);
  });

  it('names a condition that changed', () => {
    expect(definitionDifferences(withWhen({ o: 'a' }), withWhen({ o: ['a', 'c'] }))).toEqual(['space.x.when.o changed from ["a"] to ["a","c"]']);
  });
});

describe('openStudy with existing: overwrite', () => {
  it('says when another process made the study again between its delete and its insert, instead of advising --overwrite', async () => {
    const storage = openSqliteStorage(path.join(tempDir(), 'race.db'));
    try {
      const defined = defineStudy({ name: 'race', space: { x: float(0, 1) }, strategy: { type: 'random', trials: 2 } });
      const study = normalizeStudy(defined.spec, defined.baseDir);
      await openStudy(storage, study, 'fail');
      const create = storage.createStudy.bind(storage);
      // The other process's insert lands first.
      storage.createStudy = async (input) => (await create(input), create(input));
      await expect(openStudy(storage, study, 'overwrite')).rejects.toThrow(
        `study "race" was made again by another process while this one was overwriting it: run again, with --resume (API: existing: 'resume') to join that run or --overwrite to replace it`,
      );
    } finally {
      await storage.close();
    }
  });
});
