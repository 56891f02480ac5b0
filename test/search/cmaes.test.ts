import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { cmaes, type CmaEsOptions } from '../../src/search/cmaes.js';
import { describeStrategy } from '../../src/search/describe-strategy.js';
import { randomSearch } from '../../src/search/random.js';
import { trialParams } from '../../src/search/sample-params.js';
import type { Params, Space } from '../../src/search/space.js';
import type { TrialView } from '../../src/search/strategy.js';
import { validateStrategy } from '../../src/search/validate-strategy.js';
import { simulate, type Objective } from './simulate.js';
import { bowl, bowlSpace, conditionalSpace, mixedSpace } from './spaces.js';
import { strategyContract } from './strategy-contract.js';

const space = bowlSpace;
const objective: Objective = (p) => bowl(p);
const make = (seed: number, options: Partial<CmaEsOptions> = {}, direction: 'minimize' | 'maximize' = 'minimize') =>
  cmaes(space, { seed, direction }, { trials: 40, budget: 3, ...options });

strategyContract('cmaes', (seed) => make(seed), space, { objective });
/** A learning curve towards bowl(p): bad configurations show early. */
const learning: Objective = (p, step) => bowl(p) + 2 * Math.exp(-step / 2);
strategyContract('cmaes with the median pruner', (seed) => make(seed, { trials: 35, budget: 6, pruner: { type: 'median', startupTrials: 3, warmupSteps: 2 } }), space, { objective: learning });
strategyContract('cmaes (mixed space, popsize 3)', (seed) => cmaes(mixedSpace, { seed, direction: 'minimize' }, { trials: 20, budget: 2, popsize: 3 }), mixedSpace);
strategyContract('cmaes (conditional space)', (seed) => cmaes({ ...conditionalSpace, lr: { type: 'float', low: 1e-3, high: 1, log: true } }, { seed, direction: 'minimize' }, { trials: 16, budget: 2 }), { ...conditionalSpace, lr: { type: 'float', low: 1e-3, high: 1, log: true } });

const running = (number: number, params: Params): TrialView => ({ number, params, state: 'running', budget: 0, target: 3, rungValues: new Map(), bracket: 0 });
const done = (t: TrialView, value: number | undefined): TrialView => ({ ...t, state: value === undefined ? 'failed' : 'complete', budget: 3, rungValues: value === undefined ? new Map() : new Map([[3, value]]) });

describe('CMA-ES', () => {
  it('searches the numeric params in generations of λ = 4 + ⌊3 ln d⌋, each waiting for the one before', () => {
    const s = make(3);
    expect(s.dims).toEqual(['lr', 'n', 'x']);
    expect(s.popsize).toBe(7);
    expect(s.concurrency).toBe(7);
    const trials: TrialView[] = [];
    for (let n = 0; n < 7; n++) {
      const d = s.next({ trials });
      expect(d).toMatchObject({ kind: 'start', number: n, budget: 3 });
      trials.push(running(n, (d as { params: Params }).params));
    }
    // Trial 7 opens generation 1: it waits for all of generation 0.
    expect(s.next({ trials })).toEqual({ kind: 'wait' });
    for (let n = 0; n < 6; n++) trials[n] = done(trials[n]!, bowl(trials[n]!.params));
    expect(s.next({ trials })).toEqual({ kind: 'wait' });
    trials[6] = done(trials[6]!, undefined);
    expect(s.next({ trials })).toMatchObject({ kind: 'start', number: 7 });
  });

  it('draws the categorical params as random search does, the numeric ones from its distribution', () => {
    const r = simulate(make(5), { objective, workers: 3, orderSeed: 1 });
    const random = randomSearch(space, { seed: 5, direction: 'minimize' }, { trials: 40, budget: 3 });
    expect(r.trials.map((t) => t.params.k)).toEqual(Array.from({ length: 40 }, (_, n) => trialParams(space, 5, n).k));
    void random;
    // Not random search's numbers: generation 0 is drawn around the middle of the box (σ0 1/6).
    const xs = r.trials.slice(0, 7).map((t) => t.params.x as number);
    expect(Math.max(...xs.map(Math.abs))).toBeLessThan(4.5);
    expect(xs).not.toEqual(Array.from({ length: 7 }, (_, n) => trialParams(space, 5, n).x));
  });

  it('finds better configurations than random search with the same trials (20 seeds, a bowl with a rotated valley)', () => {
    const best = (strategy: ReturnType<typeof make> | ReturnType<typeof randomSearch>) =>
      Math.min(...simulate(strategy, { objective }).trials.map((t) => t.rungValues.get(3) ?? Number.POSITIVE_INFINITY));
    const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
    const c = seeds.map((seed) => best(make(seed, { trials: 80 })));
    const r = seeds.map((seed) => best(randomSearch(space, { seed, direction: 'minimize' }, { trials: 80, budget: 3 })));
    expect(median(c)).toBeLessThan(median(r) / 2);
    expect(seeds.filter((_, i) => c[i]! < r[i]!).length).toBeGreaterThanOrEqual(15);
  });

  it('maximises by the same search on the negated values, and learns to avoid where trials fail', () => {
    const min = simulate(make(9), { objective });
    const max = simulate(make(9, {}, 'maximize'), { objective: (p) => -bowl(p) });
    expect(max.trials.map((t) => t.params)).toEqual(min.trials.map((t) => t.params));
    // Trials with x > 0 fail: later generations put fewer there than the first one.
    const failing = simulate(make(9, { trials: 70 }), { objective, fail: (p) => (p.x as number) > 0 });
    const share = (from: number, to: number) => failing.trials.slice(from, to).filter((t) => (t.params.x as number) > 0).length / (to - from);
    expect(share(49, 70)).toBeLessThan(share(0, 21));
  });

  it('tells a generation with trials pruned before any value (TrialPruned thrown at once, an ask/tell trial told pruned): after the others, before the failed', () => {
    const s = make(3);
    const trials: TrialView[] = [];
    for (let n = 0; n < 7; n++) trials.push(running(n, (s.next({ trials }) as { params: Params }).params));
    for (let n = 0; n < 7; n++) trials[n] = n === 6 ? done(trials[n]!, undefined) : n % 2 === 0 ? done(trials[n]!, bowl(trials[n]!.params)) : { ...trials[n]!, state: 'pruned' };
    // Threw "cmaTell: a generation has 7 solutions (got 4)".
    expect(s.next({ trials })).toMatchObject({ kind: 'start', number: 7 });
    // The same generation as ranks: 0, 2, 4 by value, then 1, 3, 5, then the failed 6.
    const ranked = [0, 2, 4].sort((a, b) => bowl(trials[a]!.params) - bowl(trials[b]!.params));
    const order = [...ranked, 1, 3, 5, 6];
    const byRank = trials.map((t) => (t.number === 6 ? t : done(t, order.indexOf(t.number))));
    expect(s.stateAt(1, trials).mean).toEqual(make(3).stateAt(1, byRank).mean);
  });

  it('takes a pruner whose history, trials 0 … n − λ, lies in the generations before: it prunes without waiting more, the same on any workers', () => {
    const s = () => make(4, { trials: 35, budget: 6, pruner: { type: 'median', startupTrials: 3, warmupSteps: 2 } });
    expect(s().needsCurves).toBe(true);
    const one = simulate(s(), { objective: learning });
    const four = simulate(s(), { objective: learning, workers: 4, orderSeed: 3 });
    const key = (r: typeof one) => r.trials.map((t) => [t.number, t.state, t.budget]);
    expect(key(four)).toEqual(key(one));
    expect(one.trials.filter((t) => t.state === 'pruned').length).toBeGreaterThan(3);
    // Trials 0 … 9 (with λ 7, history at most 0 … 2 < startupTrials 3) are never compared.
    for (const t of one.trials.slice(0, 10)) expect(t.state).toBe('complete');
    expect(validateStrategy({ type: 'cmaes', trials: 9, pruner: { type: 'median' } }, space)).toEqual([
      'strategy.pruner.startupTrials must be at most 2 (strategy.trials, 9, minus strategy.popsize (by default), 7) for the pruner to stop any trial: trial n compares itself with the complete trials among 0 … n − 7 (its default 5)',
    ]);
  });

  it('tells a generation with a trial that ended without any value (pruned before it reported) as its worst', () => {
    const s = make(6);
    const trials: TrialView[] = [];
    for (let n = 0; n < 7; n++) trials.push(running(n, (s.next({ trials }) as { params: Params }).params));
    const finished = trials.map((t, n) => (n === 3 ? { ...t, state: 'pruned' as const, budget: 0 } : done(t, bowl(t.params))));
    expect(s.next({ trials: finished })).toMatchObject({ kind: 'start', number: 7 });
  });

  it('starts from x0 where given (Optuna\'s x0), the middle of the others\' ranges, and checks it', () => {
    const s = make(2, { x0: { x: 4, lr: 1e-3 } });
    // x in [−5, 5] → (4 + 5) / 10; lr on its log scale → (−3 + 4) / 4; n (not given) → the middle.
    expect(Array.from(s.x0)).toEqual([0.25, 0.5, 0.9].map((v) => expect.closeTo(v, 12)) as unknown as number[]);
    const gen0 = simulate(s, { objective }).trials.slice(0, 7);
    const meanX = gen0.reduce((a, t) => a + (t.params.x as number), 0) / 7;
    expect(meanX).toBeGreaterThan(2.5);
    expect(validateStrategy({ type: 'cmaes', trials: 9, x0: { x: 6, k: 'a', lr: 'big' } }, space)).toEqual([
      'strategy.x0.x must be a number from -5 to 5, the param\'s range (got 6)',
      'strategy.x0.k is not a param CMA-ES searches (it searches lr, n, x: float and int params with a range and no "when")',
      'strategy.x0.lr must be a number from 0.0001 to 1, the param\'s range (got "big")',
    ]);
    expect(validateStrategy({ type: 'cmaes', trials: 9, x0: [1] }, space)).toEqual(['strategy.x0 must be an object of starting values of the params CMA-ES searches (lr, n, x) (got [1])']);
  });

  it('trains an enqueued point as given, and tells it like the others', () => {
    const s = cmaes(space, { seed: 2, direction: 'minimize', enqueued: [{ x: 1.3, lr: 0.01, n: 8, k: 'b' }] }, { trials: 14, budget: 3 });
    const r = simulate(s, { objective });
    expect(r.trials[0]!.params).toEqual({ k: 'b', lr: 0.01, n: 8, x: 1.3 });
    expect(r.trials[0]!.rungValues.get(3)).toBe(0);
  });

  it('is refused without a numeric range to search, and checks popsize and sigma0', () => {
    expect(validateStrategy({ type: 'cmaes', trials: 5 }, { k: { type: 'categorical', choices: ['a', 'b'] }, c: { type: 'int', low: 3, high: 3 } })).toEqual([
      'strategy.type "cmaes" needs a float or int param with a range (low < high) and no "when" to search; the space has none (its categorical and conditional params are drawn at random): use "tpe" or "random"',
    ]);
    expect(validateStrategy({ type: 'cmaes', trials: 5, popsize: 1, sigma0: 2, restarts: 'ipop' }, space)).toEqual([
      'strategy has unknown key "restarts" (allowed: type, trials, popsize, sigma0, x0, pruner)',
      'strategy.popsize must be an integer >= 2 (got 1)',
      'strategy.sigma0 must be a number in (0, 1], a step size on the unit box every range is mapped to (got 2)',
    ]);
    expect(validateStrategy({ type: 'cmaes' }, space)).toEqual(['strategy.trials is required (an integer >= 1)']);
    // Not "an integer >= 1": 1 is refused too.
    for (const popsize of [0, 2.5, -3, '4']) {
      expect(validateStrategy({ type: 'cmaes', trials: 5, popsize }, space)).toEqual([`strategy.popsize must be an integer >= 2 (got ${JSON.stringify(popsize)})`]);
    }
  });

  it('says what it searches', () => {
    expect(describeStrategy({ type: 'cmaes', trials: 40 }, space)).toBe('cmaes (generations of 7 trials over lr, n, x; 1 other param drawn at random)');
    expect(describeStrategy({ type: 'cmaes', trials: 40, popsize: 12 }, { x: space.x! })).toBe('cmaes (generations of 12 trials over x)');
  });
});
