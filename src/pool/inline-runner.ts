/**
 * Runs an objective given as a function (API users) on the main thread:
 * functions cannot cross to worker threads. `threads` jobs may be in flight
 * at once, which helps objectives that await I/O.
 */
import type { JobRunner } from './job-runner.js';
import type { Job, JobResult } from './protocol.js';
import { runObjectiveJob, type Objective } from './run-objective-job.js';

export class InlineRunner implements JobRunner {
  constructor(
    private readonly objective: Objective,
    readonly threads = 1,
  ) {}

  async run(job: Job): Promise<JobResult> {
    if (job.kind !== 'objective') throw new Error('InlineRunner runs objective jobs only');
    return runObjectiveJob(job, this.objective);
  }

  async close(): Promise<void> {}
}
