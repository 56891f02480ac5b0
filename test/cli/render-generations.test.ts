import { describe, expect, it } from 'vitest';
import { renderGenerations } from '../../src/cli/render-generations.js';
import type { PbtGeneration } from '../../src/search/pbt-history.js';

const generation = (g: number, from: number, budget: number, more: Partial<PbtGeneration>): PbtGeneration => ({
  generation: g,
  from,
  budget,
  planned: 4,
  members: [],
  reached: 4,
  failed: 0,
  best: null,
  replaced: [],
  ...more,
});

describe('renderGenerations', () => {
  it('prints per generation its members, best and each replacement on a line of its own, never a "promoted"', () => {
    const lines = renderGenerations([
      generation(0, 0, 3, { best: { number: 1, value: 0.5 }, replaced: [{ number: 2, by: 4, copyOf: 1 }, { number: 3, by: 5, copyOf: 0 }] }),
      generation(1, 3, 6, { reached: 3, failed: 1, best: { number: 4, value: 0.25 } }),
    ]);
    expect(lines).toEqual([
      'generations (after each, the bottom members are replaced by copies of top ones, the others continue):',
      [
        'gen  epochs  members   done     best  replaced → by',
        '───  ──────  ───────  ─────  ───────  ────────────────────',
        '  0     0–3        4      4   0.5 #1  #2 → #4 (copy of #1)',
        '                                      #3 → #5 (copy of #0)',
        '  1     3–6        4  3 +1✗  0.25 #4',
      ].join('\n'),
    ]);
    // With repeats, members are configurations, counted as `rungs plan` counts them.
    const repeats = renderGenerations([generation(0, 0, 3, {})], 3);
    expect(repeats[0]).toBe(lines[0]);
    expect(repeats.at(-1)).toBe('members and those replaced are configurations (× 3 repeats: 12 trials), each named by its first trial');
    expect(lines).toHaveLength(2);
  });
});
