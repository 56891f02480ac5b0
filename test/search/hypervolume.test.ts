import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { hypervolume } from '../../src/search/hypervolume.js';

/** The hypervolume of integer points by counting the unit cells [c, c + 1) of the box [0, reference) some point dominates. */
function countCells(points: readonly (readonly number[])[], reference: readonly number[]): number {
  let count = 0;
  const cell = reference.map(() => 0);
  const visit = (axis: number): void => {
    if (axis === reference.length) {
      if (points.some((p) => p.every((v, i) => v <= cell[i]!))) count++;
      return;
    }
    for (let c = 0; c < reference[axis]!; c++) {
      cell[axis] = c;
      visit(axis + 1);
    }
  };
  visit(0);
  return count;
}

describe('hypervolume', () => {
  it('matches hand-computed values in 1, 2 and 3 objectives', () => {
    expect(hypervolume([[2], [3.5]], [5])).toBe(3);
    // Strips of widths 1, 1, 1 and heights 1, 2, 3.
    expect(hypervolume([[1, 3], [2, 2], [3, 1]], [4, 4])).toBe(6);
    // A dominated point and a repeated one add nothing.
    expect(hypervolume([[1, 3], [2, 2], [3, 1], [3, 3], [2, 2]], [4, 4])).toBe(6);
    expect(hypervolume([[1, 1, 1]], [2, 3, 4])).toBe(6);
    // Two boxes of 2 overlapping in 1.
    expect(hypervolume([[0, 0, 1], [0, 1, 0]], [1, 2, 2])).toBe(3);
    // Three boxes of 6, pairwise overlaps of 2, all three overlapping in 1: 18 − 6 + 1.
    expect(hypervolume([[1, 2, 3], [2, 3, 1], [3, 1, 2]], [4, 4, 4])).toBe(13);
    // Two boxes of 0.375 overlapping in 0.25.
    expect(hypervolume([[0.5, 0.25], [0.25, 0.5]], [1, 1])).toBe(0.5);
  });

  it('ignores points not strictly better than the reference on every axis', () => {
    expect(hypervolume([[1, 4], [4, 1], [5, 0]], [4, 4])).toBe(0);
    expect(hypervolume([[1, 4], [3, 3]], [4, 4])).toBe(1);
    expect(hypervolume([], [1, 1])).toBe(0);
  });

  it('matches counting grid cells on random integer points in 2, 3 and 4 objectives', () => {
    const rng = new Rng(5);
    for (const [m, side, n] of [[2, 12, 15], [3, 8, 25], [4, 6, 30]] as const) {
      for (let rep = 0; rep < 6; rep++) {
        const points = Array.from({ length: n }, () => Array.from({ length: m }, () => rng.int(side + 2)));
        const reference = Array.from({ length: m }, () => side);
        expect(hypervolume(points, reference)).toBe(countCells(points, reference));
      }
    }
  });

  it('agrees with a Monte Carlo estimate on a few hundred points of a 3- and 4-objective front', () => {
    const rng = new Rng(9);
    for (const m of [3, 4]) {
      // Points on the unit sphere's positive orthant: all non-dominated.
      const points = Array.from({ length: m === 3 ? 300 : 150 }, () => {
        const v = Array.from({ length: m }, () => Math.abs(rng.normal()));
        const norm = Math.hypot(...v);
        return v.map((x) => x / norm);
      });
      const reference = Array(m).fill(1.1);
      const started = performance.now();
      const value = hypervolume(points, reference);
      expect(performance.now() - started).toBeLessThan(2000);
      const samples = 20_000;
      let hits = 0;
      for (let s = 0; s < samples; s++) {
        const y = reference.map((r) => rng.uniform(0, r));
        if (points.some((p) => p.every((v, i) => v <= y[i]!))) hits++;
      }
      const share = hits / samples;
      // Within 4 standard deviations of the estimate.
      expect(Math.abs(value / 1.1 ** m - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / samples));
    }
  });

  it('names a point of the wrong length, a NaN and an empty reference instead of counting them as nothing', () => {
    expect(() => hypervolume([[1, 2, 3]], [4, 4])).toThrow('hypervolume: point 0 must be 2 numbers, as the reference (got [1,2,3])');
    expect(() => hypervolume([[0, 0], [Number.NaN, 1]], [4, 4])).toThrow(/^hypervolume: point 1 must be 2 numbers/);
    expect(() => hypervolume([[1, 1]], [4, Number.NaN])).toThrow(/^hypervolume: the reference must be a non-empty list of numbers/);
    expect(() => hypervolume([], [])).toThrow(/^hypervolume: the reference/);
    // Infinite values are numbers: a point at +Infinity adds nothing, the reference may be unbounded.
    expect(hypervolume([[1, Infinity]], [4, 4])).toBe(0);
  });
});
