import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { gridSearch } from '../../src/search/grid.js';
import { percentile, percentileThresholds, type PercentileStopOptions } from '../../src/search/percentile-stop.js';
import { PrunerHistory } from '../../src/search/pruner-history.js';
import { randomSearch, type RandomSearchOptions } from '../../src/search/random.js';
import { stopStep } from '../../src/search/stop-rule.js';
import { trialParams } from '../../src/search/sample-params.js';
import type { Params, Space } from '../../src/search/space.js';
import { historyPrunerOf, prunerWithDefaults, type FullHistoryPruner, type FullPruner } from '../../src/search/strategy-defaults.js';
import type { Direction, TrialView } from '../../src/search/strategy.js';
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

describe('the thresholds of a history, kept from one trial to the next', () => {
  const nan = Number.NaN;
  /** The thresholds as they were computed before they were kept: every complete curve gathered and sorted again. */
  const fromScratch = (curves: ReadonlyMap<number, number>[], direction: Direction, o: PercentileStopOptions) => {
    if (curves.length === 0 || curves.length < o.startupTrials) return undefined;
    const byStep = new Map<number, number[]>();
    for (const c of curves) for (const [step, v] of c) if (step >= o.warmupSteps) byStep.set(step, [...(byStep.get(step) ?? []), v]);
    const p = direction === 'maximize' ? 100 - o.percentile : o.percentile;
    return [...byStep]
      .filter(([, vs]) => vs.length >= Math.max(1, o.minTrials))
      .map(([step, vs]) => [step, vs.filter((v) => !Number.isNaN(v))] as const)
      .filter(([, numbers]) => numbers.length > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([step, numbers]) => ({ step, value: percentile(numbers, p) }));
  };

  /** A random study: trials in every state, curves of any length with gaps, ties, ±0, NaN and infinities. */
  const randomTrials = (rng: Rng, count: number): TrialView[] => {
    const pool = [0, -0, 0.25, 0.5, 0.5, 1, nan, Infinity, -Infinity];
    const states: TrialView['state'][] = ['complete', 'complete', 'complete', 'complete', 'pruned', 'failed', 'running', 'queued'];
    return Array.from({ length: count }, (_, number) => {
      const state = states[rng.int(states.length)]!;
      const curve = new Map<number, number>();
      const last = rng.int(10);
      for (let step = rng.int(3); step <= last; step += 1 + rng.int(2)) curve.set(step, rng.next() < 0.6 ? pool[rng.int(pool.length)]! : rng.uniform(0, 1));
      const inFlight = state === 'running' || state === 'queued';
      return { number, params: { x: number }, state, budget: curve.size, target: 10, rungValues: new Map(), bracket: 0, ...(inFlight ? {} : { curve }) };
    });
  };

  const randomPruner = (rng: Rng): FullPruner => {
    const p = [0, 25, 50, 100, rng.uniform(0, 100)][rng.int(5)]!;
    const options = { startupTrials: rng.int(6), warmupSteps: rng.int(4), minTrials: 1 + rng.int(4) };
    const compared = rng.next() < 0.3 ? prunerWithDefaults({ type: 'median', ...options }) : prunerWithDefaults({ type: 'percentile', percentile: p, ...options });
    return rng.next() < 0.2 ? { type: 'patience', patience: 2, minDelta: 0, wrapped: compared as FullHistoryPruner } : compared;
  };

  /** The rule of trial n from a history made for it alone, its thresholds checked against fromScratch. */
  const expectedRule = (pruner: FullPruner, maxConcurrent: number, direction: Direction, n: number, trials: readonly TrialView[]) => {
    const rule = new PrunerHistory(pruner, maxConcurrent, direction).stopRule(n, { trials });
    const compared = historyPrunerOf(pruner)!;
    const complete = trials.slice(0, n - maxConcurrent + 1).filter((t) => t.state === 'complete').map((t) => t.curve!);
    const thresholds = fromScratch(complete, direction, { ...compared, percentile: compared.type === 'median' ? 50 : compared.percentile });
    if (rule) expect(rule.thresholds).toEqual(thresholds);
    return rule;
  };

  it('gives trial n the thresholds of its history computed from scratch, whatever trials it was asked about before and in what order', () => {
    const rng = new Rng(5);
    let rules = 0;
    let zeros = 0;
    for (let round = 0; round < 40; round++) {
      const pruner = randomPruner(rng);
      const maxConcurrent = 1 + rng.int(4);
      const direction: Direction = rng.next() < 0.5 ? 'minimize' : 'maximize';
      const history = new PrunerHistory(pruner, maxConcurrent, direction);
      let trials = randomTrials(rng, 40);
      for (let call = 0; call < 60; call++) {
        const n = rng.int(45);
        // The views as the runner gives them (the same objects while a trial is unchanged), copies (as the
        // simulator gives them), a shorter study, or now and then another study altogether.
        const r = rng.next();
        if (r < 0.05) trials = randomTrials(rng, 40);
        const view = r < 0.3 ? trials.map((t) => ({ ...t, ...(t.curve ? { curve: new Map(t.curve) } : {}) })) : r < 0.4 ? trials.slice(0, rng.int(41)) : trials;
        const rule = history.stopRule(n, { trials: view });
        expect(rule).toEqual(expectedRule(pruner, maxConcurrent, direction, n, view));
        if (rule?.thresholds?.length) rules++;
        zeros += rule?.thresholds?.filter((t) => t.value === 0).length ?? 0;
      }
    }
    // The cases are not vacuous: many rules have thresholds, some of them zeros.
    expect(rules).toBeGreaterThan(500);
    expect(zeros).toBeGreaterThan(20);
  });

  it('follows trials as they finish, as the runner shows them, trial after trial', () => {
    const rng = new Rng(8);
    for (let round = 0; round < 10; round++) {
      const pruner = randomPruner(rng);
      const maxConcurrent = 1 + rng.int(4);
      const direction: Direction = rng.next() < 0.5 ? 'minimize' : 'maximize';
      const history = new PrunerHistory(pruner, maxConcurrent, direction);
      const done = randomTrials(rng, 80).map((t) => (t.state === 'running' || t.state === 'queued' ? { ...t, state: 'failed' as const } : t));
      const trials: TrialView[] = [];
      for (let n = 0; n < done.length; n++) {
        // Trial n starts once its history has finished; the trials beside it finish in any order.
        trials.push(running(n, { x: n }));
        for (let i = 0; i < trials.length; i++) if (trials[i] !== done[i] && (i <= n - maxConcurrent || rng.next() < 0.3)) trials[i] = done[i]!;
        expect(history.stopRule(n, { trials })).toEqual(expectedRule(pruner, maxConcurrent, direction, n, trials));
        // Asked again, as for a trial requeued after a crash.
        const again = rng.int(n + 1);
        expect(history.stopRule(again, { trials })).toEqual(expectedRule(pruner, maxConcurrent, direction, again, trials));
      }
    }
  });

  it('throws for a complete trial without a curve as it did, and gives the right rule after', () => {
    const history = new PrunerHistory(prunerWithDefaults({ type: 'median', startupTrials: 1 }), 1, 'minimize');
    const trials = [finished(0, { x: 0 }, [3, 2]), finished(1, { x: 1 }, [1, 1]), finished(2, { x: 2 }, [2, 5])];
    expect(history.stopRule(3, { trials })).toEqual(expectedRule(history.pruner, 1, 'minimize', 3, trials));
    const { curve: _, ...bare } = trials[1]!;
    expect(() => history.stopRule(3, { trials: [trials[0]!, bare, trials[2]!] })).toThrow('pruner: trial 1 has no learning curve in the view (the median pruner needs it)');
    expect(history.stopRule(2, { trials })).toEqual(expectedRule(history.pruner, 1, 'minimize', 2, trials));
    expect(history.stopRule(3, { trials })).toEqual({ direction: 'minimize', thresholds: [{ step: 1, value: 2 }, { step: 2, value: 2 }], nanFrom: 0 });
  });
});
