import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { cmaInit, cmaSample, cmaTell, defaultPopulation, type CmaState } from '../../src/search/cma-es.js';
import { ROOT } from '../helpers/run-cli.js';

interface Reference {
  n: number;
  lambda: number;
  sigma0: number;
  generations: { solutions: [number[], number][]; mean: number[]; sigma: number; C: number[][] }[];
}

describe('the CMA-ES update', () => {
  it('is the cmaes library\'s (0.9.1, Optuna\'s CmaEsSampler) to rounding, told the same points', () => {
    // test/fixtures/cma-reference.py wrote it: five generations of λ 7 on [0, 1]^3, one point told +inf each.
    const ref = JSON.parse(readFileSync(`${ROOT}/test/fixtures/cma-reference.json`, 'utf8')) as Reference;
    let s = cmaInit(ref.n, ref.lambda, new Float64Array(ref.n).fill(0.5), ref.sigma0);
    for (const g of ref.generations) {
      s = cmaTell(s, g.solutions.map(([x, value]) => ({ x: Float64Array.from(x), value })));
      for (let i = 0; i < ref.n; i++) {
        expect(s.mean[i]!).toBeCloseTo(g.mean[i]!, 13);
        for (let j = 0; j < ref.n; j++) expect(s.C[i * ref.n + j]!).toBeCloseTo(g.C[i]![j]!, 13);
      }
      expect(s.sigma / g.sigma).toBeCloseTo(1, 13);
    }
    expect(s.g).toBe(5);
  });

  it('has the default population 4 + ⌊3 ln n⌋', () => {
    expect([1, 2, 3, 5, 10, 30].map(defaultPopulation)).toEqual([4, 6, 7, 8, 10, 14]);
  });

  it('draws inside the unit box, and does not change the state it is told', () => {
    const s = cmaInit(4, 8, new Float64Array(4).fill(0.95), 0.5);
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) for (const v of cmaSample(s, rng)) expect(v >= 0 && v <= 1).toBe(true);
    const mean = Float64Array.from(s.mean);
    const xs = Array.from({ length: 8 }, () => ({ x: cmaSample(s, rng), value: rng.next() }));
    cmaTell(s, xs);
    expect(s.mean).toEqual(mean);
    expect(s.g).toBe(0);
    expect(() => cmaTell(s, xs.slice(1))).toThrow(/a generation has 8 solutions \(got 7\)/);
  });

  it('closes in on the minimum of an ill-conditioned, rotated quadratic: the mean moves there and σ shrinks', () => {
    const n = 4;
    const target = [0.2, 0.7, 0.4, 0.9];
    // f = Σ 10^(2i/(n−1)) (Σ_j R_ij (x_j − t_j))², R a fixed rotation mixing neighbours.
    const f = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const u = (x[i]! - target[i]!) * Math.cos(0.5) + (x[(i + 1) % n]! - target[(i + 1) % n]!) * Math.sin(0.5);
        s += 10 ** ((2 * i) / (n - 1)) * u * u;
      }
      return s;
    };
    let s: CmaState = cmaInit(n, defaultPopulation(n), new Float64Array(n).fill(0.5), 1 / 6);
    const rng = new Rng(7);
    for (let g = 0; g < 80; g++) {
      const xs = Array.from({ length: s.lambda }, () => cmaSample(s, rng));
      s = cmaTell(s, xs.map((x) => ({ x, value: f(x) })));
    }
    expect(f(s.mean)).toBeLessThan(1e-8);
    expect(s.sigma).toBeLessThan(1e-3);
  });
});
