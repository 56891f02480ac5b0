import { describe, expect, it } from 'vitest';
import { pbtBoundaries, pbtReplaced } from '../../src/search/pbt-generations.js';
import { pbtHistory, type PbtShape } from '../../src/search/pbt-history.js';
import { Pbt, type PbtOptions } from '../../src/search/pbt.js';
import type { Space } from '../../src/search/space.js';
import type { Decision } from '../../src/search/strategy.js';
import { simulate, type SimResult } from './simulate.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  batchSize: { type: 'categorical', choices: [16, 32, 64, 128] },
};
const options: PbtOptions = { population: 8, interval: 3, maxBudget: 12, mutate: ['lr', 'batchSize'] };
const shape = (o: PbtOptions = options, direction: 'minimize' | 'maximize' = 'minimize'): PbtShape => ({
  population: o.population,
  boundaries: pbtBoundaries(o.interval, o.maxBudget),
  replaced: pbtReplaced(o.population, o.quantile ?? 0.25),
  burnIn: o.burnIn ?? 0,
  direction,
});
const forksAt = (r: SimResult, budget: number) =>
  r.decisions.filter((d): d is Extract<Decision, { kind: 'start' }> => d.kind === 'start' && d.fork?.budget === budget);

describe('pbtHistory', () => {
  it.each([
    [1, 'minimize', 1],
    [2, 'minimize', 3],
    [3, 'maximize', 3],
    [4, 'minimize', 2],
  ] as const)('tells who each fork replaced and copied, as the strategy decided (seed %i, %s, %i workers)', (seed, direction, workers) => {
    const o = seed === 4 ? { ...options, population: 6, quantile: 0.5, interval: 4, maxBudget: 10 } : options;
    const result = simulate(new Pbt(space, { seed, direction }, o), { workers, orderSeed: seed });
    const trials = result.trials;
    const history = pbtHistory(trials, shape(o, direction));
    const boundaries = pbtBoundaries(o.interval, o.maxBudget);
    expect(history.map((g) => [g.generation, g.from, g.budget])).toEqual(boundaries.map((b, g) => [g, g === 0 ? 0 : boundaries[g - 1]!, b]));
    expect(history[0]!.members).toEqual([...Array(o.population).keys()]);
    for (const [g, gen] of history.entries()) {
      const budget = gen.budget;
      expect(gen.planned).toBe(o.population);
      expect(gen.reached).toBe(o.population);
      const values = gen.members.map((n) => trials[n]!.rungValues.get(budget)!);
      const best = direction === 'minimize' ? Math.min(...values) : Math.max(...values);
      expect(gen.best).toEqual({ number: gen.members[values.indexOf(best)], value: best });
      if (g === history.length - 1) {
        expect(gen.replaced).toEqual([]);
        // The last generation is the trials that ended complete.
        expect([...gen.members].sort((a, b) => a - b)).toEqual(trials.filter((t) => t.state === 'complete').map((t) => t.number));
        continue;
      }
      // Replaced: the members that never trained past the boundary (survivors went on to the next); each by one fork made there.
      const stopped = gen.members.filter((n) => trials[n]!.target === budget);
      expect(gen.replaced.map((r) => r.number)).toEqual(stopped);
      const forks = forksAt(result, budget);
      expect(gen.replaced.map((r) => [r.by, r.copyOf])).toEqual(forks.map((d) => [d.number, d.fork!.from]));
      // The next generation holds each fork in the slot of the member it replaced.
      const next = gen.members.map((n) => gen.replaced.find((r) => r.number === n)?.by ?? n);
      expect(history[g + 1]!.members).toEqual(next);
    }
  });

  it('replaces nobody at a boundary before the burn-in, and replays the generations after it', () => {
    const o = { ...options, burnIn: 6 };
    const result = simulate(new Pbt(space, { seed: 5, direction: 'minimize' }, o), { workers: 2 });
    const history = pbtHistory(result.trials, shape(o));
    expect(history.map((g) => g.replaced.length)).toEqual([0, 2, 2, 0]);
    expect(history[1]!.members).toEqual([...Array(8).keys()]);
    for (const g of history.slice(1, -1)) expect(g.replaced.map((r) => [r.by, r.copyOf])).toEqual(forksAt(result, g.budget).map((d) => [d.number, d.fork!.from]));
  });

  it('ranks a member as it stood at the boundary, though it failed later', () => {
    const plain = pbtHistory(simulate(new Pbt(space, { seed: 6, direction: 'minimize' }, options)).trials, shape());
    const top = plain[0]!.best!.number;
    // The best member at epoch 3 diverges on its way to 6: at 3 it was still the best, and it is replaced only at 6.
    const result = simulate(new Pbt(space, { seed: 6, direction: 'minimize' }, options), { fail: (_p, budget, n) => n === top && budget === 6 });
    const history = pbtHistory(result.trials, shape());
    expect(history[0]!.replaced).toEqual(plain[0]!.replaced);
    expect(history[0]!.best).toEqual(plain[0]!.best);
    expect(history[1]!.failed).toBe(1);
    expect(history[1]!.reached).toBe(7);
    expect(history[1]!.replaced.map((r) => r.number)).toContain(top);
    expect(history[1]!.replaced.map((r) => [r.by, r.copyOf])).toEqual(forksAt(result, 6).map((d) => [d.number, d.fork!.from]));
  });

  it('leaves a generation unsettled while the forks before it are still to be made', () => {
    // One worker: trials 0-7 start and end one by one, then the first fork (trial 8) starts; the second is not made yet.
    const result = simulate(new Pbt(space, { seed: 1, direction: 'minimize' }, options), { stopAfter: 9 });
    expect(result.trials.map((t) => t.number)).toEqual([...Array(9).keys()]);
    const history = pbtHistory(result.trials, shape());
    expect(history[0]!.replaced).toHaveLength(1);
    expect(history[0]!.replaced[0]!.by).toBe(8);
    expect(history[1]!.members).toHaveLength(7);
    expect(history[1]!.replaced).toEqual([]);
    expect(history[2]!.members).toEqual([]);
    expect(history[2]!.best).toBeNull();
  });
});
