import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { RungRankings } from '../../src/search/rung-rankings.js';
import type { Direction, TrialState, TrialView } from '../../src/search/strategy.js';
import { isInFlight, topAtBudget } from '../../src/search/trial-queries.js';
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

const eligible = (t: TrialView, budget: number) => t.target <= budget && t.state !== 'failed' && !isInFlight(t);
const groupOf = (limit: number) => (t: TrialView) => (t.number >= limit ? undefined : t.bracket);
const TOPS: ((m: number) => number)[] = [(m) => Math.floor(m / 3), (m) => m - 2, () => 0, (m) => m, () => 1];

/** Every (group, budget, top) asked of the rankings gives what topAtBudget gives on the same trials. */
function expectSameAsScan(r: RungRankings, trials: readonly TrialView[], direction: Direction, limit: number): void {
  const inGroup = trials.filter((t) => t.number < limit);
  expect(r.inFlight).toBe(inGroup.filter(isInFlight).length);
  for (let group = 0; group < 3; group++) {
    const members = inGroup.filter((t) => t.bracket === group);
    for (const budget of BUDGETS) {
      for (const top of TOPS) {
        const want = topAtBudget(members, budget, direction, top, (t) => eligible(t, budget));
        const got = r.pick(group, budget, top);
        expect(got.ranked).toBe(want.ranked);
        expect(got.trial).toBe(want.trial);
      }
    }
  }
}

describe('RungRankings', () => {
  it('answers as topAtBudget does while rows change, are added and removed, one at a time and all at once', () => {
    const rng = new Rng(11);
    for (let round = 0; round < 60; round++) {
      const direction: Direction = round % 2 === 0 ? 'minimize' : 'maximize';
      const limit = rng.next() < 0.5 ? 1e9 : 40;
      const r = new RungRankings({ direction, groupOf: groupOf(limit), eligible });
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
        r.sync(trials);
        expectSameAsScan(r, trials, direction, limit);
      }
    }
  });

  it('ranks by value, then by the lower number, and counts only finite values', () => {
    const r = new RungRankings({ direction: 'minimize', groupOf: () => 0, eligible });
    const trials = [
      trial(0, { values: { 1: 0.3 } }),
      trial(1, { values: { 1: 0.2 } }),
      trial(2, { values: { 1: 0.2 } }),
      trial(3, { values: { 1: Number.NaN } }),
      trial(4, { values: { 1: 0.1 }, target: 3 }),
    ];
    r.sync(trials);
    // Trial 4 ranks first but went on to 3: trial 1 is the best the rung may promote, second of 4 ranked.
    expect(r.pick(0, 1, () => 2)).toEqual({ ranked: 4, trial: trials[1] });
    expect(r.pick(0, 1, () => 1)).toEqual({ ranked: 4, trial: undefined });
    r.sync([...trials.slice(0, 4), trial(4, { values: { 1: 0.1 } })]);
    expect(r.pick(0, 1, () => 1).trial?.number).toBe(4);
    expect(r.pick(0, 9, () => 5)).toEqual({ ranked: 0, trial: undefined });
  });
});
