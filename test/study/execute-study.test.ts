import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeStudy } from '../../src/study/execute-study.js';
import { normalizeStudy } from '../../src/study/normalize-study.js';
import { openSqliteStorage } from '../../src/storage/sqlite-storage.js';
import type { StudySpec } from '../../src/study/study-spec.js';
import type { Job } from '../../src/pool/protocol.js';
import type { JobRunner } from '../../src/pool/job-runner.js';
import { runObjectiveJob } from '../../src/pool/run-objective-job.js';
import { runTaskJob } from '../../src/tasks/run-task-job.js';
import { DatasetCache } from '../../src/tasks/dataset-cache.js';
import { ROOT, tempDir } from '../helpers/run-cli.js';

const sha: StudySpec = {
  name: 'repro',
  seed: 11,
  task: { dataset: { synthetic: 'classification', samples: 400, features: 8, noise: 0.3 }, model: 'logistic', optimizer: { optimizer: 'adam' } },
  space: {
    lr: { type: 'float', low: 1e-4, high: 1, log: true },
    batchSize: { type: 'categorical', choices: [8, 32, 128] },
  },
  strategy: { type: 'successive-halving', candidates: 9, reductionFactor: 3, minBudget: 1, maxBudget: 9 },
};

/** Random search on the Branin function (examples/objectives/branin.mjs): fast objective jobs. */
const branin = (name: string, seed: number, trials: number): StudySpec => ({
  name,
  seed,
  objective: 'examples/objectives/branin.mjs',
  space: { x1: { type: 'float', low: -5, high: 10 }, x2: { type: 'float', low: 0, high: 15 } },
  strategy: { type: 'random', trials },
});

async function runWith(spec: StudySpec, threads: number, opts: { maxEpochs?: number; resumeWith?: number } = {}) {
  const storage = openSqliteStorage(path.join(tempDir(), 'r.db'));
  try {
    const study = normalizeStudy(spec, ROOT);
    const checkpoints = () => (storage.db.prepare('SELECT COUNT(*) AS n FROM checkpoints').get() as { n: number }).n;
    let summary = await executeStudy(study, { storage, threads, ...(opts.maxEpochs !== undefined ? { maxEpochs: opts.maxEpochs } : {}) });
    const first = summary;
    const checkpointsAfterFirst = checkpoints();
    if (opts.resumeWith !== undefined) summary = await executeStudy(study, { storage, threads, existing: 'resume', maxEpochs: opts.resumeWith });
    const trials = await storage.getTrials(summary.studyId);
    return {
      first,
      summary,
      checkpointsAfterFirst,
      checkpoints: checkpoints(),
      trials: trials.map((t) => ({ n: t.number, params: t.params, value: t.value, budget: t.budget, state: t.state, seed: t.seed, error: t.error, rungs: [...t.rungValues] })),
    };
  } finally {
    await storage.close();
  }
}

describe('executeStudy', () => {
  it('gives the same trials and values on 1 and 2 threads (successive halving)', async () => {
    const one = await runWith(sha, 1);
    const two = await runWith(sha, 2);
    expect(one.trials).toHaveLength(9);
    expect(two.trials).toEqual(one.trials);
    // 9 → 3 → 1 over budgets 1, 3, 9.
    expect(one.trials.filter((t) => t.budget === 9)).toHaveLength(1);
    expect(one.trials.filter((t) => t.budget === 3)).toHaveLength(2);
    expect(one.summary.counts.complete).toBe(1);
    expect(one.summary.counts.pruned).toBe(8);
    // Warm starts: the promoted trials train only the difference between rungs: 9·1 + 3·2 + 1·6.
    expect(one.summary.epochsTrained).toBe(9 + 6 + 6);
  }, 60_000);

  it('gives the same trials and values on 1 and 2 threads (Hyperband)', async () => {
    const spec: StudySpec = { ...sha, name: 'repro-hb', strategy: { type: 'hyperband', reductionFactor: 3, minBudget: 1, maxBudget: 9 } };
    const one = await runWith(spec, 1);
    const two = await runWith(spec, 2);
    // Brackets of 9@1, 5@3 (Li et al.: n = ⌈3/(s+1)·3^s⌉ → 9, 5, 3): 17 trials.
    expect(one.trials).toHaveLength(9 + 5 + 3);
    expect(two.trials).toEqual(one.trials);
    expect(one.summary.counts.complete).toBe(1 + 1 + 3);
  }, 60_000);

  it('gives the same trials and values on 1 and 2 threads (random search)', async () => {
    const spec: StudySpec = { ...sha, name: 'repro-random', task: { ...sha.task!, epochs: 3 }, strategy: { type: 'random', trials: 6 } };
    const one = await runWith(spec, 1);
    const two = await runWith(spec, 2);
    expect(one.trials).toHaveLength(6);
    expect(two.trials).toEqual(one.trials);
    expect(one.trials.every((t) => t.state === 'complete' && t.budget === 3)).toBe(true);
  }, 60_000);

  it('records a diverged trial as failed with reason "diverged", never as a huge number, and goes on', async () => {
    const spec: StudySpec = {
      name: 'diverge',
      seed: 1,
      task: { dataset: { synthetic: 'regression', samples: 200, features: 5 }, model: 'linear', optimizer: { optimizer: 'sgd', batchSize: 0 }, epochs: 60 },
      space: { lr: { type: 'float', low: 0.01, high: 1e6, log: true, values: [0.01, 1e6] } },
      strategy: { type: 'grid' },
    };
    const { trials, summary } = await runWith(spec, 2);
    const bad = trials.find((t) => t.params.lr === 1e6)!;
    const good = trials.find((t) => t.params.lr === 0.01)!;
    expect(bad.state).toBe('failed');
    expect(bad.value).toBeNull();
    expect(bad.error).toBe('diverged');
    expect(good.state).toBe('complete');
    expect(summary.best?.number).toBe(good.n);
  }, 60_000);

  it('maxEpochs stops handing out jobs once the epochs trained plus those in flight reach it (random search draws until spent)', async () => {
    const spec: StudySpec = { ...sha, name: 'epoch-budget', task: { ...sha.task!, epochs: 3 }, strategy: { type: 'random', trials: 100 } };
    const one = await runWith(spec, 1, { maxEpochs: 20 });
    const two = await runWith(spec, 2, { maxEpochs: 20 });
    // 7 trials × 3 epochs: the 7th is handed out at 18 < 20, after it 21 ≥ 20; never more than one job past the budget.
    expect(one.trials.map((t) => t.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(one.summary.epochsTrained).toBe(21);
    expect(one.summary.stopped).toBe('budget');
    expect(two.trials).toEqual(one.trials);
    expect(two.summary.stopped).toBe('budget');
  }, 60_000);

  it('a study that runs its last trial as the epoch budget is spent has finished, not stopped', async () => {
    // 7 trials × 3 epochs = 21 epochs, the budget exactly: nothing was left to hand out.
    const spec: StudySpec = { ...sha, name: 'epoch-budget-exact', task: { ...sha.task!, epochs: 3 }, strategy: { type: 'random', trials: 7 } };
    const one = await runWith(spec, 2, { maxEpochs: 21 });
    expect(one.trials).toHaveLength(7);
    expect(one.summary.stopped).toBe('done');
  }, 60_000);

  it("gives each 'end' event the best as of its own trial, even when results are recorded in batches", async () => {
    const spec = branin('best-order', 8, 300);
    const storage = openSqliteStorage(path.join(tempDir(), 'best-order.db'));
    const seen: number[] = [];
    let wrong = 0;
    let batched = 0;
    try {
      await executeStudy(normalizeStudy(spec, ROOT), {
        storage,
        threads: 2,
        onEvent: (e) => {
          if (e.type !== 'end') return;
          seen.push(e.trial.value!);
          if (e.best?.value !== Math.min(...seen)) wrong++;
        },
      });
      // Fast jobs are recorded several per transaction (so the old code, which gave every event of a batch its last best, would be caught).
      const trials = await storage.getTrials((await storage.getStudy('best-order'))!.id);
      batched = new Set(trials.map((t) => t.finishedAt)).size;
    } finally {
      await storage.close();
    }
    expect(seen).toHaveLength(300);
    expect(batched).toBeLessThan(300);
    expect(wrong).toBe(0);
  }, 60_000);

  it("says 'cap' when maxTrials stopped new trials, and 'done' when the strategy ended at the cap by itself", async () => {
    const spec: StudySpec = { ...sha, name: 'trial-cap', task: { ...sha.task!, epochs: 2 }, strategy: { type: 'random', trials: 6 } };
    const storage = openSqliteStorage(path.join(tempDir(), 'cap.db'));
    try {
      const study = normalizeStudy(spec, ROOT);
      const capped = await executeStudy(study, { storage, threads: 2, maxTrials: 4 });
      expect([capped.stopped, capped.counts.complete]).toEqual(['cap', 4]);
      const resumed = await executeStudy(study, { storage, threads: 2, existing: 'resume', maxTrials: 6 });
      expect([resumed.stopped, resumed.counts.complete]).toEqual(['done', 6]);
    } finally {
      await storage.close();
    }
  }, 60_000);

  it('maxEpochs counts the whole study across a resume: SHA stopped by its budget, resumed with a larger one, ends as if never stopped', async () => {
    const full = await runWith(sha, 2);
    const split = await runWith(sha, 2, { maxEpochs: 10, resumeWith: 1000 });
    expect(split.first.stopped).toBe('budget');
    expect(split.first.epochsTrained).toBeGreaterThanOrEqual(10);
    expect(split.first.epochsTrained).toBeLessThan(21);
    expect(split.summary.stopped).toBe('done');
    expect(split.trials).toEqual(full.trials);
    // The summary counts the whole study: no epoch trained twice across the stop.
    expect(split.summary.epochsTrained).toBe(full.summary.epochsTrained);
    // Stopped by the budget, the pruned trials keep their checkpoints (the resume promoted from them);
    // once the strategy is done, none can be continued and none is kept.
    expect(split.checkpointsAfterFirst).toBeGreaterThan(0);
    expect(split.checkpoints).toBe(0);
    expect(full.checkpoints).toBe(0);
  }, 60_000);

  it('runs many fast objective jobs (batched per message, several per transaction): each trial once, the same values on 1 and 2 threads', async () => {
    const spec = branin('fast', 3, 600);
    const one = await runWith(spec, 1);
    const two = await runWith(spec, 2);
    expect(two.trials.map((t) => t.n)).toEqual([...Array(600).keys()]);
    expect(two.trials.every((t) => t.state === 'complete')).toBe(true);
    expect(two.trials).toEqual(one.trials);
    // The summary says how busy the threads were (jobs report their spans on the worker).
    expect(two.summary.pool?.threads).toBe(2);
    expect(one.summary.pool?.threads).toBe(1);
    for (const u of [one.summary.pool!, two.summary.pool!]) {
      expect(u.busy).toBeGreaterThan(0);
      expect(u.busy + u.idleBeforeFirst + u.idleBetween + u.idleAfterLast).toBeCloseTo(1, 9);
    }
  }, 60_000);

  it('GP: the main thread stays responsive while a draw is made; a stop does not wait for it, and --resume gives the trials of an uninterrupted run', async () => {
    // 20 params, 300 random trials of a fast objective, then one GP draw from all of them (seconds).
    const names = Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const spec = (name: string): StudySpec => ({
      name,
      seed: 9,
      objective: 'test/fixtures/sphere-objective.mjs',
      space: Object.fromEntries(names.map((n) => [n, { type: 'float', low: -1, high: 1 }])),
      strategy: { type: 'gp', trials: 302, startupTrials: 300, maxConcurrent: 1 },
    });
    const storage = openSqliteStorage(path.join(tempDir(), 'gp-stop.db'));
    try {
      // Uninterrupted: how long the draw of trial 300 takes (from the 300th result to its start), and the longest
      // the main thread went without running a 10 ms timer meanwhile.
      let ended = 0;
      let drawFrom = 0;
      let drawMs = 0;
      let lastTick = 0;
      let longestGap = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        if (drawFrom > 0 && drawMs === 0) longestGap = Math.max(longestGap, now - lastTick);
        lastTick = now;
      }, 10);
      const whole = await executeStudy(normalizeStudy(spec('whole'), ROOT), {
        storage,
        threads: 2,
        onEvent: (e) => {
          if (e.type === 'end' && ++ended === 300) drawFrom = lastTick = performance.now();
          if (e.type === 'start' && e.number === 300) {
            drawMs = performance.now() - drawFrom;
            longestGap = Math.max(longestGap, drawFrom + drawMs - lastTick);
          }
        },
      });
      clearInterval(ticker);
      expect(whole.counts.complete).toBe(302);
      expect(drawMs).toBeGreaterThan(300);
      expect(longestGap).toBeLessThan(drawMs / 4);

      // Stopped 100 ms into the same draw: the run returns long before the draw would have ended.
      const stop = new AbortController();
      let stoppedAt = 0;
      ended = 0;
      const cut = await executeStudy(normalizeStudy(spec('cut'), ROOT), {
        storage,
        threads: 2,
        signal: stop.signal,
        onEvent: (e) => {
          if (e.type === 'end' && ++ended === 300) setTimeout(() => ((stoppedAt = performance.now()), stop.abort()), 100);
        },
      });
      const stopMs = performance.now() - stoppedAt;
      expect(stopMs).toBeLessThan(drawMs / 4);
      expect([cut.stopped, cut.counts.complete]).toEqual(['signal', 300]);

      const resumed = await executeStudy(normalizeStudy(spec('cut'), ROOT), { storage, threads: 2, existing: 'resume' });
      expect([resumed.stopped, resumed.counts.complete]).toEqual(['done', 302]);
      const trials = async (studyId: number) => (await storage.getTrials(studyId)).map((t) => ({ n: t.number, params: t.params, value: t.value, seed: t.seed }));
      expect(await trials(resumed.studyId)).toEqual(await trials(whole.studyId));
    } finally {
      await storage.close();
    }
  }, 120_000);

  it('hands fast jobs out in whole batches, not one per message as places free up', async () => {
    // A runner that records the size of each unit of work it is handed and answers on the next turn.
    const groups: number[] = [];
    const answer = (job: Job) => (job.kind === 'objective' ? runObjectiveJob(job) : Promise.reject(new Error('objective jobs only')));
    const runner: JobRunner = {
      threads: 2,
      slots: 4,
      run: (job) => {
        groups.push(1);
        return new Promise((r) => setImmediate(r)).then(() => answer(job));
      },
      runBatch: (jobs) => {
        groups.push(jobs.length);
        return new Promise((r) => setImmediate(r)).then(() => Promise.all(jobs.map(answer)));
      },
      close: async () => undefined,
    };
    const storage = openSqliteStorage(path.join(tempDir(), 'batches.db'));
    try {
      const spec = branin('batches', 5, 400);
      const summary = await executeStudy(normalizeStudy(spec, ROOT), { storage, runner });
      expect(summary.counts.complete).toBe(400);
      expect(groups.reduce((a, b) => a + b, 0)).toBe(400);
      // Refilled place by place, the groups shrink to single jobs within a few turns (then most
      // jobs travel alone); in whole batches, split over the 2 threads, they stay at 4 or more.
      const alone = groups.filter((g) => g === 1).length;
      expect(alone).toBeLessThan(400 / 20);
      expect(400 / groups.length).toBeGreaterThanOrEqual(3.5);
      // This runner's results carry no worker spans: no pool usage is made up.
      expect(summary.pool).toBeUndefined();
    } finally {
      await storage.close();
    }
  }, 60_000);

  it('asks a task job for a checkpoint only when a later job can continue from it (below the top budget, with warm starts)', async () => {
    // A runner that trains each task job here and records what it was asked and what it gave.
    const cache = new DatasetCache();
    const seen: { budget: number; save: boolean | undefined; sent: boolean }[] = [];
    const runner: JobRunner = {
      threads: 1,
      run: async (job) => {
        if (job.kind !== 'task') throw new Error('task jobs only');
        const r = runTaskJob(job, cache);
        seen.push({ budget: job.budget, save: job.saveCheckpoint, sent: 'checkpoint' in r });
        return r;
      },
      close: async () => undefined,
    };
    const run = async (strategy: StudySpec['strategy'], task = sha.task!) => {
      seen.length = 0;
      const storage = openSqliteStorage(path.join(tempDir(), 'save.db'));
      try {
        const summary = await executeStudy(normalizeStudy({ ...sha, task, strategy }, ROOT), { storage, runner });
        return { jobs: [...seen], trials: (await storage.getTrials(summary.studyId)).map((t) => [t.number, t.value, t.budget]) };
      } finally {
        await storage.close();
      }
    };
    const warm = await run(sha.strategy);
    expect(warm.jobs.map((j) => j.budget)).toEqual([...Array(9).fill(1), 3, 3, 3, 9]);
    for (const j of warm.jobs) expect(j).toEqual({ budget: j.budget, save: j.budget < 9, sent: j.budget < 9 });
    // Without warm starts nothing continues; random search's jobs all train to the top budget.
    const cold = await run({ ...sha.strategy, warmStart: false } as StudySpec['strategy']);
    expect(cold.jobs.every((j) => j.save === false && !j.sent)).toBe(true);
    const random = await run({ type: 'random', trials: 4 }, { ...sha.task!, epochs: 3 });
    expect(random.jobs).toEqual(Array(4).fill({ budget: 3, save: false, sent: false }));
    // What was not saved changes no value: the warm and cold studies rank the same trials the same.
    expect(cold.trials).toEqual(warm.trials);
  }, 60_000);

  it('finishes a study even when the store refuses to drop its checkpoints (they stay; results stand)', async () => {
    const real = openSqliteStorage(path.join(tempDir(), 'refuse.db'));
    const storage = new Proxy(real, {
      get: (target, key, receiver) =>
        key === 'dropCheckpoints' ? () => Promise.reject(new Error('database is locked')) : Reflect.get(target, key, receiver),
    });
    try {
      const summary = await executeStudy(normalizeStudy(sha, ROOT), { storage, threads: 2 });
      expect(summary.stopped).toBe('done');
      expect(summary.counts.complete).toBeGreaterThan(0);
      expect((real.db.prepare('SELECT COUNT(*) AS n FROM checkpoints').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      await real.close();
    }
  }, 60_000);
});
