/**
 * Worker-thread entry: a thin adapter that never throws across the thread
 * boundary. Built-in tasks go to runTaskJob with a dataset cache that lives
 * as long as the worker; user objectives are imported once per module.
 */
import { threadId, workerData } from 'node:worker_threads';
import type { Job, JobResult, WorkerReply, WorkerTask } from './protocol.js';
import { runTaskJob } from '../tasks/run-task-job.js';
import { DatasetCache } from '../tasks/dataset-cache.js';
import { runObjectiveJob } from './run-objective-job.js';
import { JobCells } from './job-cells.js';

const cache = new DatasetCache();
const data = workerData as { jobCells?: unknown } | undefined;
const cells = data?.jobCells instanceof SharedArrayBuffer ? new JobCells(data.jobCells) : null;

/**
 * The pool hands a worker a second task while its first runs (TASKS_PER_WORKER):
 * tasks run strictly one after the other, in the order they arrived, so an
 * async objective never shares its thread with another trial.
 */
let previous: Promise<unknown> = Promise.resolve();

/** Jobs in one message (fast jobs travel several at a time: it saves the per-message cost of the thread hop). */
export default function runTask(task: WorkerTask): Promise<WorkerReply[]> {
  const next = previous.then(() => runTaskNow(task));
  previous = next.catch(() => undefined);
  return next;
}

async function runTaskNow(task: WorkerTask): Promise<WorkerReply[]> {
  const out: WorkerReply[] = [];
  for (let i = 0; i < task.jobs.length; i++) {
    const cell = task.cells[i]!;
    // A job the main thread took back (an idle worker got it instead) is skipped.
    if (cells && !cells.start(cell)) {
      out.push(null);
      continue;
    }
    const startedAt = performance.timeOrigin + performance.now();
    const result = await runJob(task.jobs[i]!);
    result.span = { thread: threadId, startedAt, endedAt: performance.timeOrigin + performance.now() };
    out.push(result);
    cells?.finish(cell);
  }
  return out;
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
