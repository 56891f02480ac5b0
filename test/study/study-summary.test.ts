import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudy, defineStudy, float, openStorage } from '../../src/index.js';
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
    } finally {
      await store.close();
    }
  });
});
