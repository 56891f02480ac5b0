import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { symmetricEigen } from '../../src/search/symmetric-eigen.js';

/** A random symmetric positive semi-definite n × n matrix, B·Bᵀ. */
function randomSpd(n: number, rng: Rng): Float64Array {
  const b = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] = a[i * n + j]! + b[i * n + k]! * b[j * n + k]!;
  return a;
}

describe('symmetricEigen', () => {
  it.each([1, 2, 5, 12])('rebuilds a random %i × %i symmetric matrix from orthonormal vectors and ascending values', (n) => {
    const a = randomSpd(n, new Rng(n));
    const before = Float64Array.from(a);
    const { values, vectors: v } = symmetricEigen(a, n);
    expect(a).toEqual(before);
    for (let i = 1; i < n; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let dot = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += v[i * n + k]! * values[k]! * v[j * n + k]!;
          dot += v[k * n + i]! * v[k * n + j]!;
        }
        expect(rebuilt).toBeCloseTo(a[i * n + j]!, 10);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('finds 1 and 3 for [[2, 1], [1, 2]], and leaves a diagonal matrix as it is', () => {
    expect(Array.from(symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values).map((x) => Number(x.toFixed(12)))).toEqual([1, 3]);
    const d = symmetricEigen(Float64Array.of(3, 0, 0, 0, 1, 0, 0, 0, 2), 3);
    expect(Array.from(d.values)).toEqual([1, 2, 3]);
    expect(Array.from(d.vectors).map(Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });
});
