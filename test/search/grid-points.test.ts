import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { gridCell, gridPoints, gridSize } from '../../src/search/grid-points.js';
import type { Space } from '../../src/search/space.js';

describe('gridPoints', () => {
  it('uses explicit values and choices in order', () => {
    expect(gridPoints({ type: 'float', low: 0, high: 1, values: [0.5, 0.1] })).toEqual([0.5, 0.1]);
    expect(gridPoints({ type: 'categorical', choices: ['adam', 'sgd'] })).toEqual(['adam', 'sgd']);
  });

  it('spaces points evenly, both ends included', () => {
    expect(gridPoints({ type: 'float', low: 0, high: 1, points: 5 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(gridPoints({ type: 'float', low: 0, high: 0.3, points: 4 })).toEqual([0, 0.1, 0.2, 0.3]);
    expect(gridPoints({ type: 'float', low: 2, high: 3, points: 1 })).toEqual([2]);
  });

  it('spaces points on the log scale when log is true', () => {
    expect(gridPoints({ type: 'float', low: 1e-4, high: 1e-1, log: true, points: 4 })).toEqual([1e-4, 1e-3, 1e-2, 1e-1]);
    expect(gridPoints({ type: 'float', low: 1, high: 100, log: true, points: 3 })).toEqual([1, 10, 100]);
    expect(gridPoints({ type: 'int', low: 1, high: 1000, log: true, points: 4 })).toEqual([1, 10, 100, 1000]);
  });

  it('rounds and deduplicates int points, snapping to the step', () => {
    expect(gridPoints({ type: 'int', low: 1, high: 4, points: 7 })).toEqual([1, 2, 3, 4]);
    expect(gridPoints({ type: 'int', low: 1, high: 8, log: true, points: 7 })).toEqual([1, 2, 3, 4, 6, 8]);
    expect(gridPoints({ type: 'int', low: 0, high: 100, step: 10, points: 4 })).toEqual([0, 30, 70, 100]);
    expect(gridPoints({ type: 'float', low: 0, high: 1, step: 0.25, points: 3 })).toEqual([0, 0.5, 1]);
  });

  it('enumerates an int range by step', () => {
    expect(gridPoints({ type: 'int', low: 8, high: 40, step: 8 })).toEqual([8, 16, 24, 32, 40]);
    expect(gridPoints({ type: 'int', low: 0, high: 9, step: 4 })).toEqual([0, 4, 8]);
  });

  it('refuses a float without values or points', () => {
    expect(() => gridPoints({ type: 'float', low: 0, high: 1 })).toThrow(ValidationError);
  });
});

describe('gridCell / gridSize', () => {
  const space: Space = {
    opt: { type: 'categorical', choices: ['sgd', 'adam'] },
    lr: { type: 'float', low: 0.001, high: 0.1, log: true, points: 3 },
    batch: { type: 'int', low: 16, high: 32, step: 16 },
  };

  it('has the product of the per-param counts', () => {
    expect(gridSize(space)).toBe(2 * 3 * 2);
    expect(gridSize({ n: { type: 'int', low: 0, high: 1e9 } })).toBe(1e9 + 1);
  });

  it('orders cells by sorted names, the last name varying fastest', () => {
    const cells = Array.from({ length: gridSize(space) }, (_, i) => gridCell(space, i));
    expect(cells.slice(0, 4)).toEqual([
      { batch: 16, lr: 0.001, opt: 'sgd' },
      { batch: 16, lr: 0.001, opt: 'adam' },
      { batch: 16, lr: 0.01, opt: 'sgd' },
      { batch: 16, lr: 0.01, opt: 'adam' },
    ]);
    expect(cells[6]).toEqual({ batch: 32, lr: 0.001, opt: 'sgd' });
    expect(cells[11]).toEqual({ batch: 32, lr: 0.1, opt: 'adam' });
    expect(Object.keys(cells[5]!)).toEqual(['batch', 'lr', 'opt']);
    expect(new Set(cells.map((c) => JSON.stringify(c))).size).toBe(12);
  });

  it('addresses a cell of a huge grid without listing it', () => {
    const big: Space = { a: { type: 'int', low: 0, high: 999_999 }, b: { type: 'int', low: 0, high: 999_999 } };
    expect(gridCell(big, 123_456_789_012)).toEqual({ a: 123_456, b: 789_012 });
  });

  it('tells a parent that is null from one a trial does not have', () => {
    // split exists where maxDepth is null, and maxDepth only for trees; opt branches after both. The
    // cells are counted by the values of the parents still to come: a linear model (no maxDepth) must
    // not reuse the count of a tree whose maxDepth is null.
    const s: Space = {
      model: { type: 'categorical', choices: ['linear', 'tree'] },
      maxDepth: { type: 'categorical', choices: [null, 4], when: { model: 'tree' } },
      opt: { type: 'categorical', choices: ['sgd', 'momentum'] },
      split: { type: 'int', low: 2, high: 4, when: { maxDepth: null } },
      mu: { type: 'categorical', choices: [0.5, 0.9], when: { opt: 'momentum' } },
    };
    // opt: sgd 1 + momentum 2 = 3 ways; linear 3, tree with maxDepth 4: 3, tree with null: 3 × 3 splits.
    expect(gridSize(s)).toBe(3 + 3 + 9);
    const cells = Array.from({ length: gridSize(s) }, (_, i) => gridCell(s, i));
    expect(new Set(cells.map((c) => JSON.stringify(Object.entries(c).sort()))).size).toBe(15);
    expect(cells.filter((c) => c.model === 'linear')).toHaveLength(3);
    expect(cells.filter((c) => c.maxDepth === null && c.split !== undefined)).toHaveLength(9);
    expect(cells.filter((c) => c.model === 'linear' && 'maxDepth' in c)).toEqual([]);
  });

  it('rejects an index outside the grid', () => {
    expect(() => gridCell(space, 12)).toThrow(RangeError);
    expect(() => gridCell(space, -1)).toThrow(RangeError);
    expect(() => gridCell(space, 1.5)).toThrow(RangeError);
  });
});

describe('a constant param (low = high)', () => {
  it('has one grid value, whatever points says, so the grid has no copies of a cell', () => {
    expect(gridPoints({ type: 'int', low: 3, high: 3 })).toEqual([3]);
    expect(gridPoints({ type: 'int', low: 3, high: 3, points: 4 })).toEqual([3]);
    expect(gridPoints({ type: 'int', low: 4, high: 4, points: 4, log: true })).toEqual([4]);
    expect(gridPoints({ type: 'float', low: 0.1, high: 0.1, points: 3 })).toEqual([0.1]);
    expect(gridPoints({ type: 'float', low: 0.01, high: 0.01, points: 3, log: true })).toEqual([0.01]);
    expect(gridPoints({ type: 'float', low: 0.5, high: 0.5, points: 3, step: 0.1 })).toEqual([0.5]);
    const space: Space = { a: { type: 'float', low: 0.1, high: 0.1, points: 3 }, b: { type: 'categorical', choices: ['x', 'y'] } };
    expect(gridSize(space)).toBe(2);
    expect([gridCell(space, 0), gridCell(space, 1)]).toEqual([{ a: 0.1, b: 'x' }, { a: 0.1, b: 'y' }]);
  });
});
