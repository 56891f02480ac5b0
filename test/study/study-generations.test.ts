import { describe, expect, it } from 'vitest';
import { Pbt, type PbtOptions } from '../../src/search/pbt.js';
import { pbtHistory } from '../../src/search/pbt-history.js';
import type { Space } from '../../src/search/space.js';
import { WithRepeats } from '../../src/search/with-repeats.js';
import { studyGenerations } from '../../src/study/study-generations.js';
import type { NormalizedStudy } from '../../src/study/study-spec.js';
import { simulate } from '../search/simulate.js';

const space: Space = { lr: { type: 'float', low: 1e-4, high: 1, log: true } };
const options: PbtOptions = { population: 4, interval: 3, maxBudget: 9, mutate: ['lr'], quantile: 0.5 };
const study = (repeats: number, strategy: NormalizedStudy['strategy'] = { type: 'pbt', ...options }) =>
  ({ name: 's', seed: 1, direction: 'minimize', metric: 'value', space, strategy, repeats }) as unknown as NormalizedStudy;

describe('studyGenerations', () => {
  it('is the replay of the trials for a pbt study, and nothing for another strategy', () => {
    const result = simulate(new Pbt(space, { seed: 2, direction: 'minimize' }, options), { workers: 2 });
    const generations = studyGenerations(study(1), result.trials)!;
    expect(generations).toEqual(pbtHistory(result.trials, { population: 4, boundaries: [3, 6, 9], replaced: 2, burnIn: 0, direction: 'minimize' }));
    expect(generations[0]!.replaced).toHaveLength(2);
    expect(studyGenerations(study(1, { type: 'random', trials: 4 }), result.trials)).toBeUndefined();
  });

  it('with repeats, replays configurations as the strategy ranked them, each named by its first trial', () => {
    const k = 3;
    const result = simulate(new WithRepeats(new Pbt(space, { seed: 2, direction: 'minimize' }, options), k), { workers: 4, orderSeed: 3 });
    const trials = result.trials;
    const generations = studyGenerations(study(k), trials)!;
    expect(generations[0]!.members).toEqual([0, 3, 6, 9]);
    for (const g of generations.slice(0, -1)) {
      expect(g.replaced).toHaveLength(2);
      for (const r of g.replaced) {
        // The fork is a configuration's first trial; it copies the first repeat's donor configuration, named by its first trial.
        expect(r.by % k).toBe(0);
        expect(trials[r.by]!.forkOf!.budget).toBe(g.budget);
        expect(r.copyOf).toBe(Math.floor(trials[r.by]!.forkOf!.from / k) * k);
        expect(g.members).toContain(r.copyOf);
        // Each repeat of the replaced configuration stopped at the boundary.
        for (let j = 0; j < k; j++) expect(trials[r.number + j]!.target).toBe(g.budget);
      }
      // The best is a configuration's mean over its repeats.
      const mean = (c: number) => [0, 1, 2].reduce((s, j) => s + trials[c + j]!.rungValues.get(g.budget)!, 0) / k;
      expect(g.best!.value).toBeCloseTo(Math.min(...g.members.map(mean)), 12);
    }
  });
});
