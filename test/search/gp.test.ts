import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { describeStrategy } from '../../src/search/describe-strategy.js';
import { gp, type GpOptions } from '../../src/search/gp.js';
import { gpParams, gpSample } from '../../src/search/gp-sample.js';
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
    expect(validateStrategy({ type: 'gp', trials: 5, eiCandidates: 3 }, space)[0]).toMatch(/unknown key "eiCandidates"/);
  });

  it('says how it draws', () => {
    expect(describeStrategy({ type: 'gp', trials: 40 }, space)).toBe(
      'gp (the first 13 trials random, then a Gaussian process over k, lr, n, x once 10 are complete; 4 at a time at most)',
    );
    expect(describeStrategy({ type: 'gp', trials: 8 }, space)).toBe('gp (all 8 trials random: the GP takes over after the first 13)');
  });
});
