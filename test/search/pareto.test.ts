import { describe, expect, it } from 'vitest';
import { crowdingDistances, dominates, firstFront, nonDominatedFronts, toMinimize } from '../../src/search/pareto.js';
import { Rng } from '../../src/rng.js';

describe('pareto', () => {
  it('dominates: no worse anywhere and better somewhere', () => {
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([1, 3], [1, 2])).toBe(false);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([1, 3], [2, 1])).toBe(false);
    expect(dominates([2, 1], [1, 3])).toBe(false);
  });

  it('toMinimize negates the maximized objectives', () => {
    expect(toMinimize([0.3, 0.9], ['minimize', 'maximize'])).toEqual([0.3, -0.9]);
  });

  it('sorts points into fronts; equal points share one', () => {
    expect(nonDominatedFronts([[1, 4], [2, 2], [3, 3], [4, 1]])).toEqual([[0, 1, 3], [2]]);
    expect(nonDominatedFronts([[5, 5], [1, 1], [1, 1], [2, 3], [3, 2]])).toEqual([[1, 2], [3, 4], [0]]);
    expect(nonDominatedFronts([])).toEqual([]);
    expect(firstFront([[1, 4], [2, 2], [3, 3], [4, 1]])).toEqual([0, 1, 3]);
    expect(firstFront([[5, 5], [1, 1], [1, 1], [2, 3], [3, 2]])).toEqual([1, 2]);
    expect(firstFront([])).toEqual([]);
  });

  it('agrees with the definition on random points in 2 and 3 objectives', () => {
    const rng = new Rng(11);
    for (const m of [2, 3]) {
      const pts = Array.from({ length: 60 }, () => Array.from({ length: m }, () => Math.round(rng.uniform(0, 8))));
      const fronts = nonDominatedFronts(pts);
      expect(fronts.flat().sort((a, b) => a - b)).toEqual(pts.map((_, i) => i));
      // Nothing in a front is dominated by anything in it or after it; each point of front k > 0 is dominated by one in front k − 1.
      expect(firstFront(pts)).toEqual(fronts[0]);
      fronts.forEach((front, k) => {
        const later = fronts.slice(k).flat();
        for (const i of front) for (const j of later) expect(dominates(pts[j]!, pts[i]!)).toBe(false);
        if (k > 0) for (const i of front) expect(fronts[k - 1]!.some((j) => dominates(pts[j]!, pts[i]!))).toBe(true);
      });
    }
  });

  it('gives crowding distances: ends Infinity, interior the normalised gaps', () => {
    expect(crowdingDistances([[1, 4], [2, 2], [4, 1]])).toEqual([Infinity, 2, Infinity]);
    const d = crowdingDistances([[0, 10], [1, 6], [2, 5], [10, 0]]);
    expect(d[0]).toBe(Infinity);
    expect(d[3]).toBe(Infinity);
    expect(d[1]).toBeCloseTo(2 / 10 + 5 / 10, 12);
    expect(d[2]).toBeCloseTo(9 / 10 + 6 / 10, 12);
    // An objective on which every point is equal adds nothing.
    expect(crowdingDistances([[1, 7], [2, 7], [3, 7]])).toEqual([Infinity, 1, Infinity]);
    expect(crowdingDistances([])).toEqual([]);
  });
});
