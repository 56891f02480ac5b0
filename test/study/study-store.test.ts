import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineStudy, float, openStorage, runStudy, UsageError } from '../../src/index.js';
import { tempDir } from '../helpers/run-cli.js';

describe('openStorage', () => {
  it('answers by study name, and refuses arguments that would quietly answer nothing', async () => {
    const db = path.join(tempDir(), 'store.db');
    await runStudy(defineStudy({ name: 'q', space: { x: float(0, 1) }, strategy: { type: 'random', trials: 4 }, objective: (p) => p.x }), { storage: db });
    const store = openStorage(db);
    try {
      expect(await store.trials('q', { states: ['complete'] })).toHaveLength(4);
      expect(await store.best('q', 2)).toHaveLength(2);
      await expect(store.trials('q', { states: ['done' as never] })).rejects.toThrow('trials(): states must be among queued, running, complete, pruned, failed (got "done")');
      await expect(store.best('q', -1)).rejects.toThrow(UsageError);
      await expect(store.best('q', Number.NaN)).rejects.toThrow('best(): k must be an integer ≥ 1 (got NaN)');
    } finally {
      await store.close();
    }
    expect(() => openStorage('')).toThrow('openStorage: path must be the path of a SQLite file (got "")');
  });
});
