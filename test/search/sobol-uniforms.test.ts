import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../src/rng.js';
import { sampleParams } from '../../src/search/sample-params.js';
import { sobolPoint, sobolSequence } from '../../src/search/sobol.js';
import { pointUniforms, sobolUniforms } from '../../src/search/sobol-uniforms.js';
import type { Space } from '../../src/search/space.js';
import { conditionalSpace } from './spaces.js';

describe('pointUniforms', () => {
  it('hands out the coordinates in order, each as one draw', () => {
    const u = pointUniforms(new Float64Array([0.25, 0.5, 0.999, 0]));
    expect(u.uniform(-2, 2)).toBe(-1);
    expect(u.int(4)).toBe(2);
    expect(u.int(3)).toBe(2);
    expect(u.uniform(1, 3)).toBe(1);
    expect(() => u.int(2)).toThrow('pointUniforms: the point has 4 coordinates, all taken');
  });
});

describe('sobolUniforms', () => {
  it('gives trial n point n of the sequence scrambled from the seed, one coordinate per param in sorted name order', () => {
    const space: Space = { b: { type: 'float', low: 0, high: 1 }, a: { type: 'float', low: 0, high: 10 }, c: { type: 'int', low: 0, high: 7 } };
    const sequence = sobolSequence(3, new Rng(deriveSeed(5, 0x7ffffffe)));
    for (let n = 0; n < 8; n++) {
      const [ua, ub, uc] = sobolPoint(sequence, n);
      expect(sampleParams(space, sobolUniforms(space, 5)(n))).toEqual({ a: ua! * 10, b: ub, c: Math.floor(uc! * 8) });
    }
  });

  it('draws conditional params too, so a `when` changes no other param', () => {
    const flat: Space = Object.fromEntries(Object.entries(conditionalSpace).map(([name, { when: _when, ...spec }]) => [name, spec]));
    const conditional = sobolUniforms(conditionalSpace, 9);
    const plain = sobolUniforms(flat, 9);
    for (let n = 0; n < 32; n++) {
      const drawn = sampleParams(conditionalSpace, conditional(n));
      const all = sampleParams(flat, plain(n));
      for (const [name, value] of Object.entries(drawn)) expect(value).toEqual(all[name]);
    }
  });

  it('splits 2^k trials evenly over the values of an int and a categorical', () => {
    const space: Space = { k: { type: 'int', low: 1, high: 8 }, c: { type: 'categorical', choices: ['a', 'b', 'c', 'd'] } };
    const uniforms = sobolUniforms(space, 2);
    const draws = Array.from({ length: 16 }, (_, n) => sampleParams(space, uniforms(n)));
    for (let k = 1; k <= 8; k++) expect(draws.filter((p) => p['k'] === k)).toHaveLength(2);
    for (const c of ['a', 'b', 'c', 'd']) expect(draws.filter((p) => p['c'] === c)).toHaveLength(4);
  });
});
