import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPool, runStudy, defineStudy, float, UsageError, type StudySpec } from '../../src/index.js';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import { tempDir } from '../helpers/run-cli.js';

const spec = (name: string, seed: number): StudySpec => ({
  name,
  seed,
  task: { dataset: { synthetic: 'classification', samples: 300, features: 6, noise: 0.3 }, model: 'logistic', epochs: 3 },
  space: { lr: { type: 'float', low: 1e-3, high: 1, log: true } },
  strategy: { type: 'random', trials: 8 },
});

async function valuesOf(db: string, name: string) {
  const storage = openSqliteStorage(db);
  try {
    const study = await storage.getStudy(name);
    return (await storage.getTrials(study!.id)).map((t) => [t.number, t.params, t.value]);
  } finally {
    await storage.close();
  }
}

describe('createPool', () => {
  it('runs several studies on the same warm threads, with the values of studies that start their own', async () => {
    const dir = tempDir();
    const shared = path.join(dir, 'shared.db');
    const own = path.join(dir, 'own.db');
    const pool = createPool({ threads: 2 });
    try {
      for (const [name, seed] of [['a', 1], ['b', 2]] as const) {
        const s = await runStudy({ ...spec(name, seed) }, { storage: shared, pool });
        expect(s.counts.complete).toBe(8);
        await runStudy({ ...spec(name, seed) }, { storage: own, threads: 2 });
      }
      // runStudy left the pool open: it still runs a third study.
      expect(pool.closed).toBe(false);
      expect((await runStudy(spec('c', 3), { storage: shared, pool })).counts.complete).toBe(8);
    } finally {
      await pool.close();
    }
    expect(pool.closed).toBe(true);
    for (const name of ['a', 'b']) expect(await valuesOf(shared, name)).toEqual(await valuesOf(own, name));
  }, 60_000);

  it('refuses a closed pool, a pool it did not make, an inline objective, and a bad thread count, with UsageError', async () => {
    const db = path.join(tempDir(), 'bad.db');
    const pool = createPool({ threads: 1 });
    await pool.close();
    await expect(runStudy(spec('x', 1), { storage: db, pool })).rejects.toThrow(/pool is closed/);
    await expect(runStudy(spec('x', 1), { storage: db, pool: { threads: 1, closed: false, close: async () => {} } })).rejects.toThrow(UsageError);
    const inline = defineStudy({ name: 'inline', space: { x: float(0, 1) }, strategy: { type: 'random', trials: 2 }, objective: (p) => p.x });
    const live = createPool({ threads: 1 });
    try {
      await expect(runStudy(inline, { storage: db, pool: live })).rejects.toThrow(/inline objective, which runs in this thread/);
    } finally {
      await live.close();
    }
    expect(() => createPool({ threads: 0 })).toThrow(/threads must be an integer in \[1, 256\] \(got 0\)/);
    expect(() => createPool({ threads: 1e9 })).toThrow(/threads must be an integer in \[1, 256\] \(got 1000000000\)/);
  }, 60_000);
});
