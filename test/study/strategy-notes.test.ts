import { describe, expect, it } from 'vitest';
import type { Space } from '../../src/search/space.js';
import type { ResolvedStrategySpec } from '../../src/search/strategy-spec.js';
import { strategyNotes } from '../../src/study/strategy-notes.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  x: { type: 'float', low: 0, high: 1 },
  n: { type: 'int', low: 1, high: 9 },
  k: { type: 'categorical', choices: ['a', 'b'] },
};
const notes = (strategy: ResolvedStrategySpec) => strategyNotes({ space, strategy });

describe('strategyNotes', () => {
  it('notes a CMA-ES study whose trials fit in one generation (it never learns), with the default or a given popsize', () => {
    // Three numeric params: λ = 4 + ⌊3 ln 3⌋ = 7.
    expect(notes({ type: 'cmaes', trials: 7 })).toEqual([
      'strategy.trials (7) is at most a CMA-ES generation (popsize 7): a generation learns only from those before it, so every trial is drawn from the starting distribution; give it several generations (trials 70 is ten) or use "random"',
    ]);
    expect(notes({ type: 'cmaes', trials: 8 })).toEqual([]);
    expect(notes({ type: 'cmaes', trials: 20, popsize: 24 })).toHaveLength(1);
  });

  it('notes an NSGA-II study whose trials fit in its first generation (all random search\'s draws)', () => {
    expect(notes({ type: 'nsga2', trials: 50 })).toEqual([
      'strategy.trials (50) is at most an NSGA-II generation (popsize 50): a generation learns only from those before it, so every trial is random search\'s draw, none bred from the ones before; give it several generations (trials 500 is ten) or use "random"',
    ]);
    expect(notes({ type: 'nsga2', trials: 51 })).toEqual([]);
    expect(notes({ type: 'nsga2', trials: 20, popsize: 10 })).toEqual([]);
  });

  it('notes successive halving or Hyperband with the TPE sampler when TPE never draws a candidate', () => {
    expect(notes({ type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9, sampler: 'tpe' })).toEqual([
      'strategy.sampler "tpe" draws all 9 candidates at random: TPE takes over at candidate 13 (startupTrials 10 + maxConcurrent 4 − 1); lower those or use "random"',
    ]);
    expect(notes({ type: 'successive-halving', candidates: 14, minBudget: 1, maxBudget: 9, sampler: 'tpe' })).toEqual([]);
    // Hyperband(1, 9, η 3) has 9 + 5 + 3 = 17 candidates.
    expect(notes({ type: 'hyperband', minBudget: 1, maxBudget: 9, sampler: 'tpe', startupTrials: 15 })).toHaveLength(1);
    expect(notes({ type: 'hyperband', minBudget: 1, maxBudget: 9, sampler: 'tpe' })).toEqual([]);
    expect(notes({ type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9 })).toEqual([]);
  });

  it("says what successive halving's aggressiveElimination made of the plan, or that it changes nothing", () => {
    expect(notes({ type: 'successive-halving', candidates: 500, minBudget: 1, maxBudget: 27, aggressiveElimination: true })).toEqual([
      'strategy.aggressiveElimination: the ladder has 2 cuts too few for 500 candidates, so rung 0\'s cut is made 3 times (as scikit-learn replays its first iteration): 18 go on to rung 1 instead of 166, and 2 reach maxBudget 27 instead of 18',
    ]);
    expect(notes({ type: 'successive-halving', candidates: 27, minBudget: 1, maxBudget: 27, aggressiveElimination: true })).toEqual([
      "strategy.aggressiveElimination changes nothing here: the ladder's 4 rungs already halve 27 candidates to fewer than η",
    ]);
    expect(notes({ type: 'successive-halving', candidates: 500, minBudget: 1, maxBudget: 27, aggressiveElimination: false })).toEqual([]);
  });

  it('notes PBT whose explore step changes nothing, unless a categorical in mutate still moves', () => {
    const space = { lr: { type: 'float' as const, low: 0.001, high: 1, log: true }, batchSize: { type: 'categorical' as const, choices: [16, 32] } };
    const pbt = { type: 'pbt' as const, population: 8, interval: 2, maxBudget: 8, mutate: ['lr'], resampleProbability: 0, perturbationFactors: [1] };
    expect(strategyNotes({ space, strategy: pbt })).toEqual([expect.stringMatching(/^strategy\.resampleProbability is 0 and every perturbationFactor is 1: a replacement copies its donor's params unchanged/)]);
    expect(strategyNotes({ space, strategy: { ...pbt, mutate: ['lr', 'batchSize'] } })).toEqual([]);
    expect(strategyNotes({ space, strategy: { ...pbt, perturbationFactors: [1, 1.1] } })).toEqual([]);
    const { resampleProbability: _r, ...byDefault } = pbt;
    expect(strategyNotes({ space, strategy: byDefault })).toEqual([]);
  });

  it('has nothing to say of the other strategies', () => {
    expect(notes({ type: 'random', trials: 3 })).toEqual([]);
    expect(notes({ type: 'tpe', trials: 3 })).toEqual([]);
  });
});
