import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../src/cli/render-plan.js';
import { exhaustLine, trialCapLine } from '../../src/cli/render-plan.js';
import { Pbt } from '../../src/search/pbt.js';
import type { Space } from '../../src/search/space.js';
import { WithRepeats } from '../../src/search/with-repeats.js';

const space: Space = { lr: { type: 'float', low: 1e-4, high: 1, log: true } };
const pbt = (quantile = 0.25) => new Pbt(space, { seed: 1, direction: 'minimize' }, { population: 8, interval: 3, maxBudget: 15, mutate: ['lr'], quantile });

describe('renderPlan', () => {
  it('prints a halving plan as its rung table with both totals, as before', () => {
    const plan = [{ bracket: 0, rungs: [{ rung: 0, trials: 27, budget: 3 }, { rung: 1, trials: 9, budget: 9 }, { rung: 2, trials: 3, budget: 27 }] }];
    expect(renderPlan(plan, true)).toBe(
      [
        'bracket  rung  trials  budget',
        '───────  ────  ──────  ──────',
        '      0     0      27       3',
        '      0     1       9       9',
        '      0     2       3      27',
        'total: 189 epochs with warm starts, 243 retraining from scratch',
      ].join('\n'),
    );
    expect(renderPlan([{ bracket: 0, rungs: [{ rung: 0, trials: 20, budget: 10 }] }], undefined)).toBe(
      ['bracket  rung  trials  budget', '───────  ────  ──────  ──────', '      0     0      20      10', 'total: 200 epochs'].join('\n'),
    );
  });

  it('prints a PBT plan as generations: members, the epochs they train, how many are replaced after; no from-scratch total', () => {
    const text = renderPlan(pbt().plan(), true);
    expect(text).toBe(
      [
        'generation  members  epochs  then replaced',
        '──────────  ───────  ──────  ─────────────',
        '         0        8     0–3              2',
        '         1        8     3–6              2',
        '         2        8     6–9              2',
        '         3        8    9–12              2',
        '         4        8   12–15           none',
        'total: 120 epochs (8 members × 15); 16 trials if no member fails',
        "PBT always continues from checkpoints (a replacement from a copy of its donor's): nothing retrains from scratch",
      ].join('\n'),
    );
    expect(renderPlan(pbt(0.5).plan(), true)).toMatch(/^ {9}0 {8}8 {5}0–3 {14}4$/m);
    // With repeats, a member is a configuration run that many times, as `rungs show` counts it: the plan's trials
    // (what the run counts) are members × repeats, and a replaced member is replaced with all its repeats.
    const lines = text.split('\n');
    expect(renderPlan(new WithRepeats(pbt(), 2).plan(), true, 2).split('\n')).toEqual([
      ...lines.slice(0, 7),
      'members and those replaced are configurations (× 2 repeats: 16 trials)',
      'total: 240 epochs (8 members × 2 repeats × 15); 32 trials if no member fails',
      lines[8],
    ]);
  });

  it('says when the trial cap stops a plan before its last trial (it counts PBT replacements too), and nothing otherwise', () => {
    expect(trialCapLine(undefined, 48)).toBeNull();
    expect(trialCapLine(48, 48)).toBeNull();
    expect(trialCapLine(16, 48)).toBe("trial cap (maxTrials): 16 of the plan's 48 trials — no trial starts past it, and those that would have gone on from there never do");
  });
});

describe('exhaustLine', () => {
  it('says what "exhaust" came to and what one more would train, and nothing for a count given', () => {
    expect(exhaustLine(undefined)).toBeNull();
    expect(exhaustLine({ option: 'candidates', count: 125, epochs: 357, next: 366, maxEpochs: 360 })).toBe(
      'candidates "exhaust": 125, the most whose plan fits in maxEpochs 360 (357 epochs; 126 would train 366)',
    );
    expect(exhaustLine({ option: 'candidates', count: 4, epochs: 30, next: 31, gridCells: 6, maxEpochs: 30 })).toBe(
      'candidates "exhaust": 4 of the grid\'s 6 cells, the most whose plan fits in maxEpochs 30 (30 epochs; 5 would train 31)',
    );
    // The grid holds no more cells: no "would train" for a candidate there cannot be.
    expect(exhaustLine({ option: 'candidates', count: 6, epochs: 34, gridCells: 6, maxEpochs: 360 })).toBe('candidates "exhaust": 6, every cell of the grid (34 epochs of maxEpochs 360)');
    expect(exhaustLine({ option: 'iterations', count: 3, epochs: 1071, next: 1428, maxEpochs: 1080 })).toBe(
      'iterations "exhaust": 3, the most whose plan fits in maxEpochs 1080 (1071 epochs; 4 would train 1428)',
    );
  });

  it('says what aggressiveElimination made of a ladder too short for minBudget "exhaust"', () => {
    expect(exhaustLine({ option: 'minBudget', minBudget: 1, candidates: 500, maxBudget: 27, top: 2, needs: 243, aggressive: true })).toBe(
      'minBudget "exhaust": 1, the smallest; 500 candidates would need maxBudget 243 to halve to fewer than η, and aggressiveElimination\'s repeated first cut halves them to 2 by maxBudget 27',
    );
  });

  it('says what minBudget "exhaust" came to, and which maxBudget a ladder too short would need', () => {
    expect(exhaustLine({ option: 'minBudget', minBudget: 3, candidates: 36, maxBudget: 81, top: 1, needs: 27 })).toBe(
      'minBudget "exhaust": 3, the largest from which 36 candidates halve to 1 by maxBudget 81',
    );
    expect(exhaustLine({ option: 'minBudget', minBudget: 1, candidates: 500, maxBudget: 27, top: 18, needs: 243 })).toBe(
      'minBudget "exhaust": 1, the smallest, and 500 candidates still halve only to 18 by maxBudget 27 (to fewer than η they need maxBudget 243)',
    );
  });
});
