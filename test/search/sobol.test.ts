import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../src/rng.js';
import { SOBOL_MAX_DIMS, sobolPoint, sobolSequence } from '../../src/search/sobol.js';
import { ROOT } from '../helpers/run-cli.js';

/** scipy's qmc.Sobol(64, scramble=False) points, times 2^30 (sobol-reference.py). */
const reference = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sobol-reference.json'), 'utf8')) as {
  dims: number;
  first: number[][];
  farFrom: number;
  far: number[][];
};

const scaled = (point: Float64Array): number[] => Array.from(point, (u) => u * 2 ** 30);
const scrambled = (seed: number, dims = SOBOL_MAX_DIMS) => sobolSequence(dims, new Rng(deriveSeed(seed, 0x7ffffffe)));

describe('sobolSequence, unscrambled', () => {
  it("is scipy's qmc.Sobol(d, scramble=False) in all 64 dimensions: points 0 … 31, and eight past 2^20", () => {
    expect(reference.dims).toBe(SOBOL_MAX_DIMS);
    const sequence = sobolSequence(SOBOL_MAX_DIMS);
    reference.first.forEach((point, n) => expect(scaled(sobolPoint(sequence, n)), `point ${n}`).toEqual(point));
    reference.far.forEach((point, i) => expect(scaled(sobolPoint(sequence, reference.farFrom + i)), `point ${reference.farFrom + i}`).toEqual(point));
  });

  it('takes 0 to 64 dimensions and points 0 … 2^30 − 1', () => {
    expect(sobolPoint(sobolSequence(0), 5)).toHaveLength(0);
    expect(() => sobolSequence(65)).toThrow('sobolSequence: dims must be an integer from 0 to 64 (got 65)');
    expect(() => sobolPoint(sobolSequence(2), 2 ** 30)).toThrow(RangeError);
    expect(() => sobolPoint(sobolSequence(2), -1)).toThrow(RangeError);
  });
});

describe('sobolSequence, scrambled (linear matrix scramble and digital shift)', () => {
  it('keeps the net property: the first 2^k points (k = 1 … 6) fill each interval [i/2^k, (i+1)/2^k) of every coordinate once', () => {
    for (const seed of [0, 1, 7, 12345]) {
      const sequence = scrambled(seed);
      for (let k = 1; k <= 6; k++) {
        const cells = 2 ** k;
        for (let d = 0; d < SOBOL_MAX_DIMS; d++) {
          const counts = new Array<number>(cells).fill(0);
          for (let n = 0; n < cells; n++) counts[Math.floor(sobolPoint(sequence, n)[d]! * cells)]!++;
          expect(counts, `seed ${seed}, k ${k}, dimension ${d}`).toEqual(new Array(cells).fill(1));
        }
      }
    }
  });

  it('puts the first 16 points one in each cell of a 4×4 grid on coordinates 0 and 1', () => {
    for (const seed of [0, 1, 7, 12345]) {
      const sequence = scrambled(seed);
      const cells = new Set<number>();
      for (let n = 0; n < 16; n++) {
        const [u, v] = sobolPoint(sequence, n);
        cells.add(Math.floor(u! * 4) * 4 + Math.floor(v! * 4));
      }
      expect(cells.size).toBe(16);
    }
  });

  it('is the same for the same seed, another for another seed; dimension d does not depend on the dimensions after it', () => {
    const a = Array.from({ length: 8 }, (_, n) => sobolPoint(scrambled(3), n));
    const b = Array.from({ length: 8 }, (_, n) => sobolPoint(scrambled(3), n));
    const c = Array.from({ length: 8 }, (_, n) => sobolPoint(scrambled(4), n));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const five = Array.from({ length: 8 }, (_, n) => Array.from(sobolPoint(scrambled(3, 5), n)));
    expect(five).toEqual(a.map((p) => Array.from(p.subarray(0, 5))));
  });

  it('scrambles: point 0 is not the origin, and every coordinate is in [0, 1)', () => {
    const sequence = scrambled(9);
    expect(Array.from(sobolPoint(sequence, 0)).some((u) => u !== 0)).toBe(true);
    for (let n = 0; n < 256; n++) for (const u of sobolPoint(sequence, n)) expect(u >= 0 && u < 1).toBe(true);
  });
});
