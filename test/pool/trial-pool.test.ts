import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStudy } from '../../src/index.js';
import { TrialPool, TASKS_PER_WORKER } from '../../src/pool/trial-pool.js';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import { ROOT, tempDir } from '../helpers/run-cli.js';

describe('TrialPool', () => {
  it('gives each worker its next job while one runs, yet a worker runs one job at a time (async objectives never overlap)', async () => {
    expect(TASKS_PER_WORKER).toBe(2);
    const pool = new TrialPool(1);
    expect(pool.slots).toBe(2);
    await pool.close();
    const db = path.join(tempDir(), 'overlap.db');
    const summary = await runStudy(
      {
        name: 'overlap',
        objective: path.join(ROOT, 'test/fixtures/overlap-objective.mjs'),
        direction: 'minimize',
        space: { x: { type: 'float', low: 0, high: 1 } },
        strategy: { type: 'random', trials: 16 },
      },
      { storage: db, threads: 1 },
    );
    expect(summary.counts.complete).toBe(16);
    const storage = openSqliteStorage(db);
    try {
      const trials = await storage.getTrials(summary.studyId);
      expect(trials.map((t) => t.value)).toEqual(Array(16).fill(1));
    } finally {
      await storage.close();
    }
  }, 60_000);
});
