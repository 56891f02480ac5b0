/**
 * A worker-thread pool several studies can share: its threads start once
 * (about 50 ms each) and stay warm (their compiled code and dataset caches
 * survive from one study to the next), which matters when a program runs
 * many short studies. runStudy uses it without closing it; the caller closes
 * it when done.
 */
import { UsageError } from '../errors.js';
import type { JobRunner } from './job-runner.js';
import { TrialPool, defaultThreads } from './trial-pool.js';
import { threadCountProblem } from './thread-count.js';
import { formatValue, isRecord, unknownKeyIssues } from '../format-value.js';

export interface WorkerPool {
  readonly threads: number;
  /** Whether close() was called; a closed pool runs nothing. */
  readonly closed: boolean;
  /** Stops the threads (waits for running jobs to be terminated). */
  close(): Promise<void>;
}

export interface CreatePoolOptions {
  /** Worker threads (default: the machine's cores). */
  threads?: number;
}

export function createPool(options: CreatePoolOptions = {}): WorkerPool {
  // From plain JavaScript a misspelt option ({ thread: 2 }) would silently give the default.
  const given: unknown = options;
  if (!isRecord(given)) throw new UsageError(`createPool: the options must be an object (got ${formatValue(given)})`);
  const unknown = unknownKeyIssues(given, ['threads'], 'createPool options');
  if (unknown.length > 0) throw new UsageError(unknown.join('\n'));
  const threads = options.threads ?? defaultThreads();
  const problem = threadCountProblem(threads);
  if (problem) throw new UsageError(`createPool: threads ${problem} (got ${formatValue(threads)})`);
  return new TrialPool(threads);
}

/** The pool as the run loop uses it; refuses a closed pool or one not made by createPool. */
export function poolRunner(pool: WorkerPool): JobRunner {
  if (!(pool instanceof TrialPool)) throw new UsageError('pool must be a pool made by createPool()');
  if (pool.closed) throw new UsageError('pool is closed: make a new one with createPool()');
  return pool;
}
