import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { deriveSeed, Rng } from '../../src/rng.js';
import { hypervolume } from '../../src/search/hypervolume.js';
import { moTpeSplit } from '../../src/search/mo-tpe-split.js';
import { randomSearch } from '../../src/search/random.js';
import { trialParams } from '../../src/search/sample-params.js';
import type { Params, Space } from '../../src/search/space.js';
import type { Objective, TrialView } from '../../src/search/strategy.js';
import { tpe, type TpeOptions } from '../../src/search/tpe.js';
import { tpeSampleGroups } from '../../src/search/tpe-sample.js';
import { defaultObjective, simulate, type SimulateOptions } from './simulate.js';
import { conditionalSpace, zdt1, zdtInit, zdtPlay, zdtSpace } from './spaces.js';
import { strategyContract } from './strategy-contract.js';

const makeZdt = (seed: number, options: Partial<TpeOptions> = {}, d = 3) => tpe(zdtSpace(d), zdtInit(seed), { trials: 30, budget: 2, startupTrials: 5, ...options });

strategyContract('tpe (two objectives)', (seed) => makeZdt(seed), zdtSpace(3), zdtPlay);
strategyContract('tpe (two objectives, multivariate, maxConcurrent 2)', (seed) => makeZdt(seed, { multivariate: true, maxConcurrent: 2 }), zdtSpace(3), zdtPlay);
/** Two conflicting objectives over the conditional space: a loss that grows with the params a trial has, and their number (maximised). */
const conditionalPlay: SimulateOptions = { metrics: (p, b) => ({ loss: defaultObjective(p, b) + Object.keys(p).length / 10, size: Object.keys(p).length }) };
const condObjectives: Objective[] = [
  { metric: 'loss', direction: 'minimize' },
  { metric: 'size', direction: 'maximize' },
];
strategyContract(
  'tpe (conditional space, two objectives)',
  (seed) => tpe(conditionalSpace, { seed, direction: 'minimize', objectives: condObjectives }, { trials: 25, budget: 2, startupTrials: 4 }),
  conditionalSpace,
  conditionalPlay,
);

/** Trials 0 … metrics.length − 1 with trial n's random draw, finished with these metrics (null: running, 'failed': failed). */
function viewWith(space: Space, seed: number, metrics: (Record<string, number> | null | 'failed')[]): TrialView[] {
  return metrics.map((m, number) => ({
    number,
    params: trialParams(space, seed, number),
    state: m === null ? 'running' : m === 'failed' ? 'failed' : 'complete',
    budget: m === null ? 0 : 2,
    target: 2,
    rungValues: new Map(m === null || m === 'failed' ? [] : [[2, m.f1!]]),
    bracket: 0,
    ...(m === null || m === 'failed' ? {} : { metrics: m }),
  }));
}

describe('TPE with several objectives (Optuna 3.1\'s multi-objective TPESampler)', () => {
  const space = zdtSpace(3);
  /** 16 trials: values on a few fronts with a repeat, trial 3 failed, trial 7 complete without f2. */
  const metrics: (Record<string, number> | 'failed')[] = [
    { f1: 0.2, f2: 3 },
    { f1: 0.5, f2: 1 },
    { f1: 0.9, f2: 0.4 },
    'failed',
    { f1: 0.3, f2: 2.5 },
    { f1: 0.5, f2: 1 },
    { f1: 0.7, f2: 2 },
    { f1: 0.1 },
    { f1: 0.05, f2: 4 },
    { f1: 0.6, f2: 1.5 },
    { f1: 0.8, f2: 0.9 },
    { f1: 0.4, f2: 1.8 },
    { f1: 0.95, f2: 0.2 },
    { f1: 0.2, f2: 2.9 },
    { f1: 0.35, f2: 1.2 },
    { f1: 0.65, f2: 0.7 },
  ];

  it('is tpeSampleGroups over the history split by fronts and hypervolume (mo-tpe-split.ts), with the trial\'s own Rng', () => {
    const trials = viewWith(space, 5, metrics);
    const d = makeZdt(5).next({ trials });
    // Trial 16 learns from trials 0 … 12 (maxConcurrent 4); trials 13 … 15 are pending, in the above group with the
    // failed trial 3; trial 7, complete without f2, is left out (as 3.1 leaves out a trial without values).
    const observed = [0, 1, 2, 4, 5, 6, 8, 9, 10, 11, 12];
    const split = moTpeSplit(observed.map((n) => [trials[n]!.metrics!.f1!, trials[n]!.metrics!.f2!]), ['minimize', 'minimize'], 2);
    const obs = (n: number) => ({ number: n, params: trials[n]!.params });
    const below = split.below.map((i) => obs(observed[i]!));
    const above = [...split.above.map((i) => observed[i]!), 3, 13, 14, 15].sort((a, b) => a - b).map(obs);
    // γ(11) = 2 of front 0's nine (trials 0, 1, 2, 4, 5, 8, 10, 11, 12): trial 1 adds the most hypervolume, then trial 0.
    expect(below.map((o) => o.number)).toEqual([0, 1]);
    const expected = tpeSampleGroups(space, { below, belowWeights: split.weights, above }, new Rng(deriveSeed(5, 16)));
    expect(d).toEqual({ kind: 'start', number: 16, params: expected, budget: 2, bracket: 0, rung: 0 });
    // Pending trials 13 … 15, done or not, do not change the draw; a value in the history does.
    const late = trials.map((t) => (t.number >= 13 ? { ...t, state: 'running' as const, metrics: {}, rungValues: new Map() } : t));
    expect(makeZdt(5).next({ trials: late })).toEqual(d);
    const changed = trials.map((t) => (t.number === 6 ? { ...t, metrics: { f1: 0.01, f2: 0.01 } } : t));
    expect(makeZdt(5).next({ trials: changed })).not.toEqual(d);
  });

  it('stays random while fewer than startupTrials complete trials of its history have every objective', () => {
    // Trial 16's history, trials 0 … 12, has 11 trials with both values: random search's draw with startupTrials 12.
    const trials = viewWith(space, 5, metrics);
    expect(makeZdt(5, { startupTrials: 12 }).next({ trials })).toEqual({ kind: 'start', number: 16, params: trialParams(space, 5, 16), budget: 2, bracket: 0, rung: 0 });
    expect(makeZdt(5, { startupTrials: 11 }).next({ trials })).not.toEqual({ kind: 'start', number: 16, params: trialParams(space, 5, 16), budget: 2, bracket: 0, rung: 0 });
  });

  it('ranks by each objective in its direction: maximising the negations is the same search', () => {
    const flipped: Objective[] = [
      { metric: 'f1', direction: 'minimize' },
      { metric: 'negF2', direction: 'maximize' },
    ];
    const a = simulate(makeZdt(7), zdtPlay).trials.map((t) => t.params);
    const b = simulate(tpe(space, zdtInit(7, { objectives: flipped }), { trials: 30, budget: 2, startupTrials: 5 }), {
      objective: (p) => zdt1(p).f1,
      metrics: (p) => ({ f1: zdt1(p).f1, negF2: -zdt1(p).f2 }),
    }).trials.map((t) => t.params);
    expect(b).toEqual(a);
  });

  it('learns from the other objectives, not the first alone', () => {
    // The same values of f1, different f2: the draws differ.
    const trials = viewWith(space, 5, metrics);
    const swapped = trials.map((t) => (t.metrics?.f2 === undefined ? t : { ...t, metrics: { ...t.metrics, f2: 5 - t.metrics.f2 } }));
    expect(makeZdt(5).next({ trials: swapped })).not.toEqual(makeZdt(5).next({ trials }));
  });

  it('finds a better ZDT1 front than random search with the same 80 trials (hypervolume, 10 seeds)', () => {
    // Near the front (f2 ≤ 2): it measures how close a front gets, not the easy volume far from it.
    const reference = [1.1, 2];
    const hv = (trials: readonly { params: Params; state: string }[]) =>
      hypervolume(trials.filter((t) => t.state === 'complete').map((t) => Object.values(zdt1(t.params))), reference);
    const d4 = zdtSpace(4);
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seed) => ({
      tpe: hv(simulate(tpe(d4, zdtInit(seed), { trials: 80, budget: 1 }), { ...zdtPlay, checkImmutability: false }).trials),
      random: hv(simulate(randomSearch(d4, { seed, direction: 'minimize' }, { trials: 80, budget: 1 }), { ...zdtPlay, checkImmutability: false }).trials),
    }));
    // Measured: better on 20 of 20 seeds (1 … 20), median 1.20 against 0.61; the true front dominates about 1.53.
    expect(rows.filter((r) => r.tpe > r.random).length).toBeGreaterThanOrEqual(9);
    expect(median(rows.map((r) => r.tpe))).toBeGreaterThan(median(rows.map((r) => r.random)) + 0.3);
  });
});
