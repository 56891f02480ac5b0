import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudy, defineStudy, float } from '../../src/index.js';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import { tempDir } from '../helpers/run-cli.js';

describe('ask/tell', () => {
  it('hands a promoted trial the checkpoint it was told with, and deletes every checkpoint once the strategy is done', async () => {
    const storage = openSqliteStorage(path.join(tempDir(), 'ask-tell.db'));
    const checkpoints = () => (storage.db.prepare('SELECT COUNT(*) AS n FROM checkpoints').get() as { n: number }).n;
    try {
      const study = await createStudy(
        defineStudy({
          name: 'ask-tell-checkpoints',
          seed: 3,
          space: { lr: float(1e-3, 1, { log: true }) },
          strategy: { type: 'successive-halving', candidates: 9, reductionFactor: 3, minBudget: 1, maxBudget: 9 },
        }),
        { storage },
      );
      let most = 0;
      const promoted: Array<{ number: number; fromBudget: number; checkpoint: number[] }> = [];
      for (let t = await study.ask(); t; t = await study.ask()) {
        if (t.fromBudget > 0) promoted.push({ number: t.number, fromBudget: t.fromBudget, checkpoint: [...(t.checkpoint ?? [])] });
        const loss = (Math.log10(t.params.lr) + 1) ** 2 + 1 / t.budget;
        await study.tell(t, loss, { checkpoint: new Uint8Array([t.number, t.budget]) });
        most = Math.max(most, checkpoints());
      }
      // 3 promotions from budget 1, then 1 from budget 3, each with the bytes told at the end of its last job.
      expect(promoted.map((p) => p.fromBudget)).toEqual([1, 1, 1, 3]);
      for (const p of promoted) expect(p.checkpoint).toEqual([p.number, p.fromBudget]);
      expect(most).toBeGreaterThanOrEqual(8);
      expect(checkpoints()).toBe(0);
      await study.close();
    } finally {
      await storage.close();
    }
  }, 30_000);
});
