import { describe, expect, it } from 'vitest';
import type { Params, Space } from '../../src/search/space.js';
import { paramImportance } from '../../src/stats/param-importance.js';

/** mulberry32: a tiny seeded PRNG, local so the test does not depend on src/rng.ts. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  momentum: { type: 'float', low: 0, high: 1 },
  batch: { type: 'int', low: 8, high: 256, log: true },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
};

function sample(n: number, seed: number, f: (p: Params, noise: number) => number): { params: Params; value: number }[] {
  const r = prng(seed);
  const choices = ['sgd', 'adam', 'rmsprop'];
  return Array.from({ length: n }, () => {
    const params: Params = {
      lr: 10 ** (-4 + 4 * r()),
      momentum: r(),
      batch: Math.round(2 ** (3 + 5 * r())),
      optimizer: choices[Math.floor(r() * 3)] ?? 'sgd',
    };
    return { params, value: f(params, r() - 0.5) };
  });
}

describe('paramImportance', () => {
  it('orders a strong, a weak and an irrelevant param', () => {
    // value = log10(lr) (variance 16/12) + 2·momentum (variance 4/12) + small noise: about 80% / 20% / 0 / 0.
    const trials = sample(200, 1, (p, noise) => Math.log10(p['lr'] as number) + 2 * (p['momentum'] as number) + 0.2 * noise);
    const out = paramImportance(trials, space);
    expect(out.map((o) => o.param).slice(0, 2)).toEqual(['lr', 'momentum']);
    const imp = Object.fromEntries(out.map((o) => [o.param, o.importance]));
    expect(imp['lr']).toBeGreaterThan(0.7);
    expect(imp['momentum']).toBeGreaterThan(0.1);
    expect(imp['momentum']).toBeLessThan(0.3);
    expect(imp['batch']).toBeLessThan(0.03);
    expect(imp['optimizer']).toBeLessThan(0.03);
    expect(out.reduce((a, o) => a + o.importance, 0)).toBeCloseTo(1, 12);
  });

  it('finds a categorical driver', () => {
    const offset: Record<string, number> = { sgd: 1, adam: 0, rmsprop: 0.5 };
    const trials = sample(200, 2, (p, noise) => (offset[p['optimizer'] as string] ?? 0) + 0.3 * noise);
    const out = paramImportance(trials, space);
    expect(out[0]?.param).toBe('optimizer');
    expect(out[0]?.importance).toBeGreaterThan(0.9);
  });

  it('gives all zeros for a constant value, or with fewer than two trials', () => {
    const trials = sample(50, 3, () => 0.1);
    const out = paramImportance(trials, space);
    expect(out.map((o) => o.importance)).toEqual([0, 0, 0, 0]);
    // Ties are ordered by name.
    expect(out.map((o) => o.param)).toEqual(['batch', 'lr', 'momentum', 'optimizer']);
    expect(paramImportance(trials.slice(0, 1), space).every((o) => o.importance === 0)).toBe(true);
  });

  it('is deterministic and ignores the order of the trials and non-finite values', () => {
    const trials = sample(120, 4, (p, noise) => (p['momentum'] as number) + 0.5 * noise);
    const a = paramImportance(trials, space);
    expect(paramImportance(trials, space)).toEqual(a);
    const c = paramImportance([...trials, { params: trials[0]?.params ?? {}, value: Number.NaN }], space);
    expect(c).toEqual(a);
    // Reversed input: the same result up to the rounding of sums taken in another order.
    const b = paramImportance([...trials].reverse(), space);
    expect(b.map((o) => o.param)).toEqual(a.map((o) => o.param));
    b.forEach((o, i) => expect(o.importance).toBeCloseTo(a[i]?.importance ?? Number.NaN, 12));
    expect(a[0]?.param).toBe('momentum');
  });

  it('corrects the small-sample bias of η² (irrelevant params get about nothing)', () => {
    // The optimizer explains ~40% of the variance, the rest is noise. Plain η² would credit each
    // irrelevant numeric param with ≈ (k−1)/(n−1) = 9/119 of the noise variance, which leaves the
    // optimizer ≈ 0.75 after normalising; with ω² it keeps ≈ 0.9. Averaged over 10 seeds, as one
    // draw of noise can go either way.
    const sums: Record<string, number> = {};
    for (let seed = 1; seed <= 10; seed++) {
      const trials = sample(120, seed, (p, noise) => (p['optimizer'] === 'sgd' ? 1 : 0) + 2 * noise);
      for (const o of paramImportance(trials, space)) sums[o.param] = (sums[o.param] ?? 0) + o.importance / 10;
    }
    expect(sums['optimizer']).toBeGreaterThan(0.84);
    for (const name of ['lr', 'momentum', 'batch']) expect(sums[name]).toBeLessThan(0.06);
  });

  it('gives a constant param (low = high) importance 0, not NaN, and leaves the others their shares', () => {
    const withConstant: Space = { ...space, k: { type: 'int', low: 3, high: 3 }, c: { type: 'float', low: 0.1, high: 0.1, log: true } };
    const trials = sample(200, 4, (p, noise) => Math.log10(p['lr'] as number) + 0.3 * noise).map((t) => ({ ...t, params: { ...t.params, k: 3, c: 0.1 } }));
    const out = paramImportance(trials, withConstant);
    expect(out.every((o) => Number.isFinite(o.importance))).toBe(true);
    expect(out.filter((o) => o.param === 'k' || o.param === 'c').map((o) => o.importance)).toEqual([0, 0]);
    expect(out[0]).toMatchObject({ param: 'lr' });
    expect(out[0]!.importance).toBeGreaterThan(0.9);
  });
});

describe('paramImportance with a conditional param', () => {
  it('weights a param that only some trials have by their share, so its small-sample noise cannot outrank a real effect', () => {
    // value = 0.3·log10(lr) + noise; `extra` is pure noise, present in 1 trial of 6 (as beta1 is for adam among six optimizers).
    const condSpace: Space = { ...space, extra: { type: 'float', low: 0, high: 1, when: { optimizer: 'adam' } } };
    let outranked = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const r = prng(1000 + seed);
      const trials = sample(40, seed, (p, noise) => 0.3 * Math.log10(p.lr as number) + noise).map((t) =>
        r() < 1 / 6 ? { ...t, params: { ...t.params, extra: r() } } : t,
      );
      const imp = paramImportance(trials, condSpace);
      const of = (name: string) => imp.find((i) => i.param === name)!.importance;
      if (of('extra') > of('lr')) outranked++;
      expect(of('extra')).toBeLessThan(0.35);
    }
    expect(outranked).toBe(0);
  });

  it('still finds a conditional param that matters in the trials that have it', () => {
    const condSpace: Space = { lr: space['lr']!, optimizer: space['optimizer']!, momentum: { type: 'float', low: 0, high: 1, when: { optimizer: 'sgd' } } };
    const r = prng(5);
    const trials = Array.from({ length: 300 }, () => {
      const optimizer = ['sgd', 'adam', 'rmsprop'][Math.floor(r() * 3)]!;
      const params: Params = { lr: 10 ** (-4 + 4 * r()), optimizer };
      if (optimizer === 'sgd') params.momentum = r();
      const value = (optimizer === 'sgd' ? 4 * ((params.momentum as number) - 0.5) ** 2 : 0) + 0.05 * (r() - 0.5);
      return { params, value };
    });
    const imp = paramImportance(trials, condSpace);
    // sgd's trials are worse on average, so optimizer explains a part too; lr nothing.
    expect(imp.slice(0, 2).map((i) => i.param).sort()).toEqual(['momentum', 'optimizer']);
    expect(imp.find((i) => i.param === 'momentum')!.importance).toBeGreaterThan(0.2);
    expect(imp.find((i) => i.param === 'lr')!.importance).toBeLessThan(0.05);
  });
});
