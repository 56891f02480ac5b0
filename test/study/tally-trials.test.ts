import { describe, expect, it } from 'vitest';
import { tallyTrials, unionLength } from '../../src/study/tally-trials.js';

describe('tallyTrials', () => {
  const trial = (startedAt: number | null, finishedAt: number | null, state: 'complete' | 'running' = 'complete') => ({ state, epochsTrained: 1, durationMs: 10, startedAt, finishedAt });

  it('counts the time some trial was under way, without the time between two runs', () => {
    // Run 1: trials over [0, 100) and [50, 150); run 2, an hour later: [3_600_000, 3_600_040).
    const t = tallyTrials([trial(0, 100), trial(50, 150), trial(3_600_000, 3_600_040), trial(3_600_010, null, 'running')]);
    expect(t.activeMs).toBe(190);
    expect([t.firstStart, t.lastEnd]).toEqual([0, 3_600_040]);
    expect(t.counts).toMatchObject({ complete: 3, running: 1 });
    expect(tallyTrials([]).activeMs).toBe(0);
  });

  it('unionLength merges overlapping and nested intervals in any order', () => {
    expect(unionLength([[5, 10], [0, 3], [2, 4], [6, 7], [10, 12]])).toBe(4 + 7);
    expect(unionLength([])).toBe(0);
  });
});
