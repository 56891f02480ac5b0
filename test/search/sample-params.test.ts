import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { sampleParam, sampleParams } from '../../src/search/sample-params.js';
import type { ParamSpec, Space } from '../../src/search/space.js';

const draws = (spec: ParamSpec, n: number, seed = 1): number[] => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => sampleParam(spec, rng) as number);
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

describe('sampleParams', () => {
  it('keeps every value inside its bounds', () => {
    const specs: ParamSpec[] = [
      { type: 'float', low: -2, high: 3 },
      { type: 'float', low: 1e-5, high: 1, log: true },
      { type: 'float', low: 0, high: 1, step: 0.1 },
      { type: 'int', low: -3, high: 7 },
      { type: 'int', low: 1, high: 1000, log: true },
      { type: 'int', low: 8, high: 100, step: 8 },
    ];
    for (const spec of specs) {
      if (spec.type === 'categorical') continue;
      const xs = draws(spec, 5000);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(spec.low);
      expect(Math.max(...xs)).toBeLessThanOrEqual(spec.high);
      if (spec.type === 'int') expect(xs.every(Number.isInteger)).toBe(true);
    }
  });

  it('draws log-uniform floats: the median of the logs is near the log midpoint', () => {
    const xs = draws({ type: 'float', low: 1e-4, high: 1, log: true }, 4000);
    expect(Math.log10(median(xs))).toBeCloseTo(-2, 1);
    // and not uniform: a uniform draw on [1e-4, 1] would have median ≈ 0.5
    expect(median(xs)).toBeLessThan(0.05);
  });

  it('draws log ints Optuna-like: median near the geometric midpoint, each value reachable', () => {
    const xs = draws({ type: 'int', low: 1, high: 1024, log: true }, 4000, 3);
    expect(xs.every(Number.isInteger)).toBe(true);
    const m = median(xs);
    expect(m).toBeGreaterThan(20);
    expect(m).toBeLessThan(50);
    const small = draws({ type: 'int', low: 1, high: 4, log: true }, 4000, 5);
    const counts = [1, 2, 3, 4].map((k) => small.filter((x) => x === k).length / small.length);
    // P(k) = log((k+0.5)/(k-0.5)) / log(4.5/0.5)
    const expected = [1, 2, 3, 4].map((k) => Math.log((k + 0.5) / (k - 0.5)) / Math.log(9));
    counts.forEach((c, i) => expect(c).toBeCloseTo(expected[i]!, 1));
  });

  it('draws stepped floats and ints on their lattice, ends included', () => {
    const f = draws({ type: 'float', low: 0, high: 1, step: 0.1 }, 3000);
    const lattice = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    expect(new Set(f)).toEqual(new Set(lattice));
    const i = draws({ type: 'int', low: 8, high: 100, step: 8 }, 3000);
    expect([...new Set(i)].sort((a, b) => a - b)).toEqual([8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96]);
    const g = draws({ type: 'float', low: 0.5, high: 1.2, step: 0.25 }, 500);
    expect([...new Set(g)].sort()).toEqual([0.5, 0.75, 1]);
  });

  it('draws uniform ints and categoricals over every value', () => {
    const xs = draws({ type: 'int', low: -3, high: 3 }, 7000);
    for (let k = -3; k <= 3; k++) expect(xs.filter((x) => x === k).length).toBeGreaterThan(850);
    const rng = new Rng(9);
    const cs = Array.from({ length: 3000 }, () => sampleParam({ type: 'categorical', choices: ['a', 2, false] }, rng));
    for (const c of ['a', 2, false]) expect(cs.filter((x) => x === c).length).toBeGreaterThan(900);
  });

  it('does not depend on the key order of the space', () => {
    const a: Space = { lr: { type: 'float', low: 0, high: 1 }, n: { type: 'int', low: 1, high: 9 }, o: { type: 'categorical', choices: ['x', 'y'] } };
    const b: Space = { o: a['o']!, n: a['n']!, lr: a['lr']! };
    for (let seed = 0; seed < 20; seed++) {
      const pa = sampleParams(a, new Rng(seed));
      const pb = sampleParams(b, new Rng(seed));
      expect(pb).toEqual(pa);
      expect(Object.keys(pb)).toEqual(['lr', 'n', 'o']);
    }
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const space: Space = { lr: { type: 'float', low: 1e-4, high: 1, log: true } };
    expect(sampleParams(space, new Rng(5))).toEqual(sampleParams(space, new Rng(5)));
    expect(sampleParams(space, new Rng(5))).not.toEqual(sampleParams(space, new Rng(6)));
  });

  it('gives a constant param (low = high) its value, with log and step too', () => {
    const specs: Exclude<ParamSpec, { type: 'categorical' }>[] = [
      { type: 'int', low: 3, high: 3 },
      { type: 'int', low: 4, high: 4, log: true },
      { type: 'int', low: 8, high: 8, step: 8 },
      { type: 'float', low: 0.1, high: 0.1 },
      { type: 'float', low: 1e-3, high: 1e-3, log: true },
      { type: 'float', low: 0.5, high: 0.5, step: 0.1 },
    ];
    for (const spec of specs) expect(new Set(draws(spec, 50))).toEqual(new Set([spec.low]));
  });
});
