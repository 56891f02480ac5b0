/**
 * runStudy: the API entry that runs a defined study (or a plain StudySpec)
 * to the end and returns a summary. Objectives given as modules and built-in
 * tasks run on the worker pool; an inline objective function runs in this
 * thread.
 */
import { UsageError } from '../errors.js';
import { formatValue } from '../format-value.js';
import { threadCountProblem } from '../pool/thread-count.js';
import type { Storage, TrialRow } from '../storage/storage.js';
import { openSqliteStorage } from '../storage/sqlite-storage.js';
import { InlineRunner } from '../pool/inline-runner.js';
import { poolRunner, type WorkerPool } from '../pool/create-pool.js';
import type { Objective } from '../pool/run-objective-job.js';
import { defineStudy, INLINE_OBJECTIVE, type DefinedStudy } from './define-study.js';
import { executeStudy, type RunEvent, type RunSummary } from './execute-study.js';
import type { ExistingPolicy } from './open-study.js';
import { normalizeStudy } from './normalize-study.js';
import { preflightStudy } from './preflight-study.js';
import { entryProblems, storageOf, type StorageOption } from './storage-option.js';
import type { StudySpec } from './study-spec.js';
import type { Space } from '../search/space.js';

export interface RunStudyOptions {
  /** A Storage (or openStorage()'s StudyStore), or the path of a SQLite database (opened and closed here). */
  storage: StorageOption;
  /**
   * Worker threads of the pool runStudy starts (and closes), or calls of an inline objective at once;
   * default the study's `threads`, else the machine's cores (a pool) or 1 (an inline objective). Ignored with `pool`.
   */
  threads?: number;
  /** A pool from createPool() to run on instead of starting one: it is left open for the next study. */
  pool?: WorkerPool;
  /** When the study exists: 'fail' (default), 'resume' or 'overwrite'. */
  existing?: ExistingPolicy;
  /** Abort to stop handing out trials (running ones finish). */
  signal?: AbortSignal;
  /**
   * Abort to stop the running jobs too (the CLI's second Ctrl-C): their trials go back to the queue for
   * existing: 'resume'. Workers are terminated; an inline objective's promise is no longer awaited.
   */
  abortJobs?: AbortSignal;
  timeoutMs?: number;
  maxTrials?: number;
  /** Study-wide budget of epochs trained (overrides the study's maxEpochs). */
  maxEpochs?: number;
  /** Called after every job with the trial as stored and the best so far. */
  onTrial?: (trial: TrialRow, best: TrialRow | null) => void;
  onEvent?: (e: RunEvent) => void;
}

export async function runStudy<S extends Space>(study: DefinedStudy<S> | StudySpec, opts: RunStudyOptions): Promise<RunSummary> {
  // From plain JavaScript anything can come: say what, rather than fail on a property of null.
  const shape = entryProblems(study, opts, ['signal', 'abortJobs'], ['onTrial', 'onEvent']);
  if (shape.length > 0) throw new UsageError(shape.map((p) => `runStudy: ${p}`).join('\n'));
  const defined: DefinedStudy<S> = 'spec' in study ? study : (defineStudy(study as never) as DefinedStudy<S>);
  const normalized = normalizeStudy(defined.spec, defined.baseDir);
  if (normalized.objective === INLINE_OBJECTIVE && !defined.objective) {
    throw new UsageError(`study "${normalized.name}" has no objective: give one to defineStudy, or run its trials yourself with createStudy() (ask/tell)`);
  }
  // The option wins over the study's own `threads` (as --threads over the file's).
  const threads = opts.threads ?? defined.spec.threads;
  const problems = optionProblems(opts, threads);
  if (problems.length > 0) throw new UsageError(problems.map((p) => `runStudy: ${p}`).join('\n'));
  if (opts.pool && defined.objective) {
    throw new UsageError(`study "${normalized.name}" has an inline objective, which runs in this thread: a worker pool runs built-in tasks and objective modules`);
  }
  const shared = opts.pool ? poolRunner(opts.pool) : undefined;
  // Data or a module that does not load is refused before a database file is made (executeStudy checks again, cached).
  const given = storageOf(opts.storage)!;
  if (typeof given === 'string') await preflightStudy(normalized);
  const storage = typeof given === 'string' ? openSqliteStorage(given) : given;
  try {
    return await executeStudy(normalized, {
      storage,
      ...(shared ? { threads: shared.threads, runner: shared } : threads !== undefined ? { threads } : {}),
      ...(opts.existing ? { existing: opts.existing } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.abortJobs ? { abortJobs: opts.abortJobs } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.maxTrials !== undefined ? { maxTrials: opts.maxTrials } : {}),
      ...(opts.maxEpochs !== undefined ? { maxEpochs: opts.maxEpochs } : {}),
      ...(defined.objective ? { runner: new InlineRunner(defined.objective as unknown as Objective, threads ?? 1) } : {}),
      onEvent: (e) => {
        opts.onEvent?.(e);
        if (e.type === 'end') opts.onTrial?.(e.trial, e.best);
      },
    });
  } finally {
    if (typeof given === 'string') await storage.close();
  }
}

/** The options' problems, as the study file's fields are checked: a bad one was ignored or ran a study with 0 trials. */
function optionProblems(opts: RunStudyOptions, threads: number | undefined): string[] {
  const out: string[] = [];
  const threadsProblem = threads === undefined ? null : threadCountProblem(threads);
  if (threadsProblem) out.push(`threads ${threadsProblem} (got ${formatValue(threads)})`);
  for (const k of ['maxTrials', 'maxEpochs'] as const) {
    const v = opts[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) out.push(`${k} must be an integer ≥ 1 (got ${formatValue(v)})`);
  }
  const t = opts.timeoutMs;
  if (t !== undefined && !(typeof t === 'number' && Number.isFinite(t) && t > 0)) out.push(`timeoutMs must be a number of milliseconds > 0 (got ${formatValue(t)})`);
  return out;
}
