import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { defineStudy, float, int, openStorage, runStudy, TrialPruned, UsageError, type RunEvent } from '../../src/index.js';
import { collectReportData } from '../../src/study/collect-report-data.js';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import { tempDir } from '../helpers/run-cli.js';

/** An inline objective that awaits I/O (a timer), and how many of its calls ran at once at most. */
function awaitingObjective() {
  const seen = { now: 0, most: 0, calls: 0 };
  const study = defineStudy({
    name: 'inline-io',
    seed: 3,
    space: { x: float(0, 1) },
    strategy: { type: 'random', trials: 8 },
    objective: async (p) => {
      seen.calls++;
      seen.most = Math.max(seen.most, ++seen.now);
      await sleep(15);
      seen.now--;
      return p.x;
    },
  });
  return { study, seen };
}

describe('runStudy with an inline objective', () => {
  it('with repeats, the summary has the best configuration (the mean of its seeds) beside the best single trial', async () => {
    const study = defineStudy({
      name: 'inline-repeats',
      seed: 5,
      repeats: 3,
      space: { x: float(0, 1) },
      strategy: { type: 'random', trials: 4 },
      // A seed-dependent noise that can make one lucky seed of a worse configuration the best single trial.
      objective: (p, ctx) => p.x + ((ctx.seed % 1000) / 1000 - 0.5) * 0.6,
    });
    const storage = path.join(tempDir(), 'rep.db');
    const summary = await runStudy(study, { storage });
    const config = summary.bestConfig!;
    expect(config.n).toBe(3);
    const trials = await (await openStorage(storage)).trials('inline-repeats');
    const mine = trials.filter((t) => config.trials.includes(t.number));
    expect(mine).toHaveLength(3);
    const mean = mine.reduce((a, t) => a + t.value!, 0) / 3;
    expect(config.mean).toBeCloseTo(mean, 12);
    expect(config.metrics.value).toBeCloseTo(mean, 12);
    // No other configuration has a lower mean.
    for (const t of trials) {
      const same = trials.filter((u) => u.params.x === t.params.x);
      expect(same.reduce((a, u) => a + u.value!, 0) / same.length).toBeGreaterThanOrEqual(mean - 1e-12);
    }
    expect(summary.best).not.toBeNull();
  });

  it('runs one call at a time when no thread count is given, whatever the machine has', async () => {
    const { study, seen } = awaitingObjective();
    const events: RunEvent[] = [];
    const summary = await runStudy(study, { storage: path.join(tempDir(), 'one.db'), onEvent: (e) => events.push(e) });
    expect(summary.counts.complete).toBe(8);
    expect(seen.calls).toBe(8);
    expect(seen.most).toBe(1);
    // The plan announces the concurrency the run really has.
    expect(events.find((e) => e.type === 'plan')).toMatchObject({ threads: 1 });
  });

  it('overlaps up to `threads` calls when asked to', async () => {
    const { study, seen } = awaitingObjective();
    const events: RunEvent[] = [];
    const summary = await runStudy(study, { storage: path.join(tempDir(), 'three.db'), threads: 3, onEvent: (e) => events.push(e) });
    expect(summary.counts.complete).toBe(8);
    // 8 calls of 15 ms each, handed out 3 at a time: the timers overlap, and never more than 3.
    expect(seen.most).toBe(3);
    expect(events.find((e) => e.type === 'plan')).toMatchObject({ threads: 3 });
  });

  it('announces warmStart in its plan event only for a strategy that promotes', async () => {
    const plans = async (strategy: Parameters<typeof defineStudy>[0]['strategy']): Promise<RunEvent[]> => {
      const events: RunEvent[] = [];
      const study = defineStudy({ name: `warm-${strategy.type}`, space: { x: float(0, 1) }, strategy, objective: (p) => p.x });
      await runStudy(study, { storage: path.join(tempDir(), 'warm.db'), onEvent: (e) => events.push(e) });
      return events.filter((e) => e.type === 'plan');
    };
    const [random] = await plans({ type: 'random', trials: 2 });
    expect(random).not.toHaveProperty('warmStart');
    const [sha] = await plans({ type: 'successive-halving', candidates: 3, minBudget: 1, maxBudget: 3 });
    expect(sha).toMatchObject({ warmStart: true });
  });

  it("takes the study's own threads when the option does not say", async () => {
    const { study, seen } = awaitingObjective();
    await runStudy({ ...study, spec: { ...study.spec, threads: 2 } }, { storage: path.join(tempDir(), 'two.db') });
    expect(seen.most).toBe(2);
  });

  it('refuses a thread count out of [1, 256] before anything is stored', async () => {
    const { study, seen } = awaitingObjective();
    const db = path.join(tempDir(), 'bad.db');
    await expect(runStudy(study, { storage: db, threads: 1e9 })).rejects.toThrow('runStudy: threads must be an integer in [1, 256] (got 1000000000)');
    await expect(runStudy(study, { storage: db, threads: 0 })).rejects.toThrow(UsageError);
    expect(seen.calls).toBe(0);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses data that does not load before a database file is made', async () => {
    const db = path.join(tempDir(), 'nodata.db');
    const study = defineStudy({ name: 'nodata', space: { lr: float(1e-3, 1, { log: true }) }, strategy: { type: 'random', trials: 2 }, task: { dataset: { csv: path.join(tempDir(), 'missing.csv') }, model: 'linear', epochs: 1 } });
    await expect(runStudy(study, { storage: db })).rejects.toThrow(/^study "nodata": task\.dataset: .*missing\.csv/);
    expect(existsSync(db)).toBe(false);
  });

  it('a trial pruned at ±Infinity failed (diverged): it is never ranked, let alone best', async () => {
    const db = path.join(tempDir(), 'inf.db');
    for (const [direction, bad] of [['minimize', -Infinity], ['maximize', Infinity]] as const) {
      const study = defineStudy({
        name: `inf-${direction}`,
        direction,
        budget: 3,
        space: { x: float(0, 1) },
        strategy: { type: 'random', trials: 6 },
        objective: (p, ctx) => {
          ctx.report(1, p.x);
          if (p.x < 0.5) {
            ctx.report(2, bad);
            throw new TrialPruned();
          }
          return p.x;
        },
      });
      const summary = await runStudy(study, { storage: db });
      expect(summary.best === null || Number.isFinite(summary.best.value)).toBe(true);
      const store = openSqliteStorage(db);
      try {
        const trials = await store.getTrials(summary.studyId);
        const low = trials.filter((t) => (t.params.x as number) < 0.5);
        expect(low.length).toBeGreaterThan(0);
        for (const t of low) expect([t.state, t.error, t.value]).toEqual(['failed', 'diverged', null]);
        expect((await store.best(summary.studyId, 10)).every((t) => Number.isFinite(t.value))).toBe(true);
      } finally {
        await store.close();
      }
    }
  });

  it('a promoted trial pruned before it reports anything keeps the value of the rung it reached, and its rank', async () => {
    const db = path.join(tempDir(), 'promoted.db');
    const study = defineStudy({
      name: 'promoted',
      seed: 3,
      space: { x: float(0, 1) },
      strategy: { type: 'successive-halving', candidates: 9, minBudget: 1, maxBudget: 9 },
      objective: (p, ctx) => {
        // Every promoted job (it continues from the checkpoint saved below) stops at once, without a report.
        if (ctx.fromBudget > 0) throw new TrialPruned();
        ctx.report(1, p.x);
        ctx.saveCheckpoint(new Uint8Array([1]));
        return p.x;
      },
    });
    const summary = await runStudy(study, { storage: db });
    const store = openSqliteStorage(db);
    try {
      const trials = await store.getTrials(summary.studyId);
      const lowest = [...trials].sort((a, b) => (a.params.x as number) - (b.params.x as number));
      // The best three at budget 1 were promoted: each is pruned, still at budget 1 with its value there.
      for (const t of lowest.slice(0, 3)) expect([t.state, t.budget, t.value]).toEqual(['pruned', 1, t.params.x]);
      expect(summary.best?.number).toBe(lowest[0]!.number);
      expect((await store.best(summary.studyId, 1))[0]?.number).toBe(lowest[0]!.number);
    } finally {
      await store.close();
    }
  });

  it("says how to resume or overwrite in the API's words too, and refuses an unknown `existing`", async () => {
    const { study } = awaitingObjective();
    const db = path.join(tempDir(), 'again.db');
    await runStudy(study, { storage: db });
    await expect(runStudy(study, { storage: db })).rejects.toThrow(/already exists.*--resume \(API: existing: 'resume'\).*--overwrite \(existing: 'overwrite'\)/);
    await expect(runStudy(study, { storage: db, existing: 'bogus' as never })).rejects.toThrow("existing must be one of 'fail', 'resume', 'overwrite' (got \"bogus\")");
    expect((await runStudy(study, { storage: db, existing: 'resume' })).counts.complete).toBe(8);
  });

  it('checks its options as the study file checks the same fields, before anything runs', async () => {
    const { study, seen } = awaitingObjective();
    const db = path.join(tempDir(), 'opts.db');
    await expect(runStudy(study, { storage: db, timeoutMs: -1 })).rejects.toThrow('runStudy: timeoutMs must be a number of milliseconds > 0 (got -1)');
    await expect(runStudy(study, { storage: db, timeoutMs: '100' as never })).rejects.toThrow('(got "100")');
    await expect(runStudy(study, { storage: db, maxTrials: 0 })).rejects.toThrow('runStudy: maxTrials must be an integer ≥ 1 (got 0)');
    await expect(runStudy(study, { storage: db, maxEpochs: Number.NaN })).rejects.toThrow('runStudy: maxEpochs must be an integer ≥ 1 (got NaN)');
    await expect(runStudy(study, {} as never)).rejects.toThrow('runStudy: storage must be the path of a SQLite file, a Storage or the StudyStore of openStorage() (got undefined)');
    // From plain JavaScript: a UsageError that says what, not a TypeError from deep inside.
    await expect(runStudy(study, undefined as never)).rejects.toThrow('runStudy: the options must be an object with at least storage (got undefined)');
    await expect(runStudy(null as never, { storage: db })).rejects.toThrow("runStudy: the study must be what defineStudy() returns or a study object (got null)");
    await expect(runStudy(study, { storage: db, signal: {} as never, onEvent: 5 as never })).rejects.toThrow(
      'runStudy: signal must be an AbortSignal (got {})\nrunStudy: onEvent must be a function (got 5)',
    );
    expect(seen.calls).toBe(0);
    expect(existsSync(db)).toBe(false);
  });

  it('abortJobs stops an objective that never resolves: the run ends, its trial goes back to the queue', async () => {
    const db = path.join(tempDir(), 'hang.db');
    let calls = 0;
    const hang = defineStudy({
      name: 'hang',
      space: { x: float(0, 1) },
      strategy: { type: 'random', trials: 3 },
      objective: () => {
        calls++;
        return new Promise<number>(() => {});
      },
    });
    const abortJobs = new AbortController();
    setTimeout(() => abortJobs.abort(), 200);
    // timeoutMs alone lets running jobs finish, as Optuna's timeout does: this one never would.
    const summary = await runStudy(hang, { storage: db, timeoutMs: 100, abortJobs: abortJobs.signal });
    // The run ends once the job is aborted: a stop by signal.
    expect(summary.stopped).toBe('signal');
    expect(calls).toBe(1);
    expect(summary.counts).toMatchObject({ queued: 1, running: 0, failed: 0, complete: 0 });
  });

  it('says so when another run deletes or overwrites the study under it, not "no trial with id N"', async () => {
    const db = path.join(tempDir(), 'gone.db');
    for (const how of ['deleted', 'overwritten'] as const) {
      const { study } = awaitingObjective();
      const slow = { ...study, spec: { ...study.spec, strategy: { type: 'random' as const, trials: 200 } } };
      // Its rejection is taken at once: it comes while the other run below is still going.
      const run = runStudy(slow, { storage: db, existing: 'overwrite' }).then(
        () => null,
        (e: unknown) => e,
      );
      await sleep(100);
      if (how === 'deleted') {
        const other = openSqliteStorage(db);
        await other.deleteStudy('inline-io');
        await other.close();
      } else {
        const { study: again } = awaitingObjective();
        await runStudy(again, { storage: db, existing: 'overwrite' });
      }
      expect(await run).toMatchObject({ code: 'E_STUDY_GONE', message: `study "inline-io" was ${how} by another run while this one was using it: this run's results went with it` });
    }
  });
});

describe('runStudy with constant params (low = high)', () => {
  it.each([false, true])('TPE (multivariate: %s) runs to the end: each constant its value in every trial, finite values everywhere, importance 0', async (multivariate) => {
    const study = defineStudy({
      name: `constant-${multivariate}`,
      seed: 5,
      space: {
        x: float(-2, 2),
        n: int(1, 9),
        k: int(3, 3),
        kl: int(4, 4, { log: true }),
        c: float(0.1, 0.1),
        cl: float(0.01, 0.01, { log: true }),
        cs: float(0.5, 0.5, { step: 0.1 }),
      },
      strategy: { type: 'tpe', trials: 30, startupTrials: 5, maxConcurrent: 1, multivariate },
      objective: (p) => (p.x - 0.5) ** 2 + (p.n - 4) ** 2 / 10 + p.k + p.kl + p.c + p.cl + p.cs,
    });
    const db = path.join(tempDir(), 'constant.db');
    const summary = await runStudy(study, { storage: db });
    expect(summary.counts.complete).toBe(30);
    const store = openStorage(db);
    try {
      const trials = await store.trials(study.spec.name);
      expect(trials).toHaveLength(30);
      for (const t of trials) {
        expect(t.params).toMatchObject({ k: 3, kl: 4, c: 0.1, cl: 0.01, cs: 0.5 });
        expect(Number.isFinite(t.params['x']) && Number.isFinite(t.params['n']) && Number.isFinite(t.value)).toBe(true);
      }
      // TPE still steers the params that vary: its trials after the startup beat the random ones.
      const best = (ts: typeof trials) => Math.min(...ts.map((t) => t.value!));
      expect(best(trials.slice(5))).toBeLessThan(best(trials.slice(0, 5)));
      const { importance } = await collectReportData(store, study.spec.name);
      expect(importance.every((r) => Number.isFinite(r.importance))).toBe(true);
      expect(importance.filter((r) => ['k', 'kl', 'c', 'cl', 'cs'].includes(r.param)).map((r) => r.importance)).toEqual([0, 0, 0, 0, 0]);
    } finally {
      await store.close();
    }
  });
});
