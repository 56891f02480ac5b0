import { describe, expect, it } from 'vitest';
import { makeSynthetic, SYNTHETIC_KINDS } from '../../src/tasks/synthetic.js';
import { DatasetError } from '../../src/errors.js';

describe('makeSynthetic', () => {
  it('is seeded: same seed same data, other seed other data, spec.seed wins', () => {
    for (const kind of SYNTHETIC_KINDS) {
      const a = makeSynthetic({ synthetic: kind }, 1);
      const b = makeSynthetic({ synthetic: kind }, 1);
      const c = makeSynthetic({ synthetic: kind }, 2);
      expect(b.x).toEqual(a.x);
      expect(b.y).toEqual(a.y);
      expect(c.x).not.toEqual(a.x);
      expect(makeSynthetic({ synthetic: kind, seed: 1 }, 99).x).toEqual(a.x);
    }
  });

  it('shapes and kinds', () => {
    const r = makeSynthetic({ synthetic: 'regression', samples: 50, features: 3 }, 0);
    expect([r.n, r.d, r.kind, r.classes]).toEqual([50, 3, 'regression', 0]);
    const c = makeSynthetic({ synthetic: 'classification', samples: 50 }, 0);
    expect([c.kind, c.classes]).toEqual(['binary', 2]);
    expect(new Set(c.y)).toEqual(new Set([0, 1]));
    const b = makeSynthetic({ synthetic: 'blobs', samples: 60, classes: 4, features: 3 }, 0);
    expect([b.d, b.kind, b.classes]).toEqual([3, 'multiclass', 4]);
    expect(new Set(b.y)).toEqual(new Set([0, 1, 2, 3]));
    const m = makeSynthetic({ synthetic: 'moons', features: 7 }, 0);
    expect([m.d, m.kind]).toEqual([2, 'binary']);
    const s = makeSynthetic({ synthetic: 'spirals', classes: 5 }, 0);
    expect([s.d, s.classes]).toEqual([2, 5]);
  });

  it('regression is linear in x up to the noise', () => {
    const noiseless = makeSynthetic({ synthetic: 'regression', samples: 20, features: 2, noise: 0 }, 3);
    // With no noise, y is exactly affine: solve for w, b from 3 rows and check a 4th.
    const { x, y } = noiseless;
    const det = (x[0]! - x[4]!) * (x[3]! - x[5]!) - (x[1]! - x[5]!) * (x[2]! - x[4]!);
    const w0 = ((y[0]! - y[2]!) * (x[3]! - x[5]!) - (x[1]! - x[5]!) * (y[1]! - y[2]!)) / det;
    const w1 = ((x[0]! - x[4]!) * (y[1]! - y[2]!) - (y[0]! - y[2]!) * (x[2]! - x[4]!)) / det;
    const b = y[0]! - w0 * x[0]! - w1 * x[1]!;
    expect(y[3]!).toBeCloseTo(w0 * x[6]! + w1 * x[7]! + b, 9);
  });

  it('rejects bad sizes with a DatasetError', () => {
    expect(() => makeSynthetic({ synthetic: 'blobs', classes: 1 }, 0)).toThrow(DatasetError);
    expect(() => makeSynthetic({ synthetic: 'regression', samples: 1 }, 0)).toThrow(/samples/);
    expect(() => makeSynthetic({ synthetic: 'nope' as 'blobs' }, 0)).toThrow(/unknown synthetic/);
  });
});
