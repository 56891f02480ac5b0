import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { describeStrategy } from '../../src/search/describe-strategy.js';
import { hypervolume } from '../../src/search/hypervolume.js';
import { defaultMutationProb, nsga2, selectElite, type Individual, type Nsga2Options } from '../../src/search/nsga2.js';
import { isActive } from '../../src/search/param-conditions.js';
import { randomSearch } from '../../src/search/random.js';
import { trialParams } from '../../src/search/sample-params.js';
import type { Params, Space } from '../../src/search/space.js';
import type { Objective as StudyObjective, TrialView } from '../../src/search/strategy.js';
import { defaultObjective, simulate, type SimResult, type SimulateOptions } from './simulate.js';
import { bowl, bowlSpace, conditionalSpace, mixedSpace, zdt1, zdtInit as moInit, zdtObjectives as both, zdtPlay, zdtSpace } from './spaces.js';
import { strategyContract } from './strategy-contract.js';

const makeZdt = (seed: number, options: Partial<Nsga2Options> = {}, d = 4) => nsga2(zdtSpace(d), moInit(seed), { trials: 30, budget: 2, popsize: 6, ...options });

strategyContract('nsga2 (single objective)', (seed) => nsga2(bowlSpace, { seed, direction: 'minimize' }, { trials: 40, budget: 3, popsize: 8 }), bowlSpace, { objective: (p) => bowl(p) });
strategyContract('nsga2 (two objectives)', (seed) => makeZdt(seed), zdtSpace(4), zdtPlay);
strategyContract('nsga2 (mixed space, popsize 3)', (seed) => nsga2(mixedSpace, { seed, direction: 'minimize' }, { trials: 20, budget: 2, popsize: 3 }), mixedSpace);
/** Two conflicting objectives over the conditional space: a loss that grows with the params a trial has, and their number (maximised). */
const conditionalPlay: SimulateOptions = { metrics: (p, b) => ({ loss: defaultObjective(p, b) + Object.keys(p).length / 10, size: Object.keys(p).length }) };
const condObjectives: StudyObjective[] = [
  { metric: 'loss', direction: 'minimize' },
  { metric: 'size', direction: 'maximize' },
];
strategyContract('nsga2 (conditional space, two objectives)', (seed) => nsga2(conditionalSpace, { seed, direction: 'minimize', objectives: condObjectives }, { trials: 25, budget: 2, popsize: 5 }), conditionalSpace, conditionalPlay);

const running = (number: number, params: Params): TrialView => ({ number, params, state: 'running', budget: 0, target: 2, rungValues: new Map(), bracket: 0 });
const done = (t: TrialView, metrics: Record<string, number> | undefined): TrialView =>
  metrics === undefined ? { ...t, state: 'failed', budget: 2 } : { ...t, state: 'complete', budget: 2, rungValues: new Map([[2, metrics.f1!]]), metrics };
const member = (number: number, values: number[], params: Params = { x: number }): Individual => ({ number, params, values });
/** Trial n's random draw of every param, active or not (what a mutated or missing param takes): the draw of the space without its `when`s. */
const fullDraw = (space: Space, seed: number, n: number): Params =>
  trialParams(Object.fromEntries(Object.entries(space).map(([k, { when: _when, ...spec }]) => [k, spec])) as Space, seed, n);
/** Every value of `key` among the elite of the generation trial n belongs to. */
const eliteValues = (elite: readonly Individual[], key: string) => new Set(elite.filter((m) => key in m.params).map((m) => m.params[key]));

describe('NSGA-II', () => {
  it('runs in generations of popsize (default 50), each waiting for the ones before, the first random search\'s draws', () => {
    const space = zdtSpace(3);
    expect(nsga2(space, moInit(1), { trials: 200, budget: 2 }).popsize).toBe(50);
    const s = nsga2(space, moInit(3), { trials: 20, budget: 2, popsize: 4 });
    expect([s.concurrency, s.concurrencyOption, s.waitsFor(3), s.waitsFor(4), s.waitsFor(9), s.crossoverProb, s.swappingProb, s.mutationProb]).toEqual([4, 'popsize', -1, 3, 7, 0.9, 0.5, 1 / 3]);
    const trials: TrialView[] = [];
    for (let n = 0; n < 4; n++) {
      const d = s.next({ trials });
      expect(d).toEqual({ kind: 'start', number: n, params: trialParams(space, 3, n), budget: 2, bracket: 0, rung: 0 });
      trials.push(running(n, (d as { params: Params }).params));
    }
    expect(s.next({ trials })).toEqual({ kind: 'wait' });
    for (let n = 0; n < 3; n++) trials[n] = done(trials[n]!, zdt1(trials[n]!.params));
    expect(s.next({ trials })).toEqual({ kind: 'wait' });
    trials[3] = done(trials[3]!, undefined);
    expect(s.next({ trials })).toMatchObject({ kind: 'start', number: 4 });
  });

  it('gives the same trials whatever the completion order and thread count, failures included', () => {
    const key = (r: SimResult) => r.trials.map((t) => [t.number, t.params, t.state]);
    const fail = (_p: Params, _b: number, n: number) => n % 7 === 2;
    const one = simulate(makeZdt(4, { trials: 40 }), { ...zdtPlay, fail });
    for (const [workers, orderSeed] of [[3, 1], [6, 2], [6, 7]] as const) {
      expect(key(simulate(makeZdt(4, { trials: 40 }), { ...zdtPlay, fail, workers, orderSeed }))).toEqual(key(one));
    }
  });

  it('selects the elite by fronts, the last one cut by crowding distance (ties to the lower number)', () => {
    // Front 0: 0 … 4 (on a curve), front 1: 5, 6; front 2: 7.
    const pop = [member(0, [0, 10]), member(1, [1, 6]), member(2, [2, 5]), member(3, [6, 2]), member(4, [10, 0]), member(5, [3, 7]), member(6, [7, 3]), member(7, [9, 9])];
    const numbers = (size: number, from = pop) => selectElite(from, size).map((m) => m.number);
    expect(numbers(7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(numbers(5)).toEqual([0, 1, 2, 3, 4]);
    // Crowding: 0 and 4 Infinity; 1: 2/10 + 5/10, 2: 5/10 + 4/10, 3: 8/10 + 5/10.
    expect(numbers(4)).toEqual([0, 2, 3, 4]);
    expect(numbers(3)).toEqual([0, 3, 4]);
    expect(numbers(2)).toEqual([0, 4]);
    // Front 1 cut: 5 and 6 both ends (Infinity): the lower number; whatever the input order.
    expect(numbers(6, [...pop].reverse())).toEqual([0, 1, 2, 3, 4, 5]);
    // Evenly spaced: 1, 2, 3 tie at 1 → the lower numbers.
    const line = [0, 1, 2, 3, 4].map((i) => member(i, [i, 4 - i]));
    expect(selectElite(line, 3).map((m) => m.number)).toEqual([0, 1, 4]);
    // Fewer candidates than the size: all of them; equal points share a front.
    expect(selectElite([member(3, [1, 1]), member(1, [1, 1]), member(2, [2, 2])], 5).map((m) => m.number)).toEqual([1, 2, 3]);
    // One objective: the best by value.
    expect(selectElite([5, 1, 4, 1, 3].map((v, i) => member(i, [v])), 3).map((m) => m.number)).toEqual([1, 3, 4]);
  });

  it('keeps each generation\'s elite: the best popsize of the elite before and the complete trials of the generation before', () => {
    const s = makeZdt(6, { trials: 18 });
    const r = simulate(s, { ...zdtPlay, fail: (_p, _b, n) => n === 1 || n === 8 });
    const ind = (t: TrialView): Individual => ({ number: t.number, params: t.params, values: [zdt1(t.params).f1, zdt1(t.params).f2] });
    const complete = (from: number, to: number) => r.trials.slice(from, to).filter((t) => t.state === 'complete').map(ind);
    const e1 = selectElite(complete(0, 6), 6);
    expect(e1.map((m) => m.number)).toEqual([0, 2, 3, 4, 5]);
    expect(s.eliteAt(1, r.trials)).toEqual(e1);
    const e2 = selectElite([...e1, ...complete(6, 12)], 6);
    expect(s.eliteAt(2, r.trials)).toEqual(e2);
    expect(e2).toHaveLength(6);
    // Every param of a child comes from an elite member of its generation, or is the trial's random draw.
    for (const t of r.trials.slice(6)) {
      const elite = s.eliteAt(Math.floor(t.number / 6), r.trials);
      const draw = trialParams(zdtSpace(4), 6, t.number);
      for (const [k, v] of Object.entries(t.params)) expect(eliteValues(elite, k).has(v) || draw[k] === v).toBe(true);
    }
  });

  it('copies one elite member without crossover and mutation, crosses two with crossover, draws at random with mutation 1', () => {
    const space = zdtSpace(6);
    const run = (options: Partial<Nsga2Options>) => {
      const s = nsga2(space, moInit(2), { trials: 24, budget: 2, popsize: 8, ...options });
      const r = simulate(s, zdtPlay);
      return { s, r, elite: (n: number) => s.eliteAt(Math.floor(n / 8), r.trials) };
    };
    const copies = run({ crossoverProb: 0, mutationProb: 0 });
    for (const t of copies.r.trials.slice(8)) expect(copies.elite(t.number).map((m) => m.params)).toContainEqual(t.params);
    const crossed = run({ crossoverProb: 1, mutationProb: 0 });
    let mixed = 0;
    for (const t of crossed.r.trials.slice(8)) {
      // Each param from one of two parents: at most two members account for all of them.
      const elite = crossed.elite(t.number);
      const sources = elite.filter((m) => Object.entries(t.params).some(([k, v]) => m.params[k] === v));
      expect(Object.entries(t.params).every(([k, v]) => sources.some((m) => m.params[k] === v))).toBe(true);
      const pairs = sources.flatMap((a) => sources.map((b) => [a, b] as const));
      expect(pairs.some(([a, b]) => Object.entries(t.params).every(([k, v]) => a.params[k] === v || b.params[k] === v))).toBe(true);
      if (!elite.some((m) => JSON.stringify(m.params) === JSON.stringify(t.params))) mixed++;
    }
    expect(mixed).toBeGreaterThan(10);
    const mutated = run({ mutationProb: 1 });
    expect(mutated.r.trials.map((t) => t.params)).toEqual(mutated.r.trials.map((t) => trialParams(space, 2, t.number)));
  });

  it('keeps conditional spaces consistent: a param is there iff its condition holds, inherited from a parent that has it', () => {
    const space = conditionalSpace;
    const s = nsga2(space, { seed: 5, direction: 'minimize', objectives: condObjectives }, { trials: 60, budget: 2, popsize: 10, mutationProb: 0.2 });
    const r = simulate(s, { ...conditionalPlay, workers: 3, orderSeed: 1 });
    let inherited = 0;
    for (const t of r.trials) {
      for (const [name, spec] of Object.entries(space)) expect(name in t.params).toBe(isActive(spec, t.params));
      if (t.number < 10) continue;
      const elite = s.eliteAt(Math.floor(t.number / 10), r.trials);
      const draw = fullDraw(space, 5, t.number);
      for (const name of ['momentum', 'beta1', 'amsgrad', 'beta2'].filter((k) => k in t.params)) {
        const fromParents = eliteValues(elite, name).has(t.params[name]);
        expect(fromParents || draw[name] === t.params[name]).toBe(true);
        if (fromParents && draw[name] !== t.params[name]) inherited++;
      }
    }
    expect(inherited).toBeGreaterThan(5);
  });

  it('keeps categorical, int, log and stepped params in range and on their lattice', () => {
    const space: Space = {
      ...mixedSpace,
      units: { type: 'int', low: 8, high: 512, log: true },
      decay: { type: 'float', low: 1e-6, high: 1e-2, log: true },
      layers: { type: 'int', low: 1, high: 9, step: 2 },
    };
    const r = simulate(nsga2(space, { seed: 8, direction: 'minimize' }, { trials: 60, budget: 2, popsize: 6, mutationProb: 0.3 }), { workers: 2 });
    for (const t of r.trials) {
      expect(['sgd', 'adam']).toContain(t.params.optimizer);
      for (const [name, step] of [['momentum', 0.1], ['batchSize', 16], ['layers', 2], ['units', 1]] as const) {
        const spec = space[name] as { low: number; high: number };
        const v = t.params[name] as number;
        expect(v).toBeGreaterThanOrEqual(spec.low);
        expect(v).toBeLessThanOrEqual(spec.high);
        expect(Math.abs((v - spec.low) / step - Math.round((v - spec.low) / step))).toBeLessThan(1e-9);
      }
      for (const name of ['lr', 'decay']) {
        const spec = space[name] as { low: number; high: number };
        expect(t.params[name]).toBeGreaterThanOrEqual(spec.low);
        expect(t.params[name]).toBeLessThanOrEqual(spec.high);
      }
    }
  });

  it('trains enqueued points as given, in any generation, and lets them take part', () => {
    const enqueued = [{ x0: 0, x1: 0, x2: 0, x3: 0 }, ...Array.from({ length: 6 }, () => ({})), { x0: 1, x1: 0, x2: 0, x3: 0 }, { x0: 0.5 }];
    const s = nsga2(zdtSpace(4), moInit(3, { enqueued }), { trials: 24, budget: 2, popsize: 6 });
    const r = simulate(s, zdtPlay);
    expect(r.trials[0]!.params).toEqual({ x0: 0, x1: 0, x2: 0, x3: 0 });
    expect(r.trials[7]!.params).toEqual({ x0: 1, x1: 0, x2: 0, x3: 0 });
    expect(r.trials[8]!.params.x0).toBe(0.5);
    expect(r.trials[8]!.params.x1).toBe(trialParams(zdtSpace(4), 3, 8).x1);
    // On the true front: in every elite from then on.
    for (const g of [1, 2, 3]) expect(s.eliteAt(g, r.trials).map((m) => m.number)).toContain(0);
    expect(s.eliteAt(2, r.trials).map((m) => m.number)).toContain(7);
  });

  it('draws at random while no trial is complete, and breeds from a single one', () => {
    const space = zdtSpace(4);
    const allFailed = simulate(makeZdt(5, { trials: 18 }), { ...zdtPlay, fail: (_p, _b, n) => n < 6 });
    expect(allFailed.trials.slice(6, 12).map((t) => t.params)).toEqual([6, 7, 8, 9, 10, 11].map((n) => trialParams(space, 5, n)));
    expect(allFailed.trials.slice(12).some((t) => JSON.stringify(t.params) !== JSON.stringify(trialParams(space, 5, t.number)))).toBe(true);
    const one = simulate(makeZdt(5, { trials: 12, mutationProb: 0.25 }), { ...zdtPlay, fail: (_p, _b, n) => n < 6 && n !== 4 });
    const parent = one.trials[4]!.params;
    for (const t of one.trials.slice(6)) {
      const draw = trialParams(space, 5, t.number);
      for (const [k, v] of Object.entries(t.params)) expect(v === parent[k] || v === draw[k]).toBe(true);
    }
  });

  it('ranks by each objective in its direction: maximising the negation is the same search', () => {
    const flipped: StudyObjective[] = [both[0]!, { metric: 'g2', direction: 'maximize' }];
    const a = simulate(makeZdt(7, { trials: 36 }), zdtPlay);
    const b = simulate(nsga2(zdtSpace(4), moInit(7, { objectives: flipped }), { trials: 36, budget: 2, popsize: 6 }), {
      objective: (p) => zdt1(p).f1,
      metrics: (p) => ({ f1: zdt1(p).f1, g2: -zdt1(p).f2 }),
    });
    expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
    // A single-objective study ranks by the value at the budget, in its direction.
    const single = (direction: 'minimize' | 'maximize', sign: number) =>
      simulate(nsga2(bowlSpace, { seed: 2, direction }, { trials: 30, budget: 3, popsize: 6 }), { objective: (p) => sign * bowl(p) }).trials.map((t) => t.params);
    expect(single('maximize', -1)).toEqual(single('minimize', 1));
  });

  it('finds a better ZDT1 front than its first generation and than random search with the same trials (hypervolume, 8 seeds)', () => {
    // Near the front (f2 ≤ 2): it measures how close a front gets, not the easy volume far from it.
    const reference = [1.1, 2];
    const hv = (trials: readonly { params: Params; state: string }[]) =>
      hypervolume(trials.filter((t) => t.state === 'complete').map((t) => Object.values(zdt1(t.params))), reference);
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const popsize = 20;
    const trials = 11 * popsize;
    const space = zdtSpace(5);
    const rows = seeds.map((seed) => {
      const n = simulate(nsga2(space, moInit(seed), { trials, budget: 1, popsize }), { ...zdtPlay, checkImmutability: false }).trials;
      const r = simulate(randomSearch(space, { seed, direction: 'minimize' }, { trials, budget: 1 }), { ...zdtPlay, checkImmutability: false }).trials;
      return { first: hv(n.slice(0, popsize)), nsga: hv(n), random: hv(r) };
    });
    for (const row of rows) expect(row.nsga).toBeGreaterThan(row.first + 0.3);
    expect(rows.filter((row) => row.nsga > row.random).length).toBeGreaterThanOrEqual(7);
    // The true front dominates 1.1 · 2 − 2/3 ≈ 1.53 of the box.
    expect(median(rows.map((r) => r.nsga))).toBeGreaterThan(median(rows.map((r) => r.random)) + 0.3);
  });

  it('says what it does', () => {
    expect(defaultMutationProb({ ...mixedSpace, c: { type: 'int', low: 3, high: 3 } })).toBe(1 / 4);
    expect(describeStrategy({ type: 'nsga2', trials: 500 }, zdtSpace(4))).toBe(
      'nsga2 (generations of 50 trials, the first random, each next bred from the best 50 so far by Pareto front and crowding; crossover 0.9, mutation 0.25 per param)',
    );
    expect(describeStrategy({ type: 'nsga2', trials: 500, popsize: 20, crossoverProb: 1, mutationProb: 0.1 })).toBe(
      'nsga2 (generations of 20 trials, the first random, each next bred from the best 20 so far by Pareto front and crowding; crossover 1, mutation 0.1 per param)',
    );
  });
});
