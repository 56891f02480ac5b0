import { describe, expect, it } from 'vitest';
import { latticeSize, latticeValue } from '../../src/search/lattice.js';

describe('latticeSize / latticeValue', () => {
  it('count and list the lattice, the end that float noise misses included', () => {
    expect(latticeSize(0, 1, 0.1)).toBe(11);
    expect(latticeValue(0, 1, 0.1, 3)).toBe(0.3);
    expect(latticeValue(0, 1, 0.1, 10)).toBe(1);
    expect(latticeSize(8, 100, 8)).toBe(12);
  });

  it('give a constant param (low = high) one point, low', () => {
    expect(latticeSize(3, 3, 1)).toBe(1);
    expect(latticeSize(0.5, 0.5, 0.1)).toBe(1);
    expect(latticeValue(0.5, 0.5, 0.1, 0)).toBe(0.5);
  });
});
