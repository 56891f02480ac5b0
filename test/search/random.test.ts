import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../src/rng.js';
import { randomSearch } from '../../src/search/random.js';
import { sampleParams } from '../../src/search/sample-params.js';
import type { Space } from '../../src/search/space.js';
import { simulate } from './simulate.js';
import { strategyContract } from './strategy-contract.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  momentum: { type: 'float', low: 0, high: 0.99 },
  batchSize: { type: 'int', low: 8, high: 128, step: 8 },
  hidden: { type: 'int', low: 1, high: 512, log: true },
  optimizer: { type: 'categorical', choices: ['sgd', 'momentum', 'adam'] },
};
const make = (seed: number) => randomSearch(space, { seed, direction: 'minimize' }, { trials: 20, budget: 7 });

strategyContract('random', make, space);

describe('random search', () => {
  it('draws trial n from new Rng(deriveSeed(seed, n)), whatever the timing', () => {
    const result = simulate(make(123), { workers: 4, orderSeed: 5 });
    expect(result.trials).toHaveLength(20);
    for (const t of result.trials) expect(t.params).toEqual(sampleParams(space, new Rng(deriveSeed(123, t.number))));
    expect(result.jobs.every((j) => j.to === 7)).toBe(true);
  });

  it('has totalTrials = trials and a one-rung plan', () => {
    const s = make(0);
    expect(s.totalTrials).toBe(20);
    expect(s.plan()).toEqual([{ bracket: 0, rungs: [{ rung: 0, trials: 20, budget: 7 }] }]);
  });
});
