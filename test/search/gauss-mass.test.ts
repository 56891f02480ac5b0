import { describe, expect, it } from 'vitest';
import { erfc, gaussMass, normalPdf } from '../../src/search/gauss-mass.js';

const logGaussMass = (a: number, b: number) => Math.log(gaussMass(a, b));

// Reference values: scipy.special.erfc and scipy.stats.norm (log of cdf differences, logsf), to 10+ digits.
describe('erfc', () => {
  it('has a relative error below 1.2e-7, in both tails', () => {
    const ref: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [-1, 1.8427007929497148],
      [3, 2.209049699858544e-5],
      [6, 2.1519736712498913e-17],
      [10, 2.088487583762545e-45],
    ];
    for (const [x, want] of ref) expect(Math.abs(erfc(x) - want) / want).toBeLessThan(1.2e-7);
  });
});

describe('gaussMass', () => {
  it('is Φ(b) − Φ(a) in the middle and far out in either tail (compared as logs)', () => {
    expect(logGaussMass(-1, 1)).toBeCloseTo(Math.log(0.6826894921370859), 6);
    expect(logGaussMass(-Infinity, Infinity)).toBeCloseTo(0, 7);
    // log(1 − Φ(8)) = norm.logsf(8); a naive 1 − Φ would give log(0).
    expect(logGaussMass(8, Infinity)).toBeCloseTo(-35.01343715991456, 5);
    expect(logGaussMass(-Infinity, -8)).toBeCloseTo(-35.01343715991456, 5);
    expect(logGaussMass(5, 6)).toBeCloseTo(Math.log(2.8665157187919333e-7 - 9.865876450376946e-10), 5);
  });

  it('uses the midpoint rule for narrow intervals, continuous with the wide-interval formula', () => {
    const z = 1.3;
    const narrow = logGaussMass(z - 0.004, z + 0.004);
    expect(narrow).toBeCloseTo(Math.log(0.008 * normalPdf(z)), 5);
    const justWide = logGaussMass(z - 0.00501, z + 0.00501);
    expect(Math.abs(justWide - Math.log(0.01002 * normalPdf(z)))).toBeLessThan(1e-4);
  });

  it('has no mass for an empty or reversed interval', () => {
    expect(gaussMass(1, 1)).toBe(0);
    expect(gaussMass(2, 1)).toBe(0);
  });
});
