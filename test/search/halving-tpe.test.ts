import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../src/rng.js';
import { HalvingTpe } from '../../src/search/halving-tpe.js';
import { hyperband, type HyperbandOptions } from '../../src/search/hyperband.js';
import { trialParams } from '../../src/search/sample-params.js';
import type { Space } from '../../src/search/space.js';
import type { TrialView } from '../../src/search/strategy.js';
import { successiveHalving, type SuccessiveHalvingOptions } from '../../src/search/successive-halving.js';
import { tpeSample } from '../../src/search/tpe-sample.js';
import { simulate, type SimResult } from './simulate.js';
import { mixedSpace } from './spaces.js';
import { strategyContract } from './strategy-contract.js';
import { trial } from './views.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  momentum: { type: 'float', low: 0, high: 0.99 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
};
const sha = (options: Partial<SuccessiveHalvingOptions> = {}, seed = 0, s: Space = space) =>
  successiveHalving(s, { seed, direction: 'minimize' }, { candidates: 27, minBudget: 1, maxBudget: 9, sampler: 'tpe', startupTrials: 5, ...options });
const hb = (options: Partial<HyperbandOptions> = {}, seed = 0) =>
  hyperband(space, { seed, direction: 'minimize' }, { minBudget: 1, maxBudget: 27, sampler: 'tpe', startupTrials: 5, ...options });

strategyContract('successive-halving (TPE sampler)', (seed) => sha({}, seed), space);
strategyContract('successive-halving (TPE sampler, multivariate, maximize, mixed space)', (seed) =>
  successiveHalving(mixedSpace, { seed, direction: 'maximize' }, { candidates: 30, minBudget: 2, maxBudget: 18, sampler: 'tpe', startupTrials: 4, multivariate: true, maxConcurrent: 2 }),
  mixedSpace,
);
strategyContract('hyperband (TPE sampler)', (seed) => hb({}, seed), space);

/** What must not depend on timing: each trial's params, state and rung values, and the jobs per trial. */
const outcome = (r: SimResult) => r.trials.map((t) => ({ number: t.number, params: t.params, state: t.state, values: [...t.rungValues].sort((a, b) => a[0] - b[0]) }));
const jobsByTrial = (r: SimResult) => r.jobs.map((j) => `${j.number}:${j.from}→${j.to}`).sort();

describe.each([
  ['successive-halving', () => sha()],
  ['hyperband', () => hb()],
])('%s with sampler "tpe"', (_name, make) => {
  it('gives the same trials, params, values and jobs whatever order results arrive in', () => {
    const one = simulate(make(), { workers: 1 });
    for (const [workers, orderSeed] of [[2, 1], [3, 7], [5, 2], [8, 11]] as const) {
      const many = simulate(make(), { workers, orderSeed });
      expect(outcome(many)).toEqual(outcome(one));
      expect(jobsByTrial(many)).toEqual(jobsByTrial(one));
    }
  });

  it('draws the later candidates by TPE, not at random', () => {
    const { trials } = simulate(make(), { workers: 2 });
    const drawn = trials.filter((t) => JSON.stringify(t.params) !== JSON.stringify(trialParams(space, 0, t.number)));
    expect(drawn.length).toBeGreaterThan(5);
    // The first startupTrials + maxConcurrent − 1 = 8 are the random sampler's.
    expect(Math.min(...drawn.map((t) => t.number))).toBeGreaterThanOrEqual(8);
  });
});

describe('HalvingTpe', () => {
  const options = { startupTrials: 3, eiCandidates: 24, multivariate: false, maxConcurrent: 2 };
  const budgets = [1, 3];
  const make = () => new HalvingTpe(space, { seed: 9 }, 'minimize', options, (b) => budgets[b]!);
  const p = (n: number) => trialParams(space, 9, n);
  const done = (n: number, v: number, bracket = 0) => trial(n, { params: p(n), values: { [budgets[bracket]!]: v }, bracket });

  it('draws at random up to startupTrials + maxConcurrent − 1, without waiting', () => {
    const running = [0, 1, 2].map((n) => trial(n, { params: p(n), state: 'running', target: 1 }));
    expect(make().paramsFor(3, running)).toEqual(p(3));
  });

  it('waits while a trial of its history trains its first rung, but not for later rungs or the trials after the history', () => {
    const history = [done(0, 0.3), done(1, 0.1), done(2, 0.2)];
    expect(make().paramsFor(4, [...history.slice(0, 2), trial(2, { params: p(2), state: 'running', target: 1 }), trial(3, { params: p(3), state: 'running', target: 1 })])).toBeUndefined();
    const promoted = trial(1, { params: p(1), state: 'running', values: { 1: 0.1 }, budget: 1, target: 3 });
    const trials: TrialView[] = [history[0]!, promoted, history[2]!, trial(3, { params: p(3), state: 'queued', target: 1 })];
    const expected = tpeSample(space, [1, 2, 0].map((n) => ({ number: n, params: p(n) })), new Rng(deriveSeed(9, 4)), { worst: [{ number: 3, params: p(3) }] });
    expect(make().paramsFor(4, trials)).toEqual(expected);
  });

  it('depends only on its history: later values, promotions and timing change nothing', () => {
    const base = [done(0, 0.3), done(1, 0.1), done(2, 0.2), trial(3, { params: p(3), state: 'running', target: 1 })];
    const later = [done(0, 0.3), trial(1, { params: p(1), state: 'pruned', values: { 1: 0.1, 3: 0.05 } }), done(2, 0.2), done(3, 0.01)];
    expect(make().paramsFor(4, later)).toEqual(make().paramsFor(4, base));
  });

  it('ranks by the first rung only, counts failed trials as the worst, and learns from the largest first budget with enough values', () => {
    const failed = trial(1, { params: p(1), state: 'failed', target: 1 });
    const trials = [done(0, 0.3), failed, done(2, 0.2), done(3, 0.5), done(4, 0.9, 1), done(5, 0.8, 1), done(6, 0.7, 1), done(7, 0.1)];
    // History of 7: trials 0 … 6; budget 3 (bracket 1) has 3 values, as many as startupTrials: it wins over budget 1.
    const ranked = [6, 5, 4].map((n) => ({ number: n, params: p(n) }));
    const worst = [{ number: 1, params: p(1) }, { number: 7, params: p(7) }];
    expect(make().paramsFor(8, trials)).toEqual(tpeSample(space, ranked, new Rng(deriveSeed(9, 8)), { worst }));
    // Too few at budget 3 (trial 6 not in the history of 7): budget 1's three values.
    const ranked1 = [2, 0, 3].map((n) => ({ number: n, params: p(n) }));
    const worst1 = [{ number: 1, params: p(1) }, { number: 6, params: p(6) }];
    expect(make().paramsFor(7, trials.slice(0, 7))).toEqual(tpeSample(space, ranked1, new Rng(deriveSeed(9, 7)), { worst: worst1 }));
  });
});

describe('successive halving with sampler "tpe": promotions while a draw waits', () => {
  // 9 candidates, the best 3 go on to budget 3; candidate n learns from trials 0 … n − 3.
  const s = () => sha({ candidates: 9, minBudget: 1, maxBudget: 3, startupTrials: 1, maxConcurrent: 3 });
  const at = (n: number, value: number | undefined) =>
    value === undefined ? trial(n, { params: trialParams(space, 0, n), state: 'running', target: 1 }) : trial(n, { params: trialParams(space, 0, n), values: { 1: value } });

  it('promotes a trial certain to be kept while candidate 8 waits for trial 0', () => {
    const trials = [at(0, undefined), at(1, 0.5), at(2, 0.4), at(3, 0.1), at(4, 0.6), at(5, 0.7), at(6, 0.8), at(7, 0.9)];
    // Trial 0 and candidate 8 may still rank before trial 3, not 3 trials: it is kept whatever they do.
    expect(s().next({ trials })).toEqual({ kind: 'promote', number: 3, budget: 3, bracket: 0, rung: 1 });
  });

  it('waits when nothing is certain yet, and starts candidate 8 once its history is known', () => {
    const trials = [at(0, undefined), at(1, undefined), at(2, 0.4), at(3, 0.1), at(4, 0.6), at(5, 0.7), at(6, 0.8), at(7, 0.9)];
    expect(s().next({ trials })).toEqual({ kind: 'wait' });
    const known = [at(0, 0.2), at(1, 0.3), at(2, 0.4), at(3, 0.1), at(4, 0.6), at(5, 0.7), at(6, undefined), at(7, undefined)];
    expect(s().next({ trials: known })).toMatchObject({ kind: 'start', number: 8, budget: 1 });
  });
});

describe('sampler "tpe" options', () => {
  it('refuses the TPE options with another sampler, naming each', () => {
    expect(() => successiveHalving(space, { seed: 0, direction: 'minimize' }, { candidates: 9, minBudget: 1, maxBudget: 9, maxConcurrent: 2 })).toThrow(
      'strategy.maxConcurrent has no effect unless sampler is "tpe" (sampler is "random", the default)',
    );
    expect(() => hyperband(space, { seed: 0, direction: 'minimize' }, { minBudget: 1, maxBudget: 9, sampler: 'sobol', startupTrials: 3, eiCandidates: 5, multivariate: true })).toThrow(
      /strategy.startupTrials has no effect unless sampler is "tpe" \(sampler is "sobol"\)[^]*strategy.eiCandidates has no effect[^]*strategy.multivariate has no effect/,
    );
  });

  it('refuses bad values with the TPE sampler', () => {
    expect(() => sha({ startupTrials: 0, maxConcurrent: 1.5, eiCandidates: 20_000, multivariate: 'yes' as unknown as boolean })).toThrow(
      /startupTrials must be an integer >= 1 \(got 0\)[^]*maxConcurrent must be an integer >= 1 \(got 1.5\)[^]*eiCandidates must be <= 10000[^]*multivariate must be true or false/,
    );
  });
});
