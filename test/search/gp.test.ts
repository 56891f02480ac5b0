import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { describeStrategy } from '../../src/search/describe-strategy.js';
import { gp, type GpOptions } from '../../src/search/gp.js';
import { encodeParams, gpParams, gpSample, gpTargets } from '../../src/search/gp-sample.js';
import { cmaParams } from '../../src/search/cma-params.js';
import { viewOf } from './simulate.js';
import { randomSearch } from '../../src/search/random.js';
import { Rng } from '../../src/rng.js';
import { trialParams } from '../../src/search/sample-params.js';
import type { Params, Space } from '../../src/search/space.js';
import { validateStrategy } from '../../src/search/validate-strategy.js';
import { simulate, type Objective } from './simulate.js';
import { bowl, bowlSpace, conditionalSpace, mixedSpace } from './spaces.js';
import { strategyContract } from './strategy-contract.js';

const space = bowlSpace;
const objective: Objective = (p) => bowl(p);
const make = (seed: number, options: Partial<GpOptions> = {}, direction: 'minimize' | 'maximize' = 'minimize') =>
  gp(space, { seed, direction }, { trials: 24, budget: 3, ...options });

strategyContract('gp', (seed) => make(seed), space, { objective });
/** A learning curve towards bowl(p): bad configurations show early. */
const learning: Objective = (p, step) => bowl(p) + 2 * Math.exp(-step / 2);
strategyContract('gp with the median pruner', (seed) => make(seed, { trials: 22, budget: 6, pruner: { type: 'median', startupTrials: 3, warmupSteps: 2 } }), space, { objective: learning });
strategyContract('gp (mixed space, maxConcurrent 2)', (seed) => gp(mixedSpace, { seed, direction: 'minimize' }, { trials: 18, budget: 2, maxConcurrent: 2, startupTrials: 4 }), mixedSpace);
strategyContract('gp (conditional space)', (seed) => gp(conditionalSpace, { seed, direction: 'minimize' }, { trials: 18, budget: 2, startupTrials: 4 }), conditionalSpace);

describe('GP strategy', () => {
  it('draws its first startupTrials + maxConcurrent − 1 trials as random search does, then from the model', () => {
    const { trials } = simulate(make(5, { trials: 16 }), { objective });
    trials.slice(0, 13).forEach((t) => expect(t.params).toEqual(trialParams(space, 5, t.number)));
    expect(trials.slice(13).some((t) => JSON.stringify(t.params) !== JSON.stringify(trialParams(space, 5, t.number)))).toBe(true);
  });

  it('finds better configurations than random search with the same trials (10 seeds, median best)', () => {
    const best = (make_: (seed: number) => Parameters<typeof simulate>[0]) =>
      median(Array.from({ length: 10 }, (_, seed) => Math.min(...simulate(make_(seed), { objective, workers: 2 }).trials.map((t) => bowl(t.params)))));
    const gpBest = best((seed) => make(seed, { trials: 40 }));
    const randomBest = best((seed) => randomSearch(space, { seed, direction: 'minimize' }, { trials: 40, budget: 3 }));
    expect(gpBest).toBeLessThan(0.5 * randomBest);
  }, 60_000);

  it('picks the best choice of a categorical param more often than chance once it has learned it (8 seeds)', () => {
    const shares = Array.from({ length: 8 }, (_, seed) => {
      const late = simulate(make(seed, { trials: 40 }), { objective }).trials.slice(20);
      return late.filter((t) => t.params.k === 'b').length / late.length;
    });
    // Chance is 1/3 (random draws: a mean over 160 trials within ±0.04 of it, one standard deviation).
    expect(shares.reduce((a, b) => a + b, 0) / shares.length).toBeGreaterThan(0.45);
  }, 60_000);

  it('maximising −f draws what minimising f draws', () => {
    const min = simulate(make(4, { trials: 20 }), { objective }).trials.map((t) => t.params);
    const max = simulate(make(4, { trials: 20 }, 'maximize'), { objective: (p) => -bowl(p) }).trials.map((t) => t.params);
    expect(max).toEqual(min);
  });

  it('the same trials on 1 and 3 workers, whatever order results arrive in', () => {
    const one = simulate(make(8, { trials: 20 }), { objective }).trials.map((t) => t.params);
    const three = simulate(make(8, { trials: 20 }), { objective, workers: 3, orderSeed: 11 }).trials.map((t) => t.params);
    expect(three).toEqual(one);
  });

  it('searches every param without a condition, categoricals included; a chosen optimizer decides which conditional params a trial has', () => {
    expect(gpParams(conditionalSpace)).toEqual(['lr', 'optimizer']);
    expect(gpParams({ ...space, c: { type: 'int', low: 3, high: 3 } })).toEqual(['k', 'lr', 'n', 'x']);
    const { trials } = simulate(gp(conditionalSpace, { seed: 3, direction: 'minimize' }, { trials: 20, budget: 2, startupTrials: 4 }), {
      objective: (p) => (p.optimizer === 'adam' ? 0 : 1) + Math.abs(Math.log10(p.lr as number) + 2),
    });
    for (const t of trials) {
      expect('momentum' in t.params).toBe(t.params.optimizer === 'momentum');
      expect('beta1' in t.params).toBe(t.params.optimizer === 'adam');
    }
    expect(trials.slice(10).filter((t) => t.params.optimizer === 'adam').length).toBeGreaterThan(5);
  });
});

describe('GP strategy: pruned trials, repeats and the runner', () => {
  it('learns from pruned trials (at their last value), so with a pruner it does not draw the same points again', () => {
    // Curves that get worse after step 4 (overfitting), so the patience pruner has something to stop.
    const overfitting: Objective = (p, step, n) => learning(p, step, n) + 0.05 * Math.max(0, step - 4) ** 2;
    for (const pruner of [{ type: 'percentile', percentile: 25 } as const, { type: 'patience', patience: 1 } as const]) {
      const { trials } = simulate(make(6, { trials: 40, budget: 8, pruner }), { objective: overfitting });
      expect(trials.some((t) => t.state === 'pruned')).toBe(true);
      const keys = trials.map((t) => JSON.stringify(t.params));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('a pruned trial teaches its last value: change it and the next draw changes', () => {
    const { trials } = simulate(make(3, { trials: 20 }), { objective });
    const withPruned = (value: number) =>
      viewOf(trials.slice(0, 15).map((t) => (t.number === 3 ? { ...t, state: 'pruned' as const, budget: 2, rungValues: new Map([[2, value]]) } : t)));
    expect(make(3, { trials: 20 }).next(withPruned(100))).not.toEqual(make(3, { trials: 20 }).next(withPruned(0.001)));
  });

  it('never draws a point already tried, even for a deterministic objective near its optimum', () => {
    const line: Space = { x: { type: 'float', low: 0, high: 1 }, y: { type: 'int', low: 0, high: 4 } };
    const { trials } = simulate(gp(line, { seed: 2, direction: 'minimize' }, { trials: 40, budget: 1, deterministicObjective: true, maxConcurrent: 1 }), {
      objective: (p) => ((p.x as number) - 0.3) ** 2 + ((p.y as number) - 2) ** 2,
    });
    const keys = trials.map((t) => JSON.stringify(t.params));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is ready (Strategy.ready) for a random or remembered draw, not for a model draw it has yet to make', () => {
    const strategy = make(3, { trials: 20 });
    const { trials } = simulate(make(3, { trials: 20 }), { objective });
    const early = viewOf(trials.slice(0, 5));
    expect(strategy.ready(early)).toBe(true);
    const late = viewOf(trials.slice(0, 15));
    expect(strategy.ready(late)).toBe(false);
    const d = strategy.next(late);
    expect(strategy.ready(late)).toBe(true);
    // The remembered draw is the one a fresh instance makes.
    expect(make(3, { trials: 20 }).next(late)).toEqual(d);
  });

  it('searches an int whose lattice has one value (1..3 step 5) no more than CMA-ES does: it is a constant', () => {
    const s: Space = { ...space, k1: { type: 'int', low: 1, high: 3, step: 5 }, f1: { type: 'float', low: 0, high: 0.04, step: 0.05 } };
    expect(gpParams(s)).toEqual(['k', 'lr', 'n', 'x']);
    expect(cmaParams(s)).toEqual(['lr', 'n', 'x']);
  });
});

describe('gpTargets', () => {
  const spreadOf = (y: Float64Array, from: number, to: number) => Math.max(...y.slice(from, to)) - Math.min(...y.slice(from, to));

  it('standardises (mean 0, standard deviation 1)', () => {
    const y = gpTargets([1, 2, 3, 4, 5]);
    expect(y.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(Math.sqrt(y.reduce((a, b) => a + b * b, 0) / 5)).toBeCloseTo(1, 12);
  });

  it('clips a penalty far in the worse tail, so it does not squash the other values together', () => {
    const values = [-1, -2, -3, -4, -5, -6, -7, -8];
    const plain = gpTargets(values);
    for (const penalty of [-1e6, -1e100, -1e300]) {
      const y = gpTargets([...values, penalty]);
      expect(y.every(Number.isFinite)).toBe(true);
      // Without the clip, the eight would sit within 1e-5 of each other (the penalty still holds most of the variance).
      expect(spreadOf(y, 0, 8)).toBeGreaterThan(0.2 * spreadOf(plain, 0, 8));
      expect(y[8]).toBeLessThan(Math.min(...y.slice(0, 8)));
    }
  });

  it('neither overflows on huge values nor flattens tiny ones', () => {
    for (const scale of [1e300, 1e-300]) {
      const y = gpTargets([1, 2, 3, 4].map((v) => v * scale));
      expect([...y].map((v) => Number(v.toFixed(6)))).toEqual([...gpTargets([1, 2, 3, 4])].map((v) => Number(v.toFixed(6))));
    }
    expect([...gpTargets([7, 7, 7])]).toEqual([0, 0, 0]);
  });

  it('keeps a better outlier: the tail it clips is the worse one', () => {
    const y = gpTargets([1, 2, 3, 4, 5, 6, 1e6]);
    expect(y[6]).toBeGreaterThan(2);
  });
});

describe('gpSample', () => {
  const line: Space = { x: { type: 'float', low: 0, high: 1 } };
  const observed = [0.05, 0.15, 0.25, 0.35, 0.45].map((x) => ({ params: { x }, value: (x - 0.9) ** 2 }));
  const draw = (extra: Partial<Parameters<typeof gpSample>[0]> = {}) =>
    gpSample({ space: line, names: ['x'], observed, failed: [], pending: [], direction: 'minimize', deterministic: true, rng: new Rng(1), ...extra }).x as number;

  it('goes on where the values improve', () => {
    expect(draw()).toBeGreaterThan(0.45);
  });

  it('keeps away from where trials failed: they count as the worst value seen', () => {
    expect(draw({ failed: [{ x: 0.55 }, { x: 0.65 }, { x: 0.75 }, { x: 0.85 }, { x: 0.95 }] })).toBeLessThan(0.55);
  });

  it('never returns a point already tried or pending', () => {
    const grid: Space = { n: { type: 'int', low: 0, high: 3 } };
    const seen = [0, 1, 2].map((n) => ({ params: { n }, value: (n - 2) ** 2 }));
    const p = gpSample({ space: grid, names: ['n'], observed: seen, failed: [], pending: [], direction: 'minimize', deterministic: true, rng: new Rng(1) });
    expect(p.n).toBe(3);
    const q = gpSample({ space: grid, names: ['n'], observed: seen.slice(0, 2), failed: [], pending: [{ n: 2 }], direction: 'minimize', deterministic: true, rng: new Rng(1) });
    expect(q.n).toBe(3);
    expect([...encodeParams(grid, ['n'], { n: 3 })]).toEqual([0.875]);
  });

  it('moves away from a pending trial at the point it would draw (kriging believer)', () => {
    const alone = draw();
    const beside = draw({ pending: [{ x: alone }] });
    expect(Math.abs(beside - alone)).toBeGreaterThan(0.02);
  });

  it('draws ints on their lattice and categoricals among their choices', () => {
    const mixed: Space = { n: { type: 'int', low: 2, high: 20, step: 3 }, c: { type: 'categorical', choices: ['p', 'q'] }, f: { type: 'float', low: 0, high: 1, step: 0.25 } };
    const obs = [0, 1, 2, 3, 4, 5].map((i) => ({ params: { n: 2 + 3 * i, c: i % 2 ? 'q' : 'p', f: (i % 5) / 4 }, value: i }));
    for (let seed = 0; seed < 5; seed++) {
      const p = gpSample({ space: mixed, names: ['c', 'f', 'n'], observed: obs, failed: [], pending: [], direction: 'maximize', deterministic: false, rng: new Rng(seed) });
      expect([2, 5, 8, 11, 14, 17, 20]).toContain(p.n);
      expect(['p', 'q']).toContain(p.c);
      expect([0, 0.25, 0.5, 0.75, 1]).toContain(p.f);
    }
  });
});

describe('gp: validation and description', () => {
  it('refuses what it cannot run, by name', () => {
    expect(validateStrategy({ type: 'gp', trials: 10, deterministicObjective: 'yes', startupTrials: 0 }, space)).toEqual([
      'strategy.startupTrials must be an integer >= 1 (got 0)',
      'strategy.deterministicObjective must be true or false (got "yes")',
    ]);
    expect(validateStrategy({ type: 'gp' }, space)).toEqual(['strategy.trials is required (an integer >= 1)']);
    const onlyConditional: Space = { a: { type: 'categorical', choices: ['x'] }, b: { type: 'float', low: 0, high: 1, when: { a: 'x' } } };
    expect(validateStrategy({ type: 'gp', trials: 5 }, onlyConditional)).toEqual([
      'strategy.type "gp" needs a param without "when" that has more than one value to search; the space has none (conditional params are drawn at random): use "random"',
    ]);
    expect(validateStrategy({ type: 'gp', trials: 5, eiCandidates: 3 }, space)[0]).toMatch(/strategy\.eiCandidates is not an option of "gp" but of "successive-halving", "hyperband", "asha", "tpe"/);
  });

  it('says how it draws', () => {
    expect(describeStrategy({ type: 'gp', trials: 40 }, space)).toBe(
      'gp (the first 13 trials random, then a Gaussian process over k, lr, n, x once 10 are complete; 4 at a time at most)',
    );
    expect(describeStrategy({ type: 'gp', trials: 8 }, space)).toBe('gp (all 8 trials random: the GP takes over after the first 13)');
  });
});
