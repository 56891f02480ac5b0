import { describe, expect, it } from 'vitest';
import type { Space } from '../../src/search/space.js';
import type { StrategySpec } from '../../src/search/strategy-spec.js';
import { strategyNotes } from '../../src/study/strategy-notes.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  x: { type: 'float', low: 0, high: 1 },
  n: { type: 'int', low: 1, high: 9 },
  k: { type: 'categorical', choices: ['a', 'b'] },
};
const notes = (strategy: StrategySpec) => strategyNotes({ space, strategy });

describe('strategyNotes', () => {
  it('notes a CMA-ES study whose trials fit in one generation (it never learns), with the default or a given popsize', () => {
    // Three numeric params: λ = 4 + ⌊3 ln 3⌋ = 7.
    expect(notes({ type: 'cmaes', trials: 7 })).toEqual([
      'strategy.trials (7) is at most a CMA-ES generation (popsize 7): a generation learns only from those before it, so every trial is drawn from the starting distribution; give it several generations (trials 70 is ten) or use "random"',
    ]);
    expect(notes({ type: 'cmaes', trials: 8 })).toEqual([]);
    expect(notes({ type: 'cmaes', trials: 20, popsize: 24 })).toHaveLength(1);
  });

  it('has nothing to say of the other strategies', () => {
    expect(notes({ type: 'random', trials: 3 })).toEqual([]);
    expect(notes({ type: 'tpe', trials: 3 })).toEqual([]);
  });
});
