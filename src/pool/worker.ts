/**
 * Worker-thread entry: a thin adapter that never throws across the thread
 * boundary. Built-in tasks go to runTaskJob with a dataset cache that lives
 * as long as the worker; user objectives are imported once per module.
 */
import type { Job, JobResult } from './protocol.js';
import { runTaskJob } from '../tasks/run-task-job.js';
import { DatasetCache } from '../tasks/dataset-cache.js';
import { runObjectiveJob } from './run-objective-job.js';

const cache = new DatasetCache();

/**
 * The pool hands a worker a second task while its first runs (TASKS_PER_WORKER):
 * tasks run strictly one after the other, in the order they arrived, so an
 * async objective never shares its thread with another trial.
 */
let previous: Promise<unknown> = Promise.resolve();

/** One job, or a batch of fast jobs in one message (saves the per-message cost of the thread hop). */
export default function runTask(task: Job | { batch: Job[] }): Promise<JobResult | JobResult[]> {
  const next = previous.then(() => runTaskNow(task));
  previous = next.catch(() => undefined);
  return next;
}

async function runTaskNow(task: Job | { batch: Job[] }): Promise<JobResult | JobResult[]> {
  if ('batch' in task) {
    const out: JobResult[] = [];
    for (const job of task.batch) out.push(await runJob(job));
    return out;
  }
  return runJob(task);
}

async function runJob(job: Job): Promise<JobResult> {
  const started = Date.now();
  try {
    if (job.kind === 'task') return runTaskJob(job, cache);
    return await runObjectiveJob(job);
  } catch (e) {
    return {
      state: 'failed',
      reason: 'error',
      message: e instanceof Error ? e.message : String(e),
      metrics: {},
      curve: [],
      budget: 0,
      epochsTrained: 0,
      durationMs: Date.now() - started,
    };
  }
}
