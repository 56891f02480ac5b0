import { describe, expect, it } from 'vitest';
import { DrawThread } from '../../src/pool/draw-thread.js';
import { gpDraw, type GpDraw } from '../../src/search/gp-draw.js';
import { gpParams } from '../../src/search/gp-sample.js';
import { Rng } from '../../src/rng.js';
import type { Params, Space } from '../../src/search/space.js';

/** A draw of trial `number` learning from `count` random trials of `space` (a sphere around 0.3), one failed and two pending. */
function drawOf(space: Space, count: number, number: number): GpDraw {
  const rng = new Rng(number);
  const point = (): Params =>
    Object.fromEntries(
      Object.entries(space).map(([name, spec]) => [
        name,
        spec.type === 'categorical' ? spec.choices[rng.int(spec.choices.length)]! : spec.type === 'int' ? spec.low + rng.int(spec.high - spec.low + 1) : rng.uniform(spec.low, spec.high),
      ]),
    );
  const value = (p: Params) => Object.values(p).reduce<number>((s, v) => s + (typeof v === 'number' ? (v - 0.3) ** 2 : v === 'b' ? 0 : 1), 0);
  const observed = Array.from({ length: count }, () => {
    const params = point();
    return { params, value: value(params) };
  });
  const sample = { space, names: gpParams(space), observed, failed: [point()], pending: [point(), point()], direction: 'minimize' as const, deterministic: false };
  return { key: `draw ${number}`, number, seed: 7, sample };
}

const mixed: Space = {
  x: { type: 'float', low: -1, high: 1 },
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  units: { type: 'int', low: 1, high: 64 },
  kind: { type: 'categorical', choices: ['a', 'b', 'c'] },
  width: { type: 'float', low: 0, high: 1, step: 0.25, when: { kind: 'b' } },
};

const wide: Space = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${String(i).padStart(2, '0')}`, { type: 'float', low: -1, high: 1 }]));

describe('DrawThread', () => {
  it('makes the same draws as gpDraw on the calling thread, bit for bit, one after another on one thread', async () => {
    const thread = new DrawThread();
    try {
      for (const [space, count, number] of [[mixed, 12, 20], [mixed, 30, 41], [wide, 25, 30]] as const) {
        const draw = drawOf(space, count, number);
        const there = await thread.draw(draw);
        const here = gpDraw(draw);
        expect(there).toEqual(here);
        // toEqual would take -0 for 0: the very same doubles.
        for (const [name, v] of Object.entries(there)) if (typeof v === 'number') expect(Object.is(v, here[name])).toBe(true);
      }
    } finally {
      await thread.close();
    }
  }, 60_000);

  it('rejects with the error a draw throws there, and draws again after it', async () => {
    const thread = new DrawThread();
    try {
      const good = drawOf(mixed, 12, 20);
      const bad = { ...good, sample: { ...good.sample, names: [...good.sample.names, 'missing'] } };
      await expect(thread.draw(bad)).rejects.toThrow(/^GP draw failed on the draw thread: /);
      expect(await thread.draw(good)).toEqual(gpDraw(good));
    } finally {
      await thread.close();
    }
  }, 60_000);

  it('close() does not wait for a draw in progress: it is abandoned and never settles', async () => {
    const thread = new DrawThread();
    const draw = drawOf(wide, 250, 250);
    // The time the same draw takes here (seconds: 250 trials × 20 params).
    const t0 = performance.now();
    gpDraw(draw);
    const drawMs = performance.now() - t0;
    let settled = false;
    void thread.draw(draw).then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setTimeout(r, 100));
    const t1 = performance.now();
    await thread.close();
    const closeMs = performance.now() - t1;
    expect(drawMs).toBeGreaterThan(300);
    expect(closeMs).toBeLessThan(drawMs / 4);
    await new Promise((r) => setTimeout(r, drawMs));
    expect(settled).toBe(false);
  }, 60_000);
});
