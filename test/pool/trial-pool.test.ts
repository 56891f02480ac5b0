import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObjectiveJob } from '../../src/pool/protocol.js';
import { runStudy } from '../../src/index.js';
import { TrialPool, TASKS_PER_WORKER } from '../../src/pool/trial-pool.js';
import { poolUsage } from '../../src/pool/pool-usage.js';
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

  const sleepJob = (id: number, ms: number, log?: string): ObjectiveJob => ({
    kind: 'objective',
    module: path.join(ROOT, 'test/fixtures/sleep-objective.mjs'),
    trialNumber: id,
    params: { id, ms, ...(log ? { log } : {}) },
    seed: id,
    budget: 1,
    fromBudget: 0,
    metric: 'value',
  });

  /** Runs `body` on a pool whose threads are all up with the module loaded, then closes it. */
  const withWarmPool = async (threads: number, body: (pool: TrialPool) => Promise<void>) => {
    const pool = new TrialPool(threads);
    try {
      // Until every thread has answered a job: on a loaded machine one thread can take the first
      // jobs while another is still starting.
      const answered = new Set<number>();
      const deadline = Date.now() + 20_000;
      while (answered.size < threads && Date.now() < deadline) {
        for (const r of await Promise.all(Array.from({ length: threads }, () => pool.run(sleepJob(0, 1))))) {
          if (r.span) answered.add(r.span.thread);
        }
      }
      expect(answered.size).toBe(threads);
      await body(pool);
    } finally {
      await pool.close();
    }
  };

  it('gives a job waiting behind a long one in a busy worker to a worker that went idle', async () => {
    // Both threads up and the module loaded, so the four jobs below meet two ready workers.
    await withWarmPool(2, async (pool) => {
      const t0 = Date.now();
      const doneAt = new Map<number, number>();
      // Two tasks per worker: one of the short jobs 3 and 4 lands behind the long job 1.
      const jobs = [sleepJob(1, 2000), sleepJob(2, 100), sleepJob(3, 100), sleepJob(4, 100)];
      const results = await Promise.all(
        jobs.map((j) =>
          pool.run(j).then((r) => {
            doneAt.set(j.trialNumber, Date.now() - t0);
            return r;
          }),
        ),
      );
      expect(results.map((r) => (r.state === 'complete' ? r.value : r.state))).toEqual([1, 2, 3, 4]);
      // Without stealing, the job behind job 1 would end after it (≥ 2.1 s).
      for (const id of [2, 3, 4]) expect(doneAt.get(id)!).toBeLessThan(doneAt.get(1)! - 1000);
      expect(pool.stolen).toBeGreaterThanOrEqual(1);
    });
  }, 60_000);

  it('gives each worker its next job also when jobs run with an abort signal (as rungs run does)', async () => {
    await withWarmPool(1, async (pool) => {
      const abort = new AbortController();
      const long = pool.run(sleepJob(1, 400), abort.signal);
      const next = pool.run(sleepJob(2, 1), abort.signal);
      await new Promise((r) => setTimeout(r, 100));
      // Piscina's own balancer would keep job 2 in its queue until job 1 ends.
      expect(pool.queued).toBe(0);
      expect((await Promise.all([long, next])).map((r) => r.state)).toEqual(['complete', 'complete']);
    });
  }, 60_000);

  it('an abort interrupts the jobs its signal covers; a job of another signal killed with their thread runs again', async () => {
    const log = path.join(tempDir(), 'again.log');
    await withWarmPool(1, async (pool) => {
      const mine = new AbortController();
      const theirs = new AbortController();
      const t0 = Date.now();
      // Job 3 (another run's) runs, job 1 waits behind it in the same worker, job 2 in Piscina's queue.
      const c = pool.run(sleepJob(3, 400, log), theirs.signal);
      const a = pool.run(sleepJob(1, 3000, log), mine.signal);
      const b = pool.run(sleepJob(2, 1, log), mine.signal);
      await new Promise((r) => setTimeout(r, 150));
      expect(pool.queued).toBe(1);
      // Aborting job 1 terminates the thread, and job 3 with it.
      mine.abort();
      const [ra, rb] = await Promise.all([a, b]);
      for (const r of [ra, rb]) expect(r).toMatchObject({ state: 'failed', message: 'interrupted' });
      // Job 3 did not share the abort: it runs again on the replacement thread, and completes.
      expect(await c).toMatchObject({ state: 'complete', value: 3 });
      expect(Date.now() - t0).toBeLessThan(2500);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['3']);
    });
  }, 60_000);

  it('withdraw takes back the given jobs that have not started (in a worker or in the queue): they answer at once and never run', async () => {
    const log = path.join(tempDir(), 'withdraw.log');
    await withWarmPool(1, async (pool) => {
      // Job 1 runs; job 2 waits behind it in the worker, jobs 3 and 4 in Piscina's queue; job 4 is not ours to take.
      const jobs = [sleepJob(1, 600, log), sleepJob(2, 1, log), sleepJob(3, 1, log), sleepJob(4, 1, log)];
      const order: number[] = [];
      const answers = jobs.map((j) => pool.run(j).then((r) => (order.push(j.trialNumber), r)));
      await new Promise((r) => setTimeout(r, 150));
      expect(pool.withdraw(new Set(jobs.slice(0, 3)))).toBe(2);
      const [r1, r2, r3, r4] = await Promise.all(answers);
      // Jobs 2 and 3 answered at once, before the running job 1 ended.
      expect(order).toEqual([2, 3, 1, 4]);
      for (const r of [r2, r3]) expect(r).toMatchObject({ state: 'failed', message: 'not started: the run stopped first' });
      expect(r1).toMatchObject({ state: 'complete', value: 1 });
      expect(r4).toMatchObject({ state: 'complete', value: 4 });
      // Nothing is left to take back, and the withdrawn jobs never ran.
      expect(pool.withdraw(new Set(jobs))).toBe(0);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['1', '4']);
    });
  }, 60_000);

  it('reports where and when each job ran: on one of the pool threads, one job at a time per thread', async () => {
    await withWarmPool(2, async (pool) => {
      const from = performance.timeOrigin + performance.now();
      const results = [
        ...(await Promise.all(Array.from({ length: 6 }, (_, i) => pool.run(sleepJob(i, 5))))),
        ...(await pool.runBatch(Array.from({ length: 6 }, (_, i) => sleepJob(10 + i, 5)))),
      ];
      const to = performance.timeOrigin + performance.now();
      const spans = results.map((r) => r.span!);
      expect(new Set(spans.map((s) => s.thread)).size).toBe(2);
      for (const s of spans) {
        expect(s.startedAt).toBeGreaterThanOrEqual(from);
        expect(s.endedAt).toBeLessThanOrEqual(to);
        expect(s.endedAt - s.startedAt).toBeGreaterThanOrEqual(4.5);
      }
      for (const thread of new Set(spans.map((s) => s.thread))) {
        const mine = spans.filter((s) => s.thread === thread).sort((a, b) => a.startedAt - b.startedAt);
        for (let i = 1; i < mine.length; i++) expect(mine[i]!.startedAt).toBeGreaterThanOrEqual(mine[i - 1]!.endedAt);
      }
      const usage = poolUsage(spans, 2, from, to);
      expect(usage.busy).toBeGreaterThan(0.2);
      expect(usage.busy + usage.idleBeforeFirst + usage.idleBetween + usage.idleAfterLast).toBeCloseTo(1, 9);
    });
  }, 60_000);

  it('runs every job exactly once while jobs are taken back and sent again (batches too)', async () => {
    // Whether a job is taken back depends on timing (a worker idle while another holds a waiting job):
    // on a loaded machine one round may see none. Every round must run each job once; some round must steal.
    let stolen = 0;
    for (let round = 0; round < 3 && stolen === 0; round++) {
      const log = path.join(tempDir(), 'runs.log');
      const pool = new TrialPool(2);
      try {
        // Mixed lengths in batches and singles, so workers keep going idle while jobs wait in the other.
        const ms = (id: number) => (id % 7 === 0 ? 40 : id % 3 === 0 ? 8 : 1);
        const singles = Array.from({ length: 40 }, (_, i) => pool.run(sleepJob(i, ms(i), log)));
        const batches = Array.from({ length: 10 }, (_, b) =>
          pool.runBatch(Array.from({ length: 6 }, (_, k) => sleepJob(100 + b * 6 + k, ms(b * 6 + k), log))),
        );
        const results = [...(await Promise.all(singles)), ...(await Promise.all(batches)).flat()];
        const ids = [...Array(40).keys(), ...Array.from({ length: 60 }, (_, i) => 100 + i)];
        expect(results.map((r) => (r.state === 'complete' ? r.value : r.state))).toEqual(ids);
        const ran = readFileSync(log, 'utf8').trim().split('\n').map(Number).sort((a, b) => a - b);
        expect(ran).toEqual(ids);
        stolen = pool.stolen;
      } finally {
        await pool.close();
      }
    }
    expect(stolen).toBeGreaterThan(0);
  }, 60_000);
});
