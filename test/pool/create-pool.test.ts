import fs from 'node:fs';
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
    // From plain JavaScript: a misspelt option is named, not taken as the default.
    expect(() => createPool({ thread: 2 } as never)).toThrow('createPool options has unknown key "thread" (did you mean "threads"? allowed: threads)');
    expect(() => createPool(null as never)).toThrow('createPool: the options must be an object (got null)');
    expect(() => createPool({ threads: 1e9 })).toThrow(/threads must be an integer in \[1, 256\] \(got 1000000000\)/);
  }, 60_000);

  it('closed under a running study: the run fails with a UsageError, its unfinished trials go back to the queue, and a resume finishes them', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'closed.db');
    const slow = path.join(dir, 'slow');
    fs.writeFileSync(slow, '');
    // Jobs outlast close()'s grace (2 s) while the flag file exists, so close() terminates them mid-job.
    fs.writeFileSync(
      path.join(dir, 'objective.mjs'),
      `import fs from 'node:fs';\nexport default async (p) => { if (fs.existsSync(${JSON.stringify(slow)})) await new Promise((r) => setTimeout(r, 2500)); return p.x; };\n`,
    );
    const study: StudySpec = { name: 'closed', seed: 2, objective: path.join(dir, 'objective.mjs'), space: { x: { type: 'float', low: 0, high: 1 } }, strategy: { type: 'random', trials: 4 } };
    const pool = createPool({ threads: 2 });
    const run = runStudy(study, { storage: db, pool });
    setTimeout(() => void pool.close(), 300);
    await expect(run).rejects.toThrow(/the worker pool was closed while study "closed" was running on it: its unfinished trials went back to the queue/);
    await expect(run).rejects.toBeInstanceOf(UsageError);
    const storage = openSqliteStorage(db);
    try {
      const trials = await storage.getTrials((await storage.getStudy('closed'))!.id);
      // The jobs that were running or waiting in the workers: none recorded as failed, all queued again.
      expect(trials.length).toBeGreaterThan(0);
      expect(trials.map((t) => t.state)).toEqual(trials.map(() => 'queued'));
    } finally {
      await storage.close();
    }
    fs.rmSync(slow);
    const again = createPool({ threads: 2 });
    try {
      const resumed = await runStudy(study, { storage: db, pool: again, existing: 'resume' });
      expect(resumed.counts).toMatchObject({ complete: 4, failed: 0, queued: 0, running: 0 });
    } finally {
      await again.close();
    }
  }, 60_000);
});
