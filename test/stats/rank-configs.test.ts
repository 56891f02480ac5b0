import { describe, expect, it } from 'vitest';
import { rankConfigs, type RankInput } from '../../src/stats/rank-configs.js';
import { welchTTest } from '../../src/stats/welch-t-test.js';
import { configGroupBy } from '../../src/study/config-group-by.js';

let next = 0;
function trial(params: RankInput['params'], value: number | null, over: Partial<RankInput> = {}): RankInput {
  return { number: next++, params, state: 'complete', value, budget: 10, ...over };
}

describe('rankConfigs', () => {
  it('groups trials with identical params (any name order) into one configuration', () => {
    next = 0;
    const ranked = rankConfigs(
      [
        trial({ lr: 0.1, opt: 'sgd' }, 2),
        trial({ lr: 0.2, opt: 'sgd' }, 5),
        trial({ opt: 'sgd', lr: 0.1 }, 4),
      ],
      'minimize',
    );
    expect(ranked).toHaveLength(2);
    expect(ranked[0]).toMatchObject({ rank: 1, key: '{"lr":0.1,"opt":"sgd"}', trials: [0, 2], n: 2, mean: 3 });
    expect(ranked[0]?.params).toEqual({ lr: 0.1, opt: 'sgd' });
    expect(ranked[1]).toMatchObject({ rank: 2, key: '{"lr":0.2,"opt":"sgd"}', trials: [1], n: 1, mean: 5 });
  });

  it('groups by groupBy when given: PBT members with the same params are configurations of their own', () => {
    next = 0;
    const trials = [trial({ lr: 0.1 }, 0.3), trial({ lr: 0.1 }, 0.5), trial({ lr: 0.2 }, 0.4), trial({ lr: 0.2 }, 0.45)];
    expect(rankConfigs(trials, 'minimize').map((c) => c.n)).toEqual([2, 2]);
    const own = rankConfigs(trials, 'minimize', { groupBy: (t) => `#${t.number}` });
    expect(own.map((c) => [c.key, c.trials, c.mean])).toEqual([['#0', [0], 0.3], ['#2', [2], 0.4], ['#3', [3], 0.45], ['#1', [1], 0.5]]);
    expect(configGroupBy({ strategy: { type: 'random', trials: 4 }, repeats: 1 })).toBeUndefined();
    const byConfig = configGroupBy({ strategy: { type: 'pbt', population: 2, interval: 1, maxBudget: 2, mutate: ['lr'] }, repeats: 2 })!;
    expect(rankConfigs(trials, 'minimize', { groupBy: byConfig }).map((c) => c.trials)).toEqual([[0, 1], [2, 3]]);
  });

  it('counts only complete or pruned trials with a finite value', () => {
    next = 0;
    const p = { x: 1 };
    const ranked = rankConfigs(
      [
        trial(p, 1),
        trial(p, 3, { state: 'pruned' }),
        trial(p, -100, { state: 'failed' }),
        trial(p, -100, { state: 'running' }),
        trial(p, -100, { state: 'queued' }),
        trial(p, null),
        trial(p, Number.NaN),
        trial(p, Number.NEGATIVE_INFINITY),
        trial({ x: 2 }, null, { state: 'failed' }),
      ],
      'minimize',
    );
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).toMatchObject({ trials: [0, 1], mean: 2 });
    expect(rankConfigs([], 'minimize')).toEqual([]);
  });

  it("aggregates only the trials at the configuration's highest budget", () => {
    next = 0;
    const p = { lr: 0.1 };
    const ranked = rankConfigs(
      [trial(p, 9, { state: 'pruned', budget: 3 }), trial(p, 1, { budget: 9 }), trial(p, 2, { budget: 9 })],
      'minimize',
    );
    expect(ranked[0]).toMatchObject({ budget: 9, trials: [1, 2], n: 2, mean: 1.5 });
  });

  it('ranks by budget first, then mean in the direction, then lowest trial number', () => {
    next = 0;
    const trials = [
      trial({ c: 'a' }, 0.1, { state: 'pruned', budget: 3 }), // 0: great value, low rung
      trial({ c: 'b' }, 0.9, { budget: 9 }), // 1
      trial({ c: 'c' }, 0.5, { budget: 9 }), // 2
      trial({ c: 'd' }, 0.5, { budget: 9 }), // 3: ties with c on mean, later number
    ];
    expect(rankConfigs(trials, 'minimize').map((s) => s.params['c'])).toEqual(['c', 'd', 'b', 'a']);
    expect(rankConfigs(trials, 'maximize').map((s) => s.params['c'])).toEqual(['b', 'c', 'd', 'a']);
    expect(rankConfigs(trials, 'minimize').map((s) => s.rank)).toEqual([1, 2, 3, 4]);
  });

  it('gives mean, sample std and the Student-t 95% interval', () => {
    next = 0;
    const p = { k: 1 };
    const [s] = rankConfigs([trial(p, 1), trial(p, 2), trial(p, 3), trial(p, 4)], 'minimize');
    // s = √(5/3); t_{0.975,3} = 3.182446305284263 (scipy.stats.t.ppf(0.975, 3)).
    const sd = Math.sqrt(5 / 3);
    const half = (3.182446305284263 * sd) / 2;
    expect(s?.mean).toBe(2.5);
    expect(s?.std).toBeCloseTo(sd, 13);
    expect(s?.ci95?.[0]).toBeCloseTo(2.5 - half, 10);
    expect(s?.ci95?.[1]).toBeCloseTo(2.5 + half, 10);
    next = 0;
    const [single] = rankConfigs([trial(p, 7)], 'minimize');
    expect(single).toMatchObject({ n: 1, mean: 7, std: null, ci95: null });
  });

  it('flags configurations a Welch test cannot tell apart from the best', () => {
    next = 0;
    const best = [0.3, 0.31, 0.29];
    const close = [0.31, 0.3, 0.32];
    const far = [0.4, 0.41, 0.39];
    const trials = [
      ...far.map((v) => trial({ c: 'far' }, v)),
      ...best.map((v) => trial({ c: 'best' }, v)),
      ...close.map((v) => trial({ c: 'close' }, v)),
      trial({ c: 'single' }, 0.3),
      trial({ c: 'lowRung' }, 0.3, { state: 'pruned', budget: 3 }),
      trial({ c: 'lowRung' }, 0.3, { state: 'pruned', budget: 3 }),
    ];
    const ranked = rankConfigs(trials, 'minimize');
    const by = (c: string) => ranked.find((s) => s.params['c'] === c);
    expect(ranked[0]?.params['c']).toBe('best');
    expect(by('best')).toMatchObject({ tiedWithBest: true, pValue: null });
    const pClose = welchTTest(close, best).pValue;
    expect(pClose).toBeGreaterThan(0.05);
    expect(by('close')?.pValue).toBeCloseTo(pClose, 14);
    expect(by('close')?.tiedWithBest).toBe(true);
    expect(by('far')?.pValue).toBeLessThan(0.05);
    expect(by('far')?.tiedWithBest).toBe(false);
    // n = 1: no test, never tied.
    expect(by('single')).toMatchObject({ pValue: null, tiedWithBest: false });
    // Below the best's budget: not comparable.
    expect(by('lowRung')).toMatchObject({ pValue: null, tiedWithBest: false });

    // A stricter reading (alpha above the p-value) unties `close`.
    const strict = rankConfigs(trials, 'minimize', { alpha: pClose + 0.01 });
    expect(strict.find((s) => s.params['c'] === 'close')?.tiedWithBest).toBe(false);
  });

  it('has no test when the best has a single trial', () => {
    next = 0;
    const ranked = rankConfigs([trial({ c: 1 }, 1), trial({ c: 2 }, 1.1), trial({ c: 2 }, 1.2)], 'minimize');
    expect(ranked[0]).toMatchObject({ n: 1, tiedWithBest: true, pValue: null });
    expect(ranked[1]).toMatchObject({ n: 2, tiedWithBest: false, pValue: null });
  });

  it('rejects an alpha outside (0, 1)', () => {
    expect(() => rankConfigs([], 'minimize', { alpha: 0 })).toThrow(RangeError);
    expect(() => rankConfigs([], 'minimize', { alpha: 1.5 })).toThrow(RangeError);
  });
});
