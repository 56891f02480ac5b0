/**
 * Runs an objective given as a function (API users) on the main thread:
 * functions cannot cross to worker threads. `threads` jobs may be in flight
 * at once, which helps objectives that await I/O.
 */
import type { JobRunner } from './job-runner.js';
import type { Job, JobResult } from './protocol.js';
import { runObjectiveJob, type Objective } from './run-objective-job.js';
import { interruptedResult } from './interrupted-result.js';

export class InlineRunner implements JobRunner {
  constructor(
    private readonly objective: Objective,
    readonly threads = 1,
  ) {}

  /**
   * A promise cannot be cancelled: aborting `signal` answers the job as interrupted at once (as a pool
   * does when it terminates a worker) and the objective's own result, if it ever comes, is dropped.
   */
  async run(job: Job, signal?: AbortSignal): Promise<JobResult> {
    if (job.kind !== 'objective') throw new Error('InlineRunner runs objective jobs only');
    const running = runObjectiveJob(job, this.objective);
    if (!signal) return running;
    const started = Date.now();
    let onAbort = () => {};
    const interrupted = new Promise<JobResult>((resolve) => {
      onAbort = () => resolve(interruptedResult(started));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([running, interrupted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {}
}
