import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../src/rng.js';
import { asha, type AshaOptions } from '../../src/search/asha.js';
import { planTotals } from '../../src/search/plan-totals.js';
import { sampleParams, trialParams } from '../../src/search/sample-params.js';
import { sobolUniforms } from '../../src/search/sobol-uniforms.js';
import type { Space } from '../../src/search/space.js';
import type { Direction, TrialView } from '../../src/search/strategy.js';
import { rankObserved, tpeSample } from '../../src/search/tpe-sample.js';
import { ValidationError } from '../../src/errors.js';
import { simulate } from './simulate.js';
import { strategyContract } from './strategy-contract.js';
import { trial } from './views.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  batchSize: { type: 'int', low: 8, high: 128, step: 8 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
};
const make = (options: Partial<AshaOptions> = {}, seed = 0, direction: Direction = 'minimize') =>
  asha(space, { seed, direction }, { trials: 30, minBudget: 1, maxBudget: 9, ...options });

strategyContract('asha', (seed) => make({}, seed), space, { orderIndependent: false, planExact: false });
strategyContract('asha with 3 brackets (asynchronous Hyperband)', (seed) => make({ trials: 40, brackets: 3 }, seed), space, {
  orderIndependent: false,
  planExact: false,
});
strategyContract('asha with the Sobol sampler', (seed) => make({ trials: 40, sampler: 'sobol' }, seed), space, { orderIndependent: false, planExact: false });
strategyContract('asha with the TPE sampler', (seed) => make({ trials: 40, sampler: 'tpe' }, seed), space, { orderIndependent: false, planExact: false });

describe('asha', () => {
  it('takes Sobol point n as trial n with the Sobol sampler, whatever the order results arrive in', () => {
    const uniforms = sobolUniforms(space, 8);
    for (const orderSeed of [1, 2]) {
      const trials = simulate(make({ trials: 32, sampler: 'sobol' }, 8), { workers: 3, orderSeed }).trials;
      expect(trials).toHaveLength(32);
      for (const t of trials) expect(t.params).toEqual(sampleParams(space, uniforms(t.number)));
    }
  });

  it('has rungs minBudget·η^k up to maxBudget and a nominal plan', () => {
    const s = make({ trials: 30, minBudget: 1, maxBudget: 10 });
    expect(s.budgets).toEqual([1, 3, 10]);
    expect(s.totalTrials).toBe(30);
    expect(s.plan()).toEqual([{ bracket: 0, rungs: [{ rung: 0, trials: 30, budget: 1 }, { rung: 1, trials: 10, budget: 3 }, { rung: 2, trials: 3, budget: 10 }] }]);
  });

  it('promotes the best of the top ⌊m/η⌋ at a rung as soon as it exists', () => {
    const s = make();
    const two = [trial(0, { values: { 1: 0.5 } }), trial(1, { values: { 1: 0.2 } })];
    // m = 2 < η: nothing to promote, start the next trial
    expect(s.next({ trials: two })).toEqual({
      kind: 'start', number: 2, params: sampleParams(space, new Rng(deriveSeed(0, 2))), budget: 1, bracket: 0, rung: 0,
    });
    // m = 3: the best (trial 1) goes to rung 1, even with trial 3 still running
    const three = [...two, trial(2, { values: { 1: 0.9 } }), trial(3, { state: 'running', target: 1 })];
    expect(s.next({ trials: three })).toEqual({ kind: 'promote', number: 1, budget: 3, bracket: 0, rung: 1 });
    // maximize promotes the largest value
    expect(make({}, 0, 'maximize').next({ trials: three })).toEqual({ kind: 'promote', number: 2, budget: 3, bracket: 0, rung: 1 });
  });

  it('skips top trials that are promoted, in flight or failed; looks at higher rungs first', () => {
    const s = make();
    const rung0 = Array.from({ length: 6 }, (_, n) => trial(n, { values: { 1: n } })); // top 2: trials 0 and 1
    const v1 = rung0.map((t) => (t.number === 0 ? trial(0, { state: 'running', values: { 1: 0 }, budget: 1, target: 3 }) : t));
    expect(s.next({ trials: v1 })).toMatchObject({ kind: 'promote', number: 1, budget: 3 });
    const v2 = v1.map((t) => (t.number === 1 ? trial(1, { state: 'failed', values: { 1: 1 }, budget: 1, target: 1 }) : t));
    expect(s.next({ trials: v2 })).toMatchObject({ kind: 'start', number: 6 });
    // rung 1 with three values: its best is promoted to 9 before anything at rung 0
    const v3 = [
      ...Array.from({ length: 3 }, (_, n) => trial(n, { values: { 1: n, 3: 3 - n } })),
      ...Array.from({ length: 6 }, (_, n) => trial(n + 3, { values: { 1: 0.1 * n } })),
    ];
    expect(s.next({ trials: v3 })).toEqual({ kind: 'promote', number: 2, budget: 9, bracket: 0, rung: 2 });
  });

  it('honours the trials cap: waits while trials are in flight, then is done', () => {
    const s = make({ trials: 2 });
    expect(s.next({ trials: [trial(0, { values: { 1: 1 } }), trial(1, { state: 'queued', target: 1 })] })).toEqual({ kind: 'wait' });
    expect(s.next({ trials: [trial(0, { values: { 1: 1 } }), trial(1, { values: { 1: 2 } })] })).toEqual({ kind: 'done' });
    const r = simulate(make({ trials: 25 }), { workers: 3, orderSeed: 8 });
    expect(r.trials).toHaveLength(25);
    expect(r.decisions.filter((d) => d.kind === 'start')).toHaveLength(25);
  });

  it('never leaves a worker idle while trials remain to be started', () => {
    for (const orderSeed of [1, 2, 3, 4, 5]) {
      const r = simulate(make({ trials: 40 }, orderSeed), { workers: 2, orderSeed });
      const idle = r.steps.filter((step) => step.decision.kind === 'wait' && step.trialsBefore < 40);
      expect(idle).toEqual([]);
      expect(r.maxInFlight).toBe(2);
      expect(r.trials.some((t) => t.budget === 9)).toBe(true);
    }
  });

  it('depends on the finishing order (unlike synchronous SHA), but params of trial n do not', () => {
    const key = (workers: number, orderSeed: number) =>
      simulate(make({ trials: 40 }, 3), { workers, orderSeed }).jobs.map((j) => `${j.number}@${j.to}`).sort().join(',');
    const keys = new Set([key(1, 0), key(4, 1), key(4, 2), key(4, 3)]);
    expect(keys.size).toBeGreaterThan(1);
    const r = simulate(make({ trials: 40 }, 3), { workers: 4, orderSeed: 1 });
    for (const t of r.trials) expect(t.params).toEqual(sampleParams(space, new Rng(deriveSeed(3, t.number))));
  });

  it('can promote more than the nominal plan: promotions are never revoked', () => {
    // Each new trial beats all before it, so every one from the η-th on is promoted.
    const s = make({ trials: 9, minBudget: 1, maxBudget: 3 });
    const r = simulate(s, { objective: (_p, b, n) => 100 - n + 1 / b });
    const promotions = r.decisions.filter((d) => d.kind === 'promote').length;
    expect(s.plan()[0]!.rungs[1]!.trials).toBe(3);
    expect(promotions).toBe(9 - 3 + 1);
    expect(planTotals(s.plan(), true).epochs).toBeLessThan(r.jobs.reduce((sum, j) => sum + j.to - j.from, 0));
  });

  describe('brackets (asynchronous Hyperband)', () => {
    const hb = (options: Partial<AshaOptions> = {}) => make({ trials: 49, minBudget: 1, maxBudget: 27, brackets: 4, ...options });

    it("splits trials between brackets as Hyperband's bracket sizes do, in every prefix, as a pure function of n", () => {
      const s = hb();
      const of = (count: number) => Array.from({ length: count }, (_, n) => s.bracketOf(n));
      const tally = (xs: number[]) => [0, 1, 2, 3].map((b) => xs.filter((x) => x === b).length);
      // Hyperband(1, 27, η 3) has brackets of 27, 12, 6 and 4 trials.
      expect(tally(of(49))).toEqual([27, 12, 6, 4]);
      expect(tally(of(98))).toEqual([54, 24, 12, 8]);
      // Any prefix is within one trial of its share.
      for (let m = 1; m <= 98; m++) {
        tally(of(m)).forEach((c, b) => expect(Math.abs(c - (m * [27, 12, 6, 4][b]!) / 49)).toBeLessThan(1));
      }
      // Asked in another order (a resumed study), the same answers.
      const fresh = hb();
      expect([60, 3, 0, 48].map((n) => fresh.bracketOf(n))).toEqual([60, 3, 0, 48].map((n) => s.bracketOf(n)));
      expect(make({ trials: 10 }).bracketOf(7)).toBe(0);
    });

    it("starts a trial at its bracket's first rung and plans each bracket as a ladder from there", () => {
      const s = hb();
      const trials: ReturnType<typeof trial>[] = [];
      for (let n = 0; n < 12; n++) {
        const d = s.next({ trials });
        const b = s.bracketOf(n);
        expect(d).toEqual({ kind: 'start', number: n, params: sampleParams(space, new Rng(deriveSeed(0, n))), budget: [1, 3, 9, 27][b], bracket: b, rung: 0 });
        trials.push(trial(n, { state: 'running', target: [1, 3, 9, 27][b]!, bracket: b }));
      }
      expect(s.plan()).toEqual([
        { bracket: 0, rungs: [{ rung: 0, trials: 27, budget: 1 }, { rung: 1, trials: 9, budget: 3 }, { rung: 2, trials: 3, budget: 9 }, { rung: 3, trials: 1, budget: 27 }] },
        { bracket: 1, rungs: [{ rung: 0, trials: 12, budget: 3 }, { rung: 1, trials: 4, budget: 9 }, { rung: 2, trials: 1, budget: 27 }] },
        { bracket: 2, rungs: [{ rung: 0, trials: 6, budget: 9 }, { rung: 1, trials: 2, budget: 27 }] },
        { bracket: 3, rungs: [{ rung: 0, trials: 4, budget: 27 }] },
      ]);
      expect(planTotals(s.plan(), true).epochs).toBe(357); // Hyperband's 357 epochs for the same budgets
    });

    it('ranks and promotes within a bracket only', () => {
      const s = hb();
      // At budget 3: bracket 0 has two values (the best overall, 0.1, but 2 < η: nothing to promote),
      // bracket 1 has three (its best, 0.5, goes to 9 as bracket 1's rung 1).
      const view = [
        trial(0, { values: { 1: 0.1, 3: 0.1 }, bracket: 0 }),
        trial(1, { values: { 1: 0.2, 3: 0.2 }, bracket: 0 }),
        trial(2, { values: { 3: 0.5 }, bracket: 1 }),
        trial(3, { values: { 3: 0.6 }, bracket: 1 }),
        trial(4, { values: { 3: 0.7 }, bracket: 1 }),
      ];
      expect(s.next({ trials: view })).toEqual({ kind: 'promote', number: 2, budget: 9, bracket: 1, rung: 1 });
      // As one bracket (plain ASHA over the same values), trial 0 would have gone.
      expect(make({ trials: 49, minBudget: 1, maxBudget: 27 }).next({ trials: view })).toMatchObject({ kind: 'promote', number: 0, budget: 9 });
    });

    it('runs a whole study: every bracket trains some trial to maxBudget, and no worker idles while trials remain', () => {
      for (const orderSeed of [1, 2, 3]) {
        const r = simulate(hb({ trials: 98 }), { workers: 2, orderSeed });
        expect(r.trials).toHaveLength(98);
        for (const b of [0, 1, 2, 3]) expect(r.trials.some((t) => t.bracket === b && t.budget === 27)).toBe(true);
        expect(r.steps.filter((step) => step.decision.kind === 'wait' && step.trialsBefore < 98)).toEqual([]);
      }
    });

    it('is refused with more brackets than rungs, or not a whole number', () => {
      expect(() => hb({ brackets: 5 })).toThrow(
        'strategy.brackets must be <= 4, the number of rungs from minBudget 1 to maxBudget 27 with reductionFactor 3 (got 5)',
      );
      expect(() => hb({ brackets: 0 })).toThrow('strategy.brackets must be an integer >= 1 (got 0)');
      expect(() => hb({ brackets: 1.5 })).toThrow('strategy.brackets must be an integer >= 1 (got 1.5)');
    });
  });

  describe('sampler "tpe"', () => {
    it('draws at random until 10 trials have a value, then by TPE over every result in, highest budget first', () => {
      const s = make({ trials: 60, sampler: 'tpe' }, 5);
      const r = simulate(s, { workers: 3, orderSeed: 2 });
      // Replay: at each start, the trials that existed then, with the values they had.
      let tpeDraws = 0;
      for (const step of r.steps) {
        const d = step.decision;
        if (d.kind !== 'start') continue;
        expect(d.number).toBe(step.trialsBefore);
        if (d.number < 10) expect(d.params).toEqual(trialParams(space, 5, d.number));
        else tpeDraws++;
      }
      expect(tpeDraws).toBe(50);
      // Asked again over trials 0..58 as they ended, ASHA starts trial 59 with TPE's draw over their ranking
      // (the best first: the best value at maxBudget 9), from trial 59's own Rng.
      const trials: TrialView[] = r.trials.slice(0, 59).map((t) => ({ ...t, state: t.state, rungValues: new Map(t.rungValues) }));
      const { ranked, failed } = rankObserved(trials, 'minimize', 9);
      expect(ranked[0]!.number).toBe(r.trials.slice(0, 59).filter((t) => t.rungValues.has(9)).sort((a, b) => a.rungValues.get(9)! - b.rungValues.get(9)! || a.number - b.number)[0]!.number);
      const fresh = make({ trials: 60, sampler: 'tpe' }, 5).next({ trials });
      expect(fresh).toMatchObject({ kind: 'start', number: 59, params: tpeSample(space, ranked, new Rng(deriveSeed(5, 59)), { worst: failed }) });
    });

    it('finds better configurations than random draws with the same trials (ASHA both, 20 seeds)', () => {
      const best = (sampler: 'random' | 'tpe', seed: number) => {
        const r = simulate(make({ trials: 60, sampler }, seed), { workers: 2, orderSeed: seed });
        return Math.min(...r.trials.map((t) => t.rungValues.get(9) ?? Infinity));
      };
      const tpeBest: number[] = [];
      const randomBest: number[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        tpeBest.push(best('tpe', seed));
        randomBest.push(best('random', seed));
      }
      const median = (a: number[]) => [...a].sort((x, y) => x - y)[10]!;
      expect(median(tpeBest)).toBeLessThan(median(randomBest));
      expect(tpeBest.filter((v, i) => v < randomBest[i]!).length).toBeGreaterThanOrEqual(12);
    });

    it('refuses another sampler', () => {
      expect(() => make({ sampler: 'grid' as 'tpe' })).toThrow('strategy.sampler must be "random" or "tpe" or "sobol" (got "grid")');
    });

    it('lets startupTrials say when TPE takes over (default 10)', () => {
      // One worker: when trial n starts, trials 0 … n − 1 all have a value.
      const starts = (options: Partial<AshaOptions>) =>
        simulate(make({ trials: 20, sampler: 'tpe', ...options }, 7), { workers: 1 }).steps.flatMap((st) => (st.decision.kind === 'start' ? [st.decision] : []));
      const random = (d: { number: number; params: unknown }) => JSON.stringify(d.params) === JSON.stringify(trialParams(space, 7, d.number));
      expect(starts({}).map(random)).toEqual([...new Array<boolean>(10).fill(true), ...new Array<boolean>(10).fill(false)]);
      expect(starts({ startupTrials: 10 }).map(random)).toEqual(starts({}).map(random));
      expect(starts({ startupTrials: 3 }).map(random)).toEqual([true, true, true, ...new Array<boolean>(17).fill(false)]);
    });

    it('draws with its eiCandidates and multivariate', () => {
      const options = { trials: 40, sampler: 'tpe', startupTrials: 5, eiCandidates: 7, multivariate: true } as const;
      const r = simulate(make(options, 3), { workers: 2, orderSeed: 1 });
      const trials: TrialView[] = r.trials.slice(0, 39).map((t) => ({ ...t, rungValues: new Map(t.rungValues) }));
      const { ranked, failed } = rankObserved(trials, 'minimize', 9);
      const drawn = make(options, 3).next({ trials });
      const rng = () => new Rng(deriveSeed(3, 39));
      expect(drawn).toMatchObject({ kind: 'start', number: 39, params: tpeSample(space, ranked, rng(), { candidates: 7, multivariate: true, worst: failed }) });
      // Not the draw with TPE's defaults.
      expect((drawn as { params: unknown }).params).not.toEqual(tpeSample(space, ranked, rng(), { worst: failed }));
    });

    it("refuses TPE's options with the random sampler, and bad values with the TPE sampler, naming each", () => {
      expect(() => make({ startupTrials: 5 })).toThrow('strategy.startupTrials has no effect unless sampler is "tpe" (sampler is "random", the default)');
      expect(() => make({ sampler: 'random', eiCandidates: 8, multivariate: true })).toThrow(
        new ValidationError([
          'strategy.eiCandidates has no effect unless sampler is "tpe" (sampler is "random")',
          'strategy.multivariate has no effect unless sampler is "tpe" (sampler is "random")',
        ]),
      );
      expect(() => make({ sampler: 'tpe', startupTrials: 0, eiCandidates: 20_000, multivariate: 'yes' as unknown as boolean })).toThrow(
        new ValidationError([
          'strategy.startupTrials must be an integer >= 1 (got 0)',
          'strategy.eiCandidates must be <= 10000 (got 20000)',
          'strategy.multivariate must be true or false (got "yes")',
        ]),
      );
      // maxConcurrent is TPE's alone: ASHA draws from every result in.
      expect(() => make({ sampler: 'tpe', maxConcurrent: 2 } as Partial<AshaOptions>)).toThrow('strategy.maxConcurrent is not an option of "asha" but of "grid", "random", "successive-halving", "hyperband", "tpe", "gp"');
    });
  });
});
