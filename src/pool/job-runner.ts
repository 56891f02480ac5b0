/** What the run loop needs of whatever runs jobs: the worker-thread pool, or in-process for inline objectives. */
import type { Job, JobResult } from './protocol.js';

export interface JobRunner {
  readonly threads: number;
  /** Jobs it takes at once without queueing them (default threads): a pool worker holds a running and a waiting one. */
  readonly slots?: number;
  /** Runs one job; a job's own failure is a `failed` result, never a rejection. */
  run(job: Job, signal?: AbortSignal): Promise<JobResult>;
  /** Runs several jobs as one unit of work (fast jobs); results in order. */
  runBatch?(jobs: Job[], signal?: AbortSignal): Promise<JobResult[]>;
  /**
   * Takes back those of `jobs` that were handed out but have not started (they wait behind a running job):
   * a run that stops lets its running jobs finish, not the ones queued behind them. Each answers at once,
   * failed with the message NOT_STARTED. Returns how many were taken back.
   */
  withdraw?(jobs: ReadonlySet<Job>): number;
  close(): Promise<void>;
  /** True once close() was called: a shared pool its owner closed while a run was using it. */
  readonly closed?: boolean;
}
