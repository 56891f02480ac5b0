import { describe, expect, it } from 'vitest';
import { logEi, logH } from '../../src/search/log-ei.js';

// log h(z) and Φ(z)/h(z), h(z) = φ(z) + zΦ(z), from mpmath at 50 digits:
//   /usr/bin/python3 -c "import mpmath as mp; mp.mp.dps=50; z=mp.mpf(-6); h=mp.npdf(z)+z*mp.ncdf(z); print(mp.log(h), mp.ncdf(z)/h)"
const REFERENCE: [number, number, number][] = [
  [5, 1.6094379231264314, 0.19999994053122005],
  [1, 0.08002621884930694, 0.77663872520173926],
  [0, -0.91893853320467274, 1.2533141373155003],
  [-1, -2.4851210257126413, 1.9042712333296918],
  [-3.9, -11.410393270072435, 4.3409311612440072],
  [-4, -11.849061577550663, 4.4324837418731183],
  [-4.1, -12.296899546413045, 4.5243221854833483],
  [-6, -22.578879392169797, 6.3098407732098316],
  [-10, -55.553122036122356, 10.194383033412553],
  [-30, -457.724653760598, 30.066446154162419],
  [-100, -5010.1295788002498, 100.01999400419587],
  [-1000, -500014.73445209116, 1000.001999994],
];

describe('logH', () => {
  it.each(REFERENCE)('at z = %d matches mpmath (value and slope)', (z, value, slope) => {
    const got = logH(z);
    // From −4 up, erfc's 1.2e-7 error (gauss-mass.ts) sets the precision, amplified below 0 by the cancellation
    // in φ + zΦ; the continued fraction below −4 is exact to round-off.
    const tol = z < -4 ? 1e-9 : z < 0 ? 5e-6 : 2e-7;
    expect(Math.abs(got.value - value)).toBeLessThan(tol * Math.max(1, Math.abs(value)));
    expect(Math.abs(got.slope - slope)).toBeLessThan(tol * Math.max(1, Math.abs(slope)));
  });

  it('is finite and increasing far below the best, where plain EI underflows to 0', () => {
    let previous = -Infinity;
    for (let z = -2000; z <= 5; z += 0.37) {
      const { value, slope } = logH(z);
      expect(Number.isFinite(value)).toBe(true);
      expect(slope).toBeGreaterThan(0);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });

  it('its slope is the derivative of its value (central differences)', () => {
    for (const z of [-50, -7, -4.0001, -3.9999, -2, 0.3, 3]) {
      const h = 1e-5;
      const numeric = (logH(z + h).value - logH(z - h).value) / (2 * h);
      expect(Math.abs(numeric - logH(z).slope)).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric)));
    }
  });
});

describe('logEi', () => {
  it('is log(σ) + log h((μ − best)/σ)', () => {
    expect(logEi(0.5, 4, 1)).toBeCloseTo(Math.log(2) + logH(-0.25).value, 12);
  });

  it('with no variance, is log(μ − best) above best and −Infinity at or below it', () => {
    expect(logEi(3, 0, 1)).toBeCloseTo(Math.log(2), 12);
    expect(logEi(1, 0, 1)).toBe(-Infinity);
  });
});
