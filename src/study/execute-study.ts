/**
 * The run loop: a thin client of the ask/tell engine that keeps the pool's
 * threads busy. Each turn first commits every result that arrived (one
 * transaction), then claims as many jobs as there are free places (one
 * transaction), so a trial's result is always committed before its next job
 * is handed out. Jobs that take under FAST_JOB_MS on average travel several
 * per message and more of them are queued than there are threads, so workers
 * never wait for the main thread's SQLite work; a 'start' event then means
 * "handed to the pool", not "on a thread". A GP draw (seconds at a few
 * hundred trials) is made on a draw thread (pool/draw-thread.ts) while the
 * loop goes on; the claim takes only decisions that are ready. Stopping
 * (signal, timeout) stops handing out jobs, drops a draw in progress and lets
 * running jobs finish; `abortJobs` aborts them, and they go back to `queued`
 * for --resume.
 */
import { setMaxListeners } from 'node:events';
import type { Fork, PlanBracket, TrialState } from '../search/strategy.js';
import type { Storage, StudyRow, TrialRow } from '../storage/storage.js';
import type { Job, JobResult } from '../pool/protocol.js';
import { INTERRUPTED, NOT_STARTED } from '../pool/interrupted-result.js';
import { PoolUsageMeter, type PoolUsage } from '../pool/pool-usage.js';
import { TrialPool, defaultThreads } from '../pool/trial-pool.js';
import { DrawThread } from '../pool/draw-thread.js';
import { preflightStudy, type DataShape } from './preflight-study.js';
import type { JobRunner } from '../pool/job-runner.js';
import { StorageError, UsageError } from '../errors.js';
import { openStudy, type TrialsChange, type ExistingPolicy } from './open-study.js';
import { HEARTBEAT_MS, STALE_MS, StudyEngine, isBetter, type Claimed } from './study-engine.js';
import { paretoFront } from '../stats/pareto-front.js';
import { meanMetricsOf } from '../stats/mean-metrics.js';
import { rankConfigs, type ConfigStats } from '../stats/rank-configs.js';
import { configGroupBy } from './config-group-by.js';
import { tallyTrials } from './tally-trials.js';
import type { NormalizedStudy } from './study-spec.js';
import { spaceNotes } from './space-notes.js';
import { strategyNotes } from './strategy-notes.js';
import type { Exhausted } from './exhaust-count.js';

const POLL_MS = 100;

export type RunEvent =
  | {
      type: 'plan';
      study: string;
      plan: PlanBracket[];
      resumed: boolean;
      threads: number;
      totalTrials: number | undefined;
      /** Whether promoted trials continue from their checkpoint: only for strategies that promote (halving ones). */
      warmStart?: boolean;
      /** The study-wide epoch budget (maxEpochs), when there is one: the run stops there. */
      maxEpochs?: number;
      /** What "exhaust" came to (successive halving's candidates or minBudget, Hyperband's iterations), when the study says so. */
      exhausted?: Exhausted;
      /** The study-wide trial cap (maxTrials), when there is one: no trial starts past it. */
      maxTrials?: number;
      /** The most trials the strategy lets run at once (Strategy.concurrency), when it limits them. */
      concurrency?: number;
      /** The first trial that may wait on those before it (Strategy.concurrencyFrom), with `concurrency`. */
      concurrencyFrom?: number;
      /** The option that sets `concurrency` (Strategy.concurrencyOption), when not maxConcurrent. */
      concurrencyOption?: string;
      /** A built-in task's rows: how many train, validate and (task.test) test every trial. */
      data?: DataShape;
      /** What in the space wastes trials without being an error (space-notes.ts), when anything does. */
      notes?: string[];
      /** How many points the study enqueues (with repeats, each is a configuration: `repeats` trials). */
      enqueued?: number;
      /** Runs per configuration (the study's repeats), when more than 1. */
      repeats?: number;
      /** The resume changed strategy.trials from the stored count to this study's. */
      trialsChanged?: TrialsChange;
    }
  | { type: 'requeued'; numbers: number[] }
  /**
   * A job starts. On the first job of a forked trial (PBT's exploit), `forkOf` says which trial at which budget it
   * is a copy of and `donorParams` that trial's params (`params` are the copy's, explored from them).
   */
  | { type: 'start'; number: number; budget: number; fromBudget: number; bracket: number; params: TrialRow['params']; forkOf?: Fork; donorParams?: TrialRow['params'] }
  /** `best`: the best trial so far; null in a study of several objectives, which has a Pareto front instead. */
  | { type: 'end'; trial: TrialRow; result: JobResult; best: TrialRow | null }
  | { type: 'stopping'; reason: 'signal' | 'timeout' }
  /** Trials whose jobs were handed out but had not started when the run stopped: they went back to the queue, for --resume. */
  | { type: 'withdrawn'; numbers: number[] };

export interface RunOptions {
  storage: Storage;
  /** Worker threads of the pool started here (default defaultThreads()); with `runner`, its own `threads` count instead. */
  threads?: number;
  /** What to do when the study exists already (default: fail with a message naming --resume/--overwrite). */
  existing?: ExistingPolicy;
  /** Aborting stops handing out jobs; running ones finish and are recorded. */
  signal?: AbortSignal;
  /** Aborting kills running jobs; their trials go back to `queued`. */
  abortJobs?: AbortSignal;
  /** Stop handing out jobs after this long. */
  timeoutMs?: number;
  /** Overrides the study's maxTrials (study-wide, across processes). */
  maxTrials?: number;
  /** Overrides the study's maxEpochs (study-wide budget of epochs trained, across processes and resumes). */
  maxEpochs?: number;
  onEvent?: (e: RunEvent) => void;
  /** Runs the jobs instead of a new worker pool (an inline objective, a shared pool); not closed at the end. */
  runner?: JobRunner;
}

export interface RunSummary {
  study: string;
  studyId: number;
  counts: Record<TrialState, number>;
  /** The best trial; null in a study of several objectives, which has no one best (Optuna's best_trial raises): see `paretoFront`. */
  best: TrialRow | null;
  /** A multi-objective study's best trials: its Pareto front, by the first objective (stats/pareto-front.ts). */
  paretoFront?: TrialRow[];
  /**
   * With repeats (k seeds a configuration): the best configuration, by the mean of its seeds, as `rungs best`
   * and `show` rank it (stats/rank-configs.ts), with `metrics` the mean of each of its trials' metrics. `best`
   * stays the best single trial, which may be a lucky seed.
   */
  bestConfig?: ConfigStats & { metrics: Record<string, number> };
  /** Epochs actually trained by all jobs (warm starts make this less than budgets summed). */
  epochsTrained: number;
  durationMs: number;
  /**
   * 'done': the strategy finished; 'budget': the study's maxEpochs was spent before it did; 'cap': the
   * trial cap (maxTrials) stopped it from starting more; 'signal' / 'timeout': the run was stopped.
   * All but 'done' leave work that --resume (existing: 'resume') can continue.
   */
  stopped: 'done' | 'signal' | 'timeout' | 'budget' | 'cap';
  /**
   * How busy the worker threads were with this run's jobs, from its start to its end (absent when
   * no job ran on a worker, e.g. an inline objective). On a pool shared with another run at the
   * same time, that run's jobs count as idle time here.
   */
  pool?: PoolUsage;
}

export async function executeStudy(study: NormalizedStudy, opts: RunOptions): Promise<RunSummary> {
  const from = performance.timeOrigin + performance.now();
  const { storage } = opts;
  // A runner given (a shared pool, an inline objective) decides how many jobs run at once.
  const threads = opts.runner?.threads ?? opts.threads ?? defaultThreads();
  // Before anything is stored (or an old study overwritten): data that does not load, an objective module that does not.
  const data = await preflightStudy(study);
  const { row, resumed, raised } = await openStudy(storage, study, opts.existing ?? 'fail');
  const engine = new StudyEngine(study, row, storage, {
    ...(opts.maxTrials !== undefined ? { maxTrials: opts.maxTrials } : {}),
    ...(opts.maxEpochs !== undefined ? { maxEpochs: opts.maxEpochs } : {}),
  });
  const s = engine.strategy;
  const notes = [...spaceNotes(study), ...strategyNotes(study)];
  opts.onEvent?.({
    type: 'plan',
    study: study.name,
    plan: s.plan(),
    resumed,
    threads,
    totalTrials: s.totalTrials,
    ...(s.warmStart !== undefined ? { warmStart: s.warmStart } : {}),
    ...(engine.maxEpochs !== undefined ? { maxEpochs: engine.maxEpochs } : {}),
    ...(study.exhausted !== undefined ? { exhausted: study.exhausted } : {}),
    ...(engine.maxTrials !== undefined ? { maxTrials: engine.maxTrials } : {}),
    ...(s.concurrency !== undefined ? { concurrency: s.concurrency } : {}),
    ...(s.concurrency !== undefined && s.concurrencyFrom !== undefined ? { concurrencyFrom: s.concurrencyFrom } : {}),
    ...(s.concurrency !== undefined && s.concurrencyOption !== undefined ? { concurrencyOption: s.concurrencyOption } : {}),
    // PBT never has more jobs in flight than members: the same note, once under way.
    ...(s.concurrency === undefined && s.parallelism ? { concurrency: s.parallelism.jobs, concurrencyOption: s.parallelism.option } : {}),
    ...(data ? { data } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(raised !== undefined ? { trialsChanged: raised } : {}),
    ...(study.enqueue !== undefined ? { enqueued: study.enqueue.length } : {}),
    ...(study.repeats > 1 ? { repeats: study.repeats } : {}),
  });
  const meter = new PoolUsageMeter(from);
  const ended = await loop(engine, opts, threads, meter).catch(async (e: unknown) => {
    throw await explainGone(e, storage, row);
  });
  const stopped = ended !== 'done' ? ended : engine.budgetReached ? 'budget' : engine.capReached ? 'cap' : 'done';
  // The engine's mirror holds every trial; only what changed since its last claim is read back.
  const trials = await engine.sync();
  const { counts, epochsTrained } = tallyTrials(trials);
  const [best] = study.objectives ? [] : await storage.best(row.id, 1);
  const [config] = study.repeats > 1 && !study.objectives ? rankConfigs(trials, study.direction, { groupBy: configGroupBy(study) }) : [];
  const bestConfig = config ? { ...config, metrics: meanMetricsOf(config.trials, trials) } : undefined;
  const to = performance.timeOrigin + performance.now();
  const pool = meter.empty ? undefined : meter.usage(threads, to);
  return {
    study: study.name,
    studyId: row.id,
    counts,
    best: best ?? null,
    ...(study.objectives ? { paretoFront: paretoFront(trials, study.objectives) } : {}),
    ...(bestConfig ? { bestConfig } : {}),
    epochsTrained,
    durationMs: Math.round(to - from),
    stopped,
    ...(pool ? { pool } : {}),
  };
}

/**
 * Jobs shorter than this are "fast": the loop then keeps more jobs queued
 * than threads, so a worker never waits for the main thread's SQLite work.
 */
const FAST_JOB_MS = 20;
const FAST_DEPTH_PER_THREAD = 3;
/** Fast jobs travel to a worker this many per message. */
const FAST_BATCH = 8;

/** Runs the study's jobs until the strategy is done or the run stops; every job's worker span goes to `meter`. */
async function loop(
  engine: StudyEngine,
  opts: RunOptions,
  threads: number,
  meter: PoolUsageMeter,
): Promise<RunSummary['stopped']> {
  const pool = opts.runner ?? new TrialPool(threads);
  // GP draws are made on a thread of their own (started at the first), so this one stays free to record and stop.
  const drawer = engine.strategy.pendingDraw ? new DrawThread() : undefined;
  let drawing = false;
  // The pool listens on abortJobs once per job in flight (dozens for fast jobs), each removed when its job ends.
  if (opts.abortJobs) setMaxListeners(0, opts.abortJobs);
  const deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : Number.POSITIVE_INFINITY;
  let inflight = 0;
  // The jobs handed out and not answered: a stop takes back those that have not started (JobRunner.withdraw).
  const handedOut = new Set<Job>();
  const notStarted: number[] = [];
  // Results wait here until the loop records them, several per transaction.
  let finished: { trial: TrialRow; result: JobResult }[] = [];
  let wake: (() => void) | null = null;
  let failure: unknown;
  let jobs = 0;
  let jobMs = 0;
  const beat = setInterval(() => {
    if (inflight > 0) engine.heartbeat().catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  // A stop or the deadline wakes the loop at once: it does not wait for a draw in progress.
  const wakeUp = () => wake?.();
  opts.signal?.addEventListener('abort', wakeUp);
  opts.abortJobs?.addEventListener('abort', wakeUp);
  const timer = Number.isFinite(deadline) ? setTimeout(wakeUp, Math.min(deadline - Date.now() + 1, 2 ** 31 - 1)) : undefined;
  timer?.unref();
  const stopReason = () => (opts.signal?.aborted || opts.abortJobs?.aborted ? 'signal' : Date.now() > deadline ? 'timeout' : null);

  /** Makes the claim's next slow decision on the draw thread; the loop claims it once remembered. */
  const draw = (count: number) => {
    const next = drawing || !drawer ? undefined : engine.nextDraw(count);
    if (!next) return;
    drawing = true;
    drawer!
      .draw(next)
      .then(
        (params) => engine.strategy.remember!(next, params),
        (e) => {
          failure ??= e;
        },
      )
      .finally(() => {
        drawing = false;
        wake?.();
      });
  };

  /** Runs claimed jobs as one unit on the pool (one message for a batch of fast jobs). */
  const launch = (group: Claimed[]) => {
    inflight += group.length;
    for (const c of group) handedOut.add(c.job);
    for (const { trial, job, fromBudget, donorParams } of group) {
      const fork = donorParams && trial.forkOf ? { forkOf: trial.forkOf, donorParams } : {};
      opts.onEvent?.({ type: 'start', number: trial.number, budget: job.budget, fromBudget, bracket: trial.bracket, params: trial.params, ...fork });
    }
    const run =
      group.length > 1 && pool.runBatch
        ? pool.runBatch(group.map((c) => c.job), opts.abortJobs)
        : Promise.all(group.map((c) => pool.run(c.job, opts.abortJobs)));
    run
      .then((results) => {
        results.forEach((result, i) => {
          jobs++;
          jobMs += result.durationMs;
          if (result.span) meter.add(result.span);
          // An aborted job is not a result, nor is one cut short by its pool being closed under the
          // run: its trial goes back to the queue (release below).
          const aborted = opts.abortJobs?.aborted && result.state === 'failed' && result.message === INTERRUPTED;
          const cut = pool.closed === true && result.state === 'failed';
          // Taken back by a stop before it started: it never ran, and its trial goes back to the queue.
          const withdrawn = result.state === 'failed' && result.message === NOT_STARTED;
          if (withdrawn) notStarted.push(group[i]!.trial.number);
          else if (!aborted && !cut) finished.push({ trial: group[i]!.trial, result });
        });
      })
      .catch((e) => {
        failure ??= e;
      })
      .finally(() => {
        inflight -= group.length;
        for (const c of group) handedOut.delete(c.job);
        wake?.();
      });
  };

  const record = async () => {
    if (finished.length === 0) return;
    const batch = finished;
    finished = [];
    const before = engine.best;
    const updated = await engine.tellMany(batch);
    if (!opts.onEvent) return;
    // Each event carries the best as of its own trial, so a progress line never quotes a later trial's value.
    let best = before;
    for (let i = 0; i < batch.length; i++) {
      if (!engine.study.objectives && isBetter(updated[i]!, best, engine.study.direction)) best = updated[i]!;
      opts.onEvent({ type: 'end', trial: updated[i]!, result: batch[i]!.result, best });
    }
  };

  let lastRequeue = 0;
  let announced = false;
  let poolClosed = false;
  try {
    for (;;) {
      if (failure) throw failure;
      // Every finished job is committed before any new job is handed out.
      await record();
      // Aborting the running jobs stops the run as well.
      const stop = stopReason();
      // A shared pool closed by its owner runs nothing more: the run ends with an error once its jobs are back.
      if (opts.runner?.closed) poolClosed = true;
      if (stop && !announced) {
        announced = true;
        opts.onEvent?.({ type: 'stopping', reason: stop });
        // Jobs waiting behind running ones would each hold the stop up by a whole job.
        pool.withdraw?.(handedOut);
      }
      if (!stop && Date.now() - lastRequeue > STALE_MS / 2) {
        lastRequeue = Date.now();
        const numbers = await engine.requeueOrphans();
        if (numbers.length > 0) opts.onEvent?.({ type: 'requeued', numbers });
      }
      let idle: 'wait' | 'done' = 'wait';
      // Batching is for a worker pool; an inline objective runs at most `threads` jobs at once.
      const fast = pool.runBatch !== undefined && jobs >= threads && jobMs / jobs < FAST_JOB_MS;
      // Every pool worker holds its next job while it runs one (pool.slots), so a worker that
      // finishes starts the next at once instead of waiting for this loop's SQLite turn.
      const depth = fast ? threads * FAST_DEPTH_PER_THREAD * FAST_BATCH : (pool.slots ?? threads);
      // Fast jobs are claimed a whole batch at a time: refilling each freed place at once would
      // send them one per message, and a worker would then hold only ~2 jobs (its 2 tasks), so
      // any SQLite turn of the main thread longer than that left it idle (measured: ASHA on
      // 2.3 ms jobs, 729 trials, 85% busy that way, 94% with whole batches). A low-water mark
      // keeps the queue from running dry while a batch's worth of places frees up.
      const refill = !fast || depth - inflight >= FAST_BATCH || inflight <= threads * FAST_BATCH;
      if (!stop && !poolClosed && inflight < depth && refill) {
        const want = depth - inflight;
        // With a draw thread, the claim takes only decisions that are ready, and the next slow one is drawn there.
        const asked = await engine.askMany(want, { readyOnly: drawer !== undefined });
        // Split what was claimed evenly over the threads (a batch must not leave a worker idle at the tail).
        const per = fast ? Math.max(1, Math.min(FAST_BATCH, Math.ceil(asked.claimed.length / threads))) : 1;
        for (let i = 0; i < asked.claimed.length; i += per) launch(asked.claimed.slice(i, i + per));
        if (asked.claimed.length < want) idle = asked.idle;
        draw(want - asked.claimed.length);
      }
      const drawWait = drawing && !stop;
      if (inflight > 0 || finished.length > 0 || drawWait) {
        // A stop that came during this round ends a wait for the draw at once (the top of the loop then stops).
        if (finished.length === 0 && !(drawWait && stopReason())) await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      if (poolClosed) {
        throw new UsageError(
          `the worker pool was closed while study "${engine.study.name}" was running on it: its unfinished trials went back to the queue; run it again with existing: 'resume' on an open pool`,
        );
      }
      if (stop) return stop;
      // Nothing of ours runs: finished, or another process holds the jobs the strategy waits on.
      if (idle === 'done' || !engine.anyInFlight()) return 'done';
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    clearInterval(beat);
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', wakeUp);
    opts.abortJobs?.removeEventListener('abort', wakeUp);
    // A draw in progress is abandoned: it is made again, from the same trials, by the next run.
    await drawer?.close();
    while (inflight > 0) await new Promise<void>((r) => (wake = r));
    if (!failure) await record().catch(() => undefined);
    if (opts.abortJobs?.aborted || poolClosed) await engine.release(poolClosed ? 'the worker pool was closed' : 'interrupted');
    else if (notStarted.length > 0 && !failure) {
      // Every other job of this run has been recorded: what this run still holds is exactly the trials taken back
      // (after a failure, results may be unrecorded: the trials stay held, and a resume requeues them as orphans).
      await engine.release(NOT_STARTED);
      opts.onEvent?.({ type: 'withdrawn', numbers: notStarted.sort((a, b) => a - b) });
    }
    if (!opts.runner) await pool.close();
  }
}

/**
 * A trial or study that vanished under the run means another process deleted or overwrote the study
 * (rungs delete, --overwrite): say that, not "no trial with id 10".
 */
async function explainGone(e: unknown, storage: Storage, row: StudyRow): Promise<unknown> {
  if (!(e instanceof StorageError) || !['E_NO_SUCH_TRIAL', 'E_NO_SUCH_STUDY', 'E_TRIAL_NOT_HELD'].includes(e.code)) return e;
  const now = await storage.getStudy(row.name).catch(() => undefined);
  // Study ids are never given twice (storage migration 3): the same id is the same study.
  if (now?.id === row.id) return e;
  return new StorageError(
    `study "${row.name}" was ${now ? 'overwritten' : 'deleted'} by another run while this one was using it: this run's results went with it`,
    'E_STUDY_GONE',
  );
}
