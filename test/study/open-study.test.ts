import { describe, expect, it } from 'vitest';
import type { StrategySpec } from '../../src/search/strategy-spec.js';
import { definitionDifferences } from '../../src/study/open-study.js';
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
});
