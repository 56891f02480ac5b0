import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { Rng } from '../../src/rng.js';
import { asha } from '../../src/search/asha.js';
import { gridCell, gridPoints, gridSize } from '../../src/search/grid-points.js';
import { gridSearch } from '../../src/search/grid.js';
import { hyperband } from '../../src/search/hyperband.js';
import { activeParams, conditionOrder, isActive } from '../../src/search/param-conditions.js';
import { randomSearch } from '../../src/search/random.js';
import { sampleParams, trialParams } from '../../src/search/sample-params.js';
import type { Params, Space } from '../../src/search/space.js';
import { successiveHalving } from '../../src/search/successive-halving.js';
import { tpe } from '../../src/search/tpe.js';
import { tpeSample } from '../../src/search/tpe-sample.js';
import { simulate } from './simulate.js';
import { conditionalSpace as space } from './spaces.js';
import { strategyContract } from './strategy-contract.js';

const init = (seed: number) => ({ seed, direction: 'minimize' as const });

// Every strategy draws a conditional param exactly where its condition holds (the contract checks it).
strategyContract('grid (conditional space)', (seed) => gridSearch(space, init(seed), { budget: 3 }), space, { seeded: false });
strategyContract('random (conditional space)', (seed) => randomSearch(space, init(seed), { trials: 20, budget: 3 }), space);
strategyContract('successive-halving (conditional space)', (seed) => successiveHalving(space, init(seed), { candidates: 18, minBudget: 1, maxBudget: 9 }), space);
strategyContract(
  'successive-halving, grid sampler (conditional space)',
  (seed) => successiveHalving(space, init(seed), { candidates: 14, minBudget: 1, maxBudget: 4, reductionFactor: 2, sampler: 'grid' }),
  space,
);
strategyContract('hyperband (conditional space)', (seed) => hyperband(space, init(seed), { minBudget: 1, maxBudget: 9 }), space);
strategyContract('asha (conditional space)', (seed) => asha(space, init(seed), { trials: 25, minBudget: 1, maxBudget: 9 }), space, {
  orderIndependent: false,
  planExact: false,
});
strategyContract('asha, TPE sampler (conditional space)', (seed) => asha(space, init(seed), { trials: 30, minBudget: 1, maxBudget: 9, sampler: 'tpe' }), space, {
  orderIndependent: false,
  planExact: false,
});
strategyContract('tpe (conditional space)', (seed) => tpe(space, init(seed), { trials: 30, budget: 3, startupTrials: 5 }), space);
strategyContract('tpe, multivariate (conditional space)', (seed) => tpe(space, init(seed), { trials: 30, budget: 3, startupTrials: 5, multivariate: true }), space);

describe('conditions', () => {
  it('hold when every named param is there with one of the values given', () => {
    const spec = space['beta2']!;
    expect(isActive(spec, { optimizer: 'adam', amsgrad: true })).toBe(true);
    expect(isActive(spec, { optimizer: 'adam', amsgrad: false })).toBe(false);
    expect(isActive(spec, { optimizer: 'sgd', amsgrad: true })).toBe(false);
    expect(isActive(spec, { optimizer: 'adam' })).toBe(false);
    expect(isActive(space['lr']!, {})).toBe(true);
  });

  it('are decided parents first: sorted names, each after the params its when names', () => {
    expect(conditionOrder(space)).toEqual(['lr', 'optimizer', 'amsgrad', 'beta1', 'beta2', 'momentum']);
    const plain: Space = { b: { type: 'int', low: 1, high: 2 }, a: { type: 'int', low: 1, high: 2 } };
    expect(conditionOrder(plain)).toEqual(['a', 'b']);
  });

  it('drop a param whose parent was dropped, down the chain', () => {
    const full = { optimizer: 'sgd', lr: 0.1, momentum: 0.9, beta1: 0.8, amsgrad: true, beta2: 0.99 };
    expect(activeParams(space, full)).toEqual({ lr: 0.1, optimizer: 'sgd' });
    expect(Object.keys(activeParams(space, { ...full, optimizer: 'adam' }))).toEqual(['amsgrad', 'beta1', 'beta2', 'lr', 'optimizer']);
    expect(activeParams(space, { ...full, optimizer: 'adam', amsgrad: false })).toEqual({ amsgrad: false, beta1: 0.8, lr: 0.1, optimizer: 'adam' });
  });
});

describe('a conditional grid', () => {
  /** Every combination of the declared values with the inactive params dropped, duplicates removed. */
  function bruteForce(s: Space): string[] {
    const names = Object.keys(s).sort();
    let cells: Params[] = [{}];
    for (const name of names) cells = cells.flatMap((c) => gridPoints(s[name]!).map((v) => ({ ...c, [name]: v })));
    return [...new Set(cells.map((c) => JSON.stringify(activeParams(s, c))))].sort();
  }

  it('has each distinct configuration once: a param is a dimension only where its condition holds', () => {
    // lr 2 × (sgd 1 + momentum 3 + adam: beta1 2 × (amsgrad off 1 + on 2)) = 2 × 10
    expect(gridSize(space)).toBe(20);
    const cells = Array.from({ length: 20 }, (_, i) => JSON.stringify(gridCell(space, i)));
    expect(new Set(cells).size).toBe(20);
    expect([...cells].sort()).toEqual(bruteForce(space));
    expect(() => gridCell(space, 20)).toThrow(RangeError);
  });

  it('is ordered as an odometer over the names in condition order, the last fastest', () => {
    // lr slowest, then optimizer in its declared order, then amsgrad, beta1 and beta2 for adam.
    expect(gridCell(space, 0)).toEqual({ lr: 1e-3, optimizer: 'sgd' });
    expect(gridCell(space, 1)).toEqual({ lr: 1e-3, momentum: 0.5, optimizer: 'momentum' });
    expect(gridCell(space, 3)).toEqual({ lr: 1e-3, momentum: 0.99, optimizer: 'momentum' });
    expect(gridCell(space, 4)).toEqual({ amsgrad: false, beta1: 0.8, lr: 1e-3, optimizer: 'adam' });
    expect(gridCell(space, 5)).toEqual({ amsgrad: false, beta1: 0.9, lr: 1e-3, optimizer: 'adam' });
    expect(gridCell(space, 6)).toEqual({ amsgrad: true, beta1: 0.8, beta2: 0.99, lr: 1e-3, optimizer: 'adam' });
    expect(gridCell(space, 7)).toEqual({ amsgrad: true, beta1: 0.8, beta2: 0.999, lr: 1e-3, optimizer: 'adam' });
    expect(gridCell(space, 9)).toEqual({ amsgrad: true, beta1: 0.9, beta2: 0.999, lr: 1e-3, optimizer: 'adam' });
    expect(gridCell(space, 10)).toEqual({ lr: 1, optimizer: 'sgd' });
  });

  it('counts a large conditional grid without listing it', () => {
    const big: Space = {
      kind: { type: 'categorical', choices: ['a', 'b'] },
      x: { type: 'int', low: 1, high: 1e6, when: { kind: 'a' } },
      y: { type: 'int', low: 1, high: 1e6, when: { kind: 'b' } },
      z: { type: 'int', low: 1, high: 1000 },
    };
    expect(gridSize(big)).toBe(2e9);
    const last = gridCell(big, 2e9 - 1);
    expect(last).toEqual({ kind: 'b', y: 1e6, z: 1000 });
  });
});

describe('conditional random draws', () => {
  const unconditional: Space = Object.fromEntries(
    Object.entries(space).map(([name, spec]) => {
      const { when, ...rest } = spec;
      void when;
      return [name, rest];
    }),
  ) as Space;

  it('are the unconditional draws with the inactive params dropped, so a when changes no other param', () => {
    for (let n = 0; n < 50; n++) {
      const plain = trialParams(unconditional, 7, n);
      expect(trialParams(space, 7, n)).toEqual(activeParams(space, plain));
    }
  });

  it('give a conditional param in the share of trials its condition has', () => {
    const rng = new Rng(3);
    const draws = Array.from({ length: 3000 }, () => sampleParams(space, rng));
    const share = (name: string) => draws.filter((d) => d[name] !== undefined).length / draws.length;
    expect(share('momentum')).toBeCloseTo(1 / 3, 1);
    expect(share('beta1')).toBeCloseTo(1 / 3, 1);
    expect(share('beta2')).toBeCloseTo(1 / 6, 1);
    expect(share('lr')).toBe(1);
  });
});

describe('conditional TPE', () => {
  const twoModels: Space = {
    model: { type: 'categorical', choices: ['a', 'b'] },
    x: { type: 'float', low: 0, high: 1, when: { model: 'a' } },
    y: { type: 'float', low: 0, high: 1, when: { model: 'b' } },
  };
  /** Model a reaches 0 at x = 0.8; model b is never better than 0.3. */
  const objective = (p: Params): number => (p.model === 'a' ? 4 * ((p.x as number) - 0.8) ** 2 : 0.3 + (p.y as number) * 0.1);

  it('fits a conditional param to the trials that have it', () => {
    // 40 trials: the best 4 (γ) are model a near x = 0.8; the rest are far from it, or model b.
    const observed = Array.from({ length: 40 }, (_, i) => {
      const params: Params = i % 2 === 0 ? { model: 'a', x: i < 8 ? 0.78 + 0.01 * (i / 2) : 0.05 + 0.003 * i } : { model: 'b', y: (i % 7) / 7 };
      return { number: i, params, value: objective(params) };
    });
    observed.sort((p, q) => p.value - q.value);
    const rng = new Rng(1);
    const draws = Array.from({ length: 200 }, () => tpeSample(twoModels, observed, rng));
    const aDraws = draws.filter((d) => d.model === 'a');
    expect(aDraws.length).toBeGreaterThan(180);
    for (const d of draws) expect(Object.keys(d).sort()).toEqual(d.model === 'a' ? ['model', 'x'] : ['model', 'y']);
    const near = aDraws.filter((d) => Math.abs((d.x as number) - 0.8) < 0.1).length;
    expect(near / aDraws.length).toBeGreaterThan(0.8);
  });

  it('beats random search on a conditional objective over 15 seeds', () => {
    const best = (make: (seed: number) => ReturnType<typeof tpe>, seed: number): number => {
      const r = simulate(make(seed), { objective: (p) => objective(p) });
      return Math.min(...r.trials.map((t) => t.rungValues.get(1)!));
    };
    const seeds = Array.from({ length: 15 }, (_, i) => i + 1);
    const tpeBest = seeds.map((s) => best((seed) => tpe(twoModels, init(seed), { trials: 40, budget: 1 }), s));
    const randomBest = seeds.map((s) => best((seed) => randomSearch(twoModels, init(seed), { trials: 40, budget: 1 }) as never, s));
    const wins = seeds.filter((_, i) => tpeBest[i]! < randomBest[i]!).length;
    expect(wins).toBeGreaterThanOrEqual(11);
    expect(median(tpeBest)).toBeLessThan(median(randomBest) / 3);
  });
});
