import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { RungRankings } from '../../src/search/rung-rankings.js';
import type { Direction, TrialState, TrialView } from '../../src/search/strategy.js';
import { isInFlight } from '../../src/search/trial-queries.js';
import type { TrialRow } from '../../src/storage/storage.js';
import { TrialMirror } from '../../src/study/trial-mirror.js';
import { trial } from './views.js';

const BUDGETS = [1, 3, 9, 27];
const VALUES = [0.1, 0.2, 0.2, 0.3, 0.5, -1, 0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const STATES: TrialState[] = ['queued', 'running', 'pruned', 'pruned', 'complete', 'failed'];

function pickOf<T>(rng: Rng, list: readonly T[]): T {
  return list[rng.int(list.length)]!;
}

/** A new row for trial `number`: some rung values (ties, NaN, ±Inf among them), any state, target and bracket. */
function randomRow(rng: Rng, number: number): TrialView {
  const values: Record<number, number> = {};
  for (const b of BUDGETS) if (rng.next() < 0.6) values[b] = pickOf(rng, VALUES);
  return trial(number, { values, state: pickOf(rng, STATES), target: pickOf(rng, BUDGETS), bracket: rng.int(3) });
}

/** The definition, by sorting: the rung's ranking (finite values, best first, ties by number), its first k, the first eligible trial among them. */
function bySorting(trials: readonly TrialView[], budget: number, direction: Direction, k: (m: number) => number, eligible: (t: TrialView) => boolean) {
  const sign = direction === 'maximize' ? -1 : 1;
  const ranked = trials
    .filter((t) => Number.isFinite(t.rungValues.get(budget)))
    .sort((a, b) => sign * (a.rungValues.get(budget)! - b.rungValues.get(budget)!) || a.number - b.number);
  return { ranked: ranked.length, trial: ranked.slice(0, k(ranked.length)).find(eligible) };
}

const eligible = (t: TrialView, budget: number) => t.target <= budget && t.state !== 'failed' && !isInFlight(t);
const groupOf = (limit: number) => (t: TrialView) => (t.number >= limit ? undefined : t.bracket);
const TOPS: ((m: number) => number)[] = [(m) => Math.floor(m / 3), (m) => m - 2, () => 0, (m) => m, () => 1];
/** Group g's ladder: the budgets from the g-th on (as ASHA's and Hyperband's brackets start higher). */
const ladder = (g: number) => BUDGETS.slice(g);
const reached = (t: TrialView, budget: number) => t.target >= budget;
const COUNTS = [reached, (t: TrialView, budget: number) => t.target === budget && isInFlight(t)];

function rankingsFor(direction: Direction, limit: number, withRanks: boolean): RungRankings {
  return new RungRankings({ direction, groupOf: groupOf(limit), budgetsOf: ladder, eligible, counts: COUNTS, ...(withRanks ? { ranks: reached } : {}) });
}

/** Every (group, rung, top) asked of the rankings gives what sorting and counting give on the same trials. */
function expectSameAsScan(r: RungRankings, trials: readonly TrialView[], direction: Direction, limit: number, withRanks: boolean): void {
  const inGroup = trials.filter((t) => t.number < limit);
  expect(r.inFlight).toBe(inGroup.filter(isInFlight).length);
  for (let group = 0; group < 3; group++) {
    const members = inGroup.filter((t) => t.bracket === group);
    expect(r.members(group)).toEqual({ count: members.length, inFlight: members.filter(isInFlight).length });
    ladder(group).forEach((budget, rung) => {
      COUNTS.forEach((c, i) => expect(r.count(group, rung, i)).toBe(members.filter((t) => c(t, budget)).length));
      const ranked = withRanks ? members.filter((t) => reached(t, budget)) : members;
      for (const top of TOPS) {
        const want = bySorting(ranked, budget, direction, top, (t) => eligible(t, budget));
        const got = r.pick(group, rung, top);
        expect(got.ranked).toBe(want.ranked);
        expect(got.trial).toBe(want.trial);
      }
    });
  }
}

describe('RungRankings', () => {
  it('answers as sorting and counting do while rows change, are added and removed, one at a time and all at once', () => {
    const rng = new Rng(11);
    for (let round = 0; round < 60; round++) {
      const direction: Direction = round % 2 === 0 ? 'minimize' : 'maximize';
      const limit = rng.next() < 0.5 ? 1e9 : 40;
      const withRanks = rng.next() < 0.5;
      const r = rankingsFor(direction, limit, withRanks);
      let trials: TrialView[] = [];
      for (let step = 0; step < 40; step++) {
        const roll = rng.next();
        if (roll < 0.5) {
          // The mirror's way: a few rows replaced, a few appended.
          trials = [...trials];
          for (let k = rng.int(4); k > 0 && trials.length > 0; k--) {
            const i = rng.int(trials.length);
            trials[i] = randomRow(rng, trials[i]!.number);
          }
          for (let k = rng.int(6); k > 0; k--) trials.push(randomRow(rng, trials.length));
        } else if (roll < 0.7) {
          // A copy of every row (the simulator's views): ranked again from scratch.
          trials = trials.map((t) => ({ ...t, rungValues: new Map(t.rungValues) }));
        } else if (roll < 0.8) {
          trials = trials.slice(0, rng.int(trials.length + 1));
        } else if (roll < 0.9) {
          // Rows in another order (a hand-built view): positions change, trials do not.
          trials = [...trials];
          rng.shuffle(trials as unknown as { length: number; [i: number]: number });
        } else {
          for (let k = 100; k > 0; k--) trials.push(randomRow(rng, trials.length));
        }
        r.sync({ trials });
        expectSameAsScan(r, trials, direction, limit, withRanks);
      }
    }
  });

  it("follows a mirror's change log, also when it lags behind the log's start or meets a view without one", () => {
    const rng = new Rng(12);
    for (let round = 0; round < 12; round++) {
      const direction: Direction = round % 2 === 0 ? 'minimize' : 'maximize';
      const withRanks = round % 3 !== 0;
      const r = rankingsFor(direction, 1e9, withRanks);
      const mirror = new TrialMirror();
      const apply = (rows: TrialView[]) => mirror.apply(rows as unknown as TrialRow[]);
      apply(Array.from({ length: 20 }, (_, n) => randomRow(rng, n)));
      for (let step = 0; step < 60; step++) {
        const roll = rng.next();
        // Rows replaced and appended, as claims and results do; now and then a long burst unseen, after
        // which the log (trimmed past 4,096 entries) no longer reaches back to the rankings' last look.
        const updates = 1 + rng.int(8);
        for (let k = 0; k < updates; k++) {
          const n = rng.next() < 0.2 ? mirror.count : rng.int(mirror.count);
          apply([randomRow(rng, n)]);
        }
        // The burst's own changes come after those above: trial 0's 5,000 push them out of the log.
        if (roll < 0.1) for (let k = 0; k < 5000; k++) apply([randomRow(rng, 0)]);
        if (roll > 0.9) {
          // A copy without a log in between (prepareDecisions' view): the next look at the mirror compares every row.
          const copy = mirror.trials.map((t) => ({ ...t }));
          r.sync({ trials: copy });
          expectSameAsScan(r, copy, direction, 1e9, withRanks);
        }
        if (rng.next() < 0.3) continue;
        r.sync(mirror);
        expectSameAsScan(r, mirror.trials, direction, 1e9, withRanks);
      }
    }
  });

  it('keeps apart the logs of two mirrors', () => {
    const rng = new Rng(13);
    const r = rankingsFor('minimize', 1e9, true);
    const mirrors = [new TrialMirror(), new TrialMirror()];
    for (const [m, size] of [[mirrors[0]!, 30], [mirrors[1]!, 60]] as const) {
      m.apply(Array.from({ length: size }, (_, n) => randomRow(rng, n)) as unknown as TrialRow[]);
    }
    for (let step = 0; step < 40; step++) {
      const m = mirrors[step % 2]!;
      for (let k = 1 + rng.int(5); k > 0; k--) m.apply([randomRow(rng, rng.int(m.count))] as unknown as TrialRow[]);
      r.sync(m);
      expectSameAsScan(r, m.trials, 'minimize', 1e9, true);
    }
  });

  it('ranks by value, then by the lower number, and counts only finite values', () => {
    const r = new RungRankings({ direction: 'minimize', groupOf: () => 0, budgetsOf: () => [1, 3, 9], eligible });
    const trials = [
      trial(0, { values: { 1: 0.3 } }),
      trial(1, { values: { 1: 0.2 } }),
      trial(2, { values: { 1: 0.2 } }),
      trial(3, { values: { 1: Number.NaN } }),
      trial(4, { values: { 1: 0.1 }, target: 3 }),
    ];
    r.sync({ trials });
    // Trial 4 ranks first but went on to 3: trial 1 is the best the rung may promote, second of 4 ranked.
    expect(r.pick(0, 0, () => 2)).toEqual({ ranked: 4, trial: trials[1] });
    expect(r.pick(0, 0, () => 1)).toEqual({ ranked: 4, trial: undefined });
    r.sync({ trials: [...trials.slice(0, 4), trial(4, { values: { 1: 0.1 } })] });
    expect(r.pick(0, 0, () => 1).trial?.number).toBe(4);
    expect(r.pick(0, 2, () => 5)).toEqual({ ranked: 0, trial: undefined });
  });

  it('returns nothing when the best eligible trial is not in the top k, in either direction', () => {
    const trials = [trial(0, { values: { 1: 0.1 }, target: 3 }), trial(1, { values: { 1: 0.2 } }), trial(2, { values: { 1: 0.3 } })];
    const min = new RungRankings({ direction: 'minimize', groupOf: () => 0, budgetsOf: () => [1, 3], eligible });
    const max = new RungRankings({ direction: 'maximize', groupOf: () => 0, budgetsOf: () => [1, 3], eligible });
    min.sync({ trials });
    max.sync({ trials });
    expect(min.pick(0, 0, () => 1)).toEqual({ ranked: 3, trial: undefined });
    expect(min.pick(0, 0, () => 2).trial?.number).toBe(1);
    expect(max.pick(0, 0, () => 1).trial?.number).toBe(2);
    min.sync({ trials: [] });
    expect(min.pick(0, 0, () => 1)).toEqual({ ranked: 0, trial: undefined });
    expect(min.members(0)).toEqual({ count: 0, inFlight: 0 });
  });
});
