import { describe, expect, it } from 'vitest';
import { choleskyInPlace, choleskyInverse, choleskySolve } from '../../src/search/cholesky.js';
import { Rng } from '../../src/rng.js';

/** A random symmetric positive definite n×n matrix B·Bᵀ + n·I. */
function spd(n: number, rng: Rng): Float64Array {
  const b = Float64Array.from({ length: n * n }, () => rng.uniform(-1, 1));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += b[i * n + k]! * b[j * n + k]!;
      a[i * n + j] = s;
    }
  return a;
}

describe('cholesky', () => {
  it('factors K = L·Lᵀ, and solves and inverts with it', () => {
    const rng = new Rng(5);
    for (const n of [1, 2, 7, 30]) {
      const a = spd(n, rng);
      const l = Float64Array.from(a);
      expect(choleskyInPlace(l, n)).toBe(true);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let k = 0; k <= j; k++) s += l[i * n + k]! * l[j * n + k]!;
          expect(s).toBeCloseTo(a[i * n + j]!, 9);
        }
      const b = Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
      const x = Float64Array.from(b);
      choleskySolve(l, n, x);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * x[k]!;
        expect(s).toBeCloseTo(b[i]!, 9);
      }
      const inv = choleskyInverse(l, n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
          expect(s).toBeCloseTo(i === j ? 1 : 0, 9);
        }
    }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(0), 1)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(NaN), 1)).toBe(false);
  });
});
