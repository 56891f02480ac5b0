import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudy, defineStudy, float, int, openStorage, paretoFront, runStudy, RungsError, studySummary } from '../../src/index.js';
import { tempDir } from '../helpers/run-cli.js';

/** A two-objective problem (ZDT1 in 2 variables): f1 = x, f2 = g·(1 − √(x/g)), g = 1 + 9y. */
const zdt1 = (x: number, y: number): [number, number] => {
  const g = 1 + 9 * y;
  return [x, g * (1 - Math.sqrt(x / g))];
};

describe('multi-objective studies through the API', () => {
  it('runStudy: an inline objective returning an object; the summary, the store and ask/tell agree on the Pareto front', async () => {
    const db = path.join(tempDir(), 'mo.db');
    const study = defineStudy({
      name: 'zdt-api',
      seed: 2,
      objectives: [{ metric: 'f1' , direction: 'minimize' }, { metric: 'f2', direction: 'minimize' }],
      space: { x: float(0, 1), y: float(0, 1), k: int(0, 3) },
      strategy: { type: 'random', trials: 40 },
      objective: ({ x, y, k }) => {
        const [f1, f2] = zdt1(x, y);
        return { f2, f1, k };
      },
    });
    const bests: unknown[] = [];
    const summary = await runStudy(study, { storage: db, onTrial: (_t, best) => bests.push(best) });
    expect(summary.counts.complete).toBe(40);
    // No single best with two objectives (Optuna's best_trial raises): the front stands for it.
    expect(summary.best).toBeNull();
    expect(new Set(bests)).toEqual(new Set([null]));
    const store = openStorage(db);
    try {
      const front = await store.paretoFront('zdt-api');
      expect(summary.paretoFront!.map((t) => t.number)).toEqual(front.map((t) => t.number));
      const trials = await store.trials('zdt-api');
      // An extra number the objective returned is kept as a metric; the value is the first objective.
      for (const t of trials) expect([t.value, t.metrics.k]).toEqual([t.metrics.f1, t.params.k]);
      const refused = await store.best('zdt-api').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RungsError);
      expect((refused as RungsError).message).toBe('study "zdt-api" has 2 objectives (f1, f2), so no single best trial: paretoFront("zdt-api") gives its Pareto front');
      const shown = await studySummary(store, 'zdt-api');
      expect([shown.best, shown.history, shown.sparkline, shown.ranking]).toEqual([null, [], '', []]);
      expect(shown.paretoFront!.map((t) => t.number)).toEqual(front.map((t) => t.number));
      expect(front.map((t) => t.number)).toEqual(paretoFront(trials, [{ metric: 'f1', direction: 'minimize' }, { metric: 'f2', direction: 'minimize' }]).map((t) => t.number));
      // Every complete trial off the front is beaten by one on it.
      const on = new Set(front.map((t) => t.number));
      for (const t of trials.filter((x) => !on.has(x.number))) {
        expect(front.some((f) => f.metrics.f1! <= t.metrics.f1! && f.metrics.f2! <= t.metrics.f2! && (f.metrics.f1! < t.metrics.f1! || f.metrics.f2! < t.metrics.f2!))).toBe(true);
      }
      // One objective: the trials that share the best value.
      await runStudy(defineStudy({ name: 'one', space: { x: float(0, 1) }, strategy: { type: 'random', trials: 5 }, objective: ({ x }) => Math.round(x) }), { storage: store });
      const best = await store.paretoFront('one');
      expect(best.length).toBeGreaterThan(0);
      expect(best.every((t) => t.value === best[0]!.value && t.value === Math.min(...best.map((b) => b.value!)))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('ask/tell: tells an array per trial; refuses one number, a prune and a wrong shape by name; a NaN fails as diverged', async () => {
    const study = await createStudy(
      defineStudy({
        name: 'zdt-ask',
        seed: 4,
        objectives: [{ metric: 'f1', direction: 'minimize' }, { metric: 'f2', direction: 'minimize' }],
        space: { x: float(0, 1), y: float(0, 1) },
        strategy: { type: 'random', trials: 12 },
      }),
      { storage: ':memory:' },
    );
    try {
      const first = (await study.ask())!;
      const refused = async (v: unknown) => {
        const e = await study.tell(first, v as number).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(RungsError);
        return (e as RungsError).message;
      };
      expect(await refused(0.5)).toMatch(/^tell\(trial 0, …\): the value must give 2 numbers, \[f1, f2\] in that order, or an object \{ f1: number, f2: number \} \(got 0\.5\), or \{ state: 'failed', error\?: string \}$/);
      expect(await refused({ state: 'pruned', value: 1 })).toMatch(/a study of 2 objectives prunes no trial/);
      expect(await refused([1, 2, 3])).toMatch(/must give 2 numbers/);
      const clash = await study.tell(first, [1, 2], { metrics: { f2: 99 } }).catch((e: unknown) => e);
      expect((clash as RungsError).message).toBe('tell(trial 0, …): metrics.f2 is also in the told values: give each metric once');
      const told = await study.tell(first, zdt1(first.params.x, first.params.y));
      expect([told.state, told.value, told.metrics.f2]).toEqual(['complete', first.params.x, zdt1(first.params.x, first.params.y)[1]]);
      const second = (await study.ask())!;
      const nan = await study.tell(second, [0.1, Number.NaN]);
      expect([nan.state, nan.error]).toEqual(['failed', 'diverged']);
      for (let t = await study.ask(); t; t = await study.ask()) await study.tell(t, zdt1(t.params.x, t.params.y));
      const front = await study.paretoFront();
      expect(front.length).toBeGreaterThan(0);
      expect(((await study.best().catch((e: unknown) => e)) as RungsError).message).toMatch(/^study "zdt-ask" has 2 objectives \(f1, f2\), so no single best trial: paretoFront\(\) gives its Pareto front$/);
      expect(front.some((t) => t.number === second.number)).toBe(false);
    } finally {
      await study.close();
    }
  });
});
