import { describe, expect, it } from 'vitest';
import { gridSearch } from '../../src/search/grid.js';
import { percentileThresholds } from '../../src/search/percentile-stop.js';
import { randomSearch, type RandomSearchOptions } from '../../src/search/random.js';
import { stopStep } from '../../src/search/stop-rule.js';
import { trialParams } from '../../src/search/sample-params.js';
import type { Params, Space } from '../../src/search/space.js';
import type { TrialView } from '../../src/search/strategy.js';
import { simulate, type Objective } from './simulate.js';
import { strategyContract } from './strategy-contract.js';
import { finished } from './views.js';

const space: Space = {
  x: { type: 'float', low: -5, high: 5 },
  k: { type: 'categorical', choices: ['a', 'b', 'c'] },
};
const gridSpace: Space = {
  x: { type: 'float', low: -5, high: 5, points: 9 },
  k: { type: 'categorical', choices: ['a', 'b', 'c'] },
};
/** A learning curve towards (x − 1.3)² (+1 off k = "b"), slower for low x, so curves cross. */
const learning: Objective = (p: Params, step: number) =>
  ((p.x as number) - 1.3) ** 2 + (p.k === 'b' ? 0 : 1) + 3 * Math.exp(-step * (0.1 + Math.abs((p.x as number) + 5) / 10));
/** The step from which overfit() gets worse: early for high x. */
const bestAt = (p: Params): number => 2 + Math.round(5 - (p.x as number));
/** A curve that improves up to bestAt(p), then gets slowly worse (overfitting). */
const overfit: Objective = (p: Params, step: number) => 1 / Math.min(step, bestAt(p)) + 0.01 * Math.max(0, step - bestAt(p)) + (p.k === 'b' ? 0 : 0.1);

const random = (seed: number, options: Partial<RandomSearchOptions> = {}) =>
  randomSearch(space, { seed, direction: 'minimize' }, { trials: 30, budget: 8, ...options });

strategyContract('random with the percentile pruner', (seed) => random(seed, { pruner: { type: 'percentile', percentile: 30, startupTrials: 3, warmupSteps: 1 }, maxConcurrent: 3 }), space, { objective: learning });
strategyContract('random with the patience pruner', (seed) => random(seed, { pruner: { type: 'patience', patience: 1 } }), space, { objective: overfit });
strategyContract(
  'grid with the patience pruner over the median pruner',
  () => gridSearch(gridSpace, { seed: 0, direction: 'minimize' }, { budget: 8, pruner: { type: 'patience', patience: 1, wrapped: { type: 'median', startupTrials: 2 } } }),
  gridSpace,
  { objective: overfit, seeded: false },
);

const running = (number: number, params: Params): TrialView => ({ number, params, state: 'running', budget: 0, target: 8, rungValues: new Map(), bracket: 0 });

describe('random search with a pruner', () => {
  it('draws the same params as without it, and a median or percentile pruner makes trial n wait for trials 0 … n − maxConcurrent', () => {
    const s = random(7, { pruner: { type: 'median', startupTrials: 2 }, maxConcurrent: 3 });
    const trials: TrialView[] = [];
    // Trials 0..3 start at once (trial 3's history, trial 0, is too short for startupTrials 2); trial 4's is 0..1: it waits.
    for (let n = 0; n < 4; n++) {
      const d = s.next({ trials });
      expect(d).toEqual({ kind: 'start', number: n, params: trialParams(space, 7, n), budget: 8, bracket: 0, rung: 0 });
      trials.push(running(n, trialParams(space, 7, n)));
    }
    expect(s.next({ trials })).toEqual({ kind: 'wait' });
    expect(s.concurrency).toBe(3);
    expect(s.needsCurves).toBe(true);
    trials[0] = finished(0, trials[0]!.params, [3, 2, 1], 'complete', 8);
    expect(s.next({ trials })).toEqual({ kind: 'wait' });
    trials[1] = finished(1, trials[1]!.params, [5, 4, 3, 2], 'complete', 8);
    expect(s.next({ trials })).toEqual({ kind: 'start', number: 4, params: trialParams(space, 7, 4), budget: 8, bracket: 0, rung: 0 });
    expect(s.stopRule(3, { trials })).toBeUndefined();
    // Its rule: the median of its history's complete trials (a failed one would not count).
    expect(s.stopRule(4, { trials })).toEqual({
      direction: 'minimize',
      thresholds: percentileThresholds([trials[0]!.curve!, trials[1]!.curve!], 'minimize', { percentile: 50, startupTrials: 2, warmupSteps: 0, minTrials: 1 }),
      nanFrom: 0,
    });
  });

  it('stops a trial whose values are all NaN once startupTrials of its history are complete, from warmupSteps on, even with no threshold (Optuna 3.1)', () => {
    // minTrials 3 with one complete trial: no step has a threshold, but Optuna's PercentilePruner prunes a
    // trial whose best value so far is NaN before it looks for one.
    const s = random(7, { pruner: { type: 'median', startupTrials: 1, warmupSteps: 2, minTrials: 3 }, maxConcurrent: 1 });
    const trials = [finished(0, trialParams(space, 7, 0), [3, 2, 1], 'complete', 8)];
    const rule = s.stopRule(1, { trials });
    expect(rule).toEqual({ direction: 'minimize', thresholds: [], nanFrom: 2 });
    const nan = Number.NaN;
    expect(stopStep(rule, new Map([[1, nan], [2, nan], [3, nan]]))).toBe(2);
    expect(stopStep(rule, new Map([[1, nan], [2, 5], [3, 9]]))).toBeUndefined();
    // Before startupTrials are complete, nothing stops it.
    expect(random(7, { pruner: { type: 'median', startupTrials: 2, minTrials: 3 }, maxConcurrent: 1 }).stopRule(1, { trials })).toBeUndefined();
  });

  it('with the patience pruner alone, never waits and needs no curves of other trials', () => {
    const s = random(7, { pruner: { type: 'patience', patience: 2, minDelta: 0.5 } });
    expect(s.needsCurves).toBe(false);
    expect(s.concurrency).toBeUndefined();
    const trials = Array.from({ length: 29 }, (_, n) => running(n, trialParams(space, 7, n)));
    expect(s.next({ trials })).toMatchObject({ kind: 'start', number: 29 });
    expect(s.stopRule(0, { trials: [] })).toEqual({ direction: 'minimize', patience: { steps: 2, minDelta: 0.5 } });
  });

  it('prunes in the contract\'s runs, the same trials at the same steps on 1 and 4 workers', () => {
    const make = () => random(3, { pruner: { type: 'percentile', percentile: 30, startupTrials: 3, warmupSteps: 1 }, maxConcurrent: 3 });
    const one = simulate(make(), { workers: 1, objective: learning });
    const four = simulate(make(), { workers: 4, orderSeed: 2, objective: learning });
    const stopped = (r: typeof one) => r.trials.filter((t) => t.state === 'pruned').map((t) => [t.number, t.budget]);
    expect(stopped(one).length).toBeGreaterThan(5);
    expect(stopped(four)).toEqual(stopped(one));
    // The 30th percentile stops more than the median would.
    const median = simulate(random(3, { pruner: { type: 'median', startupTrials: 3, warmupSteps: 1 }, maxConcurrent: 3 }), { objective: learning });
    expect(stopped(one).length).toBeGreaterThan(median.trials.filter((t) => t.state === 'pruned').length);
  });

  it('stops a trial once it has got worse for patience + 1 steps, never at the budget', () => {
    const r = simulate(random(5, { pruner: { type: 'patience', patience: 1 } }), { objective: overfit });
    for (const t of r.trials) {
      // Best at bestAt(p), worse after: patience 1 stops it two steps later (both worse than the best before), if below 8.
      const expected = bestAt(t.params) + 2 < 8 ? bestAt(t.params) + 2 : 8;
      expect([t.number, t.budget]).toEqual([t.number, expected]);
      expect(t.state).toBe(expected < 8 ? 'pruned' : 'complete');
    }
  });
});

describe('grid search with a pruner', () => {
  it('trains every cell, stopping those the pruner stops, the same on any number of workers', () => {
    const make = () => gridSearch(gridSpace, { seed: 0, direction: 'minimize' }, { budget: 8, pruner: { type: 'median', startupTrials: 3 }, maxConcurrent: 2 });
    const one = simulate(make(), { objective: learning });
    const three = simulate(make(), { workers: 3, orderSeed: 4, objective: learning });
    expect(one.trials).toHaveLength(27);
    expect(one.trials.some((t) => t.state === 'pruned')).toBe(true);
    const key = (r: typeof one) => r.trials.map((t) => [t.number, t.state, t.budget]);
    expect(key(three)).toEqual(key(one));
  });
});
