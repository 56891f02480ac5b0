import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { deriveSeed, Rng } from '../../src/rng.js';
import { randomSearch } from '../../src/search/random.js';
import { trialParams } from '../../src/search/sample-params.js';
import type { Params, Space } from '../../src/search/space.js';
import type { StudyView, TrialView } from '../../src/search/strategy.js';
import { tpe, type TpeOptions } from '../../src/search/tpe.js';
import { tpeSample } from '../../src/search/tpe-sample.js';
import { percentileThresholds } from '../../src/search/percentile-stop.js';
import { simulate, type Objective } from './simulate.js';
import { mixedSpace } from './spaces.js';
import { strategyContract } from './strategy-contract.js';
import { finished } from './views.js';

const space: Space = {
  x: { type: 'float', low: -5, high: 5 },
  y: { type: 'float', low: 1e-3, high: 10, log: true },
  n: { type: 'int', low: 1, high: 64, log: true },
  k: { type: 'categorical', choices: ['a', 'b', 'c'] },
};
/** Minimum 0 at x = 1.3, y = 0.1, n = 8, k = "b". */
const bowl = (p: Params): number =>
  ((p.x as number) - 1.3) ** 2 + (Math.log10(p.y as number) + 1) ** 2 + (Math.log2(p.n as number) - 3) ** 2 / 4 + (p.k === 'b' ? 0 : 1);
const make = (seed: number, options: Partial<TpeOptions> = {}, direction: 'minimize' | 'maximize' = 'minimize') =>
  tpe(space, { seed, direction }, { trials: 30, budget: 5, ...options });

strategyContract('tpe', (seed) => make(seed), space);
/** A learning curve towards bowl(p), slower for low x, so curves cross: bad configs show early, but not all slow ones are bad. */
const learning: Objective = (p, step) => bowl(p) + 3 * Math.exp(-step * (0.1 + Math.abs((p.x as number) + 5) / 10));
const makePruned = (seed: number) => make(seed, { trials: 40, budget: 6, startupTrials: 5, pruner: { type: 'median', startupTrials: 3, warmupSteps: 2 } });
strategyContract('tpe with the median pruner', makePruned, space, { objective: learning });
strategyContract('tpe (mixed space, maxConcurrent 1)', (seed) => tpe(mixedSpace, { seed, direction: 'minimize' }, { trials: 25, budget: 3, maxConcurrent: 1, startupTrials: 4 }), mixedSpace);

/** A study view: trials 0..values.length−1 with the params TPE or random search gave them, finished with these values (null = in flight, NaN = failed). */
function viewWith(strategyMake: () => ReturnType<typeof make>, values: (number | null)[]): StudyView {
  const strategy = strategyMake();
  const trials: TrialView[] = [];
  for (let n = 0; n < values.length; n++) {
    const d = strategy.next({ trials });
    if (d.kind !== 'start') throw new Error(`expected a start for trial ${n}, got ${d.kind}`);
    const v = values[n]!;
    const state = v === null ? 'running' : Number.isNaN(v) ? 'failed' : 'complete';
    trials.push({ number: n, params: d.params, state, budget: v === null ? 0 : 5, target: 5, rungValues: new Map(state === 'complete' ? [[5, v]] : []), bracket: 0 });
  }
  return { trials };
}

describe('TPE', () => {
  it('draws its startup trials exactly as random search does, without waiting', () => {
    // startupTrials 10 and maxConcurrent 4: trials 0..12 cannot have a history of 10 finished trials.
    const s = make(7);
    const trials: TrialView[] = [];
    for (let n = 0; n < 13; n++) {
      const d = s.next({ trials });
      expect(d).toEqual({ kind: 'start', number: n, params: trialParams(space, 7, n), budget: 5, bracket: 0, rung: 0 });
      trials.push({ number: n, params: (d as { params: Params }).params, state: 'running', budget: 0, target: 5, rungValues: new Map(), bracket: 0 });
    }
    // Trial 13 learns from trials 0..9, all still running: it waits.
    expect(s.next({ trials })).toEqual({ kind: 'wait' });
  });

  it('learns trial n from trials 0 … n − maxConcurrent only, whatever the others are doing', () => {
    const values = Array.from({ length: 16 }, (_, i) => ((i * 7919) % 13) / 13);
    const base = viewWith(() => make(3), values);
    const d = make(3).next(base);
    expect(d.kind).toBe('start');
    // Trials 13..15 (the maxConcurrent − 1 before trial 16) are outside its history: running, failed or done, the draw is the same.
    for (const late of [null, Number.NaN, -100]) {
      const trials = base.trials.map((t) => (t.number >= 13 ? { ...t, state: late === null ? 'running' : Number.isNaN(late) ? 'failed' : 'complete', rungValues: new Map(late === null || Number.isNaN(late) ? [] : [[5, late]]) } as TrialView : t));
      expect(make(3).next({ trials })).toEqual(d);
    }
    // A value inside the history changes the draw.
    const changed = base.trials.map((t) => (t.number === 4 ? { ...t, rungValues: new Map([[5, -100]]) } : t));
    expect(make(3).next({ trials: changed })).not.toEqual(d);
    // And one unfinished trial of the history makes it wait.
    const unfinished = base.trials.map((t) => (t.number === 12 ? { ...t, state: 'running' as const, rungValues: new Map() } : t));
    expect(make(3).next({ trials: unfinished })).toEqual({ kind: 'wait' });
  });

  it('is tpeSample over the ranked history, with the trial\'s own Rng', () => {
    const values = [5, 1, 4, Number.NaN, 2, 3, 0.5, 6, 7, 8, 9, 10, 11, 12];
    const view = viewWith(() => make(9), values);
    const d = make(9).next(view);
    // History: trials 0..10 (14 − maxConcurrent 4). Ranked: complete by value; the failed trial 3 counts only
    // against its region, with trials 11..13, between the history and trial 14, pending (the constant liar).
    const order = [6, 1, 4, 5, 2, 0, 7, 8, 9, 10];
    const ranking = order.map((n) => ({ number: n, params: view.trials[n]!.params }));
    const worst = [3, 11, 12, 13].map((n) => ({ number: n, params: view.trials[n]!.params }));
    expect(d).toEqual({ kind: 'start', number: 14, params: tpeSample(space, ranking, new Rng(deriveSeed(9, 14)), { worst }), budget: 5, bracket: 0, rung: 0 });
    // Maximising reverses the ranking of complete trials.
    const dMax = make(9, {}, 'maximize').next(view);
    const maxRanking = [...order].reverse().map((n) => ({ number: n, params: view.trials[n]!.params }));
    expect((dMax as { params: Params }).params).toEqual(tpeSample(space, maxRanking, new Rng(deriveSeed(9, 14)), { worst }));
  });

  it('stays random while fewer than startupTrials trials of its history have a value (failed ones do not count, as in Optuna)', () => {
    // Trial 13's history, trials 0..9, has 9 values and a failure: random search's draw.
    const view = viewWith(() => make(9), [5, 1, 4, Number.NaN, 2, 3, 0.5, 6, 7, 8, 9, 10, 11]);
    expect(make(9).next(view)).toEqual({ kind: 'start', number: 13, params: trialParams(space, 9, 13), budget: 5, bracket: 0, rung: 0 });
    // All failed: random throughout, never a model built from failures alone.
    const failing = viewWith(() => make(4), Array.from({ length: 20 }, () => Number.NaN));
    expect(make(4).next(failing)).toEqual({ kind: 'start', number: 20, params: trialParams(space, 4, 20), budget: 5, bracket: 0, rung: 0 });
  });

  it('steers away from pending trials (the constant liar)', () => {
    const line: Space = { x: { type: 'float', low: -5, high: 5 } };
    const xs = Array.from({ length: 30 }, (_, i) => -5 + (10 * (i + 0.5)) / 30);
    const ranking = xs.map((x, number) => ({ number, params: { x } })).sort((a, b) => Math.abs((a.params.x as number) - 1) - Math.abs((b.params.x as number) - 1));
    const pending = [30, 31, 32].map((number) => ({ number, params: { x: 1 } }));
    let near = 0;
    let nearWithPending = 0;
    for (let seed = 0; seed < 300; seed++) {
      if (Math.abs((tpeSample(line, ranking, new Rng(seed)).x as number) - 1) < 0.2) near++;
      if (Math.abs((tpeSample(line, ranking, new Rng(seed), { worst: pending }).x as number) - 1) < 0.2) nearWithPending++;
    }
    // Measured: 190 of 300 draws within 0.2 of x = 1 without them, 2 with three trials under way there.
    expect(near).toBeGreaterThan(2 * nearWithPending);
  });

  it('ranks pruned trials after complete ones, the further they got the better', () => {
    const s = tpe(space, { seed: 2, direction: 'minimize' }, { trials: 20, budget: 9, startupTrials: 3, maxConcurrent: 1 });
    const p = (n: number) => trialParams(space, 2, n);
    const t = (number: number, state: TrialView['state'], values: [number, number][]): TrialView => ({ number, params: p(number), state, budget: values.at(-1)?.[0] ?? 0, target: 9, rungValues: new Map(values), bracket: 0 });
    const view = { trials: [t(0, 'pruned', [[3, 0.1]]), t(1, 'complete', [[9, 5]]), t(2, 'pruned', [[6, 0.9]])] };
    const expected = tpeSample(space, [1, 2, 0].map((n) => ({ number: n, params: p(n) })), new Rng(deriveSeed(2, 3)));
    expect(s.next(view)).toEqual({ kind: 'start', number: 3, params: expected, budget: 9, bracket: 0, rung: 0 });
  });

  it('finds better configurations than random search with the same trials (20 seeds, a bowl over 4 params)', () => {
    const best = (strategy: Parameters<typeof simulate>[0]) =>
      Math.min(...simulate(strategy, { workers: 2, objective: ((p) => bowl(p)) as Objective }).trials.map((t) => t.rungValues.get(5) ?? Infinity));
    const tpeBest: number[] = [];
    const randomBest: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      tpeBest.push(best(make(seed, { trials: 60 })));
      randomBest.push(best(randomSearch(space, { seed, direction: 'minimize' }, { trials: 60, budget: 5 })));
    }
    // Measured: medians about 0.3 against 1.0, TPE ahead on 16–18 of 20 seeds.
    expect(median(tpeBest)).toBeLessThan(0.5 * median(randomBest));
    expect(tpeBest.filter((v, i) => v < randomBest[i]!).length).toBeGreaterThanOrEqual(14);
  });

  it('learns to avoid a region where training diverges (failed trials rank last)', () => {
    // Trials with y > 1 fail, as a too-large learning rate does.
    const objective: Objective = (p) => (p.y as number) > 1 ? Number.NaN : bowl(p);
    let tpeFailed = 0;
    let randomFailed = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const late = (r: ReturnType<typeof simulate>) => r.trials.filter((t) => t.number >= 20 && t.state === 'failed').length;
      tpeFailed += late(simulate(make(seed, { trials: 50 }), { workers: 2, objective }));
      randomFailed += late(simulate(randomSearch(space, { seed, direction: 'minimize' }, { trials: 50, budget: 5 }), { workers: 2, objective }));
    }
    // y > 1 is a quarter of y's log range. Measured: random search fails 79 of these 300 trials, TPE 25.
    // Dropping failed trials, as Optuna does, made TPE fail 283: nothing tells it that the unexplored y > 1 is bad.
    expect(tpeFailed).toBeLessThan(randomFailed / 2);
  });

  it('maximises when told to', () => {
    const objective: Objective = (p) => -bowl(p);
    const tpeBest: number[] = [];
    const randomBest: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const bestOf = (r: ReturnType<typeof simulate>) => Math.max(...r.trials.map((t) => t.rungValues.get(5) ?? -Infinity));
      tpeBest.push(bestOf(simulate(make(seed, { trials: 60 }, 'maximize'), { workers: 2, objective })));
      randomBest.push(bestOf(simulate(randomSearch(space, { seed, direction: 'maximize' }, { trials: 60, budget: 5 }), { workers: 2, objective })));
    }
    expect(median(tpeBest)).toBeGreaterThan(median(randomBest));
  });

  describe('with the median pruner', () => {
    const pruner = { type: 'median' as const };

    it('makes a trial wait for its history once that history can hold startupTrials complete trials, random draws or not', () => {
      // maxConcurrent 4, pruner.startupTrials 5: trial 8's history is trials 0..4, so it waits for them; trial 7 (history 0..3) does not.
      const trials: TrialView[] = Array.from({ length: 8 }, (_, n) => ({ number: n, params: trialParams(space, 7, n), state: 'running', budget: 0, target: 5, rungValues: new Map(), bracket: 0 }));
      expect(make(7, { pruner }).next({ trials: trials.slice(0, 7) })).toMatchObject({ kind: 'start', number: 7, params: trialParams(space, 7, 7) });
      expect(make(7, { pruner }).next({ trials })).toEqual({ kind: 'wait' });
      expect(make(7).next({ trials })).toMatchObject({ kind: 'start', number: 8 });
      // Once trials 0..4 have finished, trial 8 starts with random search's draw, as without the pruner.
      const done = trials.map((t) => (t.number <= 4 ? finished(t.number, t.params, [3, 2, 1, 0.5, 0.4]) : t));
      expect(make(7, { pruner }).next({ trials: done })).toEqual({ kind: 'start', number: 8, params: trialParams(space, 7, 8), budget: 5, bracket: 0, rung: 0 });
    });

    it('stops trial n by the complete trials of its history 0 … n − maxConcurrent only', () => {
      const p = (n: number) => trialParams(space, 3, n);
      const curves = [[4, 3, 2, 1, 0.5], [5, 4, 3], [6, 5, 4, 3, 2], [3, 2, 1, 1, 1], [9, 9], [2, 2, 2, 2, 2], [1, 1, 1, 1, 1], [8, 7, 6, 5, 4]];
      const states: TrialView['state'][] = ['complete', 'pruned', 'complete', 'complete', 'failed', 'complete', 'complete', 'complete'];
      const trials = curves.map((c, n) => finished(n, p(n), c, states[n]));
      const s = make(3, { pruner: { type: 'median', startupTrials: 3 } });
      // Trial 9: history 0..5, complete 0, 2, 3, 5 (1 is pruned, 4 failed); 6 and 7 are beside it and do not count.
      const thresholds = percentileThresholds([0, 2, 3, 5].map((n) => trials[n]!.curve!), 'minimize', { percentile: 50, startupTrials: 3, warmupSteps: 0, minTrials: 1 });
      const expected = { direction: 'minimize', thresholds, nanFrom: 0 };
      expect(s.stopRule(9, { trials })).toEqual(expected);
      expect(thresholds![0]).toEqual({ step: 1, value: 3.5 });
      // Trial 5: history 0..1, one complete trial: nothing stops it yet; and without a pruner, nothing ever does.
      expect(s.stopRule(5, { trials })).toBeUndefined();
      expect(make(3).stopRule(9, { trials })).toBeUndefined();
      // Maximising: the same medians, read the other way.
      expect(make(3, { pruner: { type: 'median', startupTrials: 3 } }, 'maximize').stopRule(9, { trials })).toEqual({ ...expected, direction: 'maximize' });
    });

    it('prunes in the contract\'s runs (so its checks across worker counts cover pruned trials), never below warmupSteps', () => {
      for (const workers of [1, 4]) {
        const r = simulate(makePruned(5), { workers, orderSeed: 3, objective: learning });
        const stopped = r.trials.filter((t) => t.state === 'pruned');
        expect(stopped.length).toBeGreaterThan(5);
        for (const t of stopped) expect(t.budget).toBeGreaterThanOrEqual(2);
      }
    });

    it('prunes, saves epochs, and finds as good a configuration as without it on most seeds (20 seeds)', () => {
      let notWorse = 0;
      let epochsWith = 0;
      let epochsWithout = 0;
      let pruned = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const run = (options: Partial<TpeOptions>) => simulate(make(seed, { trials: 60, budget: 20, ...options }), { workers: 2, objective: learning });
        const withIt = run({ pruner });
        const without = run({});
        const best = (r: ReturnType<typeof simulate>) => Math.min(...r.trials.filter((t) => t.state === 'complete').map((t) => t.rungValues.get(20)!));
        const epochs = (r: ReturnType<typeof simulate>) => r.jobs.reduce((sum, j) => sum + j.to - j.from, 0);
        if (best(withIt) <= best(without)) notWorse++;
        epochsWith += epochs(withIt);
        epochsWithout += epochs(without);
        pruned += withIt.trials.filter((t) => t.state === 'pruned').length;
        for (const t of withIt.trials.filter((x) => x.state === 'pruned')) expect(t.budget).toBeLessThan(20);
      }
      // Measured: not worse on 20 of 20 seeds, 438 of 1200 trials pruned, 15724 epochs against 24000 (−34%).
      expect(notWorse).toBeGreaterThanOrEqual(15);
      expect(pruned).toBeGreaterThan(200);
      expect(epochsWith).toBeLessThan(0.8 * epochsWithout);
    });
  });

  it('has totalTrials = trials and a one-rung plan', () => {
    const s = make(0);
    expect(s.totalTrials).toBe(30);
    expect(s.plan()).toEqual([{ bracket: 0, rungs: [{ rung: 0, trials: 30, budget: 5 }] }]);
  });

  it('refuses bad options with the validator\'s messages', () => {
    expect(() => make(0, { maxConcurrent: 0 })).toThrow('strategy.maxConcurrent must be an integer >= 1 (got 0)');
    expect(() => make(0, { budget: 0 })).toThrow('budget must be an integer >= 1 (got 0)');
  });
});
