import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { createStrategy } from '../../src/search/create-strategy.js';
import { describeStrategy } from '../../src/search/describe-strategy.js';
import { explore, perturb } from '../../src/search/pbt-explore.js';
import { pbtBoundaries, pbtReplaced } from '../../src/search/pbt-generations.js';
import { Pbt, type PbtOptions } from '../../src/search/pbt.js';
import type { Space } from '../../src/search/space.js';
import type { Decision } from '../../src/search/strategy.js';
import { validateStrategy } from '../../src/search/validate-strategy.js';
import { simulate } from './simulate.js';
import { strategyContract } from './strategy-contract.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  momentum: { type: 'float', low: 0, high: 0.99 },
  batchSize: { type: 'categorical', choices: [16, 32, 64, 128] },
  optimizer: { type: 'categorical', choices: ['sgd', 'momentum'] },
  nesterov: { type: 'categorical', choices: [true, false], when: { optimizer: 'momentum' } },
  layers: { type: 'int', low: 1, high: 9, step: 2 },
};
const options: PbtOptions = { population: 8, interval: 3, maxBudget: 12, mutate: ['lr', 'momentum', 'batchSize', 'optimizer', 'layers'] };
const make = (seed: number, more: Partial<PbtOptions> = {}, direction: 'minimize' | 'maximize' = 'minimize') =>
  new Pbt(space, { seed, direction }, { ...options, ...more });

strategyContract('pbt', (seed) => make(seed), space);
strategyContract('pbt (uneven last interval, half replaced)', (seed) => make(seed, { interval: 4, maxBudget: 10, population: 5, quantile: 0.5 }), space);

describe('pbt', () => {
  it('has the generation boundaries and replacement count of its options', () => {
    expect(pbtBoundaries(3, 12)).toEqual([3, 6, 9, 12]);
    expect(pbtBoundaries(4, 10)).toEqual([4, 8, 10]);
    // Ray's count: ⌈quantile × P⌉, at most ⌊P/2⌋.
    expect(pbtReplaced(8, 0.25)).toBe(2);
    expect(pbtReplaced(10, 0.3)).toBe(3);
    expect(pbtReplaced(3, 0.25)).toBe(1);
    expect(pbtReplaced(6, 0.25)).toBe(2);
    expect(pbtReplaced(5, 0.5)).toBe(2);
    expect(pbtReplaced(2, 0.01)).toBe(1);
    const s = make(1);
    expect(s.totalTrials).toBe(8 + 3 * 2);
    // Each generation says how many of its members are replaced once it ends: none after the last.
    expect(s.plan()).toEqual([{ bracket: 0, rungs: [3, 6, 9, 12].map((budget, rung) => ({ rung, trials: 8, budget, replaced: rung < 3 ? 2 : 0 })) }]);
  });

  it('replaces the bottom quantile at each boundary by forks of top members, continuing the rest', () => {
    const result = simulate(make(3), { workers: 3, orderSeed: 5 });
    const starts = result.decisions.filter((d): d is Extract<Decision, { kind: 'start' }> => d.kind === 'start');
    const byNumber = new Map(result.trials.map((t) => [t.number, t]));
    let members = [0, 1, 2, 3, 4, 5, 6, 7];
    for (const [g, budget] of [3, 6, 9].entries()) {
      const ranked = [...members].sort((a, b) => byNumber.get(a)!.rungValues.get(budget)! - byNumber.get(b)!.rungValues.get(budget)! || a - b);
      const top = ranked.slice(0, 2);
      const bottom = new Set(ranked.slice(6));
      const forks = starts.filter((d) => d.fork?.budget === budget);
      expect(forks).toHaveLength(2);
      // In slot order, numbered on from the trials so far.
      expect(forks.map((d) => d.number)).toEqual([8 + 2 * g, 9 + 2 * g]);
      for (const d of forks) {
        expect(top).toContain(d.fork!.from);
        expect(d.rung).toBe(g + 1);
        expect(d.budget).toBe(budget + 3);
      }
      members = members.map((m) => (bottom.has(m) ? forks.shift()!.number : m));
      // Survivors went on to the next boundary; the replaced stayed pruned where they were.
      for (const m of ranked.slice(6)) expect(byNumber.get(m)!.budget).toBe(budget);
    }
    for (const m of members) {
      expect(byNumber.get(m)!.state).toBe('complete');
      expect(byNumber.get(m)!.budget).toBe(12);
    }
    expect(result.trials.filter((t) => t.state === 'complete')).toHaveLength(8);
    expect(result.trials.filter((t) => t.state === 'pruned')).toHaveLength(6);
  });

  it('hands out a whole generation at once: no wait between its jobs once the one before has ended', () => {
    const result = simulate(make(6), { workers: 8, orderSeed: 3 });
    for (let g = 0; g < 4; g++) {
      const at = result.steps.flatMap((st, i) => ((st.decision.kind === 'start' || st.decision.kind === 'promote') && st.decision.rung === g ? [i] : []));
      expect(at).toHaveLength(8);
      expect(result.steps.slice(at[0], at.at(-1)! + 1).filter((st) => st.decision.kind === 'wait')).toEqual([]);
    }
    expect(result.maxInFlight).toBe(8);
  });

  it("keeps a member that failed after a boundary in that boundary's ranking, so a generation is decided once", () => {
    const params = { lr: 0.01, momentum: 0.5, batchSize: 32, optimizer: 'sgd', layers: 3 };
    // Epoch 3: trial 3, the worst, was replaced by trial 4, a copy of trial 0, the best; trial 0 went on and diverged.
    const view = (failedLater: boolean) => ({
      trials: [
        ...[0.1, 0.2, 0.3, 0.4].map((v, n) => ({
          number: n,
          params,
          state: n === 0 && failedLater ? ('failed' as const) : n < 3 ? ('running' as const) : ('pruned' as const),
          budget: 3,
          target: n < 3 ? 6 : 3,
          rungValues: new Map([[3, v]]),
          bracket: 0,
        })),
        { number: 4, params, state: 'running' as const, budget: 3, target: 6, rungValues: new Map(), bracket: 0, forkOf: { from: 0, budget: 3 } },
      ],
    });
    const s = make(2, { population: 4, quantile: 0.25 });
    // The survivors 1 and 2 went on too. Either way the generation waits for them: trial 3 was replaced and stays put.
    expect(s.next(view(false))).toEqual({ kind: 'wait' });
    expect(s.next(view(true))).toEqual({ kind: 'wait' });
  });

  it('replaces nobody before burnIn, then as usual; a member failed before it is replaced at the first boundary from it', () => {
    const s = make(7, { burnIn: 6 });
    expect(s.totalTrials).toBe(8 + 2 * 2);
    const result = simulate(s, { workers: 3, fail: (_p, _b, n) => n === 2 });
    const forkedAt = result.decisions.flatMap((d) => (d.kind === 'start' && d.fork ? [d.fork.budget] : []));
    expect(forkedAt).toEqual([6, 6, 9, 9]);
    // Trial 2 failed at epoch 3: no one took its place until epoch 6, where it is among the two replaced.
    const sixes = result.decisions.filter((d) => d.kind === 'promote' && d.budget === 6).map((d) => (d as { number: number }).number);
    expect(sixes).not.toContain(2);
    expect(result.trials.filter((t) => t.state === 'complete')).toHaveLength(8 - 1 + 1);
    expect(validateStrategy({ type: 'pbt', ...options, burnIn: 10 }, space)).toEqual([
      'strategy.burnIn must be at most 9, the last boundary before maxBudget, or no member is ever replaced (got 10)',
    ]);
    expect(validateStrategy({ type: 'pbt', ...options, burnIn: 9 }, space)).toEqual([]);
  });

  it('ranks by the study direction', () => {
    const objective = (p: Record<string, unknown>, b: number) => (p['lr'] as number) * 100 + b;
    const low = simulate(make(4), { objective });
    const high = simulate(make(4, {}, 'maximize'), { objective });
    const donors = (r: typeof low) => r.decisions.flatMap((d) => (d.kind === 'start' && d.fork?.budget === 3 ? [d.fork.from] : []));
    const lrs = low.trials.slice(0, 8).map((t) => t.params['lr'] as number);
    const order = [...lrs.keys()].sort((a, b) => lrs[a]! - lrs[b]!);
    for (const d of donors(low)) expect(order.slice(0, 2)).toContain(d);
    for (const d of donors(high)) expect(order.slice(6)).toContain(d);
  });

  it('copies the params left out of mutate from the donor, and forks the decision before the donor continues', () => {
    const s = make(9, { mutate: ['lr'] });
    const result = simulate(s, { workers: 1 });
    const steps = result.decisions;
    for (const [i, d] of steps.entries()) {
      if (d.kind !== 'start' || !d.fork) continue;
      const donor = result.trials[d.fork.from]!;
      const { lr: _a, ...rest } = d.params;
      const { lr: _b, ...donorRest } = donor.params;
      expect(rest).toEqual(donorRest);
      // The donor's own job past the boundary comes after every fork of it.
      const later = steps.findIndex((x) => x.kind === 'promote' && x.number === d.fork!.from && x.budget > d.fork!.budget);
      expect(later === -1 || later > i).toBe(true);
    }
  });

  it('replaces every failed member, even beyond the quantile, and stops when none is alive', () => {
    // Trials 1, 2 and 3 diverge at their first job: three replaced at epoch 3 where the quantile says two.
    const fail = (_p: unknown, _b: number, n: number) => n >= 1 && n <= 3;
    const result = simulate(make(5), { fail });
    const atFirst = result.decisions.filter((d) => d.kind === 'start' && d.fork?.budget === 3);
    expect(atFirst).toHaveLength(3);
    expect(result.decisions.at(-1)).toEqual({ kind: 'done' });
    const dead = simulate(make(5), { fail: () => true });
    expect(dead.decisions.filter((d) => d.kind === 'start')).toHaveLength(8);
    expect(dead.decisions.at(-1)).toEqual({ kind: 'done' });
  });

  it('is described by what it does, its burn-in included', () => {
    expect(describeStrategy({ type: 'pbt', ...options, burnIn: 6, mutate: ['lr'] })).toBe('pbt (population 8, every 3 epochs to 12 from epoch 6 on the worst 2 replaced by copies of the best 2, with lr changed)');
    expect(describeStrategy({ type: 'pbt', ...options })).toBe('pbt (population 8, every 3 epochs to 12 the worst 2 replaced by copies of the best 2, with lr, momentum, batchSize, optimizer, layers changed)');
  });

  it('is built by createStrategy and refuses bad options with every problem', () => {
    expect(createStrategy({ type: 'pbt', ...options }, space, { seed: 1, direction: 'minimize', budget: 99 }).name).toBe('pbt');
    const issues = validateStrategy({ type: 'pbt', population: 3, interval: 12, maxBudget: 12, mutate: ['lr', 'nope', 'lr'], perturbationFactors: [1.2, -1], resampleProbability: 2, pruner: { type: 'median' } }, space);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringContaining('strategy.pruner is not an option of "pbt": PBT replaces its worst members'),
        'strategy.interval must be below maxBudget, or no member is ever replaced (got interval 12, maxBudget 12)',
        'strategy.resampleProbability must be a probability, a number from 0 to 1 (got 2)',
        'strategy.perturbationFactors must be a non-empty list of positive numbers, such as [1.2, 0.8] (got [1.2,-1])',
        'strategy.mutate[1] "nope" is not a param of the space (allowed: lr, momentum, batchSize, optimizer, nesterov, layers)',
        'strategy.mutate[2] "lr" is listed twice',
      ]),
    );
    expect(validateStrategy({ type: 'pbt', population: 1, interval: 1, maxBudget: 4 }, space)).toEqual([
      'strategy.population must be an integer >= 2 (got 1)',
      'strategy.mutate is required: the params a replacement changes from its donor\'s (of lr, momentum, batchSize, optimizer, nesterov, layers)',
    ]);
    expect(validateStrategy({ type: 'pbt', ...options, perturbation_interval: 4, hyperparam_mutations: { lr: [0.1] }, resampleprobability: 0.2 }, space)).toEqual([
      'strategy.perturbation_interval is Ray Tune\'s name: rungs calls it "interval" (allowed here: type, population, interval, maxBudget, mutate, quantile, resampleProbability, perturbationFactors, burnIn)',
      'strategy.hyperparam_mutations is Ray Tune\'s name: rungs calls it "mutate" (allowed here: type, population, interval, maxBudget, mutate, quantile, resampleProbability, perturbationFactors, burnIn)',
      expect.stringMatching(/^strategy has unknown key "resampleprobability" \(did you mean "resampleProbability"\?/),
    ]);
    expect(validateStrategy({ type: 'pbt', ...options, quantile: 0.6 }, space)).toEqual([
      'strategy.quantile must be a number in (0, 0.5], the share of the population replaced and the share its donors come from (got 0.6)',
    ]);
  });
});

describe('pbt explore', () => {
  const rng = () => new Rng(12);
  it('multiplies numbers by a factor, clamped to the range and snapped to the step', () => {
    const keep = { resampleProbability: 0, factors: [1.2] };
    expect(perturb(space['lr']!, 0.01, keep, rng())).toBeCloseTo(0.012, 15);
    expect(perturb(space['lr']!, 0.9, keep, rng())).toBe(1);
    expect(perturb(space['momentum']!, 0.9, keep, rng())).toBe(0.99);
    expect(perturb(space['layers']!, 5, keep, rng())).toBe(7); // 6 → the lattice 1, 3, 5, 7, 9 rounds to 7
    expect(perturb(space['layers']!, 7, keep, rng())).toBe(9); // 8.4 → 9
    expect(perturb({ type: 'int', low: 1, high: 100 }, 10, { resampleProbability: 0, factors: [0.8] }, rng())).toBe(8);
    // A product that rounds back to where it was moves one step, up or down as the factor says; at a bound it stays.
    const down = { resampleProbability: 0, factors: [0.8] };
    expect(perturb(space['layers']!, 3, keep, rng())).toBe(5); // 3.6 rounds to 3
    expect(perturb(space['layers']!, 3, down, rng())).toBe(1); // 2.4 rounds to 3
    expect(perturb({ type: 'int', low: 1, high: 8 }, 2, keep, rng())).toBe(3);
    expect(perturb({ type: 'int', low: 1, high: 8 }, 2, down, rng())).toBe(1);
    expect(perturb({ type: 'int', low: 1, high: 8 }, 1, down, rng())).toBe(1);
    expect(perturb({ type: 'float', low: 0, high: 1, step: 0.1 }, 0.1, keep, rng())).toBe(0.2);
    expect(perturb({ type: 'int', low: 16, high: 256, step: 16 }, 16, keep, rng())).toBe(32);
    // Zero times a factor is zero: an int steps off it the factor's way (a float without a step stays there, as in Ray).
    expect(perturb({ type: 'int', low: 0, high: 4 }, 0, keep, rng())).toBe(1);
    expect(perturb({ type: 'int', low: -2, high: 4 }, 0, down, rng())).toBe(-1);
    expect(perturb({ type: 'int', low: 0, high: 4 }, 0, down, rng())).toBe(0);
    expect(perturb({ type: 'float', low: 0, high: 1 }, 0, keep, rng())).toBe(0);
    expect(perturb({ type: 'float', low: 0, high: 1, step: 0.25 }, 0, keep, rng())).toBe(0.25);
  });

  it('moves a categorical to a neighbouring choice, staying at the ends, and redraws one not among the choices', () => {
    const spec = space['batchSize']!;
    const seen = new Set<unknown>();
    for (let i = 0; i < 200; i++) seen.add(perturb(spec, 32, { resampleProbability: 0, factors: [1] }, new Rng(i)));
    expect([...seen].sort()).toEqual([16, 64]);
    const ends = new Set<unknown>();
    for (let i = 0; i < 200; i++) ends.add(perturb(spec, 16, { resampleProbability: 0, factors: [1] }, new Rng(i)));
    expect([...ends].sort()).toEqual([16, 32]);
    for (let i = 0; i < 50; i++) expect(spec.type === 'categorical' && spec.choices).toContain(perturb(spec, 48, { resampleProbability: 0, factors: [1] }, new Rng(i)));
  });

  it('resamples from the space with the resample probability', () => {
    const values = Array.from({ length: 400 }, (_, i) => perturb(space['lr']!, 0.01, { resampleProbability: 0.25, factors: [1.2, 0.8] }, new Rng(i)) as number);
    const perturbed = values.filter((v) => Math.abs(v - 0.012) < 1e-12 || Math.abs(v - 0.008) < 1e-12).length;
    expect(perturbed / 400).toBeGreaterThan(0.68);
    expect(perturbed / 400).toBeLessThan(0.82);
  });

  it('draws a conditional param that becomes active, and drops one that no longer is', () => {
    const fresh = { lr: 0.5, momentum: 0.5, batchSize: 64, optimizer: 'sgd', nesterov: true, layers: 3 };
    const donor = { lr: 0.01, momentum: 0.9, batchSize: 32, optimizer: 'sgd', layers: 5 };
    // No resampling: only the categorical moves, to its one neighbour (sgd → momentum) or, shifted past the end, nowhere.
    const results = Array.from({ length: 20 }, (_, i) => explore(space, donor, fresh, { mutate: ['optimizer'], resampleProbability: 0, factors: [1] }, new Rng(i)));
    const on = results.filter((r) => r['optimizer'] === 'momentum');
    expect(on.length).toBeGreaterThan(0);
    expect(on.length).toBeLessThan(20);
    for (const r of on) expect(r).toEqual({ ...donor, optimizer: 'momentum', nesterov: true });
    for (const r of results.filter((x) => x['optimizer'] === 'sgd')) expect(r).toEqual(donor);
    const off = explore(space, { ...donor, optimizer: 'momentum', nesterov: false }, fresh, { mutate: ['optimizer'], resampleProbability: 0, factors: [1] }, rng());
    expect(off).toEqual(donor);
  });
});
