import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../src/rng.js';
import { hyperband, hyperbandBrackets } from '../../src/search/hyperband.js';
import { sampleParams } from '../../src/search/sample-params.js';
import { sobolUniforms } from '../../src/search/sobol-uniforms.js';
import type { Space } from '../../src/search/space.js';
import { simulate } from './simulate.js';
import { strategyContract } from './strategy-contract.js';
import { trial } from './views.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  momentum: { type: 'float', low: 0, high: 0.99 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
};
const make = (seed: number, maxBudget = 27) =>
  hyperband(space, { seed, direction: 'minimize' }, { minBudget: 1, maxBudget, reductionFactor: 3 });

/** Each bracket's number, first trial and rungs as `trials@budget`. */
const bracketTable = (brackets: ReturnType<typeof hyperbandBrackets>) =>
  brackets.map((b) => ({ bracket: b.bracket, first: b.first, rungs: b.counts.map((n, i) => `${n}@${b.budgets[i]}`).join(' ') }));

strategyContract('hyperband', (seed) => make(seed), space);
strategyContract('hyperband with 3 iterations (the outer loop)', (seed) => hyperband(space, { seed, direction: 'minimize' }, { minBudget: 1, maxBudget: 9, iterations: 3 }), space);
strategyContract('hyperband (Sobol sampler)', (seed) => hyperband(space, { seed, direction: 'minimize' }, { minBudget: 1, maxBudget: 9, sampler: 'sobol' }), space);

describe('hyperband', () => {
  it('takes Sobol point n as trial n with the Sobol sampler, in every bracket', () => {
    const trials = simulate(hyperband(space, { seed: 4, direction: 'minimize' }, { minBudget: 1, maxBudget: 9, sampler: 'sobol' }), { workers: 3, orderSeed: 2 }).trials;
    const uniforms = sobolUniforms(space, 4);
    expect(trials.length).toBeGreaterThan(9);
    for (const t of trials) expect(t.params).toEqual(sampleParams(space, uniforms(t.number)));
  });

  it('has the brackets of Li et al. for R = 81, r = 1, η = 3', () => {
    expect(bracketTable(hyperbandBrackets(1, 81, 3))).toEqual([
      { bracket: 0, first: 0, rungs: '81@1 27@3 9@9 3@27 1@81' },
      { bracket: 1, first: 81, rungs: '34@3 11@9 3@27 1@81' },
      { bracket: 2, first: 115, rungs: '15@9 5@27 1@81' },
      { bracket: 3, first: 130, rungs: '8@27 2@81' },
      { bracket: 4, first: 138, rungs: '5@81' },
    ]);
    const s = make(0, 81);
    expect(s.totalTrials).toBe(143);
    expect(s.plan().map((b) => b.rungs.map((r) => r.trials))).toEqual([[81, 27, 9, 3, 1], [34, 11, 3, 1], [15, 5, 1], [8, 2], [5]]);
  });

  it('runs the brackets k times over with iterations k: numbered on, trial ranges contiguous, trial n drawn as without iterations', () => {
    expect(bracketTable(hyperbandBrackets(1, 9, 3, 2))).toEqual([
      { bracket: 0, first: 0, rungs: '9@1 3@3 1@9' },
      { bracket: 1, first: 9, rungs: '5@3 1@9' },
      { bracket: 2, first: 14, rungs: '3@9' },
      { bracket: 3, first: 17, rungs: '9@1 3@3 1@9' },
      { bracket: 4, first: 26, rungs: '5@3 1@9' },
      { bracket: 5, first: 31, rungs: '3@9' },
    ]);
    const twice = hyperband(space, { seed: 5, direction: 'minimize' }, { minBudget: 1, maxBudget: 9, iterations: 2 });
    expect(twice.totalTrials).toBe(34);
    const once = simulate(hyperband(space, { seed: 5, direction: 'minimize' }, { minBudget: 1, maxBudget: 9 }), { workers: 2, orderSeed: 1 }).trials;
    const both = simulate(twice, { workers: 2, orderSeed: 1 }).trials;
    expect(both).toHaveLength(34);
    // The first iteration's trials are those of Hyperband without iterations; the second's are new draws (trial n from its seed).
    expect(both.slice(0, 17).map((t) => t.params)).toEqual(once.map((t) => t.params));
    for (const t of both.slice(17)) expect(t.params).toEqual(sampleParams(space, new Rng(deriveSeed(5, t.number))));
  });

  it('anchors budgets at R when R/r is not a power of η', () => {
    const table = hyperbandBrackets(1, 10, 3).map((b) => b.counts.map((n, i) => `${n}@${b.budgets[i]}`).join(' '));
    expect(table).toEqual(['9@1 3@3 1@10', '5@3 1@10', '3@10']);
    expect(hyperbandBrackets(4, 4, 3).map((b) => [b.counts, b.budgets])).toEqual([[[1], [4]]]);
  });

  it('runs every bracket to its plan, trial views carrying the bracket', () => {
    const s = make(3, 81);
    const r = simulate(s, { workers: 6, orderSeed: 2, checkImmutability: false });
    for (const b of s.plan()) {
      for (const rung of b.rungs) {
        const jobs = r.jobs.filter((j) => j.bracket === b.bracket && j.rung === rung.rung);
        expect(jobs).toHaveLength(rung.trials);
        expect(jobs.every((j) => j.to === rung.budget)).toBe(true);
      }
    }
    expect(r.trials[80]!.bracket).toBe(0);
    expect(r.trials[81]!.bracket).toBe(1);
    expect(r.trials[142]!.bracket).toBe(4);
    expect(r.trials[100]!.params).toEqual(sampleParams(space, new Rng(deriveSeed(3, 100))));
  });

  it('interleaves brackets: idle workers start the next bracket while one waits for its rung', () => {
    const s = make(1, 81);
    const running = Array.from({ length: 81 }, (_, n) => trial(n, { state: 'running', target: 1 }));
    const d = s.next({ trials: running });
    expect(d).toMatchObject({ kind: 'start', number: 81, budget: 3, bracket: 1, rung: 0 });
    const r = simulate(s, { workers: 4, orderSeed: 5, checkImmutability: false });
    const firstOf1 = r.decisions.findIndex((x) => x.kind !== 'wait' && x.kind !== 'done' && x.bracket === 1);
    const lastOf0 = r.decisions.length - 1 - [...r.decisions].reverse().findIndex((x) => x.kind !== 'wait' && x.kind !== 'done' && x.bracket === 0);
    expect(firstOf1).toBeGreaterThan(0);
    expect(firstOf1).toBeLessThan(lastOf0);
  });

  it('with one worker, finishes the brackets in order', () => {
    const r = simulate(make(1, 81), { checkImmutability: false });
    const brackets = r.decisions.flatMap((x) => (x.kind === 'start' || x.kind === 'promote' ? [x.bracket] : []));
    expect(brackets).toEqual([...brackets].sort((a, b) => a - b));
    expect(r.decisions.some((x) => x.kind === 'wait')).toBe(false);
  });

  it('prefers a promotion in an earlier bracket to a start in a later one', () => {
    const s = hyperband(space, { seed: 0, direction: 'minimize' }, { minBudget: 1, maxBudget: 9 });
    // brackets: 9@1 3@3 1@9 (0..8), 5@3 1@9 (9..13), 3@9 (14..16)
    const rung0 = Array.from({ length: 9 }, (_, n) => trial(n, { values: { 1: 9 - n } }));
    expect(s.next({ trials: rung0 })).toEqual({ kind: 'promote', number: 8, budget: 3, bracket: 0, rung: 1 });
  });

  it('is done only when every bracket is done', () => {
    const s = hyperband(space, { seed: 0, direction: 'minimize' }, { minBudget: 3, maxBudget: 3 });
    expect(s.plan()).toEqual([{ bracket: 0, rungs: [{ rung: 0, trials: 1, budget: 3 }] }]);
    expect(s.next({ trials: [trial(0, { state: 'running', target: 3 })] })).toEqual({ kind: 'wait' });
    expect(s.next({ trials: [trial(0, { state: 'complete', values: { 3: 1 } })] })).toEqual({ kind: 'done' });
  });
});
