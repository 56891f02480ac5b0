import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTPdf, studentTQuantile } from '../../src/stats/student-t.js';

describe('studentTQuantile', () => {
  it('matches the printed t tables (two-sided 95%)', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.05, 7)).toBeCloseTo(-1.895, 3);
  });

  it('is exact where closed forms exist and matches high-precision references', () => {
    // ν = 1 is the Cauchy distribution: t_p = tan(π(p − ½)).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 9);
    // ν = 2: t_p = (2p − 1) / √(2p(1 − p)).
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 10);
    // Fractional ν (Welch): mpmath root of the t CDF at mp.dps = 30.
    expect(studentTQuantile(0.995, 2.5)).toBeCloseTo(7.1637281389487829, 9);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0422724563012379, 11);
  });

  it('inverts the CDF, is symmetric, and handles the ends', () => {
    for (const [p, df] of [[0.6, 3], [0.999, 1.7], [0.01, 12]] as const) {
      expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
    expect(studentTQuantile(0.5, 9)).toBe(0);
    expect(studentTQuantile(0.1, 6)).toBeCloseTo(-studentTQuantile(0.9, 6), 12);
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(() => studentTQuantile(1.2, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it('matches references (mpmath, regularized incomplete beta at mp.dps = 30)', () => {
    expect(studentTCdf(2.015, 5)).toBeCloseTo(0.94999691383659683, 12);
    expect(studentTCdf(-1, 3)).toBeCloseTo(0.19550110947788532, 12);
    expect(studentTCdf(1.5, 7.3)).toBeCloseTo(0.91221845359845694, 12);
    expect(studentTCdf(-3.2, 1.5)).toBeCloseTo(0.061190596931440541, 12);
    expect(studentTCdf(0.3, 200)).toBeCloseTo(0.61775563490533601, 12);
  });

  it('gives the table levels back at the table values', () => {
    expect(studentTCdf(12.706, 1)).toBeCloseTo(0.975, 5);
    expect(studentTCdf(2.776, 4)).toBeCloseTo(0.975, 4);
    expect(studentTCdf(-2.042, 30)).toBeCloseTo(0.025, 4);
    // Cauchy closed form: ½ + atan(t)/π.
    expect(studentTCdf(0.7, 1)).toBeCloseTo(0.5 + Math.atan(0.7) / Math.PI, 13);
  });

  it('is ½ at 0, 0 and 1 at the infinities, NaN for NaN', () => {
    expect(studentTCdf(0, 4)).toBe(0.5);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 4)).toBe(0);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 4)).toBe(1);
    expect(studentTCdf(Number.NaN, 4)).toBeNaN();
    expect(() => studentTCdf(1, -1)).toThrow(RangeError);
  });
});

describe('studentTPdf', () => {
  it('matches closed forms', () => {
    expect(studentTPdf(0, 1)).toBeCloseTo(1 / Math.PI, 13);
    expect(studentTPdf(2, 1)).toBeCloseTo(1 / (Math.PI * 5), 13);
    // ν = 2: f(t) = (2 + t²)^(−3/2).
    expect(studentTPdf(1.3, 2)).toBeCloseTo((2 + 1.69) ** -1.5, 13);
  });
});
