import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { Asha } from '../../src/search/asha.js';
import { createStrategy } from '../../src/search/create-strategy.js';
import { GridSearch } from '../../src/search/grid.js';
import { Hyperband } from '../../src/search/hyperband.js';
import { Nsga2 } from '../../src/search/nsga2.js';
import { planTotals } from '../../src/search/plan-totals.js';
import { RandomSearch } from '../../src/search/random.js';
import type { Space } from '../../src/search/space.js';
import type { StrategySpec } from '../../src/search/strategy-spec.js';
import { SuccessiveHalving } from '../../src/search/successive-halving.js';
import { Tpe } from '../../src/search/tpe.js';
import { validateStrategy } from '../../src/search/validate-strategy.js';
import { mixedSpace } from './spaces.js';

const space: Space = { lr: { type: 'float', low: 1e-4, high: 1, log: true }, opt: { type: 'categorical', choices: ['sgd', 'adam'] } };
const init = { seed: 1, direction: 'minimize' as const, budget: 20 };

describe('createStrategy', () => {
  it('builds each strategy type', () => {
    expect(createStrategy({ type: 'grid' }, mixedSpace, init)).toBeInstanceOf(GridSearch);
    const random = createStrategy({ type: 'random', trials: 12 }, space, init);
    expect(random).toBeInstanceOf(RandomSearch);
    expect([random.name, random.maxBudget, random.totalTrials]).toEqual(['random', 20, 12]);
    const sha = createStrategy({ type: 'successive-halving', candidates: 27, minBudget: 1, maxBudget: 9 }, space, init);
    expect(sha).toBeInstanceOf(SuccessiveHalving);
    expect([sha.name, sha.maxBudget, sha.totalTrials, sha.warmStart]).toEqual(['successive-halving', 9, 27, true]);
    const hb = createStrategy({ type: 'hyperband', minBudget: 1, maxBudget: 81, warmStart: false }, space, init);
    expect(hb).toBeInstanceOf(Hyperband);
    expect([hb.maxBudget, hb.totalTrials, hb.warmStart]).toEqual([81, 143, false]);
    const a = createStrategy({ type: 'asha', trials: 50, minBudget: 1, maxBudget: 27, reductionFactor: 4 }, space, init);
    expect(a).toBeInstanceOf(Asha);
    expect(a.plan()[0]!.rungs.map((r) => [r.trials, r.budget])).toEqual([[50, 1], [12, 4], [3, 27]]);
    const t = createStrategy({ type: 'tpe', trials: 30, maxConcurrent: 2 }, space, init);
    expect(t).toBeInstanceOf(Tpe);
    expect([t.name, t.maxBudget, t.totalTrials, (t as Tpe).maxConcurrent, (t as Tpe).startupTrials, (t as Tpe).eiCandidates]).toEqual(['tpe', 20, 30, 2, 10, 24]);
  });

  it('builds NSGA-II with the study\'s objectives', () => {
    const objectives = [
      { metric: 'loss', direction: 'minimize' as const },
      { metric: 'size', direction: 'maximize' as const },
    ];
    const s = createStrategy({ type: 'nsga2', trials: 30, popsize: 5 }, space, { ...init, objectives });
    expect(s).toBeInstanceOf(Nsga2);
    expect([s.name, s.maxBudget, s.totalTrials, s.concurrency, s.concurrencyOption, (s as Nsga2).mutationProb]).toEqual(['nsga2', 20, 30, 5, 'popsize', 1 / 2]);
    // Its elite ranks by the objectives' metrics: trial 1 wins on loss, trial 2 on size, trial 0 loses on both.
    const trial = (number: number, metrics: Record<string, number>) =>
      ({ number, params: { lr: 0.1, opt: 'sgd' }, state: 'complete', budget: 20, target: 20, rungValues: new Map([[20, metrics.loss!]]), bracket: 0, metrics }) as const;
    const trials = [trial(0, { loss: 3, size: 1 }), trial(1, { loss: 1, size: 2 }), trial(2, { loss: 2, size: 5 }), trial(3, { loss: 4, size: 0.5 }), trial(4, { loss: 1, size: 3 })];
    expect((s as Nsga2).eliteAt(1, trials).map((m) => [m.number, m.values])).toEqual([[0, [3, -1]], [1, [1, -2]], [2, [2, -5]], [3, [4, -0.5]], [4, [1, -3]]]);
    expect(createStrategy({ type: 'nsga2', trials: 30, popsize: 2 }, space, { ...init, objectives }).next({ trials: trials.slice(0, 2) })).toMatchObject({ kind: 'start', number: 2 });
  });

  it('throws a ValidationError listing every problem', () => {
    let error: unknown;
    try {
      createStrategy({ type: 'successive-halving', candidates: 0, minBudget: 10, maxBudget: 5, reductionFactor: 1 }, space, init);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      'strategy.candidates must be an integer >= 1 or "exhaust" (got 0)',
      'strategy.reductionFactor must be a number >= 2 (got 1)',
      'strategy.minBudget must be <= maxBudget (got minBudget 10, maxBudget 5)',
    ]);
    expect(() => createStrategy({ type: 'random', trials: 5 }, space, { ...init, budget: 0 })).toThrow('budget must be an integer >= 1 (got 0)');
    expect(() => createStrategy({ type: 'random', trials: 5 }, { lr: { type: 'float', low: 0, high: 1, log: true } }, init)).toThrow(
      'space.lr.low must be > 0 when log is true (got 0)',
    );
  });

  it('starts the rungs at 1 when minBudget is left out (Ray Tune\'s grace_period, Hyperband\'s r), and refuses one that is no integer >= 1', () => {
    const rungsOf = (spec: StrategySpec) => createStrategy(spec, space, init).plan().map((b) => b.rungs.map((r) => [r.trials, r.budget]));
    expect(rungsOf({ type: 'asha', trials: 9, maxBudget: 9 })).toEqual(rungsOf({ type: 'asha', trials: 9, minBudget: 1, maxBudget: 9 }));
    expect(rungsOf({ type: 'asha', trials: 9, maxBudget: 9 })).toEqual([[[9, 1], [3, 3], [1, 9]]]);
    expect(rungsOf({ type: 'hyperband', maxBudget: 9 })).toEqual(rungsOf({ type: 'hyperband', minBudget: 1, maxBudget: 9 }));
    expect(rungsOf({ type: 'hyperband', maxBudget: 9 })).toHaveLength(3);
    expect(rungsOf({ type: 'successive-halving', candidates: 9, maxBudget: 9 })).toEqual([[[9, 1], [3, 3], [1, 9]]]);
    expect(() => createStrategy({ type: 'asha', trials: 9, minBudget: 0, maxBudget: 9 }, space, init)).toThrow('strategy.minBudget must be an integer >= 1 (got 0)');
    // asynchronous Hyperband's brackets are checked against the rungs from the default too: 1, 3, 9 are three.
    expect(() => createStrategy({ type: 'asha', trials: 9, maxBudget: 9, brackets: 4 }, space, init)).toThrow('strategy.brackets must be <= 3, the number of rungs from minBudget 1 to maxBudget 9');
  });

  it('ignores the study budget for multi-fidelity strategies', () => {
    expect(createStrategy({ type: 'asha', trials: 5, minBudget: 1, maxBudget: 3 }, space, { ...init, budget: 0 }).maxBudget).toBe(3);
  });
});

describe('validateStrategy', () => {
  const check = (spec: unknown, s: Space = space): string[] => validateStrategy(spec, s);

  it('accepts valid specs', () => {
    const specs: StrategySpec[] = [
      { type: 'grid' },
      { type: 'random', trials: 3 },
      { type: 'successive-halving', candidates: 8, minBudget: 1, maxBudget: 8, reductionFactor: 2, sampler: 'random', warmStart: false },
      { type: 'hyperband', minBudget: 3, maxBudget: 3 },
      { type: 'asha', trials: 1, minBudget: 1, maxBudget: 9, reductionFactor: 2.5 },
      { type: 'asha', trials: 20, minBudget: 1, maxBudget: 9, sampler: 'tpe' },
      { type: 'tpe', trials: 1 },
      { type: 'tpe', trials: 50, startupTrials: 5, maxConcurrent: 1, eiCandidates: 64, multivariate: true },
    ];
    expect(specs.map((s) => check(s, mixedSpace))).toEqual(specs.map(() => []));
  });

  it('names the path, the rule and the value', () => {
    expect(check(undefined)).toEqual([
      'strategy must be an object with a "type" (one of "grid", "random", "successive-halving", "hyperband", "asha", "tpe", "cmaes", "gp", "nsga2", "pbt") (got undefined)',
    ]);
    expect(check({ type: 'bayes' })).toEqual([
      'strategy.type must be one of "grid", "random", "successive-halving", "hyperband", "asha", "tpe", "cmaes", "gp", "nsga2", "pbt" (got "bayes")',
    ]);
    expect(check({ type: 'tpe' })).toEqual(['strategy.trials is required (an integer >= 1)']);
    expect(check({ type: 'tpe', trials: 20, startupTrials: 0, maxConcurrent: 1.5, eiCandidates: '24', multivariate: 'yes' })).toEqual([
      'strategy.startupTrials must be an integer >= 1 (got 0)',
      'strategy.maxConcurrent must be an integer >= 1 (got 1.5)',
      'strategy.eiCandidates must be an integer >= 1 (got "24")',
      'strategy.multivariate must be true or false (got "yes")',
    ]);
    expect(check({ type: 'tpe', trials: 20, eiCandidates: 1e8 })).toEqual(['strategy.eiCandidates must be <= 10000 (got 100000000)']);
    expect(check({ type: 'random' })).toEqual(['strategy.trials is required (an integer >= 1)']);
    expect(check({ type: 'random', trials: 2.5 })).toEqual(['strategy.trials must be an integer >= 1 (got 2.5)']);
    expect(check({ type: 'asha', trials: 9, minBudget: 0, maxBudget: '9' })).toEqual([
      'strategy.minBudget must be an integer >= 1 (got 0)',
      'strategy.maxBudget must be an integer >= 1 (got "9")',
    ]);
    expect(check({ type: 'hyperband', minBudget: 1, maxBudget: 9, warmStart: 'yes', reductionFactor: Number.NaN })).toEqual([
      'strategy.reductionFactor must be a number >= 2 (got NaN)',
      'strategy.warmStart must be true or false (got "yes")',
    ]);
    expect(check({ type: 'successive-halving', candidates: 3, minBudget: 1, maxBudget: 9, sampler: 'halton' })).toEqual([
      'strategy.sampler must be "random" or "grid" or "sobol" or "tpe" (got "halton")',
    ]);
    expect(validateStrategy({ type: 'random', trials: 0 }, space, 'study.strategy')).toEqual([
      'study.strategy.trials must be an integer >= 1 (got 0)',
    ]);
  });

  it('lists unknown keys with the allowed ones', () => {
    expect(check({ type: 'hyperband', minBudget: 1, maxBudget: 9, reductionfactor: 2 })).toEqual([
      'strategy has unknown key "reductionfactor" (did you mean "reductionFactor"? allowed: type, reductionFactor, minBudget, maxBudget, iterations, sampler, warmStart, startupTrials, eiCandidates, multivariate, maxConcurrent)',
    ]);
    expect(check({ type: 'random', trials: 4, candidates: 4 })).toEqual(['strategy.candidates is not an option of "random" but of "successive-halving" (allowed here: type, trials, sampler, pruner, maxConcurrent)']);
    expect(check({ type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9, brackets: 2 })).toEqual([
      'strategy.brackets is not an option of "successive-halving" but of "asha" (allowed here: type, candidates, reductionFactor, minBudget, maxBudget, sampler, warmStart, aggressiveElimination, startupTrials, eiCandidates, multivariate, maxConcurrent)',
    ]);
    // scikit-learn's aggressive_elimination is successive halving's: Hyperband's brackets already end below η.
    expect(check({ type: 'hyperband', minBudget: 1, maxBudget: 9, aggressiveElimination: true })).toEqual([
      'strategy.aggressiveElimination is not an option of "hyperband" but of "successive-halving" (allowed here: type, reductionFactor, minBudget, maxBudget, iterations, sampler, warmStart, startupTrials, eiCandidates, multivariate, maxConcurrent)',
    ]);
    expect(check({ type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9, aggressiveElimination: 'yes' })).toEqual([
      'strategy.aggressiveElimination must be true or false (got "yes")',
    ]);
    // A TPE option is the strategy's own, with its TPE sampler only.
    expect(check({ type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9, eiCandidates: 24 })).toEqual([
      'strategy.eiCandidates has no effect unless sampler is "tpe" (sampler is "random", the default)',
    ]);
    expect(check({ type: 'tpe', trials: 4, nStartupTrials: 4 })).toEqual([
      'strategy has unknown key "nStartupTrials" (did you mean "startupTrials"? allowed: type, trials, startupTrials, maxConcurrent, eiCandidates, multivariate, pruner)',
    ]);
  });

  it('checks a pruner: field, value, what is allowed', () => {
    expect(check({ type: 'tpe', trials: 20, pruner: { type: 'median' } })).toEqual([]);
    expect(check({ type: 'tpe', trials: 20, pruner: { type: 'median', startupTrials: 0, warmupSteps: 3, minTrials: 2 } })).toEqual([]);
    expect(check({ type: 'tpe', trials: 4, pruner: 'median' })).toEqual([
      'strategy.pruner must be an object with a "type" (one of "median", "percentile", "patience") (got "median")',
    ]);
    expect(check({ type: 'tpe', trials: 4, pruner: { type: 'hyperband' } })).toEqual(['strategy.pruner.type must be one of "median", "percentile", "patience" (got "hyperband")']);
    expect(check({ type: 'tpe', trials: 4, pruner: { type: 'median', startupTrials: -1, warmupSteps: 1.5, minTrials: 0 } })).toEqual([
      'strategy.pruner.startupTrials must be an integer >= 0 (got -1)',
      'strategy.pruner.warmupSteps must be an integer >= 0 (got 1.5)',
      'strategy.pruner.minTrials must be an integer >= 1 (got 0)',
    ]);
    expect(check({ type: 'tpe', trials: 20, pruner: { type: 'median', nWarmupSteps: 2 } })).toEqual([
      'strategy.pruner has unknown key "nWarmupSteps" (did you mean "warmupSteps"? allowed: type, startupTrials, warmupSteps, minTrials)',
    ]);
    expect(check({ type: 'tpe', trials: 20, pruner: { type: 'median', percentile: 25 } })).toEqual([
      'strategy.pruner has unknown key "percentile" (allowed: type, startupTrials, warmupSteps, minTrials)',
    ]);
  });

  it('checks the percentile and patience pruners', () => {
    expect(check({ type: 'random', trials: 9, pruner: { type: 'percentile', percentile: 25 } })).toEqual([]);
    expect(check({ type: 'random', trials: 9, pruner: { type: 'percentile' } })).toEqual(['strategy.pruner.percentile is required (a number from 0 to 100; 50 is the median pruner)']);
    expect(check({ type: 'random', trials: 9, pruner: { type: 'percentile', percentile: 101 } })).toEqual(['strategy.pruner.percentile must be a number from 0 to 100 (got 101)']);
    const grid: Space = { lr: { type: 'float', low: 1e-4, high: 1, log: true, points: 3 }, opt: { type: 'categorical', choices: ['sgd', 'adam'] } };
    expect(check({ type: 'grid', pruner: { type: 'patience', patience: 2, minDelta: 0.01 } }, grid)).toEqual([]);
    expect(check({ type: 'grid', pruner: { type: 'patience', patience: 2, wrapped: { type: 'percentile', percentile: 40, startupTrials: 1 } } }, grid)).toEqual([]);
    expect(check({ type: 'grid', pruner: { type: 'median', startupTrials: 6 } }, grid)).toEqual([
      "strategy.pruner.startupTrials must be below the grid's cells (6) for the pruner to stop any trial (got 6)",
    ]);
    expect(check({ type: 'tpe', trials: 9, pruner: { type: 'patience' } })).toEqual(['strategy.pruner.patience is required (an integer >= 0)']);
    expect(check({ type: 'tpe', trials: 9, pruner: { type: 'patience', patience: -1, minDelta: -0.1, warmupSteps: 2 } })).toEqual([
      'strategy.pruner has unknown key "warmupSteps" (allowed: type, patience, minDelta, wrapped)',
      'strategy.pruner.patience must be an integer >= 0 (got -1)',
      'strategy.pruner.minDelta must be a number >= 0 (got -0.1)',
    ]);
    expect(check({ type: 'tpe', trials: 9, pruner: { type: 'patience', patience: 1, wrapped: { type: 'patience', patience: 1 } } })).toEqual([
      'strategy.pruner.wrapped.type must be one of "median", "percentile" (got "patience") (a patience pruner wraps one that compares trials)',
    ]);
    expect(check({ type: 'tpe', trials: 9, pruner: { type: 'patience', patience: 1, wrapped: { type: 'median', startupTrials: 9 } } })).toEqual([
      'strategy.pruner.wrapped.startupTrials must be below strategy.trials (9) for the pruner to stop any trial (got 9)',
    ]);
  });

  it('takes a pruner on grid, random, tpe, cmaes and gp only, and maxConcurrent on grid and random only with a pruner that compares trials', () => {
    expect(check({ type: 'random', trials: 7, pruner: { type: 'median' }, maxConcurrent: 2 })).toEqual([]);
    expect(check({ type: 'random', trials: 7, pruner: { type: 'patience', patience: 1, wrapped: { type: 'median' } }, maxConcurrent: 2 })).toEqual([]);
    expect(check({ type: 'random', trials: 4, maxConcurrent: 2 })).toEqual([
      'strategy.maxConcurrent has no effect without a median or percentile pruner (only then does a trial wait on the trials before it; got 2)',
    ]);
    const grid: Space = { opt: { type: 'categorical', choices: ['sgd', 'adam'] } };
    expect(check({ type: 'grid', pruner: { type: 'patience', patience: 1 }, maxConcurrent: 2 }, grid)).toEqual([
      'strategy.maxConcurrent has no effect without a median or percentile pruner (only then does a trial wait on the trials before it; got 2)',
    ]);
    expect(check({ type: 'asha', trials: 9, minBudget: 1, maxBudget: 9, pruner: { type: 'median' } })).toEqual([
      'strategy.pruner is not an option of "asha": a halving strategy stops trials at its rungs; a pruner is for "grid", "random", "tpe", "cmaes", "gp"',
    ]);
  });

  it('takes the Sobol sampler on random search, successive halving, Hyperband and ASHA, over at most 64 params', () => {
    expect(check({ type: 'random', trials: 8, sampler: 'sobol' })).toEqual([]);
    expect(check({ type: 'random', trials: 8, sampler: 'random' })).toEqual([]);
    expect(check({ type: 'successive-halving', candidates: 8, minBudget: 1, maxBudget: 9, sampler: 'sobol' })).toEqual([]);
    expect(check({ type: 'random', trials: 8, sampler: 'grid' })).toEqual(['strategy.sampler must be "random" or "sobol" (got "grid")']);
    const wide: Space = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`x${i}`, { type: 'float', low: 0, high: 1 }]));
    expect(check({ type: 'random', trials: 8, sampler: 'sobol' }, wide)).toEqual([
      'strategy.sampler "sobol" takes at most 64 params, one Sobol dimension each (the space has 65); use sampler "random"',
    ]);
    expect(check({ type: 'random', trials: 8 }, wide)).toEqual([]);
    const { x64: _x64, ...sixtyFour } = wide;
    expect(check({ type: 'successive-halving', candidates: 8, minBudget: 1, maxBudget: 9, sampler: 'sobol' }, sixtyFour)).toEqual([]);
    const takers = 'a sampler is for "random" ("random", "sobol"), "successive-halving" ("random", "grid", "sobol", "tpe"), "hyperband" ("random", "sobol", "tpe"), "asha" ("random", "tpe", "sobol")';
    expect(check({ type: 'tpe', trials: 8, sampler: 'sobol' })).toEqual([`strategy.sampler is not an option of "tpe": ${takers}`]);
    expect(check({ type: 'cmaes', trials: 8, sampler: 'random' })).toEqual([`strategy.sampler is not an option of "cmaes": ${takers}`]);
    expect(check({ type: 'hyperband', minBudget: 1, maxBudget: 9, sampler: 'sobol' })).toEqual([]);
    expect(check({ type: 'asha', trials: 9, minBudget: 1, maxBudget: 9, sampler: 'sobol' })).toEqual([]);
    expect(check({ type: 'hyperband', minBudget: 1, maxBudget: 9, sampler: 'tpe' })).toEqual([]);
    expect(check({ type: 'hyperband', minBudget: 1, maxBudget: 9, sampler: 'grid' })).toEqual(['strategy.sampler must be "random" or "sobol" or "tpe" (got "grid")']);
    expect(() => createStrategy({ type: 'cmaes', trials: 8, sampler: 'sobol' } as unknown as StrategySpec, space, init)).toThrow(ValidationError);
  });

  it('checks NSGA-II\'s options, and refuses a pruner on it', () => {
    expect(check({ type: 'nsga2', trials: 100 })).toEqual([]);
    expect(check({ type: 'nsga2', trials: 100, popsize: 2, crossoverProb: 0, swappingProb: 1, mutationProb: 0.5 })).toEqual([]);
    expect(check({ type: 'nsga2' })).toEqual(['strategy.trials is required (an integer >= 1)']);
    expect(check({ type: 'nsga2', trials: 100, popsize: 1, crossoverProb: 1.5, swappingProb: -0.1, mutationProb: '0.2' })).toEqual([
      'strategy.popsize must be an integer >= 2 (got 1)',
      'strategy.crossoverProb must be a probability, a number from 0 to 1 (got 1.5)',
      'strategy.swappingProb must be a probability, a number from 0 to 1 (got -0.1)',
      'strategy.mutationProb must be a probability, a number from 0 to 1 (got "0.2")',
    ]);
    expect(check({ type: 'nsga2', trials: 100, popsize: 7.5, mutationProb: Number.NaN })).toEqual([
      'strategy.popsize must be an integer >= 2 (got 7.5)',
      'strategy.mutationProb must be a probability, a number from 0 to 1 (got NaN)',
    ]);
    expect(check({ type: 'nsga2', trials: 100, pruner: { type: 'median' } })).toEqual([
      'strategy.pruner is not an option of "nsga2": NSGA-II is for multi-objective studies, which take no pruner (as Optuna); a pruner is for "grid", "random", "tpe", "cmaes", "gp"',
    ]);
    expect(check({ type: 'nsga2', trials: 100, population_size: 20 })).toEqual([
      'strategy has unknown key "population_size" (allowed: type, trials, popsize, crossoverProb, swappingProb, mutationProb)',
    ]);
    expect(check({ type: 'nsga2', trials: 100, sigma0: 0.2 })).toEqual([
      'strategy.sigma0 is not an option of "nsga2" but of "cmaes" (allowed here: type, trials, popsize, crossoverProb, swappingProb, mutationProb)',
    ]);
    expect(() => createStrategy({ type: 'nsga2', trials: 10, popsize: 1 }, space, init)).toThrow('strategy.popsize must be an integer >= 2 (got 1)');
  });

  it('needs a gridable space for grid search and the grid sampler', () => {
    expect(check({ type: 'grid' })).toEqual([
      'space.lr is a float without values or points: grid search needs explicit "values" or a number of "points" (e.g. "points": 5) (strategy.type is "grid")',
    ]);
    expect(check({ type: 'successive-halving', candidates: 4, minBudget: 1, maxBudget: 9, sampler: 'grid' })).toEqual([
      'space.lr is a float without values or points: grid search needs explicit "values" or a number of "points" (e.g. "points": 5) (strategy.sampler is "grid")',
    ]);
    expect(check({ type: 'successive-halving', candidates: 50, minBudget: 1, maxBudget: 9, sampler: 'grid' }, mixedSpace)).toEqual([
      'strategy.candidates must be <= the number of grid cells (48) when sampler is "grid" (got 50)',
    ]);
  });
});

describe('planTotals', () => {
  it('SHA quickstart (27 candidates, η 3, 1 → 9): 63 epochs warm, 81 cold', () => {
    const plan = createStrategy({ type: 'successive-halving', candidates: 27, minBudget: 1, maxBudget: 9 }, space, init).plan();
    expect(planTotals(plan, true)).toEqual({ epochs: 27 * 1 + 9 * 2 + 3 * 6, trials: 27, jobs: 39 });
    expect(planTotals(plan, true).epochs).toBe(63);
    expect(planTotals(plan, false)).toEqual({ epochs: 81, trials: 27, jobs: 39 });
  });

  it('Hyperband R = 81, r = 1, η = 3: 1581 epochs warm, 1902 cold', () => {
    const plan = createStrategy({ type: 'hyperband', minBudget: 1, maxBudget: 81 }, space, init).plan();
    expect(planTotals(plan, true)).toEqual({ epochs: 297 + 276 + 279 + 324 + 405, trials: 143, jobs: 121 + 49 + 21 + 10 + 5 });
    expect(planTotals(plan, true).epochs).toBe(1581);
    expect(planTotals(plan, false).epochs).toBe(1902);
  });

  it('grid, random and TPE: trials × budget either way', () => {
    for (const spec of [{ type: 'random', trials: 12 }, { type: 'tpe', trials: 12 }] as const) {
      const plan = createStrategy(spec, space, init).plan();
      expect(planTotals(plan, true)).toEqual({ epochs: 240, trials: 12, jobs: 12 });
      expect(planTotals(plan, false).epochs).toBe(240);
    }
  });

  it('matches the epochs the simulator trains (SHA, no failures)', async () => {
    const { simulate } = await import('./simulate.js');
    const s = createStrategy({ type: 'successive-halving', candidates: 20, minBudget: 2, maxBudget: 30 }, space, init);
    const r = simulate(s, { workers: 3 });
    expect(r.jobs.reduce((sum, j) => sum + (j.to - j.from), 0)).toBe(planTotals(s.plan(), true).epochs);
    expect(r.jobs.reduce((sum, j) => sum + j.to, 0)).toBe(planTotals(s.plan(), false).epochs);
  });
});

describe('describeStrategy', () => {
  it('says how many TPE trials are random, and when all of them will be', async () => {
    const { describeStrategy } = await import('../../src/search/describe-strategy.js');
    expect(describeStrategy({ type: 'tpe', trials: 40 })).toBe('tpe (the first 13 trials random, then the model once 10 have a value; 4 at a time at most)');
    expect(describeStrategy({ type: 'tpe', trials: 40, maxConcurrent: 1, multivariate: true })).toBe(
      'tpe (the first 10 trials random, then a multivariate model once 10 have a value; 1 at a time at most)',
    );
    expect(describeStrategy({ type: 'tpe', trials: 12 })).toBe('tpe (all 12 trials random: the model takes over after the first 13)');
    expect(describeStrategy({ type: 'tpe', trials: 40, pruner: { type: 'median' } })).toBe(
      'tpe (the first 13 trials random, then the model once 10 have a value; 4 at a time at most) with the median pruner (after 5 complete trials, from step 1)',
    );
    expect(describeStrategy({ type: 'tpe', trials: 12, pruner: { type: 'median', startupTrials: 3, warmupSteps: 4 } })).toBe(
      'tpe (all 12 trials random: the model takes over after the first 13) with the median pruner (after 3 complete trials, from step 4)',
    );
    expect(describeStrategy({ type: 'asha', trials: 9, minBudget: 1, maxBudget: 9, brackets: 2, sampler: 'tpe' })).toBe('asha with 2 brackets (asynchronous Hyperband), TPE sampler');
  });

  it('names the Sobol sampler', async () => {
    const { describeStrategy } = await import('../../src/search/describe-strategy.js');
    expect(describeStrategy({ type: 'random', trials: 16, sampler: 'sobol' })).toBe('random (Sobol)');
    expect(describeStrategy({ type: 'random', trials: 16, sampler: 'random' })).toBe('random');
    expect(describeStrategy({ type: 'random', trials: 16, sampler: 'sobol', pruner: { type: 'patience', patience: 2 } })).toBe(
      'random (Sobol) with the patience pruner (stops after 3 steps without improvement)',
    );
    expect(describeStrategy({ type: 'successive-halving', candidates: 16, minBudget: 1, maxBudget: 9, sampler: 'sobol' })).toBe('successive-halving (Sobol)');
    expect(describeStrategy({ type: 'successive-halving', candidates: 16, minBudget: 1, maxBudget: 9, sampler: 'grid' })).toBe('successive-halving');
  });
});
