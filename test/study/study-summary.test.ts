import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudy, defineStudy, float, openStorage, runStudy } from '../../src/index.js';
import { studySummary } from '../../src/study/study-summary.js';
import { tempDir } from '../helpers/run-cli.js';

describe('studySummary', () => {
  it("ends its best-so-far history at the best trial's value: a pruned trial's low-budget value does not count", async () => {
    const db = path.join(tempDir(), 'summary.db');
    const study = await createStudy(
      defineStudy({
        name: 'overfit',
        space: { x: float(0, 1) },
        strategy: { type: 'successive-halving', candidates: 9, reductionFactor: 3, minBudget: 1, maxBudget: 9 },
      }),
      { storage: db },
    );
    // At budget 1 trial n scores 0.1·(n+1) (trials 0–2 go on); later budgets overfit to 0.5 + 0.01·n.
    // Trial 3 is pruned at 0.4, below the best complete value (trial 0: 0.5).
    for (let t = await study.ask(); t; t = await study.ask()) {
      const value = t.budget === 1 ? 0.1 * (t.number + 1) : 0.5 + 0.01 * t.number;
      t.report(t.budget, value);
      await study.tell(t, value);
    }
    await study.close();
    const store = openStorage(db);
    try {
      const r = await studySummary(store, 'overfit');
      expect(r.best).toMatchObject({ number: 0, value: 0.5, budget: 9 });
      expect(r.history.at(-1)).toBe(0.5);
      expect(r.history).toEqual([0.5]);
      // A halving study's rungs, filled in with who was promoted.
      expect(r.rungs?.map((x) => [x.budget, x.promoted.length])).toEqual([[1, 3], [3, 1], [9, 0]]);
    } finally {
      await store.close();
    }
  });

  it('counts failures by cause: messages that differ only in their numbers are one cause, told with its first message', async () => {
    const db = path.join(tempDir(), 'failures.db');
    const study = await createStudy(defineStudy({ name: 'fails', space: { x: float(0, 1) }, strategy: { type: 'random', trials: 6 } }), { storage: db });
    const errors = [
      'the objective returned { los: 0.31 } without "value"',
      'training diverged at epoch 3 (loss = 1e+20)',
      'the objective returned { los: 0.5 } without "value"',
      'the objective returned { los: 0.31 } without "value"',
      'training diverged at epoch 12 (loss = Infinity)',
      'out of memory',
    ];
    for (let t = await study.ask(); t; t = await study.ask()) await study.tell(t, { state: 'failed', error: errors[t.number]! });
    await study.close();
    const store = openStorage(db);
    try {
      expect((await studySummary(store, 'fails')).failures).toEqual([
        { error: errors[0], trials: 3, variants: 2 },
        { error: errors[1], trials: 2, variants: 2 },
        { error: 'out of memory', trials: 1 },
      ]);
    } finally {
      await store.close();
    }
  });

  it('gives a PBT study its generations and no rungs: a generation promotes nobody', async () => {
    const db = path.join(tempDir(), 'pbt.db');
    const study = defineStudy({
      name: 'pbt',
      space: { x: float(0, 1) },
      strategy: { type: 'pbt', population: 4, interval: 2, maxBudget: 4, quantile: 0.25, mutate: ['x'] },
      // PBT needs a checkpoint to continue a member from (one that saves none fails).
      objective: (p, ctx) => {
        ctx.saveCheckpoint(new Uint8Array([1]));
        return p.x / ctx.budget;
      },
    });
    await runStudy(study, { storage: db });
    const store = openStorage(db);
    try {
      const r = await studySummary(store, 'pbt');
      expect(r.generations?.map((g) => [g.from, g.budget, g.members.length, g.replaced.length])).toEqual([[0, 2, 4, 1], [2, 4, 4, 0]]);
      expect(r).not.toHaveProperty('rungs');
    } finally {
      await store.close();
    }
  });
});
