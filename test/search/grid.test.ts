import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { gridCell } from '../../src/search/grid-points.js';
import { GridSearch, gridSearch } from '../../src/search/grid.js';
import { simulate } from './simulate.js';
import { mixedSpace } from './spaces.js';
import { strategyContract } from './strategy-contract.js';

const make = (seed: number): GridSearch => gridSearch(mixedSpace, { seed, direction: 'minimize' }, { budget: 5 });

strategyContract('grid', make, mixedSpace, { seeded: false });

describe('grid search', () => {
  it('runs every cell once, trial n = cell n, each to the budget', () => {
    const strategy = make(0);
    expect(strategy.totalTrials).toBe(3 * 2 * 4 * 2);
    expect(strategy.maxBudget).toBe(5);
    const result = simulate(strategy, { workers: 3 });
    expect(result.trials).toHaveLength(48);
    for (const t of result.trials) {
      expect(t.params).toEqual(gridCell(mixedSpace, t.number));
      expect([...t.rungValues.keys()]).toEqual([5]);
      expect(t.state).toBe('complete');
    }
    expect(result.jobs.every((j) => j.from === 0 && j.to === 5)).toBe(true);
  });

  it('waits while trials are in flight once every cell exists, then is done', () => {
    const strategy = gridSearch({ o: { type: 'categorical', choices: ['a', 'b'] } }, { seed: 0, direction: 'minimize' }, { budget: 2 });
    const t = (number: number, state: 'running' | 'complete') => ({
      number, params: gridCell({ o: { type: 'categorical', choices: ['a', 'b'] } }, number), state, budget: state === 'complete' ? 2 : 0, target: 2, rungValues: new Map<number, number>(), bracket: 0,
    });
    expect(strategy.next({ trials: [t(0, 'running')] })).toEqual({ kind: 'start', number: 1, params: { o: 'b' }, budget: 2, bracket: 0, rung: 0 });
    expect(strategy.next({ trials: [t(0, 'complete'), t(1, 'running')] })).toEqual({ kind: 'wait' });
    expect(strategy.next({ trials: [t(0, 'complete'), t(1, 'complete')] })).toEqual({ kind: 'done' });
  });

  it('has a one-rung plan', () => {
    expect(make(0).plan()).toEqual([{ bracket: 0, rungs: [{ rung: 0, trials: 48, budget: 5 }] }]);
  });

  it('refuses an ungridable space or a bad budget', () => {
    expect(() => gridSearch({ lr: { type: 'float', low: 0, high: 1 } }, { seed: 0, direction: 'minimize' }, { budget: 5 })).toThrow(
      /space\.lr is a float without values or points/,
    );
    expect(() => gridSearch(mixedSpace, { seed: 0, direction: 'minimize' }, { budget: 0 })).toThrow(ValidationError);
  });
});
