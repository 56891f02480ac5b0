import { describe, expect, it } from 'vitest';
import { Pbt } from '../../src/search/pbt.js';
import { configurationViews, WithRepeats } from '../../src/search/with-repeats.js';
import type { Strategy, StudyView } from '../../src/search/strategy.js';
import { trial } from './views.js';
import { createStrategy } from '../../src/search/create-strategy.js';
import type { Space } from '../../src/search/space.js';
import { simulate } from './simulate.js';
import { strategyContract } from './strategy-contract.js';

const space: Space = { lr: { type: 'float', low: 1e-4, high: 1, log: true } };
const sha = () =>
  createStrategy({ type: 'successive-halving', candidates: 9, reductionFactor: 3, minBudget: 1, maxBudget: 9 }, space, { seed: 5, direction: 'minimize', budget: 9 });

const tpe = (seed: number) => createStrategy({ type: 'tpe', trials: 16, startupTrials: 4, maxConcurrent: 2 }, space, { seed, direction: 'minimize', budget: 4 });
strategyContract('tpe with 3 repeats', (seed) => new WithRepeats(tpe(seed), 3), space);
strategyContract('pbt with 2 repeats', (seed) => new WithRepeats(new Pbt(space, { seed, direction: 'minimize' }, { population: 4, interval: 2, maxBudget: 6, quantile: 0.5, mutate: Object.keys(space) }), 2), space);

describe('WithRepeats', () => {
  it('keeps the view of a configuration whose repeats did not change, and makes a new one for one whose did', () => {
    const seen: StudyView[] = [];
    const inner = sha();
    const spy: Strategy = { ...inner, name: inner.name, maxBudget: inner.maxBudget, plan: () => inner.plan(), next: (v) => (seen.push(v), { kind: 'wait' }) };
    const s = new WithRepeats(spy, 2);
    const rows = [0, 1, 2, 3].map((n) => trial(n, { values: { 1: 0.5 }, target: 1 }));
    s.next({ trials: rows });
    // Trial 3 (configuration 1's second repeat) gets a new row: configuration 0 keeps its view.
    const next = [...rows.slice(0, 3), trial(3, { values: { 1: 0.2 }, target: 1 })];
    s.next({ trials: next });
    expect(seen[1]!.trials[0]).toBe(seen[0]!.trials[0]);
    expect(seen[1]!.trials[1]).not.toBe(seen[0]!.trials[1]);
    expect(seen[1]!.trials[1]!.rungValues.get(1)).toBeCloseTo(0.35);
    expect(seen[1]!.trials).toEqual(configurationViews(next, 2));
  });

  it('runs each configuration as k trials with the same params, and plans k× the trials', () => {
    const s = new WithRepeats(sha(), 3);
    expect(s.totalTrials).toBe(27);
    expect(s.plan()[0]!.rungs.map((r) => r.trials)).toEqual([27, 9, 3]);
    const r = simulate(s, { workers: 4 });
    expect(r.trials).toHaveLength(27);
    for (let c = 0; c < 9; c++) {
      const group = r.trials.slice(c * 3, c * 3 + 3);
      expect(new Set(group.map((t) => JSON.stringify(t.params))).size).toBe(1);
      // All repeats of a configuration reach the same budget.
      expect(new Set(group.map((t) => t.budget)).size).toBe(1);
    }
    expect(r.trials.filter((t) => t.budget === 9)).toHaveLength(3);
  });

  it('promotes a configuration whose first repeat failed through the repeats that did not', () => {
    // Configuration 0 is the best; its first repeat (trial 0) diverges at the first rung.
    const values = [0.1, 0.3, 0.8];
    const s = new WithRepeats(
      createStrategy({ type: 'successive-halving', candidates: 3, reductionFactor: 3, minBudget: 1, maxBudget: 3 }, space, { seed: 1, direction: 'minimize', budget: 3 }),
      3,
    );
    const r = simulate(s, { objective: (_p, _b, n) => values[Math.floor(n / 3)]!, fail: (_p, _b, n) => n === 0 });
    expect(r.trials[0]!.state).toBe('failed');
    // Its other two repeats reach the top rung; the failed one is never handed out again.
    expect(r.trials.filter((t) => t.budget === 3).map((t) => t.number)).toEqual([1, 2]);
    expect(r.jobs.filter((j) => j.number === 0)).toHaveLength(1);
  });

  it('promotes on the mean of the repeats: a configuration with one lucky seed does not beat a steadily good one', () => {
    // Config 0's repeats: 0.1, 0.9, 0.9 (mean 0.63); config 1's: 0.3, 0.3, 0.3; the rest are worse.
    const values = [[0.1, 0.9, 0.9], [0.3, 0.3, 0.3], [0.8, 0.8, 0.8]];
    const s = new WithRepeats(
      createStrategy({ type: 'successive-halving', candidates: 3, reductionFactor: 3, minBudget: 1, maxBudget: 3 }, space, { seed: 1, direction: 'minimize', budget: 3 }),
      3,
    );
    const r = simulate(s, { objective: (_p, _b, n) => values[Math.floor(n / 3)]![n % 3]! });
    const promoted = r.trials.filter((t) => t.budget === 3).map((t) => t.number);
    expect(promoted).toEqual([3, 4, 5]);
  });

  it('is the same strategy when k = 1', () => {
    const a = simulate(sha());
    const b = simulate(new WithRepeats(sha(), 1));
    expect(b.decisions).toEqual(a.decisions);
  });

  it('lets TPE learn from configuration means, the same on any number of workers', () => {
    // Repeat r of configuration c scores its lr's distance to 0.01 plus noise that averages out over the 3 repeats.
    const objective = (p: Record<string, unknown>, _b: number, n: number) => Math.abs(Math.log10(p.lr as number) + 2) + [0.5, -0.5, 0][n % 3]!;
    const one = simulate(new WithRepeats(tpe(7), 3), { objective });
    const four = simulate(new WithRepeats(tpe(7), 3), { objective, workers: 4, orderSeed: 3 });
    expect(four.trials.map((t) => [t.params, t.rungValues.get(4)])).toEqual(one.trials.map((t) => [t.params, t.rungValues.get(4)]));
    expect(one.trials).toHaveLength(48);
    // maxConcurrent 2 configurations = 6 trials at once.
    expect(new WithRepeats(tpe(7), 3).concurrency).toBe(6);
    expect(new WithRepeats(sha(), 3).concurrency).toBeUndefined();
  });
});

describe('repeats of a forked configuration (PBT)', () => {
  it('fork repeat j of a configuration from repeat j of its donor, at the donor\'s budget', () => {
    const pbt = new Pbt(space, { seed: 3, direction: 'minimize' }, { population: 4, interval: 2, maxBudget: 6, quantile: 0.5, mutate: ['lr'] });
    const result = simulate(new WithRepeats(pbt, 3), { workers: 4, orderSeed: 1 });
    const forks = result.decisions.flatMap((d) => (d.kind === 'start' && d.fork ? [{ number: d.number, ...d.fork }] : []));
    // Two configurations replaced at each of two boundaries, three repeats each.
    expect(forks).toHaveLength(2 * 2 * 3);
    for (const f of forks) expect(f.from % 3).toBe(f.number % 3);
    // A failed repeat of the donor is stood in for by the donor's first live one.
    const failing = simulate(new WithRepeats(pbt, 3), { workers: 2, fail: (_p, _b, n) => n === 1 || n === 4 || n === 7 || n === 10 });
    const stood = failing.decisions.flatMap((d) => (d.kind === 'start' && d.fork ? [d.fork.from] : []));
    expect(stood.length).toBeGreaterThan(0);
    for (const from of stood) expect(failing.trials[from]!.state).not.toBe('failed');
    for (const f of forks) expect(result.trials[f.number]!.params).toEqual(result.trials[f.number - (f.number % 3)]!.params);
    expect(result.decisions.at(-1)).toEqual({ kind: 'done' });
  });
});
